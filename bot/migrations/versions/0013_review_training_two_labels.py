"""The training queue labels every message twice, blind (issue 10 §1).

Each organizer's label is a row of its own (``review_training_labels``), so two
people can label a message without seeing each other's choice, and only the
messages both label alike become training data (``bot.review.training``). A label
chosen before this migration (the queue's one ``intent`` column, chosen by an
organizer who saw no other) becomes the first label, by the labeler
``EARLIER``; a second organizer's label decides it. The queue did not record who
chose it, so whoever did should leave that message to someone else.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: Who labeled a message before labels had labelers (not an e-mail address, so
#: never one of the organizers).
EARLIER = "(label from before 2026-12-05)"


def upgrade() -> None:
    """Create the labels table, move the single labels into it, drop the column."""
    op.create_table(
        "review_training_labels",
        sa.Column("item_id", sa.Integer,
                  sa.ForeignKey("review_training.id", ondelete="CASCADE",
                                name="fk_review_training_labels_item_id_review_training"),
                  nullable=False),
        sa.Column("labeler", sa.String(255), nullable=False),
        sa.Column("label", sa.String(255), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("item_id", "labeler", name="pk_review_training_labels"),
    )
    op.execute(sa.text(
        "INSERT INTO review_training_labels (item_id, labeler, label, at) "
        "SELECT id, :earlier, intent, added_at FROM review_training "
        "WHERE intent IS NOT NULL AND intent <> ''").bindparams(earlier=EARLIER))
    with op.batch_alter_table("review_training") as batch:
        batch.drop_column("intent")


def downgrade() -> None:
    """Put each message's first label back in the ``intent`` column."""
    with op.batch_alter_table("review_training") as batch:
        batch.add_column(sa.Column("intent", sa.String(255), nullable=True))
    op.execute(
        "UPDATE review_training SET intent = (SELECT label FROM review_training_labels "
        "WHERE item_id = review_training.id ORDER BY at, labeler LIMIT 1)")
    op.drop_table("review_training_labels")
