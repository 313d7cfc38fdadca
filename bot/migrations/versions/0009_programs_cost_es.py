"""What families pay, in Spanish (issue 12: no English words on a Spanish card).

Puente says "Free" and "$10 a month" in either language itself; any other wording
("Sliding scale") is the program's own, so the importer now asks for it in Spanish
too. Programs imported before this have none: their Spanish card says to ask the
program until the next import fills it.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the Spanish cost, empty until the next import fills it."""
    with op.batch_alter_table("programs") as batch:
        batch.add_column(
            sa.Column("cost_es", sa.String(200), nullable=False, server_default="")
        )


def downgrade() -> None:
    """Drop the Spanish cost."""
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("cost_es")
