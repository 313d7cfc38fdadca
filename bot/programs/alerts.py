"""Families' requests to hear when a program that fits opens: kept, found, ended.

Three processes share them. The action server records a request when the family
says yes (it knows the conversation and the search, never the number); the WhatsApp
channel, which holds the number while it answers, attaches it sealed; the import
(``bot.programs.notify``) reads it to send the message. A request ends when the
family writes "STOP" or "BAJA", or when it is older than ``[alerts] keep_days``
(``puente retention purge``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import List

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.channels import sealed
from bot.db import session_scope
from bot.programs.alert_models import ProgramAlert, ProgramAlertEvent, ProgramAlertSent
from bot.programs.geo import Place

#: The offer's two buttons (``utter_alert_offer``) send these; no text is
#: classified as them, so a family opts in only by tapping "Yes, tell me".
BUTTON_INTENTS = ("alert_subscribe", "alert_decline")


def now() -> datetime:
    """Return the current time, with its time zone (what the tables store)."""
    return datetime.now(timezone.utc)


def seal_row(alert_id: int) -> str:
    """Return the associated data a request's sealed number is bound to."""
    return f"program_alert:{alert_id}"


def count(session: Session, kind: str) -> None:
    """Count one request, message or stop for organizers: the day and kind only."""
    session.add(ProgramAlertEvent(day=date.today(), kind=kind))


def subscribe(
    engine: Engine,
    conversation: str,
    place: Place,
    *,
    grade: int | None,
    subject: str,
    program_language: str,
    format: str,
    language: str,
    keep_days: int,
) -> None:
    """Record a request (replacing the conversation's earlier one, if any).

    One request per conversation: a family that searches again wants the new
    search watched, and "STOP" then has one thing to remove.
    """
    created = now()
    with session_scope(engine) as session:
        _delete(session, _ids(session, ProgramAlert.conversation == conversation))
        session.add(ProgramAlert(
            conversation=conversation, zip=place.zip[:10], city=place.city[:100],
            grade=grade, subject=subject[:30], program_language=program_language[:10],
            format=format[:20], language=language[:10], created_at=created,
            expires_at=created + timedelta(days=keep_days)))
        count(session, "requested")


def attach_phone(engine: Engine, key: bytes, conversation: str, phone: str) -> int:
    """Seal ``phone`` into the conversation's request waiting for it; how many.

    Called by the WhatsApp channel after each answer: the number is in its memory
    only while it answers, so this is the one moment it can be kept.
    """
    with session_scope(engine) as session:
        waiting = session.execute(select(ProgramAlert.id).where(
            ProgramAlert.conversation == conversation,
            ProgramAlert.phone.is_(None))).scalars().all()
        for alert_id in waiting:
            session.execute(update(ProgramAlert).where(ProgramAlert.id == alert_id)
                            .values(phone=sealed.seal(key, seal_row(alert_id), phone)))
        return len(waiting)


def unsubscribe(engine: Engine, conversation: str) -> bool:
    """Remove the conversation's request and what it was told; whether there was one."""
    with session_scope(engine) as session:
        ids = _ids(session, ProgramAlert.conversation == conversation)
        _delete(session, ids)
        if ids:
            count(session, "stopped")
        return bool(ids)


def purge_expired(engine: Engine, when: datetime | None = None) -> int:
    """Delete requests past their ``expires_at``; return how many."""
    with session_scope(engine) as session:
        ids = _ids(session, ProgramAlert.expires_at < (when or now()))
        _delete(session, ids)
        return len(ids)


def live(engine: Engine) -> List[ProgramAlert]:
    """Return the requests a message can be sent for: with a number, not expired."""
    with Session(engine, future=True) as session:
        alerts = list(session.execute(select(ProgramAlert).where(
            ProgramAlert.phone.is_not(None), ProgramAlert.expires_at >= now())
            .order_by(ProgramAlert.id)).scalars())
        session.expunge_all()
    return alerts


def _ids(session: Session, condition: ColumnElement) -> List[int]:
    return list(session.execute(select(ProgramAlert.id).where(condition)).scalars())


def _delete(session: Session, ids: List[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(delete(ProgramAlertSent).where(
            ProgramAlertSent.alert_id.in_(chunk)))
        session.execute(delete(ProgramAlert).where(ProgramAlert.id.in_(chunk)))
