"""``puente retention purge``: delete conversations older than the retention period.

Deletes from Rasa's tracker store and from every table derived from it (summaries,
review notes, the training queue), so nothing about an old conversation remains.
The default period is ``[privacy] retention_days`` in ``puente.toml``. Families'
requests to hear about new programs end on their own clock, ``[alerts] keep_days``
after they were made: the purge deletes those past it too.
"""

from __future__ import annotations

import argparse
import re
import time
from typing import Tuple

from bot.settings import Settings


def parse_age(text: str) -> float:
    """Seconds in an age like ``180d``, ``12h`` or ``90`` (days)."""
    match = re.fullmatch(r"\s*(\d+)\s*([dh]?)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r}: use a number of days, like 180d")
    return int(match.group(1)) * (3600 if match.group(2) == "h" else 86400)


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente retention`` to the command line."""
    retention = commands.add_parser("retention", help="delete old conversations")
    actions = retention.add_subparsers(dest="retention_command", required=True)
    purge = actions.add_parser("purge", help="delete conversations older than a period")
    purge.add_argument("--older-than", type=parse_age, default=None, metavar="AGE",
                       help="e.g. 180d (default: [privacy] retention_days)")
    purge.set_defaults(handler=_purge)


def purge(settings: Settings, older_than: float) -> Tuple[int, int]:
    """Delete conversations whose last message is older than ``older_than`` s.

    And the program alerts past their end. Returns how many of each.
    """
    from bot.db import make_engine, require_schema
    from bot.programs.alerts import purge_expired
    from bot.review.queries import delete_conversation, senders_older_than
    from bot.review.summaries import refresh
    from bot.review.tracker import tracker_url

    require_schema(settings.database_url)
    puente = make_engine(settings.database_url)
    tracker = make_engine(tracker_url(settings))
    try:
        refresh(puente, tracker)
        senders = senders_older_than(tracker, time.time() - older_than)
        delete_conversation(puente, tracker, senders)
        return len(senders), purge_expired(puente)
    finally:
        puente.dispose()
        tracker.dispose()


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    age = args.older_than if args.older_than is not None else \
        settings.retention_days * 86400
    conversations, alerts = purge(settings, age)
    print(f"Deleted {conversations} conversation(s) older than {age / 86400:g} days.")
    print(f"Deleted {alerts} program alert(s) older than "
          f"{settings.alerts.keep_days} days.")
    return 0
