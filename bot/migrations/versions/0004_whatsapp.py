"""Inbound WhatsApp message ids already answered (bot.channels.seen.SeenMessage).

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """One row per hashed message id; the unique key makes a claim atomic."""
    op.create_table(
        "whatsapp_seen_messages",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash", name="pk_whatsapp_seen_messages"),
    )
    op.create_index(
        "ix_whatsapp_seen_messages_seen_at", "whatsapp_seen_messages", ["seen_at"]
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_index(
        "ix_whatsapp_seen_messages_seen_at", table_name="whatsapp_seen_messages"
    )
    op.drop_table("whatsapp_seen_messages")
