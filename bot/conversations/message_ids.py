"""How a sender marks a message with its own id, and as sent before.

Read by :mod:`bot.conversations.answer_once` inside Rasa; written by the pages
server (the widget's per-message id) and the WhatsApp channel (the hash of Meta's
message id), which must not import Rasa's processor for it.
"""

from __future__ import annotations

from typing import Any, Dict

#: Metadata keys of a message's own id and of "this was sent before".
MESSAGE_ID = "message_id"
RETRY = "retry"
#: A message id longer than this is not one a sender of ours made: ignored.
MAX_ID_LENGTH = 64


def valid_id(value: object) -> str | None:
    """Return ``value`` if it can be a message id (a short non-empty string)."""
    if isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH:
        return value
    return None


def marked(message_id: str, retry: bool) -> Dict[str, Any]:
    """Return the metadata that marks a message with its id (and as a retry)."""
    return {MESSAGE_ID: message_id, RETRY: True} if retry else {MESSAGE_ID: message_id}


def retried_id(metadata: Dict[str, Any] | None) -> str | None:
    """Return the id of a message marked as a retry, else None."""
    if not metadata or metadata.get(RETRY) is not True:
        return None
    return valid_id(metadata.get(MESSAGE_ID))
