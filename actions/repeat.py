""""mande?", "what?": the last answer again; "no entendí": the answer more simply.

See ``bot.conversations.repeat`` and ``bot.conversations.plainer``.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.named import NamedAction
from bot.conversations.plainer import plain_response, says_not_understood
from bot.conversations.repeat import answer_to_repeat


class ActionRepeatLast(NamedAction):
    """Send the bot's last messages again, or the last answer in plainer words."""

    action_name = "action_repeat_last"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Repeat the last answer; inside a form nothing, as the form asks again.

        A family that did not understand an FAQ answer gets its short version; one
        that still does not, the answer again and a way to ask a person. Before any
        answer, say what Puente can do.
        """
        if tracker.active_loop.get("name"):
            return []
        not_understood = says_not_understood(tracker.latest_message.get("text") or "")
        if not_understood:
            plain = plain_response(tracker.events)
            if plain:
                dispatcher.utter_message(response=plain)
                return []
        said = answer_to_repeat(tracker.events)
        for message in said:
            dispatcher.utter_message(**message)
        if not said:
            dispatcher.utter_message(response="utter_help")
        elif not_understood:
            dispatcher.utter_message(response="utter_still_not_clear")
        return []
