"""Rasa 3.6's requests to endpoints, encoded by ujson: the same JSON, decoded."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator, List

import pytest
import rasa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from bot import action_request_json
from bot.bench.ports import free_port
from bot.settings import PROJECT_ROOT


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


class _Recorder(BaseHTTPRequestHandler):
    """An endpoint that keeps each request's content type and body."""

    received: List[tuple] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.headers["Content-Type"], body))
        answer = b'{"events": [], "responses": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def endpoint() -> Iterator[EndpointConfig]:
    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Key": "k"})
    server.shutdown()


def test_an_endpoint_request_goes_out_as_json_and_comes_back(endpoint):
    body = _request_body()
    answer = asyncio.run(endpoint.request(json=body, method="post"))
    assert answer == {"events": [], "responses": []}
    content_type, received = _Recorder.received[-1]
    assert content_type == "application/json"
    assert received.startswith(b'{"next_action":"action_faq_more",')  # ujson's
    assert json.loads(received) == json.loads(json.dumps(body))


def test_install_is_idempotent_and_another_rasa_is_left_alone(monkeypatch, caplog):
    assert action_request_json.install()
    monkeypatch.setattr(EndpointConfig, "session", lambda self: None)
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    assert not action_request_json.install()
    assert EndpointConfig.session is not action_request_json.session
    assert "3.7.0" in caplog.text
