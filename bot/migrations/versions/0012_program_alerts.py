"""Program alerts: "tell me when a program opens near me" (bot.programs.alerts).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create requests (the number sealed), programs told about, anonymous counts."""
    op.create_table(
        "program_alerts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("conversation", sa.String(64), nullable=False),
        sa.Column("phone", sa.LargeBinary, nullable=True),
        sa.Column("zip", sa.String(10), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("grade", sa.Integer, nullable=True),
        sa.Column("subject", sa.String(30), nullable=False),
        sa.Column("program_language", sa.String(10), nullable=False),
        sa.Column("format", sa.String(20), nullable=False),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_program_alerts"),
    )
    op.create_index("ix_program_alerts_conversation", "program_alerts",
                    ["conversation"])
    op.create_index("ix_program_alerts_expires_at", "program_alerts", ["expires_at"])
    op.create_table(
        "program_alerts_sent",
        sa.Column("alert_id", sa.Integer, nullable=False),
        sa.Column("program_id", sa.Integer, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("alert_id", "program_id",
                                name="pk_program_alerts_sent"),
    )
    op.create_table(
        "program_alert_events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_program_alert_events"),
    )
    op.create_index("ix_program_alert_events_day", "program_alert_events", ["day"])


def downgrade() -> None:
    """Drop the three tables (requests waiting in them are forgotten)."""
    op.drop_index("ix_program_alert_events_day", table_name="program_alert_events")
    op.drop_table("program_alert_events")
    op.drop_table("program_alerts_sent")
    op.drop_index("ix_program_alerts_expires_at", table_name="program_alerts")
    op.drop_index("ix_program_alerts_conversation", table_name="program_alerts")
    op.drop_table("program_alerts")
