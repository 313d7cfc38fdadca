"""``puente programs import|export|template``: manage the tutoring programs database.

``import FILE.csv`` checks every row first and imports all or nothing, listing every
problem of each bad row with its line number (a progress bar on a terminal); rows
with a known ``key`` update their program. The
CSV format is documented in :mod:`bot.programs.importer`; ``template`` prints a
filled-in example to start from.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from sqlalchemy.engine import Engine

from bot.settings import Settings

TEMPLATE = Path(__file__).resolve().parent.parent / "programs" / "template.csv"


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente programs`` to the command line."""
    programs = commands.add_parser(
        "programs", help="import or export tutoring programs"
    )
    actions = programs.add_subparsers(dest="programs_command", required=True)
    load = actions.add_parser("import", help="import programs from a CSV file")
    load.add_argument("file", type=Path)
    load.set_defaults(handler=_import)
    export = actions.add_parser("export", help="write every program as CSV")
    export.add_argument("file", type=Path, nargs="?", help="default: standard output")
    export.set_defaults(handler=_export)
    template = actions.add_parser("template", help="print a CSV template")
    template.set_defaults(
        handler=lambda args, settings: print(TEMPLATE.read_text(encoding="utf-8"),
                                             end="")
    )


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.programs.demo import ready_engine
    from bot.programs.importer import SHOWN_ERRORS, ImportFailed, import_csv

    if not args.file.is_file():
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    engine = ready_engine(settings.database_url)
    try:
        report = import_csv(engine, args.file, progress=sys.stderr.isatty())
    except ImportFailed as failed:
        rows = len({error.line for error in failed.errors})
        print(
            f"Nothing was imported: {len(failed.errors)} problem(s) in {rows} "
            "row(s) need fixing.",
            file=sys.stderr,
        )
        for error in failed.errors[:SHOWN_ERRORS]:
            print(f"  {error}", file=sys.stderr)
        if len(failed.errors) > SHOWN_ERRORS:
            print(
                f"  ... and {len(failed.errors) - SHOWN_ERRORS} more", file=sys.stderr
            )
        return 1
    print(f"Imported {report.added} new and updated {report.updated} program(s).")
    _notify(engine, settings, report.program_ids)
    return 0


def _notify(engine: Engine, settings: Settings, program_ids: Sequence[int]) -> None:
    """Tell the families waiting for a program like these (``bot.programs.notify``)."""
    from bot.programs.notify import notify_new_matches

    notified = notify_new_matches(engine, settings, program_ids)
    if notified.skipped:
        print(f"No program alerts sent: {notified.skipped}.")
        return
    print(f"Program alerts: {notified.accepted} family(ies) told", end="")
    if notified.refused or notified.failed:
        print(f"; WhatsApp refused {notified.refused}, {notified.failed} to try "
              "again at the next import", end="")
    print(".")


def _export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.programs.demo import ready_engine
    from bot.programs.importer import export_rows, write_csv

    rows = export_rows(ready_engine(settings.database_url))
    if args.file is None:
        write_csv(rows, sys.stdout)
    else:
        with args.file.open("w", encoding="utf-8", newline="") as out:
            write_csv(rows, out)
        print(f"Exported {len(rows)} program(s) to {args.file}.")
    return 0
