"""'Tell me more' after an FAQ answer, and a second question's answer.

Thin on purpose: which topic to expand is decided in ``bot.faq.more``, which
question is a second one in ``bot.nlu.second_question``.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.named import NamedAction
from bot.faq.more import more_response
from bot.nlu.second_question import more_topics_of


class ActionFaqMore(Action):
    """Utter ``utter_faq_more/<topic>``, in the conversation's language."""

    def name(self) -> str:
        """Name the action of the faq_more rule."""
        return "action_faq_more"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Utter the rest of the topic's answer, then ask whether it helped.

        See ``bot.faq.feedback``. Without such an answer, say what Puente can do.
        """
        response = more_response(
            tracker.latest_message.get("entities") or [],
            tracker.events,
            (domain.get("responses") or {}).keys(),
        )
        if response:
            dispatcher.utter_message(response=response)
            dispatcher.utter_message(response="utter_feedback_question")
        else:
            dispatcher.utter_message(response="utter_help")
        return []


class ActionSecondAnswer(NamedAction):
    """The answers to a message's other questions ("...y quien da las clases?")."""

    action_name = "action_second_answer"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Utter the FAQ answer of each topic the NLU marked (``utter_faq/<topic>``)."""
        for topic in more_topics_of(tracker.latest_message.get("entities") or []):
            dispatcher.utter_message(response=f"utter_{topic}")
        return []
