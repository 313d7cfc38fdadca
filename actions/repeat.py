""""mande?", "what?": the last answer again (see ``bot.conversations.repeat``)."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.named import NamedAction
from bot.conversations.repeat import answer_to_repeat


class ActionRepeatLast(NamedAction):
    """Send the bot's last messages again, as they were."""

    action_name = "action_repeat_last"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Repeat the last answer; inside a form nothing, as the form asks again.

        Before any answer, say what Puente can do.
        """
        if tracker.active_loop.get("name"):
            return []
        said = answer_to_repeat(tracker.events)
        for message in said:
            dispatcher.utter_message(**message)
        if not said:
            dispatcher.utter_message(response="utter_help")
        return []
