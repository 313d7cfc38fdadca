"""Program alerts: record the family's yes, and stop on "STOP" / "BAJA".

Thin on purpose: the requests live in ``bot.programs.alerts``. The action server
never sees a phone number: it records the conversation's id and its search, and the
WhatsApp channel attaches the number, sealed, as it sends the answer. On the web
widget there is no number to keep, so the family is told to ask on WhatsApp
(``actions.alert_offer``).
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.alert_offer import WHATSAPP, ask_on_whatsapp
from actions.configured import Configured
from actions.programs import programs_database, query_from
from bot.programs import alerts


class ActionAlertSubscribe(Configured, Action):
    """The family said yes: keep the search they just made, for the days set."""

    def name(self) -> str:
        """Run by the offer's "Yes, tell me" button."""
        return "action_alert_subscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Record the request, then say what is kept, for how long, how to stop."""
        settings = self.settings.alerts
        if tracker.get_latest_input_channel() != WHATSAPP:
            ask_on_whatsapp(dispatcher, settings)
            return []
        query = query_from(tracker)
        if query.place is None:
            dispatcher.utter_message(response="utter_alert_no_search")
            return []
        try:
            database = await asyncio.to_thread(programs_database, self.settings)
            await asyncio.to_thread(
                alerts.subscribe, database, tracker.sender_id, query.place,
                grade=query.grade, subject=query.subject or "",
                program_language=query.language or "", format=query.format or "",
                language=tracker.get_slot("language") or "en",
                keep_days=settings.keep_days)
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_alert_db_down")
            return []
        dispatcher.utter_message(response="utter_alert_saved",
                                 place=query.place.label, days=settings.keep_days)
        return []


class ActionAlertStop(Configured, Action):
    """"STOP" / "BAJA": delete the conversation's request, and say so."""

    def name(self) -> str:
        """Run by the ``stop`` intent outside a form."""
        return "action_alert_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Remove the request; when there was none, say there is nothing to delete."""
        try:
            database = await asyncio.to_thread(programs_database, self.settings)
            removed = await asyncio.to_thread(
                alerts.unsubscribe, database, tracker.sender_id)
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_alert_db_down")
            return []
        if removed:
            dispatcher.utter_message(response="utter_alert_stopped")
        else:
            dispatcher.utter_message(response="utter_alert_nothing_to_stop")
        return []
