"""What Puente's policies share: no training, and where the current turn stands.

Both policies decide with a fixed, tested function of the conversation's events
(nothing to learn), and both must know whether the latest user message has been
answered yet; the welcome policy also whether this session has welcomed.
"""

from __future__ import annotations

from typing import Any, List, Reversible

from rasa.core.policies.policy import Policy
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates

#: Actions Rasa runs around every message that are not an answer to it.
NOT_ANSWERS = frozenset(
    {"action_extract_slots", "action_listen", "action_session_start"}
)


def latest_message_answered(events: Reversible[Event]) -> bool:
    """Whether an action already ran after the latest user message."""
    for event in reversed(events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name not in NOT_ANSWERS:
            return True
    return True


def ran_this_session(events: Reversible[Event], action_name: str) -> bool:
    """Whether ``action_name`` ran since the session started (reverted turns count)."""
    for event in reversed(events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == action_name:
            return True
    return False


class UntrainedPolicy(Policy):
    """A policy whose decision is a fixed function of the conversation."""

    def train(
        self,
        training_trackers: List[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        """Nothing to learn from stories or rules."""
        return self._resource
