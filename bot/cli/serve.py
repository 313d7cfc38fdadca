"""``puente serve NAME``: one of ``puente run``'s servers alone, in the foreground.

Containers (``compose.yaml``) and ``make scale-test`` run each server on its own, as
many replicas as wanted, with exactly the command and environment ``puente run``
gives it: the topology that is tested and the one that is shipped run the same
thing. Nothing is migrated here: a deploy runs ``puente migrate`` first, and a
server finding the schema behind says so.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.settings import PROJECT_ROOT, Settings


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente serve`` to the command line."""
    from bot.cli.processes import SERVER_NAMES

    serve = commands.add_parser("serve", help="run one server in the foreground")
    serve.add_argument("server", choices=SERVER_NAMES)
    serve.add_argument("--model",
                       default=str(PROJECT_ROOT / "models" / "puente.tar.gz"))
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.processes import servers

    model = Path(args.model)
    if args.server == "rasa" and not model.exists():
        print(f"No trained model at {model}: run `make train`.", file=sys.stderr)
        return 2
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    server = next(s for s in servers(settings, model) if s.name == args.server)
    os.chdir(PROJECT_ROOT)
    os.execvpe(server.command[0], server.command, server.environment())
