"""The WhatsApp webhook on the wire without Rasa: the channel's blueprint mounted as
Rasa mounts it (``rasa.core.channels.channel.register``), served by Sanic's
reusable test client, with an agent that repeats what it hears.

Sanic's ``ReusableClient`` rather than its ASGI client: the ASGI client runs the
server's start and stop listeners around every request, and the channel's stop
listener cancels the answers still being worked out -- which here are all of them,
since the webhook answers 200 first. The reusable client starts the server once, on
an event loop the test owns, so the answers go on between requests while the test
waits for them (:meth:`Webhook.wait`).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic
from sanic_testing.reusable import ReusableClient
from sanic_testing.testing import TestingResponse

from bot.bench.ports import free_port
from bot.channels import identity
from bot.channels.database import Database
from bot.channels.graph import GraphClient, Retry
from bot.channels.inbox import Inbox
from bot.channels.seen import SeenMessages
from bot.channels.signature import sign
from bot.channels.whatsapp import DEFAULT_MAX_AGE_MINUTES, WhatsAppInput
from bot.db import migrate
from tests.channels.meta import FakeGraph, addressee, verification_query

#: The channel's credentials in the tests (the e2e tests give them to Rasa).
SECRET = "test-app-secret"
TOKEN = "test-access-token"
PHONE_NUMBER_ID = "106540352242922"
VERIFY = verification_query()["hub.verify_token"]
#: The id-hash key (``PUENTE_ID_HASH_KEY``): tests work out conversation ids with it.
KEY = b"test-hash-key"
#: What the agent says back: "You said: " and the words it was given.
ECHO = "You said: "


class EchoAgent:
    """Stands in for Rasa's agent (``app.ctx.agent``): Rasa's ``register`` makes its
    ``handle_message`` the channel's ``on_new_message``. Repeats each message back
    (unless ``quiet``, as Rasa is when its action server is down), and remembers who
    said what, in order; with ``hold`` set, answers only once it is set."""

    def __init__(self) -> None:
        self.heard: List[Tuple[str, str]] = []
        #: The metadata of each message heard, in the same order.
        self.metadata: List[Dict[str, Any]] = []
        self.hold: asyncio.Event | None = None
        self.quiet = False

    async def handle_message(self, message: UserMessage) -> None:
        self.heard.append((message.sender_id, message.text or ""))
        self.metadata.append(message.metadata or {})
        if self.hold is not None:
            await self.hold.wait()
        if self.quiet:
            return
        await message.output_channel.send_text_message(
            message.sender_id, ECHO + (message.text or ""))

    def heard_from(self, phone: str) -> List[str]:
        conversation = identity.sender_id(KEY, phone)
        return [text for sender, text in self.heard if sender == conversation]


class Webhook:
    """The channel at ``/webhooks/whatsapp/webhook``, its database under ``work``,
    sending to ``graph``; use it in a ``with`` block."""

    def __init__(self, work: Path, graph: FakeGraph) -> None:
        url = f"sqlite:///{work / 'puente.db'}"
        migrate(url)
        database = Database(url)
        self.graph = graph
        self.channel = WhatsAppInput(
            client=GraphClient(graph.base, PHONE_NUMBER_ID, TOKEN,
                               Retry(attempts=3, first_pause=0.05)),
            app_secret=SECRET, verify_token=VERIFY, key=KEY,
            inbox=Inbox(database, KEY), database=database,
            seen=SeenMessages(database, KEY),
            max_age_seconds=60 * DEFAULT_MAX_AGE_MINUTES,
        )
        app = Sanic(f"whatsapp_{uuid.uuid4().hex[:8]}")
        self.agent = app.ctx.agent = EchoAgent()
        register([self.channel], app, route="/webhooks/")
        self.loop = asyncio.new_event_loop()
        self.client = ReusableClient(app, port=free_port(), loop=self.loop)

    def __enter__(self) -> Webhook:
        self.client.run()
        return self

    def __exit__(self, *_: Any) -> None:
        self.client.stop()
        self.loop.close()

    def post(self, body: Any, signature: str | None = "good") -> TestingResponse:
        """POST the exact bytes Meta would (non-ASCII kept as UTF-8); bytes as is."""
        raw = (body if isinstance(body, bytes)
               else json.dumps(body, ensure_ascii=False).encode("utf-8"))
        headers = {"Content-Type": "application/json"}
        if signature == "good":
            headers["X-Hub-Signature-256"] = sign(SECRET, raw)
        elif signature:
            headers["X-Hub-Signature-256"] = signature
        _, reply = self.client.post("/webhooks/whatsapp/webhook", content=raw,
                                    headers=headers)
        return reply

    def verify(self, params: Dict[str, str]) -> TestingResponse:
        _, reply = self.client.get("/webhooks/whatsapp/webhook", params=params)
        return reply

    def sent_to(self, phone: str) -> List[Dict[str, Any]]:
        return [r["json"] for r in self.graph.requests if addressee(r["json"]) == phone]

    def wait(self, done: Callable[[List[Dict[str, Any]]], bool],
             timeout: float = 20) -> None:
        """Let the server work until ``done`` holds for the Graph API's requests;
        fails if it does not within ``timeout``."""
        self.loop.run_until_complete(
            asyncio.to_thread(self.graph.until, done, timeout))
        assert done(self.graph.requests), "not answered in time"

    def said(self, phone: str, text: str) -> List[str]:
        """The texts sent to ``phone``, once ``text`` is one more time among them
        than it was when called."""
        before = texts(self.sent_to(phone)).count(text)
        self.wait(lambda requests: texts(
            [r["json"] for r in requests if addressee(r["json"]) == phone]
        ).count(text) > before)
        return texts(self.sent_to(phone))


def texts(messages: List[Dict[str, Any]]) -> List[str]:
    return [m["text"]["body"] for m in messages if m["type"] == "text"]
