"""Rasa 3.6's requests to endpoints, encoded by ujson: the same JSON, decoded."""

from __future__ import annotations

import asyncio
import json
from typing import Iterator

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from bot import action_request_json
from bot.settings import PROJECT_ROOT
from tests.endpoints import recording_endpoint


@pytest.fixture(autouse=True)
def patched() -> None:
    assert action_request_json.install()


def _request_body() -> dict:
    """What Rasa sends an action server: a conversation in Spanish with a link,
    float confidences and slots, and the whole domain."""
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    parse = {"intent": {"name": "faq/cost", "confidence": 0.8123456789012345},
             "entities": [], "text": "¿Cuánto cuesta? 😊",
             "intent_ranking": [{"name": "faq/cost", "confidence": 0.8123456789012345},
                                {"name": "faq/funding", "confidence": 1e-07}]}
    tracker = DialogueStateTracker.from_events("familia-1", [
        ActionExecuted("action_listen"),
        UserUttered("¿Cuánto cuesta? 😊", parse["intent"], [], parse),
        BotUttered("Fuente: https://studentsupportaccelerator.org/es/ \"gratis\"",
                   {"elements": None}),
        SlotSet("language", "es"), SlotSet("program_grade", 3),
    ], domain.slots)
    return {"next_action": "action_faq_more", "sender_id": "familia-1",
            "tracker": tracker.current_state(EventVerbosity.ALL),
            "domain": domain.as_dict(), "version": "3.6.21"}


def test_the_encoding_decodes_to_what_json_dumps_gave():
    body = _request_body()
    encoded = action_request_json.encode(body)
    assert json.loads(encoded) == json.loads(json.dumps(body))
    assert "\\/" not in encoded and "https://studentsupportaccelerator.org" in encoded


@pytest.fixture
def endpoint() -> Iterator[tuple]:
    """Rasa's configuration of an endpoint, and the endpoint it names."""
    with recording_endpoint({"events": [], "responses": []}) as served:
        yield EndpointConfig(served.url, headers={"X-Key": "k"}), served


def test_an_endpoint_request_goes_out_as_json_and_comes_back(endpoint):
    config, served = endpoint
    body = _request_body()
    answer = asyncio.run(config.request(json=body, method="post"))
    assert answer == {"events": [], "responses": []}
    [(content_type, received)] = served.received
    assert content_type == "application/json"
    assert received.startswith(b'{"next_action":"action_faq_more",')  # ujson's
    assert json.loads(received) == json.loads(json.dumps(body))
