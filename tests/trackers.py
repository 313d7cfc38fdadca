"""Build trackers for action and policy tests without a Rasa server."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.shared.core.events import (
    ActionExecuted,
    Event,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker

#: A session as Rasa starts it, listening for the first message.
SESSION_START = (ActionExecuted("action_session_start"), SessionStarted(),
                 ActionExecuted("action_listen"))


def said(text: str, intent: str = "out_of_scope", confidence: float = 0.8,
         entities: List[Dict[str, Any]] | None = None) -> UserUttered:
    """A family's message as the NLU read it."""
    return UserUttered(text, {"name": intent, "confidence": confidence}, entities or [])


def conversation(*events: Event) -> DialogueStateTracker:
    """A policy's tracker: a new session, then ``events``."""
    return DialogueStateTracker.from_events("test", [*SESSION_START, *events])


def make_tracker(
    slots: Dict[str, Any] | None = None,
    intent: str = "greet",
    text: str = "",
    entities: List[Dict[str, Any]] | None = None,
    intent_ranking: List[Dict[str, Any]] | None = None,
    events: List[Dict[str, Any]] | None = None,
    active_loop: Dict[str, Any] | None = None,
    latest_action_name: str = "action_listen",
) -> Tracker:
    """A tracker whose latest message has the given NLU output."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
        "intent_ranking": intent_ranking or [{"name": intent, "confidence": 1.0}],
    }
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop=active_loop or {},
        latest_action_name=latest_action_name,
    )
