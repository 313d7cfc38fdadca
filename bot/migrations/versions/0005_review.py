"""The review app: conversation summaries, notes, accounts, training queue, audit.

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the review app's tables."""
    op.create_table(
        "review_conversations",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("started_at", sa.Float, nullable=False),
        sa.Column("last_at", sa.Float, nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("turns", sa.Integer, nullable=False),
        sa.Column("fallback_turns", sa.Integer, nullable=False),
        sa.Column("topics", sa.Text, nullable=False),
        sa.Column("fell_back", sa.Boolean, nullable=False),
        sa.Column("asked_person", sa.Boolean, nullable=False),
        sa.Column("gave_feedback", sa.Boolean, nullable=False),
        sa.Column("unmet_search", sa.Boolean, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.UniqueConstraint("key", name="uq_review_conversations_key"),
    )
    for column in ("last_at", "day", "channel", "language"):
        op.create_index(f"ix_review_conversations_{column}", "review_conversations",
                        [column])
    state = op.create_table(
        "review_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(255), nullable=False),
    )
    # The refresh locks this row while it folds events in (bot/review/summaries.py).
    op.bulk_insert(state, [{"key": "events_watermark", "value": "0"}])
    op.create_table(
        "review_notes",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        sa.Column("reviewed", sa.Boolean, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("updated_by", sa.String(255), nullable=True),
        sa.Column("updated_at", sa.Float, nullable=True),
    )
    op.create_table(
        "review_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.UniqueConstraint("email", name="uq_review_users_email"),
    )
    op.create_table(
        "review_training",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender_id", sa.String(255), nullable=False),
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("seen_intent", sa.String(255), nullable=True),
        sa.Column("confidence", sa.Float, nullable=True),
        sa.Column("intent", sa.String(255), nullable=True),
        sa.Column("added_by", sa.String(255), nullable=False),
        sa.Column("added_at", sa.Float, nullable=False),
        sa.UniqueConstraint("event_id", name="uq_review_training_event_id"),
    )
    op.create_index("ix_review_training_sender_id", "review_training", ["sender_id"])
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("user_id", sa.Integer,
                  sa.ForeignKey("review_users.id", ondelete="SET NULL",
                                name="fk_review_audit_user_id_review_users"),
                  nullable=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
    )
    op.create_index("ix_review_audit_at", "review_audit", ["at"])


def downgrade() -> None:
    """Drop the review app's tables."""
    for table in ("review_audit", "review_training", "review_users", "review_notes",
                  "review_state", "review_conversations"):
        op.drop_table(table)
