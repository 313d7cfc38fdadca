"""Every kind of WhatsApp webhook read as a careful text-only assistant should: an
answer, a "please write in text", or silence (Meta's documented bodies, see
tests/data/whatsapp/SOURCES.md); and no body, however odd, breaks the parser."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from bot.channels.payload import TEXT_ONLY, WELCOME, Inbound, parse
from tests.channels.meta import (
    fixture,
    fixtures,
    messages_of,
    reversed_keys,
    sample,
)

QUESTION = "Does it come in another color?"  # Meta's sample text


def only(body: Dict[str, Any]) -> Inbound:
    [message] = parse(body).messages
    return message


@pytest.mark.parametrize("name", [n for n in fixtures("answered") if "/text_" in n])
def test_text_is_read_the_same_however_it_came(name):
    """Forwarded, quoting an earlier message, from an ad, without a phone number."""
    message = only(fixture(name))
    assert (message.kind, message.text) == ("text", QUESTION)


def test_without_a_phone_number_the_business_scoped_id_is_the_sender():
    message = only(fixture("answered/text_without_phone_number"))
    assert message.phone == "US.13491208655302741918"


@pytest.mark.parametrize(
    "name", [n for n in fixtures("answered") if "/template_button" in n]
)
def test_template_buttons_say_their_rasa_payload_or_else_their_label(name):
    body = fixture(name)
    assert only(body).text == "Unsubscribe from Promos"
    messages_of(body)[0]["button"]["payload"] = "/faq/what_is_hit"
    assert (only(body).kind, only(body).text) == ("button", "/faq/what_is_hit")


def test_a_flow_reply_is_read_as_the_words_typed_in_it():
    body = fixture("answered/flow_reply")
    assert (only(body).kind, only(body).text) == ("flow", "value1\nvalue2")
    reply = messages_of(body)[0]["interactive"]["nfm_reply"]
    for nothing_typed in (json.dumps({"flow_token": "AQAAAAACS5FpgQ"}), "{", "[1]"):
        reply["response_json"] = nothing_typed
        assert only(body).text == WELCOME


def test_a_first_time_chat_is_greeted_with_the_welcome():
    message = only(fixture("answered/request_welcome"))
    assert (message.kind, message.text) == ("welcome", WELCOME)


@pytest.mark.parametrize("name", fixtures("text_only"))
def test_what_puente_cannot_read_gets_the_text_only_payload(name):
    message = only(fixture(name))
    assert (message.kind, message.text) == ("unsupported", TEXT_ONLY)


@pytest.mark.parametrize(
    "name, why",
    [
        ("silent/reaction_added", "reaction"),
        ("silent/reaction_skin_tone", "reaction"),
        ("silent/reaction_removed", "reaction"),
        ("silent/system_user_changed_number", "system"),
        ("silent/edit", "edit"),
        ("silent/revoke", "revoke"),
        ("silent/group_text", "group"),
        ("silent/smb_message_echoes", "smb_message_echoes"),
        ("silent/message_template_status_update", "message_template_status_update"),
        ("silent/account_update", "account_update"),
        ("silent/phone_number_quality_update", "phone_number_quality_update"),
        ("silent/user_preferences", "user_preferences"),
    ],
)
def test_what_says_nothing_new_is_read_and_left_silent(name, why):
    notification = parse(fixture(name))
    assert not notification.messages and notification.silent == [why]


@pytest.mark.parametrize("name", fixtures("silent"))
def test_every_silent_fixture_gets_no_answer(name):
    notification = parse(fixture(name))
    assert not notification.messages
    assert notification.silent or notification.statuses


def test_an_edit_that_the_cloud_api_calls_unsupported_is_silent():
    """Meta's own ``unsupported`` example is an edit: not a new question."""
    notification = parse(sample("09_inbound_unsupported"))
    assert not notification.messages and notification.silent == ["edit"]


@pytest.mark.parametrize(
    "name, status", [(n, n.split("status_")[1].split("_")[0])
                     for n in fixtures("silent") if "/status_" in n]
)
def test_statuses_are_kept_for_the_log(name, status):
    [kept] = parse(fixture(name)).statuses
    assert kept["status"] == status


def test_a_closed_24_hour_window_keeps_its_error_code():
    [status] = parse(fixture("silent/status_failed_window_closed")).statuses
    assert status["errors"][0]["code"] == 131047


@pytest.mark.parametrize(
    "timestamp, read",
    [("1750090802", 1750090802), (1750090802, 1750090802), (1750090802.7, 1750090802),
     ("soon", 0), (None, 0), ("1e999", 0), ([1], 0)],
)
def test_timestamps_as_strings_or_numbers(timestamp, read):
    body = sample("02_inbound_text")
    messages_of(body)[0]["timestamp"] = timestamp
    assert only(body).timestamp == read


def test_a_message_without_sender_or_id_is_left_silent():
    body = sample("02_inbound_text")
    del messages_of(body)[0]["from"]
    assert parse(body).silent == ["no sender"]


@pytest.mark.parametrize("name", fixtures("answered") + fixtures("text_only"))
def test_keys_in_any_order_read_the_same(name):
    assert parse(reversed_keys(fixture(name))) == parse(fixture(name))


def test_several_entries_changes_and_messages_and_a_repeated_id():
    """All read in order; the channel answers a repeated id once (seen ids)."""
    body = fixture("answered/text_forwarded")
    body["entry"].append(fixture("silent/status_read")["entry"][0])
    value = body["entry"][0]["changes"][0]["value"]
    value["messages"] += messages_of(fixture("answered/request_welcome"))
    value["messages"].append(dict(value["messages"][0]))
    body["entry"][0]["changes"].append(fixture("silent/account_update")["entry"][0]
                                       ["changes"][0])
    notification = parse(body)
    assert [m.kind for m in notification.messages] == ["text", "welcome", "text"]
    assert notification.messages[0].message_id == notification.messages[2].message_id
    assert len(notification.statuses) == 1 and notification.silent == ["account_update"]


MANGLED = [
    [],
    "entry",
    {"entry": "x"},
    {"entry": [None, 1, "x", {"changes": "x"}, {"changes": [None, 2, {"value": []}]}]},
    {"entry": [{"changes": [{"field": "messages", "value": {
        "messages": "x", "statuses": {"status": "read"}, "errors": [None]}}]}]},
    {"entry": [{"changes": [{"field": "messages", "value": {"messages": [
        None,
        {"from": "16505551234", "id": "a", "type": ["text"], "text": "hello"},
        {"from": "16505551234", "id": "b", "type": "text", "text": "hello"},
        {"from": "16505551234", "id": "c", "type": "interactive", "interactive": {
            "type": {"a": 1}}},
        {"from": "16505551234", "id": "d", "type": "interactive", "interactive": {
            "type": "list_reply", "list_reply": "x"}},
        {"from": "16505551234", "id": "e", "type": "location", "location": {
            "latitude": "north"}},
        {"from": "16505551234", "id": "f", "type": "button", "button": None},
        {"from": {"a": 1}, "id": 7, "type": None, "group_id": None},
        {"from": "16505551234", "id": "g", "type": "unsupported", "unsupported": []},
    ]}}]}]},
]


@pytest.mark.parametrize("body", MANGLED)
def test_odd_bodies_never_break_the_parser(body):
    notification = parse(body)
    assert all(m.text for m in notification.messages)
    assert all(m.text == TEXT_ONLY for m in notification.messages)
