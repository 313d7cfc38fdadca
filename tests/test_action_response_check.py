"""Rasa 3.6's check of action-server responses, with the schema validated once.

Invalid responses are still rejected with the error ``jsonschema.validate`` raises
(and Rasa's hint); valid ones pass; the running Rasa server has the patch.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import action_response_check
from bot.bench.ports import free_port
from tests.endpoints import Endpoint, recording_endpoint
from tests.servers import Assistant, rasa_server

SCHEMA = RemoteAction.action_response_format_spec()
VALID = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "hit_sessions", "value": "yes"}],
     "responses": [{"response": "utter_checklist_question", "number": 1}]},
    {"events": [{"event": "active_loop", "name": None}]},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "value": "no name"}]},
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["a string, not an object"]},
    [],
]


@pytest.fixture(autouse=True)
def patched() -> None:
    assert action_response_check.install()


@pytest.mark.parametrize("result", VALID)
def test_valid_responses_pass(result):
    jsonschema.validate(result, SCHEMA)  # the stock check agrees
    assert RemoteAction("action_x", None)._validate_action_result(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_responses_raise_what_rasa_raised(result):
    with pytest.raises(jsonschema.ValidationError) as stock:
        jsonschema.validate(result, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as ours:
        RemoteAction("action_x", None)._validate_action_result(result)
    assert ours.value.message.startswith(stock.value.message)
    assert "Failed to validate Action server response" in ours.value.message
    assert list(ours.value.path) == list(stock.value.path)
    assert ours.value.validator == stock.value.validator


def test_the_schema_is_checked_once(monkeypatch):
    checks = []
    original = jsonschema.validators.Draft202012Validator.check_schema
    monkeypatch.setattr(jsonschema.validators.Draft202012Validator, "check_schema",
                        classmethod(lambda cls, schema: checks.append(schema)
                                    or original(schema)))
    action_response_check.response_validator.cache_clear()
    for _ in range(5):
        RemoteAction("action_x", None)._validate_action_result(VALID[1])
    assert len(checks) == 1


@pytest.fixture
def bad_action_server() -> Iterator[Endpoint]:
    """An action server whose every answer breaks Rasa's schema."""
    with recording_endpoint({"events": "not a list"}) as endpoint:
        yield endpoint


@pytest.mark.server
def test_the_running_server_is_patched_and_still_rejects(
    tmp_path: Path, bad_action_server: Endpoint,
):
    bot = Assistant(free_port(), bad_action_server.port, tmp_path)
    with rasa_server(tmp_path, bot.actions_port, bot.rasa_port):
        bot.say(f"test-{uuid.uuid4().hex}", "/show_more_programs")
    log = (tmp_path / "rasa.log").read_text()
    assert "checked with a schema validator built once" in log
    assert "Failed to validate Action server response" in log
    # The requests went out encoded by ujson (compact, "/" as is) and decode whole;
    # the last one (after the message was logged) carries the parent's text.
    [*_, (_, body)] = bad_action_server.received
    assert body.startswith(b'{"next_action":"') and b'","sender_id":"' in body
    assert b'"text":"/show_more_programs"' in body
    request = json.loads(body)
    assert request["tracker"]["latest_message"]["text"] == "/show_more_programs"
    assert "Requests to the action server encoded with ujson." in log
    assert "Model graphs kept per set of targets." in log
    assert "Applied events continued from where they last stopped." in log
    assert "Form turns start from the conversation's current state." in log
    assert "Tracker copies start from the conversation's state." in log
    assert "objects loaded at start kept out of garbage collection." in log
    assert "domain" not in request, "the selective domain (endpoints.yml)"
