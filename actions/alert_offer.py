"""The offer after a search that found nothing near, or where to ask for it.

Apart from the alert actions (``actions.alerts``) because the program search
(``actions.programs``) makes the offer and the alert actions reuse its search.
Which offer, by channel and settings, is ``bot.programs.alerts.offer_response``.

The offer is an action of its own (``action_alert_offer``), which the search
names as its follow-up: the rules then read a typed "yes" / "no" right after it
as the offer's buttons, with no slot to keep and reset.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.configured import Configured
from bot.programs import alerts
from bot.settings import AlertSettings

#: ``alert_format`` when only online programs were found: the request is for one
#: in person.
IN_PERSON = "in_person"


def offer_alert(
    dispatcher: CollectingDispatcher, tracker: Tracker, settings: AlertSettings,
    in_person: bool = False,
) -> List[EventType]:
    """After no program near (or online ones only): offer the alert, else say where.

    Where no number can be had (the widget, by default), the pointer to WhatsApp
    is said here and nothing follows.
    """
    kind = IN_PERSON if in_person else None
    if alerts.reach(tracker.get_latest_input_channel(), settings) == \
            alerts.ELSEWHERE_REACH:
        ask_on_whatsapp(dispatcher, settings)
        return [SlotSet("alert_format", kind)]
    return [SlotSet("alert_format", kind), FollowupAction("action_alert_offer")]


def ask_on_whatsapp(dispatcher: CollectingDispatcher, settings: AlertSettings) -> None:
    """Tell a family on the web widget to ask for the alert on WhatsApp."""
    dispatcher.utter_message(response="utter_alert_ask_on_whatsapp",
                             whatsapp_number=settings.whatsapp_number)


class ActionAlertOffer(Configured, Action):
    """The offer itself, with its "Yes, tell me" / "No, thanks" buttons."""

    def name(self) -> str:
        """Run right after the search, as its follow-up."""
        return "action_alert_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Offer what this channel can keep: WhatsApp's number, or one typed."""
        settings = self.settings.alerts
        dispatcher.utter_message(
            response=alerts.offer_response(
                tracker.get_latest_input_channel(), settings,
                tracker.get_slot("alert_format") == IN_PERSON),
            days=settings.keep_days)
        return []
