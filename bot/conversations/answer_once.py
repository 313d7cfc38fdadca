"""A message sent again is answered from the conversation, never processed twice.

A family whose answer was slow taps "try again" in the widget; a WhatsApp message
whose process died after Rasa answered it is taken up again by another replica. In
both cases Rasa may already have answered the first sending: processing it again
would add the turn twice to the conversation and the family would read the answer
twice. The sender marks such a message (:mod:`bot.conversations.message_ids`): an
id of its own (the widget's per-message id, the hash of the WhatsApp message id)
and ``retry``.

Only a marked retry is checked, so first sendings cost nothing. The check runs
inside Rasa's ``MessageProcessor.handle_message``, which Rasa calls holding the
conversation's lock (the Redis lock store across replicas): a retry waits for a
first sending still being answered, then finds its events. If the conversation has a
user message with the same id, the bot messages that followed it are sent again as
they were, and nothing is added to the conversation; otherwise the retry is a new
message like any other.

Pinned to Rasa 3.6.x, whose ``handle_message`` this wraps (see :func:`install`).
Installed, like :mod:`bot.action_response_check`, by :mod:`bot.channels.rest`.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Awaitable, Callable, Dict, Iterable, List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, Event, UserUttered

from bot.conversations.message_ids import MESSAGE_ID, retried_id
from bot.rasa_version import supported

logger = logging.getLogger(__name__)

Handle = Callable[[MessageProcessor, UserMessage], Awaitable[Any]]


def earlier_answer(events: Iterable[Event], message_id: str) -> List[BotUttered] | None:
    """Return what the bot said after the user message ``message_id``.

    None when the conversation has no such message (the retry is then a new
    message); the bot messages up to the next user message otherwise.
    """
    answer: List[BotUttered] | None = None
    for event in events:
        if isinstance(event, UserUttered):
            if answer is not None:
                break
            if (event.metadata or {}).get(MESSAGE_ID) == message_id:
                answer = []
        elif answer is not None and isinstance(event, BotUttered):
            answer.append(event)
    return answer


def as_collected(recipient_id: str, uttered: BotUttered) -> Dict[str, Any]:
    """One bot message as Rasa's ``CollectingOutputChannel`` returned it."""
    message: Dict[str, Any] = {"recipient_id": recipient_id}
    if uttered.text:
        message["text"] = uttered.text
    message.update({key: value for key, value in (uttered.data or {}).items()
                    if value is not None})
    return message


def answering_once(handle: Handle) -> Handle:
    """Wrap ``handle_message`` so that a retry already answered is replayed."""

    @functools.wraps(handle)
    async def handle_message(self: MessageProcessor, message: UserMessage) -> Any:
        message_id = retried_id(message.metadata)
        output = message.output_channel
        # Every channel Puente runs collects its answer (REST, WhatsApp's inbox).
        if message_id is not None and isinstance(output, CollectingOutputChannel):
            tracker = await self.tracker_store.retrieve(message.sender_id)
            answer = earlier_answer(tracker.events, message_id) if tracker else None
            if answer is not None:
                logger.info("A message sent again was answered already: replayed.")
                output.messages.extend(as_collected(message.sender_id, uttered)
                                       for uttered in answer)
                return output.messages
        return await handle(self, message)

    handle_message.answers_once = True  # type: ignore[attr-defined]
    return handle_message


def installed() -> bool:
    """Whether Rasa's processor replays answered retries."""
    return getattr(MessageProcessor.handle_message, "answers_once", False)


def install() -> bool:
    """Wrap Rasa 3.6.x's processor (idempotent); on another version warn and leave it.

    Returns whether the wrapper is active.
    """
    if installed():
        return True
    if not supported("a message sent again may be answered twice", __name__):
        return False
    MessageProcessor.handle_message = answering_once(
        MessageProcessor.handle_message)
    return True
