"""The offer after a search that found nothing: on WhatsApp, or where to ask for it.

Apart from the alert actions (``actions.alerts``) because the program search
(``actions.programs``) makes the offer and the alert actions reuse its search.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.settings import AlertSettings

#: The channel a request can be kept for: the one that knows the family's number.
WHATSAPP = "whatsapp"


def offer_alert(
    dispatcher: CollectingDispatcher, tracker: Tracker, settings: AlertSettings
) -> None:
    """After "I found no program": offer the alert on WhatsApp, else say where."""
    if tracker.get_latest_input_channel() == WHATSAPP:
        dispatcher.utter_message(response="utter_alert_offer", days=settings.keep_days)
    else:
        ask_on_whatsapp(dispatcher, settings)


def ask_on_whatsapp(dispatcher: CollectingDispatcher, settings: AlertSettings) -> None:
    """Tell a family on the web widget to ask for the alert on WhatsApp."""
    dispatcher.utter_message(response="utter_alert_ask_on_whatsapp",
                             whatsapp_number=settings.whatsapp_number)
