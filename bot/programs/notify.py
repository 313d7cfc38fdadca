"""Tell families that a program fitting their search has opened: one WhatsApp message.

:func:`notify_new_matches` is called with the programs a change added or changed
(``puente programs import`` now; the review app's programs page too). For each
family's request it runs the family's own search again, exactly as the assistant
would (:class:`ProgramSearch`: near first, widened once, online last), and keeps the
changed programs it finds that the request was never told about. Those programs are
claimed first (one row per request and program: a second import, or a second
process, finds them taken), then one message is sent naming the best of them.

Meta allows only a registered message template outside the 24-hour window after
the family's last message, so the message is the template ``[alerts] template``
in the conversation's language, with three parameters: the place, the program's
name and how to reach it (README: "Program alerts").
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Set

import aiohttp
from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.channels import identity, sealed
from bot.channels.credentials import sender_from_env
from bot.channels.graph import GraphClient, Sent
from bot.db import session_scope
from bot.programs import alerts, geo
from bot.programs.alert_models import ProgramAlert, ProgramAlertSent
from bot.programs.models import Program
from bot.programs.search import ProgramSearch, Query
from bot.settings import AlertSettings, Settings

logger = logging.getLogger(__name__)


@dataclass
class Notified:
    """What one call did: messages Meta accepted, refused, or could not take now."""

    accepted: int = 0
    refused: int = 0
    failed: int = 0
    #: Why nothing was tried (WhatsApp not configured), else "".
    skipped: str = ""


@dataclass(frozen=True)
class Plan:
    """One message to send: to whom, about which programs (the best first)."""

    alert: ProgramAlert
    place: geo.Place
    programs: List[int] = field(default_factory=list)


def alert_query(alert: ProgramAlert) -> Query | None:
    """Return the search the family made, or None when its place is no longer known."""
    place = geo.resolve(alert.zip or alert.city)
    if place is None:
        return None
    return Query(place=place, grade=alert.grade, subject=alert.subject or None,
                 language=alert.program_language or None, format=alert.format or None)


def plans(engine: Engine, changed: Set[int]) -> List[Plan]:
    """For each live request, the changed programs its search finds, not yet told."""
    search, found = ProgramSearch(engine), []
    for alert in alerts.live(engine):
        query = alert_query(alert)
        if query is None or query.place is None:
            continue
        with Session(engine, future=True) as session:
            told = set(session.execute(select(ProgramAlertSent.program_id).where(
                ProgramAlertSent.alert_id == alert.id)).scalars())
        ranked = search.search(query, page_size=0).ranked
        new = [c.id for c in ranked if c.id in changed and c.id not in told]
        if new:
            found.append(Plan(alert, query.place, new))
    return found


def claim(engine: Engine, plan: Plan) -> bool:
    """Mark the plan's programs as told, before sending; False if already taken."""
    try:
        with session_scope(engine) as session:
            session.add_all(ProgramAlertSent(
                alert_id=plan.alert.id, program_id=program_id, sent_at=alerts.now(),
                outcome="sending") for program_id in plan.programs)
    except IntegrityError:  # another process is telling this family already
        return False
    return True


def record(engine: Engine, plan: Plan, sent: Sent) -> None:
    """Keep Meta's verdict; a message Meta could not take now may be tried again."""
    claimed = (ProgramAlertSent.alert_id == plan.alert.id,
               ProgramAlertSent.program_id.in_(plan.programs))
    with session_scope(engine) as session:
        if sent is Sent.FAILED:
            session.execute(delete(ProgramAlertSent).where(*claimed))
            return
        session.execute(update(ProgramAlertSent).where(*claimed).values(
            outcome=sent.value))
        if sent is Sent.ACCEPTED:
            alerts.count(session, "notified")


def contact(program: Program) -> str:
    """How to reach the program: its phone, else its website, else its email."""
    return str(program.phone or program.website or program.email or program.provider)


def template_message(
    settings: AlertSettings, language: str, place: str, program: Program
) -> Dict[str, Any]:
    """Build the Graph API ``template`` message: name, language, parameters."""
    parameters = [place, str(program.name), contact(program)]
    return {
        "type": "template",
        "template": {
            "name": settings.template,
            "language": {"code": settings.template_language(language)},
            "components": [{"type": "body", "parameters": [
                {"type": "text", "text": " ".join(value.split())}
                for value in parameters]}],
        },
    }


async def send_all(
    engine: Engine, settings: AlertSettings, client: GraphClient, key: bytes,
    todo: Iterable[Plan],
) -> Notified:
    """Claim, send and record each plan's message, one family after another."""
    notified = Notified()
    async with aiohttp.ClientSession() as http:
        for plan in todo:
            if not await asyncio.to_thread(claim, engine, plan):
                continue
            alert = plan.alert
            assert alert.phone is not None  # alerts.live() returns only these
            phone = str(sealed.unseal(key, alerts.seal_row(alert.id), alert.phone))
            with Session(engine, future=True) as session:
                program = session.get(Program, plan.programs[0])
                session.expunge_all()
            assert program is not None
            message = template_message(settings, alert.language, plan.place.label,
                                       program)
            sent = await client.send(http, phone, message, alert.conversation)
            await asyncio.to_thread(record, engine, plan, sent)
            notified.accepted += sent is Sent.ACCEPTED
            notified.refused += sent is Sent.REFUSED
            notified.failed += sent is Sent.FAILED
    return notified


def notify_new_matches(
    engine: Engine, settings: Settings, program_ids: Iterable[int],
    env: Mapping[str, str] | None = None,
) -> Notified:
    """Tell each family whose search now finds one of ``program_ids``, once.

    ``program_ids``: the programs a change added or changed. Blocking (database and
    Graph API): from async code, call it in a worker thread. The Graph API
    credentials are the WhatsApp channel's ``WHATSAPP_*`` variables (``env``,
    ``os.environ`` by default); without them nothing is sent or marked as told.
    """
    changed = set(program_ids)
    client = sender_from_env(env)
    if client is None:
        return Notified(skipped="WhatsApp is not configured (WHATSAPP_* variables)")
    todo = plans(engine, changed) if changed else []
    if not todo:
        return Notified()
    key = identity.load_key(settings.data_dir, env)
    return asyncio.run(send_all(engine, settings.alerts, client, key, todo))
