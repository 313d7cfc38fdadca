"""Count what the assistant said, not what it predicted (issue 16: true figures).

"Messages the assistant could not answer" now counts its fallback, "please tap Yes,
No or Not sure" and out-of-scope answers, and a conversation's topics are the FAQ
answers it gave (a checklist answer such as "twice a week" is no schedule
question). Summaries are rebuilt from the events on the next refresh, as in 0007;
organizers' notes live in their own table and stay.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Empty the summaries: the next refresh rebuilds them from the events."""
    op.execute("DELETE FROM review_conversations")
    op.execute("UPDATE review_state SET value = '0'")


def downgrade() -> None:
    """Empty the summaries again, for the older code to rebuild its own way."""
    op.execute("DELETE FROM review_conversations")
    op.execute("UPDATE review_state SET value = '0'")
