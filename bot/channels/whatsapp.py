"""Rasa input channel for WhatsApp Business Cloud API: /webhooks/whatsapp/webhook.

Meta calls the webhook with a GET to verify it (hub.* parameters) and a signed POST
for every batch of notifications. The POST is checked and answered 200 at once --
Meta redelivers anything not acknowledged quickly -- and its messages are handled in
a background task: each message id once (shared database), too-old messages
skipped, the answer collected from Rasa and sent back in as few WhatsApp messages as
Meta's limits allow. What each kind of notification gets is decided in ``payload``;
the "please write in text" reminder is sent at most once an hour per conversation
(a family sending five photos hears it once).

The sender's phone number never leaves memory: Rasa sees a keyed hash of it as the
conversation id, and the number itself lives only in the output channel created for
that one message, which sends the answer and is dropped.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable, Dict, List, Set

import aiohttp
from rasa.core.channels.channel import (
    CollectingOutputChannel,
    InputChannel,
    UserMessage,
)
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import identity, location
from bot.channels.graph import DEFAULT_API_BASE, GraphClient
from bot.channels.payload import TEXT_ONLY, Inbound, Notification, dicts, parse
from bot.channels.seen import SeenMessages
from bot.channels.shaping import MAX_BUTTONS, compose
from bot.channels.signature import is_valid
from bot.channels.silence import never_silent
from bot.settings import load_settings

logger = logging.getLogger(__name__)

#: Messages older than this (minutes) when they reach Puente are not answered: after
#: an outage an answer hours late would confuse more than help.
DEFAULT_MAX_AGE_MINUTES = 60
#: How long after one "please write in text" reminder the next is left unsaid.
TEXT_ONLY_EVERY = timedelta(hours=1)
#: Meta's error code for a reply sent after the 24-hour customer service window
#: closed: only a template can reach the family until they write again.
WINDOW_CLOSED = 131047
#: The response holding the list button's label in each language.
LIST_LABEL_RESPONSE = "utter_whatsapp_list_button"
#: Declared in ``domain/whatsapp.yml`` for this channel only: the intent it sends
#: (never predicted from text) and the response it renders itself.
CHANNEL_INTENTS = frozenset({TEXT_ONLY.lstrip("/")})
CHANNEL_RESPONSES = frozenset({LIST_LABEL_RESPONSE})

Handler = Callable[[UserMessage], Awaitable[Any]]


class WhatsAppOutput(CollectingOutputChannel):
    """Collects Rasa's answer to one message, then sends it to that message's sender."""

    @classmethod
    def name(cls) -> str:
        """Name the channel (trackers record it; Rasa routes the webhook by it)."""
        return "whatsapp"

    def __init__(self, phone: str, client: GraphClient) -> None:
        super().__init__()
        self._phone = phone
        self._client = client

    async def deliver(self, conversation: str, list_label: str) -> int:
        """Send everything collected; return how many messages Meta accepted."""
        sent = 0
        async with aiohttp.ClientSession() as session:
            for message in compose(self.messages, list_label):
                if not await self._client.send(
                    session, self._phone, message, conversation
                ):
                    break
                sent += 1
        return sent


class WhatsAppInput(InputChannel):
    """The ``whatsapp`` channel (Meta's WhatsApp Business Cloud API)."""

    @classmethod
    def name(cls) -> str:
        """Name the channel (trackers record it; Rasa routes the webhook by it)."""
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials.yml`` section."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        required = ("phone_number_id", "access_token", "app_secret", "verify_token")
        missing = [key for key in required if not credentials.get(key)]
        if missing:
            raise ValueError(
                f"whatsapp channel: missing credentials {', '.join(missing)}"
            )
        settings = load_settings()
        key = identity.load_key(settings.data_dir)
        location.centres()  # read now, at start-up, not on a family's first pin
        return cls(
            client=GraphClient(
                str(credentials.get("api_base") or DEFAULT_API_BASE),
                str(credentials["phone_number_id"]),
                str(credentials["access_token"]),
            ),
            app_secret=str(credentials["app_secret"]),
            verify_token=str(credentials["verify_token"]),
            key=key,
            seen=SeenMessages(settings.database_url, key),
            max_age_seconds=60
            * float(
                credentials.get("max_message_age_minutes") or DEFAULT_MAX_AGE_MINUTES
            ),
        )

    def __init__(
        self,
        client: GraphClient,
        app_secret: str,
        verify_token: str,
        key: bytes,
        seen: SeenMessages,
        max_age_seconds: float,
    ) -> None:
        self.client = client
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.key = key
        self.seen = seen
        self.max_age_seconds = max_age_seconds
        self._tasks: Set[asyncio.Task] = set()

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        """Route the webhook: GET verifies it, POST receives notifications."""
        hook = Blueprint("whatsapp_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            token = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                token.encode(), self.verify_token.encode()
            ):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("forbidden", status=403)

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            raw = request.body or b""
            if not is_valid(
                self.app_secret, raw, request.headers.get("X-Hub-Signature-256")
            ):
                logger.warning("WhatsApp webhook: bad or missing signature, ignored")
                return response.text("forbidden", status=403)
            try:
                notification = parse(json.loads(raw))
            except ValueError:  # signed by Meta, so not worth a redelivery either
                logger.warning("WhatsApp webhook: signed body is not JSON, ignored")
                return response.text("ok")
            agent = getattr(request.app.ctx, "agent", None)
            task = asyncio.create_task(
                self.process(notification, on_new_message, agent)
            )
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return response.text("ok")

        return hook

    async def process(
        self, notification: Notification, on_new_message: Handler, agent: Any
    ) -> None:
        """Log statuses and errors, answer each message in turn."""
        for status in notification.statuses:
            self._log_status(status)
        for error in notification.errors:
            logger.warning(
                "WhatsApp error %s: %s", error.get("code"), error.get("title")
            )
        for kind in notification.silent:
            logger.debug("WhatsApp %s notification: nothing to answer", kind)
        for inbound in notification.messages:
            try:
                await self.answer(inbound, on_new_message, agent)
            except Exception:  # one bad message must not stop the others
                logger.exception("WhatsApp message could not be answered")

    async def answer(
        self, inbound: Inbound, on_new_message: Handler, agent: Any
    ) -> None:
        """Answer one message unless too old, already handled, or reminded this hour."""
        conversation = identity.sender_id(self.key, inbound.phone)
        age = time.time() - inbound.timestamp
        if inbound.timestamp and age > self.max_age_seconds:
            logger.info(
                "WhatsApp message in %s is %.0f s old: not answered", conversation, age
            )
            return
        if not await asyncio.to_thread(self.seen.claim, inbound.message_id):
            logger.info("WhatsApp message in %s delivered again: ignored", conversation)
            return
        if inbound.text == TEXT_ONLY and not await asyncio.to_thread(
            self.seen.claim_every, "text-only:" + conversation, TEXT_ONLY_EVERY
        ):
            logger.info(
                "WhatsApp %s in %s: reminded this hour", inbound.kind, conversation
            )
            return
        output = WhatsAppOutput(inbound.phone, self.client)
        await never_silent(on_new_message)(
            UserMessage(
                inbound.text,
                output,
                conversation,
                input_channel=self.name(),
                metadata=inbound.metadata or None,
            )
        )
        label = await self._list_label(output.messages, agent, conversation)
        await output.deliver(conversation, label)

    def _log_status(self, status: Dict[str, Any]) -> None:
        """Log a delivery status; a failure with Meta's codes, never the number."""
        conversation = identity.sender_id(self.key, str(status.get("recipient_id")))
        if status.get("status") != "failed":
            logger.debug("WhatsApp status %s in %s", status.get("status"), conversation)
            return
        errors = list(dicts(status.get("errors")))
        if any(str(e.get("code")) == str(WINDOW_CLOSED) for e in errors):
            logger.warning(
                "WhatsApp answer in %s not delivered (error %s): the 24-hour window "
                "closed; the family must write again first",
                conversation,
                WINDOW_CLOSED,
            )
            return
        logger.warning(
            "WhatsApp answer in %s not delivered: errors %s",
            conversation,
            [(e.get("code"), e.get("title")) for e in errors],
        )

    async def _list_label(
        self, messages: List[Dict[str, Any]], agent: Any, conversation: str
    ) -> str:
        """Return the list button's label in the conversation's language, if needed."""
        if not any(len(m.get("buttons") or []) > MAX_BUTTONS for m in messages):
            return ""
        tracker = await agent.tracker_store.retrieve(conversation)
        generated = await agent.nlg.generate(LIST_LABEL_RESPONSE, tracker, self.name())
        return str((generated or {}).get("text") or "☰")
