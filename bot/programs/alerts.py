"""Families' requests to hear when a program that fits opens: kept, found, ended.

Three processes share them. The action server records a request when the family
says yes (it knows the conversation and the search, never the number); the WhatsApp
channel, which holds the number while it answers, attaches it sealed; the import
(``bot.programs.notify``) reads it to send the message. On the web widget, where
the organizers accept it (``[alerts] web_contacts``), the family types a WhatsApp
number: the pages server, the widget's channel, seals it into the request waiting
for it (:func:`give_number`) and Rasa is told only that a number was given, so the
number never reaches a conversation's events. A request ends when the
family writes "STOP" or "BAJA", or when it is older than ``[alerts] keep_days``
(``puente retention purge``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import List

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.channels import identity, sealed
from bot.db import session_scope
from bot.programs.alert_models import ProgramAlert, ProgramAlertEvent, ProgramAlertSent
from bot.programs.geo import Place
from bot.settings import AlertSettings

#: The offer's two buttons (``utter_alert_offer``) send these; no text is
#: classified as them. Typed "yes" / "no" right after the offer (``affirm`` /
#: ``deny``) do the same, by rules that follow the offer's own action
#: (``action_alert_offer``, data/rules/alerts.yml).
BUTTON_INTENTS = ("alert_subscribe", "alert_decline")
#: What the pages server sends Rasa in place of a typed number: that a number was
#: kept, or that the digits typed are not a US number. Never classified from text.
NUMBER_INTENTS = ("alert_number_given", "alert_number_invalid")
GIVEN, INVALID = (f"/{intent}" for intent in NUMBER_INTENTS)

#: The channel whose conversations come with the family's WhatsApp number.
WHATSAPP = "whatsapp"
#: How long a request made on the widget waits for its number. Longer, and a
#: number typed for another reason later in the chat would be taken for it.
WAIT_FOR_NUMBER = timedelta(hours=1)

#: How a family can be told, by where they write: ``whatsapp`` (the number comes
#: with the conversation), ``typed`` (the widget asks for it), ``elsewhere`` (the
#: widget says to ask on WhatsApp).
WHATSAPP_REACH, TYPED_REACH, ELSEWHERE_REACH = "whatsapp", "typed", "elsewhere"

#: The offer's response per reach and whether only online programs were found
#: (then the request is for a program in person).
OFFERS = {
    (WHATSAPP_REACH, False): "utter_alert_offer",
    (WHATSAPP_REACH, True): "utter_alert_offer_in_person",
    (TYPED_REACH, False): "utter_alert_offer_web",
    (TYPED_REACH, True): "utter_alert_offer_web_in_person",
    (ELSEWHERE_REACH, False): "utter_alert_ask_on_whatsapp",
    (ELSEWHERE_REACH, True): "utter_alert_ask_on_whatsapp",
}


def reach(channel: str | None, settings: AlertSettings) -> str:
    """Return how a family writing on ``channel`` can be told of a new program."""
    if channel == WHATSAPP:
        return WHATSAPP_REACH
    return TYPED_REACH if settings.web_takes_whatsapp else ELSEWHERE_REACH


def offer_response(
    channel: str | None, settings: AlertSettings, in_person: bool
) -> str:
    """Return the response offering the alert after a search found nothing near.

    ``in_person``: it found online programs only; the offer is for one in person.
    """
    return OFFERS[(reach(channel, settings), in_person)]


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
    counted: bool = True,
) -> None:
    """Record a request (replacing the conversation's earlier one, if any).

    One request per conversation: a family that searches again wants the new
    search watched, and "STOP" then has one thing to remove. ``counted`` False:
    the widget's request, counted when its number is given (:func:`give_number`).
    """
    created = now()
    with session_scope(engine) as session:
        _delete(session, _ids(session, ProgramAlert.conversation == conversation))
        session.add(ProgramAlert(
            conversation=conversation, zip=place.zip[:10], city=place.city[:100],
            grade=grade, subject=subject[:30], program_language=program_language[:10],
            format=format[:20], language=language[:10], created_at=created,
            expires_at=created + timedelta(days=keep_days)))
        if counted:
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


def _waiting(conversation: str, when: datetime) -> ColumnElement:
    """Select a widget's request still waiting for its number, ``when``."""
    return and_(ProgramAlert.conversation == conversation,
                ProgramAlert.phone.is_(None),
                ProgramAlert.created_at >= when - WAIT_FOR_NUMBER)


def waiting(engine: Engine, conversation: str, when: datetime | None = None) -> bool:
    """Whether the conversation's request waits for a number the family types."""
    with Session(engine, future=True) as session:
        found = session.execute(select(ProgramAlert.id).where(
            _waiting(conversation, when or now())).limit(1)).first()
    return found is not None


def give_number(engine: Engine, key: bytes, conversation: str, phone: str) -> bool:
    """Seal ``phone`` into the widget conversation's waiting request; whether one was.

    The request moves to the conversation id that WhatsApp gives this number
    (its keyed hash), replacing that conversation's own request: "STOP" or "BAJA"
    written to Puente on WhatsApp then finds it, as the opt-in and the template
    say, and a family has one request whichever way they asked.
    """
    moved_to = identity.sender_id(key, phone)
    with session_scope(engine) as session:
        alert_id = session.execute(select(ProgramAlert.id).where(
            _waiting(conversation, now())).order_by(ProgramAlert.id.desc())
            .limit(1)).scalar()
        if alert_id is None:
            return False
        _delete(session, _ids(session, and_(ProgramAlert.conversation == moved_to,
                                            ProgramAlert.id != alert_id)))
        session.execute(update(ProgramAlert).where(ProgramAlert.id == alert_id).values(
            conversation=moved_to, phone=sealed.seal(key, seal_row(alert_id), phone)))
        count(session, "requested")
        return True


def drop_waiting(engine: Engine, conversation: str) -> int:
    """Delete the conversation's requests with no number ("No, thanks" to giving it).

    Never a request with a number: "no" to a new offer keeps what the family
    already asked for.
    """
    with session_scope(engine) as session:
        ids = _ids(session, and_(ProgramAlert.conversation == conversation,
                                 ProgramAlert.phone.is_(None)))
        _delete(session, ids)
        return len(ids)


def unsubscribe(engine: Engine, conversation: str) -> bool:
    """Remove the conversation's request and what it was told; whether there was one."""
    with session_scope(engine) as session:
        ids = _ids(session, ProgramAlert.conversation == conversation)
        _delete(session, ids)
        if ids:
            count(session, "stopped")
        return bool(ids)


def purge_expired(engine: Engine, when: datetime | None = None) -> int:
    """Delete requests past their ``expires_at``, or whose number never came."""
    when = when or now()
    with session_scope(engine) as session:
        ids = _ids(session, or_(ProgramAlert.expires_at < when, and_(
            ProgramAlert.phone.is_(None),
            ProgramAlert.created_at < when - WAIT_FOR_NUMBER)))
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
