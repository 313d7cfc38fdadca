"""Answering recorded WhatsApp messages: Rasa's answer, kept, then sent.

Each step is written to the inbox as it completes, so that a process dying at any
point leaves the message where another process can finish it without repeating
what the family already has: once Rasa has answered, the answer's WhatsApp messages
are kept (sealed) before the first is sent, and each one Meta accepts is counted.
Picked up again, a message whose answer is kept is not given to Rasa a second time;
its messages are sent from the first one not yet accepted. (Only a death in the
instant between Rasa's reply and keeping it makes Rasa see the message twice, and
between Meta's acceptance and counting it sends one message twice: no API call can
be undone, so the gaps are kept as small as one database write.)

Answering is also the one moment the sender's number is at hand: a request the
family just made to hear about new programs (``bot.programs.alerts``) gets it,
sealed, right after Rasa's answer.

While answering, the process renews the leases of the messages it holds (a
heartbeat), so no other replica takes them over; when it dies, the leases run out.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, List

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import identity
from bot.channels.database import Database
from bot.channels.graph import GraphClient, Sent
from bot.channels.inbox import Inbox, LeaseLost, Pending
from bot.channels.shaping import MAX_BUTTONS, compose
from bot.conversations.message_ids import marked
from bot.programs import alerts

logger = logging.getLogger(__name__)

#: The response holding the list button's label in each language.
LIST_LABEL_RESPONSE = "utter_whatsapp_list_button"

Handler = Callable[[UserMessage], Awaitable[Any]]


class WhatsAppOutput(CollectingOutputChannel):
    """Collects Rasa's answer to one message (sent afterwards, from the inbox)."""

    @classmethod
    def name(cls) -> str:
        """Name the channel (trackers record it; Rasa routes the webhook by it)."""
        return "whatsapp"


async def list_label(
    messages: List[Dict[str, Any]], agent: Any, conversation: str
) -> str:
    """Return the list button's label in the conversation's language, if needed."""
    if not any(len(m.get("buttons") or []) > MAX_BUTTONS for m in messages):
        return ""
    tracker = await agent.tracker_store.retrieve(conversation)
    generated = await agent.nlg.generate(
        LIST_LABEL_RESPONSE, tracker, WhatsAppOutput.name()
    )
    return str((generated or {}).get("text") or "☰")


class Answerer:
    """Answers messages held in the inbox, each from where it got to."""

    def __init__(
        self, inbox: Inbox, client: GraphClient, key: bytes, handler: Handler,
        database: Database,
    ) -> None:
        """Answer with ``handler``: Rasa's, wrapped so that it never stays silent.

        ``database`` holds the program alerts the sender's number is attached to.
        """
        self.inbox = inbox
        self.client = client
        self.key = key
        self.handler = handler
        self.database = database

    async def answer_all(self, pendings: List[Pending], agent: Any) -> None:
        """Answer messages in turn, holding the leases of those still waiting.

        In turn, so that one conversation's order is kept.
        """
        async with self._heartbeat(pendings) as held:
            for pending in pendings:
                try:
                    await self._answer(pending, agent)
                except LeaseLost:
                    logger.warning("WhatsApp message taken over by another process")
                except Exception:  # one bad message must not stop the others
                    logger.exception(
                        "WhatsApp message not answered (tried again while fresh)"
                    )
                held.pop(pending.id_hash, None)

    async def _answer(self, pending: Pending, agent: Any) -> None:
        """Ask Rasa unless its answer is kept, send what is not accepted yet.

        Then forget the message -- or leave it for a later try if Meta had trouble.
        """
        conversation = identity.sender_id(self.key, pending.inbound.phone)
        if pending.answer is None:
            answer = await self._ask_rasa(pending, agent, conversation)
            pending = await asyncio.to_thread(self.inbox.answered, pending, answer)
            await asyncio.to_thread(self._keep_address, conversation,
                                    pending.inbound.phone)
        sent = await self._send(pending, conversation)
        if sent is Sent.FAILED:
            await asyncio.to_thread(self.inbox.release, pending)
            return
        await asyncio.to_thread(self.inbox.done, pending)

    def _keep_address(self, conversation: str, phone: str) -> None:
        """Seal the number into a program alert the answer just recorded, if any."""
        alerts.attach_phone(self.database.engine(), self.key, conversation, phone)

    async def _ask_rasa(
        self, pending: Pending, agent: Any, conversation: str
    ) -> List[Dict[str, Any]]:
        """Return Rasa's answer as the WhatsApp messages to send."""
        output = WhatsAppOutput()
        inbound = pending.inbound
        await self.handler(
            UserMessage(
                inbound.text,
                output,
                conversation,
                input_channel=output.name(),
                # A message taken up again may have been answered by Rasa just
                # before its process died: Rasa then replays that answer.
                metadata={**inbound.metadata,
                          **marked(pending.id_hash, pending.attempts > 1)},
            )
        )
        label = await list_label(output.messages, agent, conversation)
        return compose(output.messages, label)

    async def _send(self, pending: Pending, conversation: str) -> Sent:
        """Send the answer's messages not yet accepted, counting each accepted."""
        answer = pending.answer or []
        async with aiohttp.ClientSession() as session:
            for index in range(pending.delivered, len(answer)):
                sent = await self.client.send(
                    session, pending.inbound.phone, answer[index], conversation
                )
                if sent is not Sent.ACCEPTED:
                    return sent
                await asyncio.to_thread(self.inbox.delivered, pending, index + 1)
        return Sent.ACCEPTED

    @asynccontextmanager
    async def _heartbeat(
        self, pendings: List[Pending]
    ) -> AsyncIterator[Dict[str, Pending]]:
        """Renew the leases of the messages held, a few times per lease period.

        For the duration of the block; the caller drops each message when done.
        """
        held = {pending.id_hash: pending for pending in pendings}

        async def renew() -> None:
            while True:
                await asyncio.sleep(self.inbox.lease.total_seconds() / 3)
                for pending in list(held.values()):
                    try:
                        await asyncio.to_thread(self.inbox.renew, pending)
                    except LeaseLost:
                        held.pop(pending.id_hash, None)
                    except Exception:  # the database may come back in time
                        logger.exception("WhatsApp message lease not renewed")

        task = asyncio.create_task(renew())
        try:
            yield held
        finally:
            task.cancel()
