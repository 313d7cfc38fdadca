"""Rasa input channel for WhatsApp Business Cloud API: /webhooks/whatsapp/webhook.

Meta calls the webhook with a GET to verify it (hub.* parameters) and a signed POST
for every batch of notifications. A POST is checked, its messages are recorded in
the inbox (``inbox``: each message id once, shared database; too-old messages
skipped), and only then is it answered 200 -- quickly, as Meta redelivers anything
not acknowledged in time, and a 503 when the database cannot record them, so that
Meta delivers them again later. The answers are worked out after the response
(``answering``): collected from Rasa and sent back in as few WhatsApp messages as
Meta's limits allow. A message whose process died before answering it is answered
by the periodic sweep of any process, the restarted one included, if still fresh.
What each kind of notification gets is decided in ``payload``; the "please write in
text" reminder is sent at most once an hour per conversation (a family sending five
photos hears it once).

The sender's phone number is never stored in clear: Rasa sees a keyed hash of it as
the conversation id, and the number waits sealed in the inbox only until answered.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable, Dict, List, Set

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import identity, location
from bot.channels.answering import LIST_LABEL_RESPONSE, Answerer
from bot.channels.database import Database
from bot.channels.graph import DEFAULT_API_BASE, GraphClient
from bot.channels.inbox import Inbox, Pending
from bot.channels.payload import TEXT_ONLY, Inbound, Notification, dicts, parse
from bot.channels.seen import SeenMessages
from bot.channels.signature import is_valid
from bot.channels.silence import never_silent
from bot.settings import process_settings

logger = logging.getLogger(__name__)

#: Messages older than this (minutes) when they reach Puente are not answered: after
#: an outage an answer hours late would confuse more than help.
DEFAULT_MAX_AGE_MINUTES = 60
#: How long after one "please write in text" reminder the next is left unsaid.
TEXT_ONLY_EVERY = timedelta(hours=1)
#: Meta's error code for a reply sent after the 24-hour customer service window
#: closed: only a template can reach the family until they write again.
WINDOW_CLOSED = 131047
#: Declared in ``domain.yml`` (WhatsApp) for this channel only: the intent it sends
#: (never predicted from text) and the response it renders itself.
CHANNEL_INTENTS = frozenset({TEXT_ONLY.lstrip("/")})
CHANNEL_RESPONSES = frozenset({LIST_LABEL_RESPONSE})

Handler = Callable[[UserMessage], Awaitable[Any]]


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
        assert credentials is not None  # it raised (its NoReturn is lost: no types)
        required = ("phone_number_id", "access_token", "app_secret", "verify_token")
        missing = [key for key in required if not credentials.get(key)]
        if missing:
            raise ValueError(
                f"whatsapp channel: missing credentials {', '.join(missing)}"
            )
        settings = process_settings()
        key = identity.load_key(settings.data_dir)
        location.centres()  # read now, at start-up, not on a family's first pin
        database = Database(settings.database_url)
        return cls(
            client=GraphClient(
                str(credentials.get("api_base") or DEFAULT_API_BASE),
                str(credentials["phone_number_id"]),
                str(credentials["access_token"]),
            ),
            app_secret=str(credentials["app_secret"]),
            verify_token=str(credentials["verify_token"]),
            key=key,
            inbox=Inbox(database, key),
            database=database,
            seen=SeenMessages(database, key),
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
        inbox: Inbox,
        database: Database,
        seen: SeenMessages,
        max_age_seconds: float,
    ) -> None:
        self.client = client
        self.app_secret = app_secret
        self.verify_token = verify_token
        self.key = key
        self.inbox = inbox
        self.database = database
        self.seen = seen
        self.max_age = timedelta(seconds=max_age_seconds)
        self._tasks: Set[asyncio.Task[None]] = set()

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        """Route the webhook: GET verifies it, POST receives notifications.

        While the server runs, sweep for messages left unanswered.
        """
        hook = Blueprint("whatsapp_webhook", __name__)
        answerer = Answerer(
            self.inbox, self.client, self.key, never_silent(on_new_message),
            self.database,
        )

        @hook.listener("after_server_start")
        async def start_sweeping(app: Sanic, _: Any) -> None:
            self._spawn(self.sweep_forever(answerer, app))

        @hook.listener("before_server_stop")
        async def stop(*_: Any) -> None:
            for task in list(self._tasks):  # unanswered ones wait in the inbox
                task.cancel()

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
            try:
                recorded = await asyncio.to_thread(self.record, notification.messages)
            except Exception:  # Meta delivers it again later: nothing is lost
                logger.exception("WhatsApp messages not recorded: asked for again")
                return response.text("try again", status=503)
            self._log(notification)
            agent = getattr(request.app.ctx, "agent", None)
            self._spawn(answerer.answer_all(recorded, agent))
            return response.text("ok")

        return hook

    def record(self, messages: List[Inbound]) -> List[Pending]:
        """Record the messages to answer in the inbox, in order (blocking).

        Left out: messages too old to answer, ones received before, and
        "please write in text" when the conversation was reminded this hour.
        """
        recorded = []
        for inbound in messages:
            conversation = identity.sender_id(self.key, inbound.phone)
            age = time.time() - inbound.timestamp
            if inbound.timestamp and age > self.max_age.total_seconds():
                logger.info(
                    "WhatsApp message in %s is %.0f s old: not answered",
                    conversation,
                    age,
                )
                continue
            pending = self.inbox.receive(inbound)
            if pending is None:
                logger.info("WhatsApp message in %s delivered again: ignored",
                            conversation)
                continue
            if inbound.text == TEXT_ONLY and not self.seen.claim_every(
                "text-only:" + conversation, TEXT_ONLY_EVERY
            ):
                logger.info(
                    "WhatsApp %s in %s: reminded this hour", inbound.kind, conversation
                )
                self.inbox.done(pending)
                continue
            recorded.append(pending)
        return recorded

    async def sweep(self, answerer: Answerer, agent: Any) -> int:
        """Answer the messages nobody is answering, oldest first; return how many.

        Their process died, or Meta had trouble every try.
        """
        taken = 0
        for id_hash in await asyncio.to_thread(self.inbox.due, self.max_age):
            pending = await asyncio.to_thread(self.inbox.take, id_hash, self.max_age)
            if pending is None:  # another replica was first, or it got too old
                continue
            taken += 1
            logger.info("WhatsApp message left unanswered: answering it now")
            await answerer.answer_all([pending], agent)
        return taken

    async def sweep_forever(self, answerer: Answerer, app: Sanic) -> None:
        """Sweep at start-up, then a few times per lease period, until stopped."""
        while True:
            try:
                await self.sweep(answerer, app.ctx.agent)
            except Exception:  # the database may be back at the next sweep
                logger.exception("WhatsApp inbox sweep failed")
            await asyncio.sleep(self.inbox.lease.total_seconds() / 2)

    def _spawn(self, work: Awaitable[Any]) -> None:
        """Run ``work`` in the background, keeping a reference until it ends."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _log(self, notification: Notification) -> None:
        """Log statuses, errors and what is deliberately left unanswered."""
        for status in notification.statuses:
            self._log_status(status)
        for error in notification.errors:
            logger.warning(
                "WhatsApp error %s: %s", error.get("code"), error.get("title")
            )
        for kind in notification.silent:
            logger.debug("WhatsApp %s notification: nothing to answer", kind)

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
