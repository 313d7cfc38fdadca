"""Keep ``review_conversations`` in step with Rasa's events, incrementally.

Rasa's events table grows by append; its ids only increase. The summary table
stores the id of the last event it has folded in (the *watermark*) and each
refresh reads only newer events, folds them into the affected conversations'
summaries and writes those rows back, in one transaction with the new watermark.
Refreshing is cheap when nothing changed (one indexed query), so the web app runs
it on every list or dashboard request; ``puente review refresh`` runs it by hand.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Dict, Iterable, List

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import make_engine, session_scope
from bot.review.derive import FLAGS, Summary, day_of
from bot.review.models import ConversationSummary, ReviewState
from bot.review.tracker import EVENTS, event_data, has_events

WATERMARK = "events_watermark"
BATCH = 20_000
_CHUNK = 500
_lock = threading.Lock()


def _chunks(items: List[str], size: int = _CHUNK) -> Iterable[List[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _summary_from_row(row: ConversationSummary) -> Summary:
    return Summary(
        sender_id=row.sender_id, key=row.key, started_at=row.started_at,
        last_at=row.last_at,
        channel=row.channel, language=row.language, turns=row.turns,
        fallback_turns=row.fallback_turns,
        topics={t for t in row.topics.split(",") if t},
        flags={flag for flag in FLAGS if getattr(row, flag)},
        search_text=row.search_text,
    )


def _row_values(summary: Summary) -> Dict[str, object]:
    values: Dict[str, object] = {
        "sender_id": summary.sender_id,
        "key": summary.key or secrets.token_urlsafe(12),
        "started_at": summary.started_at,
        "last_at": summary.last_at,
        "day": day_of(summary.last_at),
        "channel": summary.channel or "web",
        "language": summary.language,
        "turns": summary.turns,
        "fallback_turns": summary.fallback_turns,
        "topics": ",".join(["", *sorted(summary.topics), ""]) or ",",
        "search_text": summary.search_text,
    }
    values.update({flag: flag in summary.flags for flag in FLAGS})
    return values


def watermark(puente: Engine) -> int:
    """Return the id of the last event folded into the summaries."""
    with session_scope(puente) as session:
        state = session.get(ReviewState, WATERMARK)
        return int(state.value) if state else 0


def refresh(puente: Engine, tracker: Engine, batch: int = BATCH) -> int:
    """Fold every event newer than the watermark in; return how many were read.

    The watermark row is locked for the fold (``SELECT ... FOR UPDATE``), so two
    refreshes (a page load and ``puente review refresh``) never fold the same
    events twice: the second waits, then starts from the first one's watermark.
    """
    total = 0
    if not has_events(tracker):
        return total
    with _lock:
        while True:
            if _latest_event(tracker) <= watermark(puente):
                return total
            with session_scope(puente) as session:
                state = session.scalars(select(ReviewState).where(
                    ReviewState.key == WATERMARK).with_for_update()).one()
                with tracker.connect() as connection:
                    rows = connection.execute(
                        select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.type_name,
                               EVENTS.c.timestamp, EVENTS.c.data)
                        .where(EVENTS.c.id > int(state.value))
                        .order_by(EVENTS.c.id).limit(batch)
                    ).all()
                if not rows:
                    return total
                _fold(session, rows)
                state.value = str(rows[-1].id)
            total += len(rows)


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return make_engine(url, create=False)


def refresh_at(puente_url: str, tracker_url: str) -> int:
    """:func:`refresh` by database addresses, for a process of its own.

    The engines are made once per process and kept for the next refresh.
    """
    return refresh(_engine(puente_url), _engine(tracker_url))


def _latest_event(tracker: Engine) -> int:
    """Return the newest event id, read from the primary key alone.

    Whatever the planner's statistics, so the common "nothing new" case is cheap.
    """
    with tracker.connect() as connection:
        return connection.execute(select(func.max(EVENTS.c.id))).scalar() or 0


def _fold(session: Session, rows: List[Any]) -> None:
    senders = list(OrderedDict.fromkeys(row.sender_id for row in rows))
    summaries: Dict[str, Summary] = {}
    for chunk in _chunks(senders):
        for existing in session.scalars(select(ConversationSummary).where(
                ConversationSummary.sender_id.in_(chunk))):
            summaries[existing.sender_id] = _summary_from_row(existing)
    for row in rows:
        summary = summaries.setdefault(row.sender_id, Summary(row.sender_id))
        summary.add(row.type_name, row.timestamp, event_data(row.data))
    for chunk in _chunks(senders):
        session.execute(delete(ConversationSummary).where(
            ConversationSummary.sender_id.in_(chunk)))
    values = [_row_values(s) for s in summaries.values() if s.last_at]
    if values:
        session.execute(insert(ConversationSummary), values)
