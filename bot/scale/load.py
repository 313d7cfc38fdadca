"""Families talking to Puente at once, through nginx, as real clients do.

Half of the conversations use the widget's API on the pages servers, half send
WhatsApp messages as Meta does (signed webhook notifications); every family waits
for the answer, then "types" for a moment before its next message. Each family
comes from its own loopback address (127.0.x.y), as families come from their own
addresses, so the per-address chat limit applies to each, not to all.

A client that gets no answer retries the same message, as the widget lets a parent
send it again and as Meta redelivers a notification that was not acknowledged:
what each client saw before retrying is counted (``saw``), for the report.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

import aiohttp

from bot.bench.graph import FakeGraph, addressee, text_from
from bot.channels.identity import sender_id
from bot.channels.signature import sign
from bot.web.conversations import ConversationTokens

#: What the families say, by language: greetings, an FAQ, then a program search
#: (a form: where, which grade).
TURNS = {
    "en": ("hi", "what is high-impact tutoring?", "how much does it cost?",
           "I need a tutor for my son", "90255", "third grade"),
    "es": ("hola", "¿qué es la tutoría de alto impacto?", "¿cuánto cuesta?",
           "busco tutoría para mi hijo", "90255", "tercer grado"),
}
#: A client gives up on a message after this many tries.
TRIES = 8
#: Seconds a WhatsApp family waits for an answer before writing again anyway.
ANSWER_WAIT = 240.0
CLIENT_TIMEOUT = aiohttp.ClientTimeout(total=120)


@dataclass
class Conversation:
    """One family's conversation and what its client saw."""

    number: int
    channel: str
    language: str
    sender_id: str = ""
    phone: str = ""
    token: str | None = None
    #: The messages the client sent and saw accepted, in order.
    sent: List[str] = field(default_factory=list)
    answered: int = 0
    gave_up: int = 0
    saw: Counter[str] = field(default_factory=Counter)

    @property
    def address(self) -> str:
        """The family's own loopback address."""
        return f"127.0.{1 + self.number // 250}.{1 + self.number % 250}"


@dataclass
class Target:
    """Where the load goes and what it needs to sign and recognize its messages."""

    base: str
    graph: FakeGraph
    app_secret: str
    tokens: ConversationTokens
    id_key: bytes
    think: float = 2.0


class Answers:
    """Wakes a WhatsApp conversation when the fake Graph API gets a message for it."""

    def __init__(self, graph: FakeGraph, loop: asyncio.AbstractEventLoop) -> None:
        self._events: Dict[str, asyncio.Event] = {}
        self.counts: Counter[str] = Counter()
        self._loop = loop
        self._graph = graph
        graph.listeners.append(self._received)

    def close(self) -> None:
        """Stop listening: the next load has its own event loop."""
        self._graph.listeners.remove(self._received)

    def _received(self, body: Dict[str, Any]) -> None:
        self._loop.call_soon_threadsafe(self._count, addressee(body))

    def _count(self, phone: str) -> None:
        self.counts[phone] += 1
        self._events.setdefault(phone, asyncio.Event()).set()

    async def after(self, phone: str, before: int, timeout: float) -> bool:
        """Wait until ``phone`` has more than ``before`` messages; False at timeout."""
        deadline = time.monotonic() + timeout
        while self.counts[phone] <= before:
            event = self._events.setdefault(phone, asyncio.Event())
            event.clear()
            try:
                await asyncio.wait_for(event.wait(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                return False
        return True


async def _web_turn(session: aiohttp.ClientSession, target: Target,
                    conversation: Conversation, text: str) -> None:
    message_id = uuid.uuid4().hex  # kept when sent again, as the widget does
    for attempt in range(TRIES):
        body = {"message": text, "token": conversation.token,
                "language": conversation.language, "message_id": message_id,
                "retry": attempt > 0}
        try:
            async with session.post(f"{target.base}/api/chat", json=body) as reply:
                answer = await reply.json(content_type=None)
            conversation.token = answer.get("token") or conversation.token
            if reply.status == 200:
                conversation.sent.append(text)
                conversation.answered += bool(answer.get("messages"))
                return
            conversation.saw[f"{reply.status}: {answer.get('message')}"] += 1
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            conversation.saw[type(error).__name__] += 1
        await asyncio.sleep(1 + random.random())  # a parent taps "send" again
    conversation.gave_up += 1


async def _whatsapp_turn(session: aiohttp.ClientSession, target: Target,
                         answers: Answers, conversation: Conversation,
                         text: str) -> None:
    raw = json.dumps(text_from(conversation.phone, text)).encode()
    headers = {"Content-Type": "application/json",
               "X-Hub-Signature-256": sign(target.app_secret, raw)}
    before = answers.counts[conversation.phone]
    for _ in range(TRIES):
        try:
            async with session.post(f"{target.base}/webhooks/whatsapp/webhook",
                                    data=raw, headers=headers) as reply:
                if reply.status == 200:
                    conversation.sent.append(text)
                    break
                conversation.saw[f"{reply.status} (Meta redelivers)"] += 1
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            conversation.saw[f"{type(error).__name__} (Meta redelivers)"] += 1
        await asyncio.sleep(1 + random.random())  # Meta's redelivery, sooner
    else:
        conversation.gave_up += 1
        return
    if await answers.after(conversation.phone, before, ANSWER_WAIT):
        conversation.answered += 1


async def _talk(target: Target, answers: Answers, conversation: Conversation,
                turn_done: Callable[[], None]) -> None:
    connector = aiohttp.TCPConnector(local_addr=(conversation.address, 0))
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=CLIENT_TIMEOUT) as session:
        await asyncio.sleep(random.random() * target.think * 2)  # not all at once
        for text in TURNS[conversation.language]:
            if conversation.channel == "web":
                await _web_turn(session, target, conversation, text)
            else:
                await _whatsapp_turn(session, target, answers, conversation, text)
            turn_done()
            await asyncio.sleep(target.think * (0.5 + random.random()))
    if conversation.channel == "web" and conversation.token:
        conversation.sender_id = target.tokens.verify(conversation.token) or ""


def conversations(first: int, count: int, id_key: bytes) -> List[Conversation]:
    """``count`` families, alternately on the web and on WhatsApp, in both languages."""
    made = []
    for number in range(first, first + count):
        channel = "web" if number % 2 == 0 else "whatsapp"
        language = "es" if number % 4 < 2 else "en"
        conversation = Conversation(number, channel, language)
        if channel == "whatsapp":
            conversation.phone = f"1650777{number:04d}"
            conversation.sender_id = sender_id(id_key, conversation.phone)
        made.append(conversation)
    return made


async def drive(target: Target, families: List[Conversation],
                on_turn: Callable[[int], None] = lambda done: None) -> float:
    """Run every conversation at once; return the seconds it took.

    ``on_turn`` is told how many turns are done after each one (the scale test
    kills a Rasa replica when enough are).
    """
    answers = Answers(target.graph, asyncio.get_running_loop())
    done = 0

    def turn_done() -> None:
        nonlocal done
        done += 1
        on_turn(done)

    started = time.monotonic()
    try:
        await asyncio.gather(*(_talk(target, answers, c, turn_done) for c in families))
    finally:
        answers.close()
    return time.monotonic() - started


async def chat_burst(base: str, address: str, count: int) -> Counter[int]:
    """``count`` new conversations at once from one address: the statuses seen."""
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=CLIENT_TIMEOUT) as session:
        async def one() -> int:
            async with session.post(f"{base}/api/chat",
                                    json={"message": "hi"}) as reply:
                return reply.status
        return Counter(await asyncio.gather(*(one() for _ in range(count))))


async def sign_in_burst(base: str, address: str, count: int) -> List[int]:
    """``count`` wrong passwords in a row from one address: the statuses seen."""
    connector = aiohttp.TCPConnector(local_addr=(address, 0))
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    statuses = []
    async with aiohttp.ClientSession(connector=connector, cookie_jar=jar,
                                     timeout=CLIENT_TIMEOUT) as session:
        async with session.get(f"{base}/review/login") as page:
            found = re.search(r'name="csrf" value="([^"]+)"', await page.text())
        form = {"email": "organizer@example.org", "password": "not the password",
                "csrf": found.group(1) if found else ""}
        for _ in range(count):
            async with session.post(f"{base}/review/login", data=form,
                                    allow_redirects=False) as reply:
                statuses.append(reply.status)
    return statuses
