"""Flag conversations in which a family wrote of a crisis (issue 11).

Organizers filter on it to follow up with care; the flag is derived from the
``crisis`` intent already stored in the conversation, so nothing new about the
family is kept. Summaries are rebuilt from the events on the next refresh (the
watermark goes back to 0; organizers' notes live in their own table and stay), so
the flag also appears on conversations from before this migration.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the flag and empty the summaries, so the next refresh sets it everywhere."""
    with op.batch_alter_table("review_conversations") as batch:
        batch.add_column(
            sa.Column("crisis", sa.Boolean, nullable=False, server_default=sa.false())
        )
    op.execute("DELETE FROM review_conversations")
    op.execute("UPDATE review_state SET value = '0'")


def downgrade() -> None:
    """Drop the flag."""
    with op.batch_alter_table("review_conversations") as batch:
        batch.drop_column("crisis")
