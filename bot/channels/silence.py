"""No message goes unanswered: silence from Rasa becomes a kind "try again".

When the action server is down or restarting, Rasa logs the failed action and sends
nothing back: the family would see silence and not know whether to wait. Every
channel Puente mounts wraps Rasa's handler with :func:`never_silent`, so a message
that got no answer (or raised) gets "Puente can't answer right now. Please try
again in a moment." in the language of the page or of the message, in both
languages when neither says.
"""

from __future__ import annotations

import logging
from typing import Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.lang.detect import SUPPORTED, detect
from bot.web.messages import say

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[None]]


def message_language(message: UserMessage) -> str | None:
    """Return the page's language if it said one, else the message's (None: unknown)."""
    page = (message.metadata or {}).get("language")
    language = page if page in SUPPORTED else detect(message.text or "").language
    return language if language in SUPPORTED else None


def try_again(language: str | None) -> str:
    """Say the kind "try again" in ``language``; in each language when unknown."""
    languages = (language,) if language else SUPPORTED
    return "\n".join(say("unavailable", each) for each in languages)


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
                message.sender_id, try_again(message_language(message)))

    return handle
