"""Base revision: every feature's first migration revises this one.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: the base every feature branch starts from."""


def downgrade() -> None:
    """Nothing to undo."""
