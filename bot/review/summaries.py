"""Keep ``review_conversations`` in step with Rasa's events, incrementally.

Rasa's events table grows by append. The summary table stores the id of the last
event it has folded in (the *watermark*) and each refresh reads only newer events,
folds them into the affected conversations' summaries and writes those rows back,
in one transaction with the new watermark. Refreshing is cheap when nothing changed
(one indexed query), so the web app runs it on every list or dashboard request;
``puente review refresh`` runs it by hand.

Ids are handed out when a row is inserted, but rows become visible when their
transaction commits: with several Rasa servers writing to PostgreSQL, event 11 can
be visible while event 10 is still being saved. Passing the watermark over 10 would
skip it for good. So an id missing below a fresh event is written down as a *gap*
(a ``review_state`` row ``events_gap:<id>``) and looked up again on each refresh:
when its event shows up it is folded in, and a gap still empty after
:data:`GAP_WAIT` is dropped (its transaction rolled back: the id will never be
used). This is exact where a time window would be a guess: an event is never
skipped, however long its commit is late (up to the wait), and never folded twice
(a gap is deleted in the transaction that folds its event). One conversation's own
events are saved one turn after the other (Rasa's lock store), so a late event is
never older than anything already folded for its conversation.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Sequence, Tuple, TypeVar

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db import make_engine, session_scope
from bot.review.derive import FLAGS, Summary, day_of
from bot.review.models import ConversationSummary, ReviewState
from bot.review.tracker import EVENTS, event_data, has_events

WATERMARK = "events_watermark"
#: Key prefix of an event id seen missing below the watermark, waited for.
GAP = "events_gap:"
#: Seconds a missing id is waited for. A Rasa server commits a turn's events in
#: well under a second; a minute of database trouble still commits within this.
GAP_WAIT = 600.0
#: Missing ids waited for below one event: more transactions than this are never
#: in flight at once; a longer run of missing ids (deleted conversations under a
#: new review database) is history, not a commit to wait for.
MAX_HOLE = 1000
BATCH = 20_000
_CHUNK = 500
_lock = threading.Lock()
T = TypeVar("T")


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterable[Sequence[T]]:
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
    """Fold every event not yet folded in; return how many were read.

    The watermark row is locked for the fold (``SELECT ... FOR UPDATE``), so two
    refreshes (a page load and ``puente review refresh``) never fold the same
    events twice: the second waits, then starts from the first one's watermark.
    """
    total = 0
    if not has_events(tracker):
        return total
    with _lock:
        while True:
            read, more = _fold_next(puente, tracker, batch)
            total += read
            if not more:
                return total


def _fold_next(puente: Engine, tracker: Engine, batch: int) -> Tuple[int, bool]:
    """Fold the next ``batch`` events and any late ones; say whether more may follow."""
    if _latest_event(tracker) <= watermark(puente) and not _waiting(puente):
        return 0, False
    with session_scope(puente) as session:
        state = session.scalars(select(ReviewState).where(
            ReviewState.key == WATERMARK).with_for_update()).one()
        gaps = {int(row.key[len(GAP):]): row for row in session.scalars(
            select(ReviewState).where(ReviewState.key.startswith(GAP)))}
        with tracker.connect() as connection:
            rows = connection.execute(
                _events().where(EVENTS.c.id > int(state.value))
                .order_by(EVENTS.c.id).limit(batch)).all()
            late = [row for chunk in _chunks(sorted(gaps)) for row in
                    connection.execute(_events().where(EVENTS.c.id.in_(chunk)))]
        now = time.time()
        for row in late:
            session.delete(gaps.pop(row.id))
        for gap in gaps.values():
            if now - float(gap.value) > GAP_WAIT:
                session.delete(gap)
        session.add_all(ReviewState(key=f"{GAP}{missing}", value=str(now))
                        for missing in _holes(int(state.value), rows, now))
        _fold(session, sorted([*late, *rows], key=lambda row: int(row.id)))
        if rows:
            state.value = str(rows[-1].id)
    return len(rows) + len(late), len(rows) == batch


def _events() -> Any:
    return select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.type_name,
                  EVENTS.c.timestamp, EVENTS.c.data)


def _waiting(puente: Engine) -> bool:
    """Whether some missing event ids are still waited for."""
    with session_scope(puente) as session:
        return session.scalars(select(ReviewState.key).where(
            ReviewState.key.startswith(GAP)).limit(1)).first() is not None


def _holes(after: int, rows: Sequence[Any], now: float) -> List[int]:
    """Ids missing between the watermark and ``rows`` that may still commit.

    Only below a recent event (an old hole is a rolled-back or deleted event), and
    at most :data:`MAX_HOLE` of them, the ones just below it.
    """
    holes: List[int] = []
    previous = after
    for row in rows:
        recent = now - float(row.timestamp or 0) < GAP_WAIT
        if row.id > previous + 1 and recent:
            holes.extend(range(max(previous + 1, row.id - MAX_HOLE), row.id))
        previous = row.id
    return holes


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
