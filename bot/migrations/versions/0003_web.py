"""The widget endpoint's rate-limit counters (bot.web.limits.RateCounter).

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """One row per key and one-minute window."""
    op.create_table(
        "web_rate_counters",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "minute", name="pk_web_rate_counters"),
    )
    op.create_index("ix_web_rate_counters_minute", "web_rate_counters", ["minute"])


def downgrade() -> None:
    """Drop the counters."""
    op.drop_index("ix_web_rate_counters_minute", table_name="web_rate_counters")
    op.drop_table("web_rate_counters")
