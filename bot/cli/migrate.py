"""``puente migrate``: bring Puente's database up to the newest schema.

``make run`` (``puente run``) calls it before any server starts, and a deploy runs it
once before starting replicas. It is the only migrator: servers and the other
commands only check the schema and, when it is behind, stop with an error that names
this command. It is serialized (:func:`bot.db.migrate`), so two deploys running it
at once are safe.
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
