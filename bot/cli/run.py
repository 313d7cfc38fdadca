"""``puente run``: start the Rasa server, the action server and the pages server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT, Settings


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente run`` to the command line."""
    run = commands.add_parser("run", help="start the assistant (Rasa, actions, pages)")
    run.add_argument("--model", default=str(PROJECT_ROOT / "models" / "puente.tar.gz"))
    run.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.processes import run_all
    from bot.db import migrate

    model = Path(args.model)
    if not model.exists():
        print(f"No trained model at {model}: run `make train` (or `make run`).",
              file=sys.stderr)
        return 2
    migrate(settings.database_url)  # once, before any server starts
    return run_all(settings, model)
