"""Answer the second question of a message after the first's answer.

"cuanto cuesta y quien da las clases?" got the answer on cost alone (exploratory run
9). The NLU marks a second question about another FAQ topic
(:mod:`bot.nlu.second_question`); right after the FAQ answer to the first, this
policy predicts ``action_second_answer``, which says that topic's answer, then
listens.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.second_question import second_topic_of
from bot.policies.turns import UntrainedPolicy

FAQ_ACTION = "utter_faq"
SECOND_ACTION = "action_second_answer"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class SecondQuestionPolicy(UntrainedPolicy):
    """Predict the second answer right after the first FAQ answer, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :data:`SECOND_ACTION` after ``utter_faq`` for a second question."""
        if tracker.latest_action_name == SECOND_ACTION:
            return str(ACTION_LISTEN_NAME), []
        if tracker.latest_action_name == FAQ_ACTION and second_asked(tracker):
            return SECOND_ACTION, []
        return None, []


def second_asked(tracker: DialogueStateTracker) -> str | None:
    """Return the second question's topic, unless it is the one just answered."""
    message = tracker.latest_message
    if message is None:
        return None
    topic = second_topic_of(message.entities)
    return topic if topic != message.intent.get("full_retrieval_intent_name") else None
