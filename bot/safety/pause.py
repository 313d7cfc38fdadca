"""A crisis pauses a form; find the form a family can come back to.

When a family writes of a crisis in the middle of the program search, the
checklist or the message form, Puente answers with emergency lines, says the
form is paused, and deactivates it (``data/rules/safety.yml``): the answers
given so far stay. "Continue" must then re-open that same form, once, and only if
nothing else was started since.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

#: The response said when a crisis pauses a form (it carries the "Continue" button).
PAUSED_RESPONSE = "utter_form_paused"


def paused_form(events: Iterable[Mapping[str, Any]]) -> str | None:
    """Return the form the latest crisis paused, or None (none, or resumed since).

    Args:
        events: the conversation's events as rasa-sdk gives them (dicts).
    """
    paused = False
    for event in reversed(list(events)):
        kind, name = event.get("event"), event.get("name")
        if kind == "session_started":
            return None
        if kind == "active_loop" and name:
            return name if paused else None
        if kind == "action" and name == PAUSED_RESPONSE:
            paused = True
    return None
