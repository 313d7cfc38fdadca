"""WhatsApp messages received and not yet answered (bot.channels.inbox).

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLE = "whatsapp_pending_messages"


def upgrade() -> None:
    """One row per message until answered; the phone number only sealed."""
    op.create_table(
        TABLE,
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("message", sa.LargeBinary, nullable=False),
        sa.Column("answer", sa.LargeBinary, nullable=True),
        sa.Column("delivered", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name=f"pk_{TABLE}"),
    )
    op.create_index(f"ix_{TABLE}_written_at", TABLE, ["written_at"])
    op.create_index(f"ix_{TABLE}_lease_until", TABLE, ["lease_until"])


def downgrade() -> None:
    """Drop the table (messages waiting in it are not answered)."""
    op.drop_index(f"ix_{TABLE}_lease_until", table_name=TABLE)
    op.drop_index(f"ix_{TABLE}_written_at", table_name=TABLE)
    op.drop_table(TABLE)
