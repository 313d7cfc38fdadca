"""After the care a worried parent heard, the next steps: the counselor, then whom.

Right after ``utter_child_wellbeing``, "que hago?", "como hablo con el consejero?"
or "y si la escuela no hace nada?" got "I can't answer that one" or "not sure"
(found in an exploratory run). Such a message, asking what to do next
(:func:`bot.safety.wellbeing.asks_next_step`), now gets how to reach the counselor,
an interpreter, and whom to ask next (``utter_child_wellbeing_next``). Only as the
next message, only when nothing else understood it surely: a crisis, a request for
a person, a goodbye or a question Puente answers keep their own answers.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.turns import UntrainedPolicy, replies_right_after
from bot.safety.wellbeing import asks_next_step

CARE_ACTIONS = frozenset({"utter_child_wellbeing"})
NEXT_STEPS = "utter_child_wellbeing_next"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class WellbeingFollowUpPolicy(UntrainedPolicy):
    """Predict the next steps after the care, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :data:`NEXT_STEPS`, listening after it, or nothing."""
        if tracker.latest_action_name == NEXT_STEPS:
            return str(ACTION_LISTEN_NAME), []
        return (NEXT_STEPS, []) if asks_after_care(tracker) else (None, [])


def asks_after_care(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, right after the care, asks what to do next.

    A worry said again is not asking: its rule says the care again.
    """
    return (replies_right_after(tracker, CARE_ACTIONS)
            and asks_next_step(str(tracker.latest_message.text or "")))
