"""The ``puente`` command: run the assistant and manage its data.

Each sub-command lives in its own module under ``bot.cli`` with a ``register``
function; add the module's name to ``COMMANDS`` to put it on the command line.
The settings are read once, here, and passed to the sub-command's handler.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import List

from bot.settings import Settings, load_settings

COMMANDS = (
    "bot.cli.run",
    "bot.cli.serve",
    "bot.cli.migrate",
    "bot.cli.users",
    "bot.cli.retention",
    "bot.cli.review",
    "bot.cli.programs",
)


def build_parser() -> argparse.ArgumentParser:
    """Build the command line, one sub-command per job."""
    parser = argparse.ArgumentParser(prog="puente", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: List[str] | None = None, settings: Settings | None = None) -> int:
    """Entry point of the ``puente`` command (tests may pass their own ``settings``)."""
    from bot.db import SchemaBehind

    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args, settings or load_settings()) or 0)
    except SchemaBehind as behind:  # says to run `puente migrate`
        print(behind, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
