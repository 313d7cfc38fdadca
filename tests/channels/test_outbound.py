"""The outbound side against the fake Graph API over real HTTP: long answers split,
retries on 429/5xx, nothing retried on other 4xx."""

from __future__ import annotations

import pytest

from bot.channels.graph import GraphClient, Retry
from bot.channels.shaping import TEXT_LIMIT
from bot.channels.whatsapp import WhatsAppInput, WhatsAppOutput
from tests.channels.meta import PHONE, FakeGraph

FAST = Retry(attempts=3, first_pause=0.05)


@pytest.fixture
def graph():
    fake = FakeGraph().start()
    yield fake
    fake.stop()


def output(graph: FakeGraph) -> WhatsAppOutput:
    return WhatsAppOutput(
        PHONE, GraphClient(graph.base, "106540352242922", "token", FAST)
    )


async def test_a_5000_character_answer_is_split_at_sentences(graph):
    sentence = "Tutoring in small groups, three times a week, helps children read. "
    answer = sentence * 75  # 5,025 characters
    channel = output(graph)
    await channel.send_text_message("wa-test", answer.strip())
    assert await channel.deliver("wa-test", "") == 2
    texts = [r["json"]["text"]["body"] for r in graph.requests]
    assert all(len(t) <= TEXT_LIMIT for t in texts)
    assert all(t.endswith("read.") for t in texts)
    assert " ".join(texts) == answer.strip()
    assert {r["json"]["to"] for r in graph.requests} == {PHONE}


async def test_several_rasa_messages_become_one_whatsapp_message(graph):
    channel = output(graph)
    await channel.send_text_message("wa-test", "Hello!")
    await channel.send_text_with_buttons(
        "wa-test",
        "Want to know more?",
        [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
    )
    assert await channel.deliver("wa-test", "") == 1


@pytest.mark.parametrize("status", [429, 500, 503])
async def test_rate_limits_and_server_errors_are_retried(graph, status):
    graph.script[PHONE] = [status, status]
    channel = output(graph)
    await channel.send_text_message("wa-test", "Hello")
    assert await channel.deliver("wa-test", "") == 1
    assert len(graph.requests) == 3


async def test_retries_end(graph, caplog):
    graph.script[PHONE] = [500, 500, 500, 500]
    channel = output(graph)
    await channel.send_text_message("wa-test", "Hello")
    assert await channel.deliver("wa-test", "") == 0
    assert len(graph.requests) == 3
    assert "given up: HTTP 500" in caplog.text and PHONE not in caplog.text


async def test_a_client_error_stops_the_answer_without_retry(graph, caplog):
    graph.script[PHONE] = [400]
    channel = output(graph)
    await channel.send_text_message("wa-test", "x " * 3000)
    assert await channel.deliver("wa-test", "") == 0
    assert len(graph.requests) == 1
    assert "given up: HTTP 400 code=131030" in caplog.text
    assert PHONE not in caplog.text  # Meta's message quoted the number: removed


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

    domain = Domain.load(str(PROJECT_ROOT / "domain"))
    store = InMemoryTrackerStore(domain)
    tracker = await store.get_or_create_tracker("wa-test")
    tracker.update(SlotSet("language", language))
    await store.save(tracker)
    agent = SimpleNamespace(
        tracker_store=store, nlg=TemplatedNaturalLanguageGenerator(domain.responses)
    )
    channel = WhatsAppInput(
        GraphClient("http://127.0.0.1:9", "1", "t"), "s", "v", b"k", None, 60
    )
    choices = [{"title": f"Choice {n}", "payload": f"/c{n}"} for n in range(5)]
    assert (
        await channel._list_label(
            [{"text": "Pick", "buttons": choices}], agent, "wa-test"
        )
        == label
    )
    assert await channel._list_label([{"text": "Hi"}], agent, "wa-test") == ""
