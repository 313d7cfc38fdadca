"""Answer the program lookup from one covering index (issue 3: p95 at 100k programs).

The bounding-box query used an index on (latitude, longitude) and then read every
program row in the box from the table to check the filters and rank: in dense Los
Angeles that is thousands of random reads per lookup. An index holding every
column the lookup filters, ranks and returns answers it without touching the table
(SQLite always; PostgreSQL once the table is vacuumed, which the importer does).
``id`` is listed last for PostgreSQL; SQLite has it in every index anyway.

Revision ID: 0006
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op

revision = "0006"
down_revision = "0002"
branch_labels = None
depends_on = None

#: Kept here literally, not imported: a migration is a snapshot of its day.
LOOKUP_COLUMNS = [
    "latitude", "longitude", "format", "grade_min", "grade_max", "subjects",
    "languages", "sessions_per_week", "max_group_size", "consistent_tutor", "setting",
    "id",
]


def upgrade() -> None:
    """Replace the two-column coordinates index by the covering lookup index."""
    op.create_index("ix_programs_lookup", "programs", LOOKUP_COLUMNS)
    op.drop_index("ix_programs_latitude_longitude", table_name="programs")


def downgrade() -> None:
    """Back to the two-column coordinates index."""
    op.create_index(
        "ix_programs_latitude_longitude", "programs", ["latitude", "longitude"]
    )
    op.drop_index("ix_programs_lookup", table_name="programs")
