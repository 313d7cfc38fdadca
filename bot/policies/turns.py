"""What Puente's policies share: no training, and where the current turn stands.

Both policies decide with a fixed, tested function of the conversation's events
(nothing to learn), and both must know whether the latest user message has been
answered yet; the welcome policy also whether this session has welcomed.
"""

from __future__ import annotations

from collections.abc import Reversible, Sequence
from typing import Any, ClassVar

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

EXTRACT_SLOTS = "action_extract_slots"
#: Actions Rasa runs around every message that are not an answer to it.
NOT_ANSWERS = frozenset({EXTRACT_SLOTS, ACTION_LISTEN_NAME, "action_session_start"})


def unanswered_message_at(events: Sequence[Event]) -> int | None:
    """Return the index of the latest user message; None once an action answered it."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if isinstance(event, UserUttered):
            return index
        if isinstance(event, ActionExecuted) and event.action_name not in NOT_ANSWERS:
            return None
    return None


def latest_message_answered(events: Sequence[Event]) -> bool:
    """Whether an action already ran after the latest user message."""
    return unanswered_message_at(events) is None


def awaits_answer(events: Reversible[Event]) -> bool:
    """Whether the next action answers the latest message.

    True also after a welcome or a privacy tip said before the answer: those end
    with ``action_listen`` so the rules answer as if nothing came between.
    """
    for event in reversed(events):
        if isinstance(event, ActionExecuted) and event.action_name != EXTRACT_SLOTS:
            return bool(event.action_name == ACTION_LISTEN_NAME)
    return False


def answered_recently(events: Reversible[Event], actions: frozenset[str],
                      messages: int) -> bool:
    """Whether ``actions`` answered one of the ``messages`` messages before the latest.

    The results before "any online?", the care before "que hago?". Events are told
    apart by ``type_name``, the cheap test on every message.
    """
    seen = 0
    for event in reversed(events):
        if event.type_name == UserUttered.type_name:
            seen += 1
            if seen > messages:
                return False
        elif (seen and event.type_name == ActionExecuted.type_name
              and event.action_name in actions):
            return True
    return False


#: A yes ("sí", "ok", a 👍), read as its own intent.
AFFIRM = "affirm"
#: What a message right after care is read as when nothing understood it surely:
#: "que hago?" is out of scope or unsure, "what do I do" the list of what Puente can do.
UNSURE_INTENTS = frozenset({"out_of_scope", "nlu_fallback", "faq", "inform", "help"})
#: Below this, a topic the classifier chose is not what the parent asked.
SURE = 0.6


def replies_right_after(tracker: DialogueStateTracker, actions: frozenset[str],
                        intents: frozenset[str] = UNSURE_INTENTS) -> bool:
    """Whether the latest message, read as one of ``intents``, follows ``actions``.

    By default an unsure message: nothing understood it surely (a topic below
    :data:`SURE` too), so what was said just before decides its answer; a thanks
    after the emergency lines is another such reply. Outside forms.
    """
    message = tracker.latest_message
    intent = message.intent if message else {}
    return (
        intent.get("name") in intents
        and (intent.get("name") != "faq" or float(intent.get("confidence", 0)) < SURE)
        and follows_right_after(tracker, actions)
    )


def follows_right_after(tracker: DialogueStateTracker, actions: frozenset[str],
                        unless: frozenset[str] = frozenset()) -> bool:
    """Whether the latest message, awaiting its answer, follows ``actions`` at once.

    Any intent but those of ``unless`` (a crisis, a goodbye: their own answers);
    outside forms.
    """
    message = tracker.latest_message
    return (
        message is not None
        and tracker.active_loop_name is None
        and message.intent.get("name") not in unless
        and awaits_answer(tracker.events)
        and answered_recently(tracker.events, actions, 1)
    )


def ran_this_session(events: Reversible[Event], action_name: str) -> bool:
    """Whether ``action_name`` ran since the session started (reverted turns count)."""
    for event in reversed(events):
        if isinstance(event, SessionStarted):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == action_name:
            return True
    return False


class UntrainedPolicy(Policy):
    """A policy whose decision is a fixed function of the conversation.

    Subclasses say only what they decide (:meth:`decide`) and, when it is not 7,
    their ``priority``; Rasa's interface of probabilities and events is spoken here
    once.
    """

    #: Rasa's tie-break between policies equally sure of an action: above
    #: RulePolicy (6), whose rules would otherwise answer first. Among Puente's
    #: policies of equal priority the one listed first in config.yml wins.
    priority: ClassVar[int] = 7

    @classmethod
    def get_default_config(cls) -> dict[str, Any]:
        """Return the class's priority, the one setting these policies have."""
        return {"priority": cls.priority}

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Return the action to predict with certainty (or None) and events to apply."""
        raise NotImplementedError

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """Certain about the decided action, silent otherwise; events either way."""
        action, events = self.decide(tracker)
        probabilities = self._default_predictions(domain)
        if action is not None:
            probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, events=events)

    def train(
        self,
        training_trackers: list[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        """Nothing to learn from stories or rules."""
        return self._resource


def last_answer(events: Sequence[Event]) -> str | None:
    """Return the response Puente answered the message before the latest one with.

    The latest bot message before the latest user message: its ``utter_action``.
    """
    seen_user = False
    for event in reversed(events):
        if event.type_name == UserUttered.type_name:
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.type_name == BotUttered.type_name:
            action = (event.metadata or {}).get("utter_action")
            return str(action) if action else None
    return None
