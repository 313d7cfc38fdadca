"""One web conversation's transcript, read from Rasa's SQL tracker store.

The widget shows the conversation again after a reload. The tracker store already
keeps every message (and its retention purge already deletes them), so the pages
server reads it, read-only, instead of keeping a second copy in the browser or in
another table. Only the id a valid token proves is ever queried.
"""

from __future__ import annotations

from typing import Any, Dict, List

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.programs.alerts import GIVEN, INVALID
from bot.review.tracker import EVENTS, event_data, has_events

Message = Dict[str, Any]
#: Slot events looked at to find the conversation's language (newest first).
RECENT_SLOTS = 50
#: What stands for a WhatsApp number the family typed for a program alert: the
#: pages server never passed it on (Rasa saw ``/alert_number_given``), so the
#: history shows that a number was written there, not which (no language needed).
HIDDEN_NUMBER = "📱 (•••) •••-••••"


def history(tracker: Engine, conversation_id: str) -> List[Message]:
    """Return ``conversation_id``'s messages as the widget draws them, oldest first.

    A quick reply is stored by Rasa as its payload (``/find_program``); it is shown
    as the title of the button the parent clicked, in whichever earlier message.
    Other slash commands the widget sends (the language switch) are not shown, as
    they were not shown when sent; a WhatsApp number typed for an alert shows as
    :data:`HIDDEN_NUMBER`.
    """
    if not has_events(tracker):
        return []
    query = (select(EVENTS.c.type_name, EVENTS.c.data)
             .where(EVENTS.c.sender_id == conversation_id,
                    EVENTS.c.type_name.in_(("user", "bot")))
             .order_by(EVENTS.c.id))
    with tracker.connect() as connection:
        rows = connection.execute(query).all()
    messages: List[Message] = []
    titles: Dict[str, str] = dict.fromkeys((GIVEN, INVALID), HIDDEN_NUMBER)
    for type_name, raw in rows:
        data = event_data(raw)
        text = data.get("text") or ""
        if type_name == "user":
            shown = titles.get(text, "" if text.startswith("/") else text)
            if shown:
                messages.append({"from": "user", "text": shown})
            continue
        extra = data.get("data") or {}
        message: Message = {"from": "bot", "text": text}
        if extra.get("buttons"):
            message["buttons"] = extra["buttons"]
            # Any button shown so far can be tapped (an answer's buttons stay under
            # it when "Did this help?" follows): the latest title of a payload wins.
            titles.update({b.get("payload"): b.get("title") for b in extra["buttons"]})
        if extra.get("custom"):
            message["custom"] = extra["custom"]
        if text or len(message) > 2:
            messages.append(message)
    return messages


def conversation_language(tracker: Engine, conversation_id: str) -> str | None:
    """Return the ``language`` slot Rasa last set for ``conversation_id`` (or ``None``).

    The widget follows it, so a parent who writes in Spanish on an English page
    also gets the widget's own labels in Spanish.
    """
    if not has_events(tracker):
        return None
    query = (select(EVENTS.c.data)
             .where(EVENTS.c.sender_id == conversation_id,
                    EVENTS.c.type_name == "slot")
             .order_by(EVENTS.c.id.desc()).limit(RECENT_SLOTS))
    with tracker.connect() as connection:
        rows = connection.execute(query).scalars().all()
    for raw in rows:
        data = event_data(raw)
        if data.get("name") == "language" and data.get("value"):
            return str(data["value"])
    return None
