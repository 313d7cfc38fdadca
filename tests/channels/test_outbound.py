"""The outbound side, without Rasa, against the fake Graph API over real HTTP: long
answers split, Meta's trouble (5xx, time-outs) retried and delivered once, nothing
retried on 4xx, and a message whose answer got stuck resumed where it stopped."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import List

import pytest
from rasa.core.channels.channel import UserMessage

from bot.channels.answering import Answerer, list_label
from bot.channels.graph import GraphClient, Retry
from bot.channels.inbox import Inbox, Pending
from bot.channels.payload import Inbound
from bot.channels.shaping import TEXT_LIMIT
from tests.channels.meta import HANG, PHONE, FakeGraph
from tests.databases import migrated_database

FAST = Retry(attempts=3, first_pause=0.05)
HOUR = timedelta(hours=1)
KEY = b"test-key"


@pytest.fixture
def graph():
    fake = FakeGraph().start()
    yield fake
    fake.stop()


@dataclass
class Harness:
    """An answerer whose "Rasa" says ``replies`` and counts what it was asked."""

    graph: FakeGraph
    work: Path
    timeout: float = 20.0
    replies: List[str] = field(default_factory=lambda: ["Hello"])
    asked: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        database = migrated_database(f"sqlite:///{self.work / 'puente.db'}")
        self.inbox = Inbox(database, KEY)
        client = GraphClient(
            self.graph.base, "106540352242922", "token", FAST, self.timeout
        )
        self.answerer = Answerer(self.inbox, client, KEY, self.rasa, database)

    async def rasa(self, message: UserMessage) -> None:
        self.asked.append(message.text)
        for reply in self.replies:
            await message.output_channel.send_text_message(message.sender_id, reply)

    def receive(self) -> Pending:
        return self.inbox.receive(
            Inbound(f"wamid.{time.time_ns()}", PHONE, int(time.time()), "text", "Hi")
        )

    async def answer(self, pending: Pending | None = None) -> Pending:
        pending = pending or self.receive()
        await self.answerer.answer_all([pending], agent=None)
        return pending

    def waiting(self) -> List[str]:
        """The messages left in the inbox for a later try."""
        return self.inbox.due(HOUR)

    def accepted(self) -> List[dict]:
        return [r["json"] for r in self.graph.requests if r["status"] == 200]


async def test_a_5000_character_answer_is_split_at_sentences(graph, tmp_path):
    sentence = "Tutoring in small groups, three times a week, helps children read. "
    answer = sentence * 75  # 5,025 characters
    harness = Harness(graph, tmp_path, replies=[answer.strip()])
    await harness.answer()
    texts = [r["text"]["body"] for r in harness.accepted()]
    assert len(texts) == 2 and all(len(t) <= TEXT_LIMIT for t in texts)
    assert all(t.endswith("read.") for t in texts)
    assert " ".join(texts) == answer.strip()
    assert {r["json"]["to"] for r in graph.requests} == {PHONE}


async def test_several_rasa_messages_become_one_whatsapp_message(graph, tmp_path):
    harness = Harness(graph, tmp_path, replies=["Hello!", "Want to know more?"])
    await harness.answer()
    assert len(graph.requests) == 1 and not harness.waiting()


@pytest.mark.parametrize("trouble", [429, 500, 503])
async def test_metas_trouble_is_retried_and_delivered_once(graph, tmp_path, trouble):
    graph.script[PHONE] = [trouble, trouble]
    harness = Harness(graph, tmp_path)
    await harness.answer()
    assert [r["status"] for r in graph.requests] == [trouble, trouble, 200]
    assert len(harness.accepted()) == 1 and not harness.waiting()


async def test_a_time_out_is_retried_and_delivered_once(graph, tmp_path):
    graph.script[PHONE] = [HANG]
    harness = Harness(graph, tmp_path, timeout=0.5)
    await harness.answer()
    assert [r["status"] for r in graph.requests] == [HANG, 200]
    assert len(harness.accepted()) == 1 and not harness.waiting()


async def test_when_retries_end_the_answer_waits_and_rasa_is_not_asked_again(
    graph, tmp_path, caplog
):
    graph.script[PHONE] = [500, 500, 500]
    harness = Harness(graph, tmp_path)
    pending = await harness.answer()
    assert len(graph.requests) == 3 and not harness.accepted()
    assert "given up: HTTP 500" in caplog.text and PHONE not in caplog.text
    assert harness.waiting() == [pending.id_hash]
    await harness.answer(harness.inbox.take(pending.id_hash, HOUR))  # Meta is back
    assert len(harness.accepted()) == 1 and not harness.waiting()
    assert harness.asked == ["Hi"]


async def test_a_client_error_gives_the_answer_up_without_retry(
    graph, tmp_path, caplog
):
    graph.script[PHONE] = [400]
    harness = Harness(graph, tmp_path, replies=["x " * 3000])
    await harness.answer()
    assert len(graph.requests) == 1 and not harness.waiting()
    assert "given up: HTTP 400 code=131030" in caplog.text
    assert PHONE not in caplog.text  # Meta's message quoted the number: removed


async def test_an_answer_stopped_halfway_goes_on_from_the_next_message(
    graph, tmp_path
):
    harness = Harness(graph, tmp_path)
    answer = [{"type": "text", "text": {"body": f"Part {n}"}} for n in (1, 2, 3)]
    pending = harness.inbox.answered(harness.receive(), answer)
    harness.inbox.delivered(pending, 1)  # then the process died
    harness.inbox.release(pending)
    await harness.answer(harness.inbox.take(pending.id_hash, HOUR))
    assert [r["text"]["body"] for r in harness.accepted()] == ["Part 2", "Part 3"]
    assert harness.asked == [] and not harness.waiting()


@pytest.mark.parametrize(
    "language, label", [("en", "See the choices"), ("es", "Ver las opciones")]
)
async def test_the_list_button_speaks_the_conversations_language(language, label):
    """Rasa's own tracker store and response generator pick the label's variation."""
    from types import SimpleNamespace

    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet

    from bot.settings import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    store = InMemoryTrackerStore(domain)
    tracker = await store.get_or_create_tracker("wa-test")
    tracker.update(SlotSet("language", language))
    await store.save(tracker)
    agent = SimpleNamespace(
        tracker_store=store, nlg=TemplatedNaturalLanguageGenerator(domain.responses)
    )
    choices = [{"title": f"Choice {n}", "payload": f"/c{n}"} for n in range(5)]
    messages = [{"text": "Pick", "buttons": choices}]
    assert await list_label(messages, agent, "wa-test") == label
    assert await list_label([{"text": "Hi"}], agent, "wa-test") == ""
