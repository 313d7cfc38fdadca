"""Meta's webhook notifications -> the messages Puente answers.

Meta batches: one POST can carry several entries, each with several changes, each
with ``messages``, ``statuses`` and ``errors``. Every one is looked at; only inbound
messages lead to an answer. Statuses and errors are counted and logged (never with
the phone number) and otherwise ignored, and so are the messages that are not the
user saying something: an emoji reaction (added, changed or removed) and a system
notice (the user changed number or identity). Answering those would be noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List

from bot.channels.location import nearest_zip

#: The intent payload sent to Rasa for media and other types Puente cannot read;
#: ``domain/whatsapp.yml`` answers it kindly in the user's language.
TEXT_ONLY = "/text_only"
#: Message types that say nothing to answer (see the module docstring).
SILENT_TYPES = frozenset({"reaction", "system"})


@dataclass(frozen=True)
class Inbound:
    """One message from a user, reduced to what Rasa needs."""

    message_id: str
    phone: str
    timestamp: int
    kind: str
    text: str
    metadata: Dict[str, Any] = field(default_factory=dict)


@dataclass
class Notification:
    """Everything in one webhook POST."""

    messages: List[Inbound] = field(default_factory=list)
    statuses: List[Dict[str, Any]] = field(default_factory=list)
    errors: List[Dict[str, Any]] = field(default_factory=list)
    #: The types of messages read and deliberately left unanswered.
    silent: List[str] = field(default_factory=list)


def _values(body: Dict[str, Any]) -> Iterator[Dict[str, Any]]:
    for entry in body.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value")
            if isinstance(value, dict):
                yield value


def _interactive(message: Dict[str, Any]) -> tuple | None:
    """Read a button or list reply as (kind, text); a Rasa payload id is sent as is."""
    interactive = message.get("interactive") or {}
    kind = interactive.get("type")
    reply = interactive.get(kind) if kind in ("button_reply", "list_reply") else None
    if not isinstance(reply, dict):
        return None
    reply_id, title = str(reply.get("id") or ""), str(reply.get("title") or "")
    text = reply_id if reply_id.startswith("/") else (title or reply_id)
    return ("button" if kind == "button_reply" else "list"), text


def _location(message: Dict[str, Any]) -> tuple | None:
    """Read a shared pin as (nearest zip code, its coordinates)."""
    place = message.get("location") or {}
    try:
        latitude, longitude = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    zip_code = nearest_zip(latitude, longitude)
    if zip_code is None:
        return None
    return zip_code, {
        "latitude": latitude,
        "longitude": longitude,
        "zip_code": zip_code,
    }


def parse_message(message: Dict[str, Any]) -> Inbound | None:
    """Read one entry of ``messages`` (None when it has no sender or id)."""
    phone, message_id = str(message.get("from") or ""), str(message.get("id") or "")
    if not phone or not message_id:
        return None
    try:
        timestamp = int(message.get("timestamp") or 0)
    except (TypeError, ValueError):
        timestamp = 0
    kind, text, metadata = "unsupported", TEXT_ONLY, {}
    message_type = message.get("type")
    if message_type == "text":
        body = str((message.get("text") or {}).get("body") or "").strip()
        if body:
            kind, text = "text", body
    elif message_type == "interactive":
        reply = _interactive(message)
        if reply:
            kind, text = reply
    elif message_type == "location":
        found = _location(message)
        if found:
            kind, text = "location", found[0]
            metadata = {"location": found[1]}
    return Inbound(message_id, phone, timestamp, kind, text, metadata)


def parse(body: Dict[str, Any]) -> Notification:
    """Read a whole webhook POST body: its messages, statuses and errors."""
    notification = Notification()
    if not isinstance(body, dict):
        return notification
    for value in _values(body):
        for message in value.get("messages") or []:
            if isinstance(message, dict) and message.get("type") in SILENT_TYPES:
                notification.silent.append(str(message["type"]))
                continue
            inbound = parse_message(message) if isinstance(message, dict) else None
            if inbound:
                notification.messages.append(inbound)
        notification.statuses.extend(
            s for s in value.get("statuses") or [] if isinstance(s, dict)
        )
        notification.errors.extend(
            e for e in value.get("errors") or [] if isinstance(e, dict)
        )
    return notification
