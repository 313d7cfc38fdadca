"""Welcome a family once per session, right after their first message is understood.

The welcome used to be said by ``action_session_start``, which runs before Rasa
reads the first message: a parent whose first words were "me quiero morir" got
"Hi! I'm Puente..." before 911 and 988, and a Spanish first message got an English
welcome. Predicting the welcome here, after the NLU, puts the emergency answer first
and says the welcome in the language the family wrote in, which LanguagePolicy has
just set. After the emergency lines no welcome comes that session: a cheerful "Hi!
I'm Puente" after them was tone-deaf (exploratory run 10).

``action_welcome`` ends with ``action_listen`` in its events, so the rules see the
first message as if nothing had come between it and its answer; for a greeting the
welcome is the answer, and this policy then listens.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.crisis_follow_up import LINES, answer_after_crisis
from bot.policies.turns import (
    UntrainedPolicy,
    latest_message_answered,
    ran_this_session,
)

WELCOME_ACTION = "action_welcome"
#: First messages answered by something other than a welcome: emergency lines, a
#: child, who is pointed to a trusted adult instead, and a parent worried about how
#: a child feels, or about themselves, who hears a word of care first.
NO_WELCOME_INTENTS = frozenset({"crisis", "child_user", "child_wellbeing",
                                "parent_wellbeing"})
#: After a crisis, asking for a person gets the people who answer now, unwelcomed;
#: what to do now and a word of care after a thanks come unwelcomed too.
NO_WELCOME_AFTER_CRISIS = frozenset({"human_handoff"})


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class WelcomePolicy(UntrainedPolicy):
    """Predict ``action_welcome`` before the first answer of a session."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict the welcome (or listening after it), never any event."""
        return next_welcome_step(tracker), []


def next_welcome_step(tracker: DialogueStateTracker) -> str | None:
    """``action_welcome``, ``action_listen`` after a greeting's welcome, or None."""
    if tracker.latest_action_name == WELCOME_ACTION:
        return str(ACTION_LISTEN_NAME)
    message = tracker.latest_message
    intent = message.intent.get("name") if message else None
    if (
        intent is None
        or intent in NO_WELCOME_INTENTS
        or (intent in NO_WELCOME_AFTER_CRISIS and tracker.get_slot("crisis_reported"))
        or answer_after_crisis(tracker) is not None  # what to do now, unwelcomed
        or latest_message_answered(tracker.events)
        or ran_this_session(tracker.events, WELCOME_ACTION)
        # "no es para tanto, la tutoría le ayudaría?" after the lines got the cheerful
        # welcome (exploratory run 10): a family that told of a crisis is past it
        or ran_this_session(tracker.events, LINES)
    ):
        return None
    return WELCOME_ACTION
