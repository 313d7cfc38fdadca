"""The widget's side of program alerts: a WhatsApp number typed in the chat.

Where the organizers accept it (``[alerts] web_contacts = ["whatsapp"]``), a family
who says yes to the alert on the widget is asked for their WhatsApp number. The
pages server is the widget's channel, as the WhatsApp channel is WhatsApp's: it
holds the number only while it answers, and keeps it only sealed
(``bot.programs.alerts.give_number``). Rasa never sees it: while the family's
request waits for its number, a message holding one reaches Rasa as
``/alert_number_given`` (or ``/alert_number_invalid`` for digits that are no US
number), so neither the tracker store, nor the review app, nor the widget's
history holds it. A message with no number passes as typed ("no, thanks", a
question).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from bot.programs import alerts, numbers


@dataclass(frozen=True)
class Forward:
    """What to pass to Rasa for a message, and the number to keep once answered."""

    message: str
    number: str | None = None


class AlertNumbers:
    """Screens the widget's messages while a request waits for its number."""

    def __init__(self, engine: Engine, key: bytes) -> None:
        """``engine``: Puente's database; ``key``: the id-hash key (seals, hashes)."""
        self.engine = engine
        self.key = key

    def screen(self, conversation: str, message: str) -> Forward:
        """Return what Rasa gets for ``message`` (blocking: one indexed query).

        Only while the conversation's request waits: at any other time a number
        is none of the alert's business, and the message passes as typed.
        """
        if not alerts.waiting(self.engine, conversation):
            return Forward(message)
        found = numbers.screen(message)
        if found.number is not None:
            return Forward(alerts.GIVEN, found.number)
        if found.number_like:
            return Forward(alerts.INVALID)
        return Forward(message)

    def keep(self, conversation: str, number: str) -> bool:
        """Seal the number into the waiting request, once Rasa has answered.

        After the answer, as the WhatsApp channel does: a message Rasa could not
        answer keeps nothing, and the family's "Try again" screens it again.
        """
        return alerts.give_number(self.engine, self.key, conversation, number)
