"""``puente migrate``: bring Puente's database up to the newest schema.

``make run`` (``puente run``) calls it before any server starts, and a deploy runs it
once before starting replicas. It is serialized (:func:`bot.db.migrate`), so
replicas that still migrate on first use find nothing left to do.
"""

from __future__ import annotations

import argparse

from bot.settings import Settings


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente migrate`` to the command line."""
    commands.add_parser("migrate", help="update the database schema") \
        .set_defaults(handler=_migrate)


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import migrate

    migrate(settings.database_url)
    print("The database schema is up to date.")
    return 0
