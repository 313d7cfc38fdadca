"""Where a conversation stands within the current turn, read from its events.

Shared by Puente's policies: both must know whether the latest user message has
been answered yet, and the welcome policy whether this session has welcomed.
"""

from __future__ import annotations

from typing import Iterable

from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered

#: Actions Rasa runs around every message that are not an answer to it.
NOT_ANSWERS = frozenset(
    {"action_extract_slots", "action_listen", "action_session_start"}
)


def latest_message_answered(events: Iterable[Event]) -> bool:
    """Whether an action already ran after the latest user message."""
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name not in NOT_ANSWERS:
            return True
    return True


def ran_this_session(events: Iterable[Event], action_name: str) -> bool:
    """Whether ``action_name`` ran since the session started (reverted turns count)."""
    for event in reversed(list(events)):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == action_name:
            return True
    return False
