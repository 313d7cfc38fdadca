"""Answer a message Puente is unsure of, or has no rule for, with its best guesses."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.suggestions import best_guesses, guess_buttons


class ActionSuggestTopics(Action):
    """Say "I'm not sure" in the parent's language and offer the two best guesses."""

    def name(self) -> str:
        """Name the action the nlu_fallback rule runs."""
        return "action_suggest_topics"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Offer buttons for the best guesses, or ask to rephrase if there are none."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        guesses = best_guesses(ranking)
        if guesses:
            buttons = guess_buttons(guesses, tracker.get_slot("language"))
            dispatcher.utter_message(response="utter_not_sure", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_not_sure_no_guess")
        return []


class ActionDefaultFallback(ActionSuggestTopics):
    """No rule fits what was understood ("back" outside a form): offer the guesses.

    Like Rasa's own fallback it rewinds the turn, so the rules see the conversation
    as it was; unlike it, it keeps the language the message set, which the rewind
    would undo, so the next answer is not in the wrong language.
    """

    def name(self) -> str:
        """Rasa's core fallback, overridden."""
        return "action_default_fallback"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Offer the guesses, rewind, and set the language again after the rewind."""
        await super().run(dispatcher, tracker, domain)
        events: List[EventType] = [UserUtteranceReverted()]
        if tracker.get_slot("language"):
            events.append(SlotSet("language", tracker.get_slot("language")))
        return events
