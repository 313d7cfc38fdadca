"""The questions the review app asks: which conversations, what was said, how many.

Lists and counts read the summary table (fast at 100k conversations); a
transcript reads one conversation's events from the tracker store. Every text a
family typed passes through :func:`bot.privacy.redact.redact` before it leaves
this module; Puente's own messages are shown as sent (they hold its own words and
programs' public contacts), but for names the family typed that they repeat.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Set, Tuple

from sqlalchemy import (
    and_,
    case,
    delete,
    false,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.privacy.redact import hide_echoes, redact, shown_words, typed_names
from bot.programs.alert_models import ProgramAlertEvent
from bot.programs.models import UnmetDemand
from bot.review.derive import (
    FLAGS,
    channel_of,
    intent_of,
    needs_training,
    topic_of,
)
from bot.review.models import (
    ConversationSummary,
    ReviewNote,
    TrainingItem,
    TrainingLabel,
)
from bot.review.tracker import EVENTS, event_data, has_events

PAGE_SIZE = 50
#: Demand counts under this are hidden so no family can be singled out.
MIN_COUNT = 5
_S = ConversationSummary
_N = ReviewNote


@dataclass(frozen=True)
class Filters:
    """What the organizer asked the list for (all optional)."""

    date_from: str = ""
    date_to: str = ""
    channel: str = ""
    language: str = ""
    topic: str = ""
    flag: str = ""
    reviewed: str = ""
    tag: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Dict[str, List[str]]) -> Filters:
        """Read filters from a query string; unknown or bad values are ignored."""
        def one(name: str) -> str:
            values = args.get(name) or [""]
            return values[0].strip()[:200]
        page = one("page")
        flag = one("flag")
        return cls(
            date_from=_date(one("from")), date_to=_date(one("to")),
            channel=one("channel"), language=one("language"), topic=one("topic"),
            flag=flag if flag in FLAGS else "", reviewed=one("reviewed"),
            tag=one("tag").lower(), q=one("q"),
            page=int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1,
        )

    def query(self, **changes: Any) -> Dict[str, Any]:
        """Return these filters as query parameters (for links), with ``changes``."""
        values = {"from": self.date_from, "to": self.date_to, "channel": self.channel,
                  "language": self.language, "topic": self.topic, "flag": self.flag,
                  "reviewed": self.reviewed, "tag": self.tag, "q": self.q,
                  "page": self.page}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}


def _date(value: str) -> str:
    return value if len(value) == 10 and value[4] == "-" and value[7] == "-" else ""


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(filters: Filters) -> List[Any]:
    conditions: List[Any] = []
    if filters.date_from:
        conditions.append(_S.day >= filters.date_from)
    if filters.date_to:
        conditions.append(_S.day <= filters.date_to)
    if filters.channel:
        conditions.append(_S.channel == filters.channel)
    if filters.language:
        conditions.append(_S.language == filters.language)
    if filters.topic:
        conditions.append(_S.topics.like(_like(f",{filters.topic},"), escape="\\"))
    if filters.flag:
        conditions.append(getattr(_S, filters.flag).is_(True))
    if filters.reviewed == "yes":
        conditions.append(_N.reviewed.is_(True))
    elif filters.reviewed == "no":
        conditions.append(or_(_N.reviewed.is_(None), _N.reviewed.is_(False)))
    if filters.tag:
        conditions.append(_N.tags.like(_like(f",{filters.tag},"), escape="\\"))
    if filters.q:
        # Personal data is not stored, so a search for a phone or name finds nothing
        # (rather than every conversation where some phone was redacted).
        needle = filters.q.lower()
        conditions.append(_S.search_text.like(_like(needle), escape="\\")
                          if redact(filters.q) == filters.q else false())
    return conditions


@dataclass
class ConversationRow:
    """One line of the conversation list."""

    key: str
    last_at: float
    channel: str
    language: str | None
    turns: int
    topics: List[str]
    flags: List[str]
    reviewed: bool
    tags: List[str]


def list_conversations(engine: Engine, filters: Filters,
                       page_size: int = PAGE_SIZE,
                       ) -> Tuple[List[ConversationRow], bool]:
    """One page of conversations, newest first, and whether another page follows."""
    statement = (
        select(_S.key, _S.last_at, _S.channel, _S.language, _S.turns, _S.topics,
               *(getattr(_S, flag) for flag in FLAGS), _N.reviewed, _N.tags)
        .outerjoin(_N, _N.sender_id == _S.sender_id)
        .where(and_(True, *_conditions(filters)))
        .order_by(_S.last_at.desc())
        .limit(page_size + 1).offset((filters.page - 1) * page_size)
    )
    with engine.connect() as connection:
        rows = connection.execute(statement).all()
    result = [
        ConversationRow(
            key=row.key, last_at=row.last_at, channel=row.channel,
            language=row.language, turns=row.turns,
            topics=[t for t in row.topics.split(",") if t],
            flags=[flag for flag in FLAGS if getattr(row, flag)],
            reviewed=bool(row.reviewed),
            tags=[t for t in (row.tags or "").split(",") if t],
        )
        for row in rows[:page_size]
    ]
    return result, len(rows) > page_size


def list_from_events(tracker: Engine, page: int = 1,
                     page_size: int = PAGE_SIZE) -> List[Tuple[str, float, int]]:
    """Compute the list straight from the events table: the bench's baseline."""
    statement = (
        select(EVENTS.c.sender_id, func.max(EVENTS.c.timestamp).label("last_at"),
               func.sum(case((EVENTS.c.type_name == "user", 1), else_=0))
               .label("turns"))
        .group_by(EVENTS.c.sender_id).order_by(func.max(EVENTS.c.timestamp).desc())
        .limit(page_size).offset((page - 1) * page_size)
    )
    with tracker.connect() as connection:
        return [tuple(row) for row in connection.execute(statement)]


@dataclass
class Turn:
    """One line of a transcript: a family's message or what the assistant did."""

    event_id: int
    kind: str  # "user", "bot" or "action"
    timestamp: float
    text: str = ""
    intent: str | None = None
    confidence: float | None = None
    topic: str | None = None
    needs_training: bool = False
    queued: bool = False


@dataclass
class Transcript:
    """A whole conversation, redacted, with what the organizers noted."""

    sender_id: str
    key: str
    channel: str
    language: str | None
    turns: List[Turn] = field(default_factory=list)
    reviewed: bool = False
    tags: List[str] = field(default_factory=list)
    note: str = ""


_HIDDEN_ACTIONS = frozenset({"action_listen", "action_session_start"})


def transcript(puente: Engine, tracker: Engine, sender_id: str) -> Transcript | None:
    """Return the conversation ``sender_id`` as a chat, or ``None`` if there is none."""
    with tracker.connect() as connection:
        rows = connection.execute(
            select(EVENTS.c.id, EVENTS.c.type_name, EVENTS.c.timestamp, EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id)
        ).all()
    if not rows:
        return None
    with session_scope(puente) as session:
        note = session.get(ReviewNote, sender_id)
        queued = set(session.scalars(select(TrainingItem.event_id).where(
            TrainingItem.sender_id == sender_id)))
        key = session.scalars(select(_S.key).where(_S.sender_id == sender_id)).first()
        result = Transcript(sender_id, key or "", "web", None)
        if note:
            result.reviewed = note.reviewed
            result.tags = [t for t in note.tags.split(",") if t]
            result.note = note.note
    channel = None
    typed: Set[str] = set()  # names the family typed, hidden where Puente repeats them
    for row in rows:
        data = event_data(row.data)
        if row.type_name == "user":
            parse_data = data.get("parse_data") or {}
            intent, confidence = intent_of(parse_data)
            channel = channel or channel_of(sender_id, data.get("input_channel"))
            typed |= typed_names(data.get("text"))
            result.turns.append(Turn(
                row.id, "user", row.timestamp or 0,
                shown_words(data.get("text"), intent),
                intent, confidence, topic_of(parse_data),
                needs_training(intent, confidence), row.id in queued))
        elif row.type_name == "bot":  # Puente's words and programs' public contacts
            result.turns.append(Turn(row.id, "bot", row.timestamp or 0,
                                     hide_echoes(data.get("text"), typed)))
        elif row.type_name == "action" and data.get("name") not in _HIDDEN_ACTIONS:
            result.turns.append(Turn(row.id, "action", row.timestamp or 0,
                                     str(data.get("name"))))
        elif row.type_name == "slot" and data.get("name") == "language":
            result.language = data.get("value") or result.language
    result.channel = channel or channel_of(sender_id, None)
    return result


def sender_for_key(puente: Engine, key: str) -> str | None:
    """Return the tracker's sender id of the conversation pages call ``key``."""
    with puente.connect() as connection:
        sender_id: str | None = connection.execute(
            select(_S.sender_id).where(_S.key == key)).scalar_one_or_none()
        return sender_id


def save_review(puente: Engine, sender_id: str, who: str, reviewed: bool,
                tags: str, note: str) -> None:
    """Record an organizer's review of a conversation (tags: comma separated)."""
    clean = sorted({t.strip().lower()[:40] for t in tags.split(",") if t.strip()})
    with session_scope(puente) as session:
        row = session.get(ReviewNote, sender_id) or ReviewNote(sender_id=sender_id)
        row.reviewed = reviewed
        row.tags = "," + ",".join(clean) + ("," if clean else "")
        row.note = note.strip()[:4000]
        row.updated_by = who
        row.updated_at = time.time()
        session.add(row)


@dataclass
class Dashboard:
    """The figures organizers take to a school board meeting."""

    date_from: str
    date_to: str
    days: List[str]
    per_day: Dict[str, Dict[str, int]]  # series ("es · web") -> day -> count
    top_topics: Dict[str, List[Tuple[str, int]]]  # language -> [(topic, count)]
    turns: int
    fallback_turns: int
    fallback_by_language: Dict[str, Tuple[int, int]]
    unmet: List[Dict[str, Any]]
    unmet_columns: List[str]
    #: Program alerts: requests made, families told, requests stopped.
    alerts: Dict[str, int] = field(default_factory=dict)

    @property
    def fallback_share(self) -> float:
        """Share of families' messages the assistant did not understand."""
        return self.fallback_turns / self.turns if self.turns else 0.0


def dashboard(puente: Engine, filters: Filters, days: int = 30) -> Dashboard:
    """Count per day, language and channel; top topics; fallbacks; unmet demand."""
    with puente.connect() as connection:
        last_day = filters.date_to or connection.execute(
            select(func.max(_S.day))).scalar()
        last_day = last_day or time.strftime("%Y-%m-%d", time.gmtime())
        first_day = filters.date_from or time.strftime(
            "%Y-%m-%d", time.gmtime(time.mktime(time.strptime(last_day, "%Y-%m-%d"))
                                    - (days - 1) * 86400))
        where = and_(_S.day >= first_day, _S.day <= last_day)
        per_day: Dict[str, Dict[str, int]] = defaultdict(dict)
        for day, language, channel, count in connection.execute(
                select(_S.day, _S.language, _S.channel, func.count())
                .where(where).group_by(_S.day, _S.language, _S.channel)):
            per_day[f"{language or '?'} · {channel}"][day] = count
        topics: Dict[str, Counter[str]] = defaultdict(Counter)
        for language, row_topics in connection.execute(
                select(_S.language, _S.topics).where(where, _S.topics != ",")):
            topics[language or "?"].update(t for t in row_topics.split(",") if t)
        by_language = {
            language or "?": (int(turns or 0), int(fell or 0))
            for language, turns, fell in connection.execute(
                select(_S.language, func.sum(_S.turns), func.sum(_S.fallback_turns))
                .where(where).group_by(_S.language))
        }
    all_days = sorted({d for series in per_day.values() for d in series})
    unmet, columns = unmet_demand(puente, first_day, last_day)
    return Dashboard(
        date_from=first_day, date_to=last_day, days=all_days, per_day=dict(per_day),
        top_topics={lang: counter.most_common(8) for lang, counter in topics.items()},
        turns=sum(t for t, _ in by_language.values()),
        fallback_turns=sum(f for _, f in by_language.values()),
        fallback_by_language=by_language, unmet=unmet, unmet_columns=columns,
        alerts=notification_counts(puente, date.fromisoformat(first_day),
                                   date.fromisoformat(last_day)),
    )


#: What :func:`notification_counts` counts: its keys, by the kind recorded.
ALERT_COUNTS = {"requested": "requests", "notified": "notifications",
                "stopped": "stopped"}


def notification_counts(puente: Engine, start: date | None = None,
                        end: date | None = None) -> Dict[str, int]:
    """Program alerts between two days (inclusive): requests, messages, stops.

    ``requests``: families who asked to be told when a program opens;
    ``notifications``: messages WhatsApp accepted; ``stopped``: requests ended
    with "STOP"/"BAJA". Counted from :class:`ProgramAlertEvent`, which keeps only
    the day, so the figures stay true after a request ends and point at nobody.
    """
    statement = select(ProgramAlertEvent.kind, func.count()).group_by(
        ProgramAlertEvent.kind)
    if start:
        statement = statement.where(ProgramAlertEvent.day >= start)
    if end:
        statement = statement.where(ProgramAlertEvent.day <= end)
    counts = dict.fromkeys(ALERT_COUNTS.values(), 0)
    with puente.connect() as connection:
        for kind, n in connection.execute(statement):
            if kind in ALERT_COUNTS:
                counts[ALERT_COUNTS[kind]] = int(n)
    return counts


#: How unmet searches are grouped (the columns of ``program_unmet_demand``).
UNMET_COLUMNS = ("zip", "city", "grade", "subject", "language")


def unmet_demand(puente: Engine, first_day: str | None = None,
                 last_day: str | None = None) -> Tuple[List[Dict[str, Any]], List[str]]:
    """Count searches that found no program, by place, grade, subject and language.

    Read from what the program search records (:class:`UnmetDemand`), between the
    two days when given. Groups under :data:`MIN_COUNT` are left out: a group that
    small could point at one family.
    """
    columns = [getattr(UnmetDemand, c) for c in UNMET_COLUMNS]
    statement = select(*columns, func.count().label("n")).group_by(*columns)
    if first_day:
        statement = statement.where(UnmetDemand.day >= date.fromisoformat(first_day))
    if last_day:
        statement = statement.where(UnmetDemand.day <= date.fromisoformat(last_day))
    statement = statement.having(func.count() >= MIN_COUNT).order_by(
        func.count().desc())
    with puente.connect() as connection:
        rows = [dict(zip((*UNMET_COLUMNS, "count"), row, strict=True))
                for row in connection.execute(statement)]
    return rows, list(UNMET_COLUMNS)


def delete_conversation(puente: Engine, tracker: Engine, sender_ids: List[str]) -> int:
    """Delete conversations from the tracker store and every derived table."""
    removed = 0
    for start in range(0, len(sender_ids), 500):
        chunk = sender_ids[start:start + 500]
        with tracker.begin() as connection:
            removed += connection.execute(
                delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk))).rowcount or 0
        with session_scope(puente) as session:
            session.execute(
                delete(TrainingLabel).where(TrainingLabel.item_id.in_(
                    select(TrainingItem.id).where(TrainingItem.sender_id.in_(chunk))))
                .execution_options(synchronize_session=False))
            for model in (ConversationSummary, ReviewNote, TrainingItem):
                session.execute(delete(model).where(model.sender_id.in_(chunk)))
    return removed


def senders_older_than(tracker: Engine, cutoff: float) -> List[str]:
    """Conversations whose last event is before ``cutoff`` (a Unix time)."""
    if not has_events(tracker):
        return []
    with tracker.connect() as connection:
        return list(connection.execute(
            select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
            .having(func.max(EVENTS.c.timestamp) < cutoff)).scalars())
