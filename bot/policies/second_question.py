"""Answer a message's other questions after the first's answer.

"cuanto cuesta y quien da las clases?" got the answer on cost alone (exploratory run
9). The NLU marks the other questions about other FAQ topics
(:mod:`bot.nlu.second_question`); right after the FAQ answer to the first, this
policy predicts ``action_second_answer``, which says those topics' answers, then
listens.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlu.second_question import more_topics_of
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


def second_asked(tracker: DialogueStateTracker) -> bool:
    """Whether the message asked of another topic than the one just answered."""
    message = tracker.latest_message
    if message is None:
        return False
    answered = message.intent.get("full_retrieval_intent_name")
    return any(topic != answered for topic in more_topics_of(message.entities))
