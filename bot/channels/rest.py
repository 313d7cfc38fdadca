"""Rasa's REST channel with one promise added: a message never goes unanswered.

When the action server is down or restarting, Rasa logs the failed action and sends
nothing back: the family would see silence. Here a message that got no answer (or
raised) gets "Puente can't answer right now. Please try again in a moment." in the
language of the page or of the message. Same name and webhook as Rasa's own
(``/webhooks/rest/webhook``), so the widget and any REST client keep working.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

from bot.lang.detect import SUPPORTED, detect
from bot.web.messages import say

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[None]]


def message_language(message: UserMessage) -> str | None:
    """Return the page's language if it said one, else the message's (None: unknown)."""
    page = (message.metadata or {}).get("language")
    return page if page in SUPPORTED else detect(message.text or "").language


def never_silent(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler so that silence becomes a kind "try again"."""

    async def handle(message: UserMessage) -> None:
        collector = message.output_channel
        answered = len(getattr(collector, "messages", []))
        try:
            await on_new_message(message)
        except Exception:  # noqa: BLE001 - the family still gets an answer
            logger.exception("A message could not be answered")
        if (isinstance(collector, CollectingOutputChannel)
                and len(collector.messages) == answered):
            logger.warning("No answer to a message (is the action server down?)")
            await collector.send_text_message(
                message.sender_id, say("unavailable", message_language(message)))

    return handle


class RestInput(RasaRestInput):
    """``POST /webhooks/rest/webhook``: Rasa's REST channel, never silent."""

    @classmethod
    def name(cls) -> str:
        """Rasa's own name, hence Rasa's own webhook address."""
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        """Rasa's blueprint around a handler that always answers."""
        return super().blueprint(never_silent(on_new_message))
