"""Meta's webhook notifications -> the messages Puente answers.

Meta batches: one POST can carry several entries, each with several changes, each
with ``messages``, ``statuses`` and ``errors``. Every one is looked at, and each kind
is handled on purpose:

- answered: text (plain, forwarded, quoting an earlier message, from an ad), reply
  buttons and list rows, template quick-reply buttons, WhatsApp Flow replies, a
  shared location (its nearest zip code), and ``request_welcome`` (a first-time chat,
  greeted with the welcome);
- "please write in text" (``TEXT_ONLY``; the channel sends it once an hour at most):
  media, contacts, orders, ``unsupported`` and any type Puente cannot read;
- silent (``Notification.silent``): what is not the user saying something new --
  emoji reactions, system notices, edits and deletions (the question was already
  answered), messages in groups, and every other webhook field (message echoes,
  template, account and quality updates, marketing preferences). Statuses and errors
  are kept for the channel to log, never answered.

Meta's JSON is read defensively: a missing or odd-typed part is skipped, never a
crash, since Meta redelivers (for days) whatever does not get its 200.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Tuple

from bot.channels.location import nearest_zip

#: The intent payload sent to Rasa for media and other types Puente cannot read;
#: ``domain.yml`` (WhatsApp) answers it kindly in the user's language.
TEXT_ONLY = "/text_only"
#: What a first-time chat (``request_welcome``) says to Rasa: a greeting, which the
#: welcome answers on its own (``actions/session.py``).
WELCOME = "/greet"
#: The change field that carries users' messages; every other field is silent.
MESSAGES_FIELD = "messages"
#: Message types that say nothing new to answer (see the module docstring). Meta
#: reports some of them as ``unsupported`` with the real type inside: the same.
SILENT_TYPES = frozenset({"reaction", "system", "edit", "revoke"})

#: (kind, text for Rasa, metadata for Rasa) read from one message.
Reading = Tuple[str, str, Dict[str, Any]]


@dataclass(frozen=True)
class Inbound:
    """One message from a user, reduced to what Rasa needs.

    ``phone`` is the user's number or, when WhatsApp withholds it (users with a
    username), their business-scoped user id: whichever Meta lets us answer.
    """

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
    #: What was read and deliberately left unanswered: message types, "group",
    #: "no sender", or the name of another webhook field.
    silent: List[str] = field(default_factory=list)


def dicts(items: Any) -> Iterator[Dict[str, Any]]:
    """Yield the objects of a JSON list; anything else in its place yields none."""
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


def _part(message: Dict[str, Any], name: str) -> Dict[str, Any]:
    """Return a message's sub-object (``text``...), or {} when absent or odd."""
    value = message.get(name)
    return value if isinstance(value, dict) else {}


def _changes(body: Dict[str, Any]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """Every change of every entry, as (field, value)."""
    for entry in dicts(body.get("entry")):
        for change in dicts(entry.get("changes")):
            value = change.get("value")
            if isinstance(value, dict):
                yield str(change.get("field")), value


def _choice(payload: str, label: str) -> str:
    """Read a tapped button: a Rasa payload (``/intent``) as is, else its label."""
    return payload if payload.startswith("/") else (label or payload)


def _text(message: Dict[str, Any]) -> Reading | None:
    """Read text: forwarded, quoting an earlier message or from an ad, the same.

    The words are what the user asks; where they came from changes nothing.
    """
    body = str(_part(message, "text").get("body") or "").strip()
    return ("text", body, {}) if body else None


def _template_button(message: Dict[str, Any]) -> Reading | None:
    """Read a quick-reply button of a template message (``type: button``)."""
    button = _part(message, "button")
    text = _choice(str(button.get("payload") or ""), str(button.get("text") or ""))
    return ("button", text, {}) if text else None


def _flow(reply: Dict[str, Any]) -> Reading:
    """Read a WhatsApp Flow's answers (``nfm_reply``; ``response_json`` is a string).

    Puente sends no Flows, so one can only come from a Flow set up elsewhere on the
    number. The answers the user typed are their words and are read as a message;
    a Flow with nothing typed is greeted with the welcome, which says what Puente
    can do.
    """
    try:
        answers = json.loads(str(reply.get("response_json") or "{}"))
    except ValueError:
        answers = {}
    typed = [
        value.strip()
        for key, value in (answers.items() if isinstance(answers, dict) else ())
        if key != "flow_token" and isinstance(value, str) and value.strip()
    ]
    return "flow", "\n".join(typed) or WELCOME, {}


def _interactive(message: Dict[str, Any]) -> Reading | None:
    """Read a reply button, a list row, or a Flow reply."""
    interactive = _part(message, "interactive")
    kind = str(interactive.get("type"))
    if kind == "nfm_reply":
        return _flow(_part(interactive, kind))
    if kind not in ("button_reply", "list_reply"):
        return None
    reply = _part(interactive, kind)
    text = _choice(str(reply.get("id") or ""), str(reply.get("title") or ""))
    if not text:
        return None
    return ("button" if kind == "button_reply" else "list"), text, {}


def _location(message: Dict[str, Any]) -> Reading | None:
    """Read a shared pin as its nearest zip code (what the program search asks)."""
    place = _part(message, "location")
    try:
        latitude, longitude = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    zip_code = nearest_zip(latitude, longitude)
    if zip_code is None:
        return None
    where = {"latitude": latitude, "longitude": longitude, "zip_code": zip_code}
    return "location", zip_code, {"location": where}


def _welcome(_: Dict[str, Any]) -> Reading:
    """Read a first-time chat (``request_welcome``) as a greeting."""
    return "welcome", WELCOME, {}


#: How each answered message type is read; every other type gets ``TEXT_ONLY``.
READERS: Dict[str, Callable[[Dict[str, Any]], Reading | None]] = {
    "text": _text,
    "button": _template_button,
    "interactive": _interactive,
    "location": _location,
    "request_welcome": _welcome,
}


def _timestamp(value: Any) -> int:
    """Read Meta's Unix time, sent as a string or a number; 0 when unreadable."""
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return 0


def why_silent(message: Dict[str, Any]) -> str | None:
    """Return why a message gets no answer (see the module docstring), or None."""
    if message.get("group_id"):
        return "group"
    kind = str(message.get("type"))
    inner = str(_part(message, "unsupported").get("type"))
    if kind == "unsupported" and inner in SILENT_TYPES:
        return inner
    return kind if kind in SILENT_TYPES else None


def parse_message(message: Dict[str, Any]) -> Inbound | None:
    """Read one entry of ``messages`` (None when it has no sender or id)."""
    sender = str(message.get("from") or message.get("from_user_id") or "")
    message_id = str(message.get("id") or "")
    if not sender or not message_id:
        return None
    reader = READERS.get(str(message.get("type")))
    reading = reader(message) if reader else None
    kind, text, metadata = reading or ("unsupported", TEXT_ONLY, {})
    timestamp = _timestamp(message.get("timestamp"))
    return Inbound(message_id, sender, timestamp, kind, text, metadata)


def parse(body: Any) -> Notification:
    """Read a whole webhook POST body: its messages, statuses and errors."""
    notification = Notification()
    if not isinstance(body, dict):
        return notification
    for field_name, value in _changes(body):
        if field_name != MESSAGES_FIELD:
            notification.silent.append(field_name)
            continue
        for message in dicts(value.get("messages")):
            reason = why_silent(message)
            inbound = None if reason else parse_message(message)
            if inbound:
                notification.messages.append(inbound)
            else:
                notification.silent.append(reason or "no sender")
        notification.statuses.extend(dicts(value.get("statuses")))
        notification.errors.extend(dicts(value.get("errors")))
    return notification
