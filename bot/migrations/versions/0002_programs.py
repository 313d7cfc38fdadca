"""Programs and unmet demand (issue 3: find a tutoring program near me).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the programs table (indexed for the bounding-box lookup), unmet demand."""
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("provider", sa.String(200), nullable=False),
        sa.Column("description_en", sa.Text, nullable=False),
        sa.Column("description_es", sa.Text, nullable=False),
        sa.Column("grade_min", sa.Integer, nullable=False),
        sa.Column("grade_max", sa.Integer, nullable=False),
        sa.Column("subjects", sa.String(300), nullable=False),
        sa.Column("languages", sa.String(100), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("setting", sa.String(30), nullable=False),
        sa.Column("sessions_per_week", sa.Integer, nullable=False),
        sa.Column("minutes_per_session", sa.Integer, nullable=False),
        sa.Column("max_group_size", sa.Integer, nullable=False),
        sa.Column("consistent_tutor", sa.Boolean, nullable=False),
        sa.Column("cost", sa.String(200), nullable=False),
        sa.Column("eligibility", sa.Text, nullable=False),
        sa.Column("phone", sa.String(50), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("website", sa.String(300), nullable=False),
        sa.Column("address", sa.String(300), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("zip", sa.String(10), nullable=False),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("service_radius_miles", sa.Float, nullable=True),
        sa.Column("served_zips", sa.Text, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("last_verified", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_programs"),
        sa.UniqueConstraint("key", name="uq_programs_key"),
    )
    for column in ("grade_min", "grade_max", "format"):
        op.create_index(f"ix_programs_{column}", "programs", [column])
    # One index on both coordinates: the bounding box is answered from the index.
    op.create_index(
        "ix_programs_latitude_longitude", "programs", ["latitude", "longitude"]
    )
    op.create_table(
        "program_unmet_demand",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("zip", sa.String(10), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("grade", sa.Integer, nullable=True),
        sa.Column("subject", sa.String(30), nullable=False),
        sa.Column("language", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_program_unmet_demand"),
    )
    op.create_index("ix_program_unmet_demand_day", "program_unmet_demand", ["day"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("program_unmet_demand")
    op.drop_table("programs")
