"""Programs managed in the review app (issue 16 §1): active flag and the right to.

Organizers mark a program inactive instead of deleting it (families stop seeing
it, its id and history stay, and it can be made active again); the lookup filters
on it, so it joins the covering index ``ix_programs_lookup`` before ``id``. Admins
may always manage programs; an organizer may when given the right
(``puente users add EMAIL --programs``).

Revision ID: 0011
Revises: 0010 (after 0009)
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
#: The programs table's own line of migrations (0002, 0006, 0009) comes first.
depends_on = "0009"

#: Kept here literally, not imported: a migration is a snapshot of its day.
OLD_LOOKUP = [
    "latitude", "longitude", "format", "grade_min", "grade_max", "subjects",
    "languages", "sessions_per_week", "max_group_size", "consistent_tutor", "setting",
    "id",
]
NEW_LOOKUP = [*OLD_LOOKUP[:-1], "active", "id"]


def upgrade() -> None:
    """Add ``programs.active`` (true for every program) and the organizers' right."""
    with op.batch_alter_table("programs") as batch:
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    op.drop_index("ix_programs_lookup", table_name="programs")
    op.create_index("ix_programs_lookup", "programs", NEW_LOOKUP)
    with op.batch_alter_table("review_users") as batch:
        batch.add_column(sa.Column("manages_programs", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    """Drop both columns; inactive programs become visible again."""
    with op.batch_alter_table("review_users") as batch:
        batch.drop_column("manages_programs")
    op.drop_index("ix_programs_lookup", table_name="programs")
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("active")
    op.create_index("ix_programs_lookup", "programs", OLD_LOOKUP)
