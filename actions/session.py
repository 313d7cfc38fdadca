"""Start each conversation session: carry the language over, welcome the parent."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.lang.detect import SUPPORTED
from bot.settings import Settings, load_settings


class ActionSessionStart(Action):
    """Start a session with the parent's language, the contact, and the welcome.

    The welcome says what Puente is (an automated assistant, not a person), that it
    answers from public sources and not to share a child's personal information.
    When the language is not known yet it is bilingual (the response's default).
    """

    def __init__(self, settings: Optional[Settings] = None) -> None:
        self._settings = settings

    def name(self) -> Text:
        """The action Rasa runs when a session starts."""
        return "action_session_start"

    @property
    def settings(self) -> Settings:
        """Settings, read on first use (not when the action server imports us)."""
        if self._settings is None:
            self._settings = load_settings()
        return self._settings

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[Text, Any],
    ) -> List[EventType]:
        """Return the session-start events and utter the welcome."""
        events: List[EventType] = [SessionStarted()]
        language = tracker.get_slot("language")
        metadata = tracker.get_slot("session_started_metadata") or {}
        if language is None and metadata.get("language") in SUPPORTED:
            language = metadata["language"]
        if language is not None:
            events.append(SlotSet("language", language))
        events.append(SlotSet("handoff_contact", self.settings.handoff_contact))
        dispatcher.utter_message(response="utter_welcome")
        events.append(ActionExecuted("action_listen"))
        return events
