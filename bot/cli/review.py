"""``puente review refresh``: bring the review app's conversation list up to date.

The web app does this on every page load; the command is for a first load of a
large tracker store (or a cron job) so no organizer waits for it.
"""

from __future__ import annotations

import argparse

from bot.settings import Settings


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Add ``puente review`` to the command line."""
    review = commands.add_parser("review", help="the organizers' review app")
    actions = review.add_subparsers(dest="review_command", required=True)
    actions.add_parser("refresh", help="fold new conversations into the list") \
        .set_defaults(handler=_refresh)


def _refresh(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import make_engine, require_schema
    from bot.review.summaries import refresh
    from bot.review.tracker import tracker_url

    require_schema(settings.database_url)
    count = refresh(make_engine(settings.database_url),
                    make_engine(tracker_url(settings)))
    print(f"Read {count} new event(s).")
    return 0
