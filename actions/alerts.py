"""Program alerts: record the family's yes, take the widget's number, stop on "STOP".

Thin on purpose: the requests live in ``bot.programs.alerts``. The action server
never sees a phone number: it records the conversation's id and its search; on
WhatsApp the channel attaches the number, sealed, as it sends the answer; on the
widget (where ``[alerts] web_contacts`` accepts it) the family is asked for the
number, which the pages server seals into the request, telling Rasa only that it
did (``/alert_number_given``). Elsewhere the family is told to ask on WhatsApp.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.alert_offer import ask_on_whatsapp
from actions.configured import Configured
from actions.programs import programs_database, query_from
from bot.programs import alerts


class ActionAlertSubscribe(Configured, Action):
    """The family said yes: keep the search they just made, for the days set."""

    def name(self) -> str:
        """Run by the offer's "Yes, tell me" button, or a typed "yes" right after."""
        return "action_alert_subscribe"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Record the request; say what is kept, or ask the widget's family the number.

        On WhatsApp the number comes with the conversation; on the widget the
        request waits for the number the family types next.
        """
        settings = self.settings.alerts
        reach = alerts.reach(tracker.get_latest_input_channel(), settings)
        if reach == alerts.ELSEWHERE_REACH:
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
                program_language=query.language or "",
                format=tracker.get_slot("alert_format") or query.format or "",
                language=tracker.get_slot("language") or "en",
                keep_days=settings.keep_days,
                counted=reach == alerts.WHATSAPP_REACH)
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_alert_db_down")
            return []
        if reach == alerts.TYPED_REACH:
            return [FollowupAction("action_alert_ask_number")]
        dispatcher.utter_message(response="utter_alert_saved",
                                 place=query.place.label, days=settings.keep_days)
        return []


class ActionAlertAskNumber(Configured, Action):
    """Ask the widget's family for their WhatsApp number (a typed "no" declines)."""

    def name(self) -> str:
        """Run right after a "yes" on the widget, as its follow-up."""
        return "action_alert_ask_number"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Ask, saying again what the number is for and how long it is kept."""
        dispatcher.utter_message(response="utter_alert_ask_number",
                                 days=self.settings.alerts.keep_days)
        return []


class ActionAlertNumberGiven(Configured, Action):
    """The widget kept the family's WhatsApp number: say what happens next."""

    def name(self) -> str:
        """Run by ``/alert_number_given``, which the pages server sends."""
        return "action_alert_number_given"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Confirm: the place, the days, and where to write STOP."""
        settings = self.settings.alerts
        place = query_from(tracker).place
        dispatcher.utter_message(
            response="utter_alert_saved_web",
            place=place.label if place else tracker.get_slot("program_location"),
            days=settings.keep_days, whatsapp_number=settings.whatsapp_number)
        return []


class ActionAlertDecline(Configured, Action):
    """"No, thanks": keep nothing (a request still waiting for its number goes)."""

    def name(self) -> str:
        """Run by the "No, thanks" buttons, or a typed "no" right after them."""
        return "action_alert_decline"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Delete a request without a number, if any; a kept one stays."""
        try:
            database = await asyncio.to_thread(programs_database, self.settings)
            await asyncio.to_thread(alerts.drop_waiting, database, tracker.sender_id)
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_alert_db_down")
            return []
        dispatcher.utter_message(response="utter_alert_declined")
        return []


class ActionAlertStop(Configured, Action):
    """"STOP" / "BAJA": delete the conversation's request, and say so."""

    def name(self) -> str:
        """Run by the ``stop`` intent outside a form."""
        return "action_alert_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Remove the request; when there was none, say there is nothing to delete.

        On the widget that takes numbers, a request whose number was given is
        WhatsApp's conversation's now (bot.programs.alerts.give_number): the
        family is told to write STOP there.
        """
        try:
            database = await asyncio.to_thread(programs_database, self.settings)
            removed = await asyncio.to_thread(
                alerts.unsubscribe, database, tracker.sender_id)
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_alert_db_down")
            return []
        settings = self.settings.alerts
        if removed:
            dispatcher.utter_message(response="utter_alert_stopped")
        elif alerts.reach(tracker.get_latest_input_channel(), settings) == \
                alerts.TYPED_REACH:  # a number given here went with WhatsApp's
            dispatcher.utter_message(response="utter_alert_stop_on_whatsapp",
                                     whatsapp_number=settings.whatsapp_number)
        else:
            dispatcher.utter_message(response="utter_alert_nothing_to_stop")
        return []
