"""The WhatsApp webhook on the wire, without Rasa: Meta's documented requests,
signed as Meta signs them, to the channel served by Sanic's test client; an agent
that repeats what it hears; the answers sent to the fake Graph API on loopback.

What the webhook itself decides -- verification, signatures, odd bodies, repeats,
old messages, what is left unanswered, what each kind of message becomes -- is
checked here in well under a second each. tests/channels/test_whatsapp_e2e.py keeps
the checks that need the real assistant's answers.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import time
from datetime import timedelta
from typing import Any, Dict, Iterator

import pytest

from bot.channels.inbox import Inbox
from bot.channels.payload import TEXT_ONLY, WELCOME, parse
from bot.conversations.message_ids import MESSAGE_ID, RETRY
from bot.web.messages import MESSAGES
from tests.channels.meta import (
    PHONE,
    FakeGraph,
    fixture,
    fixtures,
    fresh,
    from_phone,
    messages_of,
    reversed_keys,
    sample,
    text_from,
    verification_query,
)
from tests.channels.wire import ECHO, KEY, Webhook

HIT = "What is high-impact tutoring?"
UNAVAILABLE = MESSAGES["unavailable"]["es"]
_numbers = itertools.count(100)


@pytest.fixture(scope="module")
def webhook(tmp_path_factory) -> Iterator[Webhook]:
    """One server for the module (it starts in about a second); each test writes
    from a number of its own (``family``)."""
    graph = FakeGraph().start()
    try:
        with Webhook(tmp_path_factory.mktemp("whatsapp"), graph) as running:
            yield running
    finally:
        graph.stop()


@pytest.fixture
def family() -> str:
    """A new family's phone number."""
    return f"1650555{next(_numbers):04d}"


def then_thanks(webhook: Webhook, body: Dict[str, Any], phone: str) -> list:
    """POST ``body`` with "thanks" after it, in one POST; once "thanks" is answered,
    what the agent heard from ``phone``. Messages of one POST are answered in
    order, so anything ``body`` was going to say comes before "thanks"."""
    body = copy.deepcopy(body)
    body["entry"] += text_from(phone, "thanks")["entry"]
    assert webhook.post(body).status == 200
    webhook.said(phone, ECHO + "thanks")
    return webhook.agent.heard_from(phone)


def test_meta_verifies_the_webhook_with_its_token(webhook):
    """Meta's sample verification GET (01) gets its challenge back, as Meta requires
    to subscribe the webhook; a wrong token or mode is refused."""
    query = verification_query()
    right = webhook.verify(query)
    assert (right.status, right.text) == (200, "1158201444")
    for wrong in ({"hub.verify_token": "guess"}, {"hub.mode": "unsubscribe"},
                  {"hub.verify_token": ""}):
        refused = webhook.verify({**query, **wrong})
        assert refused.status == 403 and "1158201444" not in refused.text


def test_a_signed_message_is_answered_by_the_agent(webhook, family):
    assert webhook.post(text_from(family, HIT)).status == 200
    assert webhook.said(family, ECHO + HIT) == [ECHO + HIT]
    [request] = [r for r in webhook.graph.requests if r["json"].get("to") == family]
    assert request["path"] == "/v21.0/106540352242922/messages"
    assert request["authorization"] == "Bearer test-access-token"
    assert request["json"]["messaging_product"] == "whatsapp"


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "not-a-signature"])
def test_bad_or_missing_signature_is_refused(webhook, family, signature):
    refused = text_from(family, "Hello")
    assert webhook.post(refused, signature=signature).status == 403
    assert then_thanks(webhook, {"entry": []}, family) == ["thanks"]


def test_the_webhook_answers_before_the_assistant_does(webhook, family):
    """Meta wants its 200 fast: the answer is worked out after the response."""
    webhook.agent.hold = asyncio.Event()
    try:
        assert webhook.post(text_from(family, HIT)).status == 200
        assert webhook.agent.heard_from(family) == [HIT]
        assert webhook.sent_to(family) == []
        webhook.agent.hold.set()
        assert webhook.said(family, ECHO + HIT) == [ECHO + HIT]
    finally:
        webhook.agent.hold = None


def test_silence_from_the_assistant_becomes_try_again_in_the_familys_language(
        webhook, family):
    """As when the action server is down (tests/test_action_server_down.py shows
    the real Rasa saying nothing then): the family is never left without a word."""
    webhook.agent.quiet = True
    try:
        spanish = text_from(family, "hola, ¿qué es la tutoría?")
        assert webhook.post(spanish).status == 200
        assert webhook.said(family, UNAVAILABLE) == [UNAVAILABLE]
    finally:
        webhook.agent.quiet = False


def test_a_replayed_message_is_answered_once(webhook, family):
    body = text_from(family, HIT)
    for _ in range(3):
        assert webhook.post(body).status == 200
    assert then_thanks(webhook, body, family) == [HIT, "thanks"]  # a fourth delivery


def test_a_message_taken_up_again_is_marked_so_rasa_answers_it_once(webhook, family):
    """A message whose process died (here: received by a replica whose lease ran
    out at once) is swept up by the running one and marked as sent before, with
    the hash of its id, never Meta's id (which holds the phone number)."""
    first = text_from(family, "first sending")
    assert webhook.post(first).status == 200
    webhook.said(family, ECHO + "first sending")
    died = Inbox(webhook.channel.database, KEY, lease=timedelta(0))
    inbound = parse(text_from(family, "left by a replica that died")).messages[0]
    pending = died.receive(inbound)
    webhook.said(family, ECHO + "left by a replica that died")
    marks = {text: meta for (_, text), meta
             in zip(webhook.agent.heard, webhook.agent.metadata, strict=True)}
    assert marks["left by a replica that died"] == {
        MESSAGE_ID: pending.id_hash, RETRY: True}
    assert marks["first sending"][MESSAGE_ID] != marks[
        "left by a replica that died"][MESSAGE_ID]
    assert RETRY not in marks["first sending"]
    assert inbound.message_id not in str(webhook.agent.metadata)


SILENT = fixtures("silent") + [
    "05_status_sent",
    "06_status_read_v24_AS_PUBLISHED",
    "07_status_failed",
    "08_errors_system_level",
    "09_inbound_unsupported",  # an edit, as the Cloud API reports it
]


@pytest.mark.parametrize("name", SILENT)
def test_what_says_nothing_new_gets_no_answer(webhook, family, name):
    body = fixture(name) if "/" in name else sample(name)
    assert then_thanks(webhook, from_phone(body, family), family) == ["thanks"]


def test_an_edited_message_is_not_answered_twice(webhook, family):
    hello = text_from(family, "Hi")
    edit = from_phone(fixture("silent/edit"), family)
    edited = messages_of(edit)[0]["edit"]
    edited["original_message_id"] = messages_of(hello)[0]["id"]
    edited["message"]["text"]["body"] = "Hi! What is high-impact tutoring?"
    hello["entry"] += edit["entry"]
    assert then_thanks(webhook, hello, family) == ["Hi", "thanks"]


@pytest.mark.parametrize("name, heard", [
    *[(n, HIT) for n in fixtures("answered") if "/text_" in n and "phone" not in n],
    ("answered/request_welcome", WELCOME),
    *[(n, TEXT_ONLY) for n in fixtures("text_only")],
])
def test_each_kind_of_message_reaches_the_assistant_as_what_the_family_meant(
        webhook, family, name, heard):
    """Forwarded, quoting, from an ad; a first-time chat; what Puente cannot read."""
    body = from_phone(fixture(name), family)
    if heard == HIT:
        messages_of(body)[0]["text"] = {"body": HIT}
    assert then_thanks(webhook, body, family) == [heard, "thanks"]


@pytest.mark.parametrize("name, button, heard", [
    ("answered/template_button_with_context",
     {"payload": "/faq/what_is_hit", "text": "What's high-impact?"},
     "/faq/what_is_hit"),
    ("answered/template_button_without_context",
     {"payload": "HIT_INFO", "text": HIT}, HIT),
])
def test_a_template_quick_reply_says_its_payload_or_its_label(
        webhook, family, name, button, heard):
    body = from_phone(fixture(name), family, button=button)
    assert then_thanks(webhook, body, family) == [heard, "thanks"]


def test_a_flow_reply_says_what_was_typed_in_it(webhook, family):
    body = from_phone(fixture("answered/flow_reply"), family)
    reply = messages_of(body)[0]["interactive"]["nfm_reply"]
    reply["response_json"] = json.dumps({"flow_token": "AQAAAAACS5F", "question": HIT})
    assert then_thanks(webhook, body, family) == [HIT, "thanks"]


def test_a_user_without_a_phone_number_is_answered_by_their_user_id(webhook):
    """WhatsApp withholds the number of users with a username: the business-scoped
    user id is the address (Graph API ``recipient``)."""
    user = "US.13491208655302741918"
    body = fresh(fixture("answered/text_without_phone_number"), from_user_id=user,
                 text={"body": HIT})
    assert webhook.post(body).status == 200
    assert webhook.said(user, ECHO + HIT) == [ECHO + HIT]
    assert not any("to" in m for m in webhook.sent_to(user))


def test_the_text_only_answer_comes_once_an_hour_not_per_message(webhook, family):
    """A photo, then a voice note, a sticker and "Hi": one reminder in all."""
    image = from_phone(fixture("text_only/image"), family)
    assert then_thanks(webhook, image, family) == [TEXT_ONLY, "thanks"]
    body = from_phone(fixture("text_only/voice_note"), family)
    body["entry"] += from_phone(fixture("text_only/sticker"), family)["entry"]
    body["entry"] += text_from(family, "Hi")["entry"]
    assert then_thanks(webhook, body, family)[2:] == ["Hi", "thanks"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        [],
        "entry",
        {"entry": "x"},
        {"entry": [None, 1, {"changes": "x"}, {"changes": [None, {"value": []}]}]},
        {"entry": [{"changes": [{"field": "messages", "value": {"messages": "x"}}]}]},
    ],
)
def test_any_signed_body_gets_200_and_no_answer(webhook, family, body):
    assert webhook.post(body).status == 200
    assert then_thanks(webhook, {"entry": []}, family) == ["thanks"]


def test_one_body_of_many_parts_in_any_order_is_answered_once_each(webhook, family):
    """Keys reversed, an integer timestamp, several entries and changes, a status,
    and the same message twice: "Hi" is heard once, then "thanks"."""
    hi = text_from(family, "Hi")
    messages_of(hi)[0]["timestamp"] = int(time.time())
    hi["entry"][0]["changes"] += fixture("silent/status_read")["entry"][0]["changes"]
    hi["entry"] += hi["entry"] + fixture("silent/account_update")["entry"]
    assert then_thanks(webhook, reversed_keys(hi), family) == ["Hi", "thanks"]


def test_too_old_messages_are_not_answered(webhook):
    """Meta's own example, sent in 2025, before "thanks" in one POST."""
    old = sample("02_inbound_text")
    assert then_thanks(webhook, old, PHONE) == ["thanks"]


def test_a_server_error_is_retried_and_delivered_once(webhook, family):
    webhook.graph.script[family] = [500]
    assert webhook.post(text_from(family, HIT)).status == 200
    webhook.wait(lambda requests: [r["status"] for r in requests
                                   if r["json"].get("to") == family] == [500, 200])
    first, second = webhook.sent_to(family)
    assert first == second and webhook.agent.heard_from(family) == [HIT]
