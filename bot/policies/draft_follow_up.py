"""After the drafted message, how to send it and what to do if nobody answers.

"como la mando?", "a quien se la doy?", "who do I give it to?" and "what if they
don't answer?" right after the draft got "I'm not sure I understood", "how do I
send it" the answer on signing up (found in an exploratory run): the step that
matters most, sending it, had no answer. Right after the draft (or its shorter or
other-language version), a message nothing understood surely gets how to send it,
to whom, and what to do if nobody answers (``utter_draft_how_to_send``). A request
to shorten or switch it, a question Puente answers surely, a crisis, a goodbye or a
request for a person keep their own answers.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.turns import UntrainedPolicy, unsure_right_after

HOW_TO_SEND = "utter_draft_how_to_send"
#: The answers that show the drafted message.
DRAFT_ACTIONS = frozenset({"action_draft_message", "action_shorten_draft",
                           "action_switch_draft_language"})


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class DraftFollowUpPolicy(UntrainedPolicy):
    """Predict how to send the message right after it, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :data:`HOW_TO_SEND`, listening after it, or nothing."""
        if tracker.latest_action_name == HOW_TO_SEND:
            return str(ACTION_LISTEN_NAME), []
        return (HOW_TO_SEND, []) if unsure_right_after(tracker, DRAFT_ACTIONS) else (
            None, [])
