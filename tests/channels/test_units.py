"""The WhatsApp channel's parts, one by one: parsing Meta's documented payloads,
signatures, ids, text splitting and the shaping of buttons and lists."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from bot.bench.programs import python_nearest_zip
from bot.channels import identity, location
from bot.channels.credentials import CHANNEL, runtime_credentials, whatsapp_section
from bot.channels.payload import parse
from bot.channels.seen import SeenMessages, prune
from bot.channels.shaping import (
    BODY_LIMIT,
    TEXT_LIMIT,
    compose,
    list_message,
    reply_buttons,
    shorten,
    split_text,
)
from bot.channels.signature import is_valid, sign
from bot.db import session_scope
from tests.channels.meta import (
    PHONE,
    SAMPLES,
    sample,
)
from tests.databases import migrated_database

#: What the channel reads in each of Meta's JSON samples: the messages it answers
#: (kind, text), the delivery statuses it logs, the error codes it logs, and what it
#: leaves unanswered on purpose. Outbound samples (11-13) posted to the webhook
#: yield nothing: nobody is answered.
PARSED = {
    "02_inbound_text": ([("text", "Does it come in another color?")], [], [], []),
    "03_inbound_button_reply": ([("button", "Change")], [], [], []),
    "04_inbound_list_reply": ([("list", "Priority Mail Express")], [], [], []),
    "05_status_sent": ([], ["sent"], [], []),
    # Meta calls it a "read" webhook, but its JSON says "sent" (SOURCES.md)
    "06_status_read_v24_AS_PUBLISHED": ([], ["sent"], [], []),
    "07_status_failed": ([], ["failed"], [], []),
    "08_errors_system_level": ([], [], [130429], []),
    "09_inbound_unsupported": ([], [], [], ["edit"]),
    "11_send_reply_buttons_request": ([], [], [], []),
    "12_send_list_request": ([], [], [], []),
    "13_send_response": ([], [], [], []),
}


def test_every_json_sample_has_its_expected_reading():
    assert sorted(PARSED) == sorted(p.stem for p in SAMPLES.glob("*.json"))


@pytest.mark.parametrize("name", sorted(PARSED))
def test_each_sample_is_read_as_what_the_family_sees(name):
    """Answered messages, logged statuses and errors, and deliberate silence."""
    notification = parse(sample(name))
    assert (
        [(m.kind, m.text) for m in notification.messages],
        [s["status"] for s in notification.statuses],
        [e["code"] for e in notification.errors],
        notification.silent,
    ) == PARSED[name]
    assert all(m.phone == PHONE for m in notification.messages)


def test_inbound_text():
    [message] = parse(sample("02_inbound_text")).messages
    assert (message.kind, message.text, message.phone) == (
        "text",
        "Does it come in another color?",
        PHONE,
    )
    assert message.timestamp == 1749416383


def test_button_reply_uses_a_rasa_payload_id_else_the_title():
    [message] = parse(sample("03_inbound_button_reply")).messages
    assert (message.kind, message.text) == ("button", "Change")
    body = sample("03_inbound_button_reply")
    body["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"][
        "button_reply"
    ]["id"] = "/check_tutoring"
    assert parse(body).messages[0].text == "/check_tutoring"


def test_list_reply():
    [message] = parse(sample("04_inbound_list_reply")).messages
    assert (message.kind, message.text) == ("list", "Priority Mail Express")


@pytest.mark.parametrize(
    "name", ["05_status_sent", "06_status_read_v24_AS_PUBLISHED", "07_status_failed"]
)
def test_statuses_are_read_and_never_answered(name):
    notification = parse(sample(name))
    assert not notification.messages and len(notification.statuses) == 1


def test_failed_status_keeps_its_error_code():
    [status] = parse(sample("07_status_failed")).statuses
    assert status["errors"][0]["code"] == 131049


def test_system_errors():
    notification = parse(sample("08_errors_system_level"))
    assert not notification.messages and notification.errors[0]["code"] == 130429


def test_location_becomes_the_nearest_zip_code():
    body = sample("02_inbound_text")
    inbound = body["entry"][0]["changes"][0]["value"]["messages"][0]
    del inbound["text"]
    inbound.update(
        type="location",
        location={
            "latitude": 33.9548,
            "longitude": -118.2120,
            "name": "South Gate Park",
        },
    )
    [message] = parse(body).messages
    assert message.kind == "location" and message.text.startswith("902")
    assert message.metadata["location"]["latitude"] == 33.9548


def test_the_zip_centres_are_the_packages():
    """``zip_centres.csv`` is the installed ``zipcodes`` package's, row for row."""
    with location.CENTRES.open(newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [location.HEADER, *location.package_rows()]


@pytest.mark.parametrize(
    "point, expected",
    [((33.9548, -118.2120), "90280"), ((40.8154, -73.0451), "00501"),
     ((64.84, -147.72), "99790"), ((18.4655, -66.1057), "00940")],
)
def test_the_nearest_zip_is_the_former_python_scans_choice(point, expected):
    """Same answer as the plain Python scan it replaced; how much faster it is,
    ``make bench PARTS=programs`` prints (a timed test fails on a busy machine)."""
    assert python_nearest_zip(*point) == expected
    assert location.nearest_zip(*point) == expected


def test_every_entry_and_change_of_a_batch_is_read():
    text, status, error = (
        sample(n)
        for n in ("02_inbound_text", "05_status_sent", "08_errors_system_level")
    )
    text["entry"].append(status["entry"][0])
    text["entry"][0]["changes"].append(error["entry"][0]["changes"][0])
    text["entry"][0]["changes"].append(
        sample("04_inbound_list_reply")["entry"][0]["changes"][0]
    )
    notification = parse(text)
    assert [m.kind for m in notification.messages] == ["text", "list"]
    assert len(notification.statuses) == 1 and len(notification.errors) == 1


def test_the_generic_graph_sample_is_ignored():
    """01b: a non-WhatsApp notification (``object: user``) yields nothing."""
    raw = (SAMPLES / "01b_event_notification_headers.http").read_text()
    body = json.loads(raw[raw.index("\n\n{") :])
    notification = parse(body)
    assert not (notification.messages or notification.statuses or notification.errors)


def test_signature_over_raw_bytes_with_accents():
    raw = json.dumps(
        {"text": "¿Mi hijo puede recibir tutoría en español?"}, ensure_ascii=False
    ).encode("utf-8")
    header = sign("secret", raw)
    assert is_valid("secret", raw, header)
    reserialized = json.dumps(json.loads(raw)).encode("utf-8")  # \u00bf escapes
    assert not is_valid("secret", reserialized, header)
    assert not is_valid("other", raw, header)
    assert not is_valid("secret", raw, None)
    assert not is_valid("secret", raw, header.removeprefix("sha256="))


def test_ids_are_keyed_hashes(tmp_path):
    key = identity.load_key(tmp_path, env={})
    assert key == identity.load_key(tmp_path, env={})  # kept in the data folder
    conversation = identity.sender_id(key, PHONE)
    assert PHONE not in conversation
    assert conversation == identity.sender_id(key, "+" + PHONE)
    assert conversation != identity.sender_id(b"other key", PHONE)
    assert identity.load_key(tmp_path, env={"PUENTE_ID_HASH_KEY": "k"}) == b"k"


def test_split_at_sentence_ends():
    sentence = "Tutoring three times a week helps most. "
    chunks = split_text(sentence * 130)
    assert len(chunks) == 2 and all(len(c) <= TEXT_LIMIT for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert "".join(c + " " for c in chunks) == sentence * 130


def test_split_text_without_sentences():
    chunks = split_text("word " * 1500)
    assert all(len(c) <= TEXT_LIMIT for c in chunks) and len(chunks) == 2
    assert split_text("x" * 5000) == ["x" * 4096, "x" * 904]


def test_shorten_at_words():
    assert shorten("Is it high-impact tutoring?", 20) == "Is it high-impact…"
    assert shorten("Find a program", 20) == "Find a program"


def test_reply_buttons_are_short_and_unique():
    buttons = [
        {"title": "Find a program near my home", "payload": "/a"},
        {"title": "Find a program near my school", "payload": "/b"},
    ]
    titles = [
        b["reply"]["title"]
        for b in reply_buttons("Which?", buttons)["interactive"]["action"]["buttons"]
    ]
    assert all(len(t) <= 20 for t in titles) and len(set(titles)) == 2
    ids = [
        b["reply"]["id"]
        for b in reply_buttons("Which?", buttons)["interactive"]["action"]["buttons"]
    ]
    assert ids == ["/a", "/b"]


def test_four_to_ten_choices_become_a_list():
    buttons = [
        {"title": f"Tutoring program number {n} in South Gate", "payload": f"/p{n}"}
        for n in range(12)
    ]
    message = list_message("Pick one", buttons, "See the choices in the list")
    action = message["interactive"]["action"]
    rows = action["sections"][0]["rows"]
    assert len(rows) == 10 and len(action["button"]) <= 20
    assert all(
        len(r["title"]) <= 24 and len(r.get("description", "")) <= 72 for r in rows
    )
    assert rows[0]["description"] == "Tutoring program number 0 in South Gate"
    assert (
        compose([{"text": "Pick", "buttons": buttons[:4]}], "List")[0]["interactive"][
            "type"
        ]
        == "list"
    )


def test_an_answer_is_combined_into_few_messages():
    buttons = [
        {"title": "Yes", "payload": "/affirm"},
        {"title": "No", "payload": "/deny"},
    ]
    out = compose(
        [
            {"text": "Hello!"},
            {"text": "Tutoring helps."},
            {"text": "Want more?", "buttons": buttons},
        ],
        "",
    )
    assert len(out) == 1
    assert (
        out[0]["interactive"]["body"]["text"]
        == "Hello!\n\nTutoring helps.\n\nWant more?"
    )
    long = compose(
        [{"text": "Long. " * 300}, {"text": "Want more?", "buttons": buttons}], ""
    )
    assert [m["type"] for m in long] == ["text", "interactive"]
    assert len(long[1]["interactive"]["body"]["text"]) <= BODY_LIMIT


def test_credentials_add_whatsapp_only_when_configured(tmp_path):
    env = {
        "WHATSAPP_PHONE_NUMBER_ID": "1",
        "WHATSAPP_ACCESS_TOKEN": "secret-token",
        "WHATSAPP_APP_SECRET": "s",
        "WHATSAPP_VERIFY_TOKEN": "v",
    }
    assert whatsapp_section({}) is None
    assert whatsapp_section({**env, "WHATSAPP_APP_SECRET": ""}) is None
    text = runtime_credentials(tmp_path, env).read_text()
    assert CHANNEL in text and "${WHATSAPP_ACCESS_TOKEN}" in text
    assert "secret-token" not in text and "api_base" not in text
    assert CHANNEL not in runtime_credentials(tmp_path, {}).read_text()


def test_a_reminder_is_claimed_once_a_period_across_replicas(database_url, tmp_path):
    """The "please write in text" memory: kept in the database, a sliding hour."""
    hour = timedelta(hours=1)
    first, second = (SeenMessages(migrated_database(database_url), b"k")
                     for _ in range(2))
    name = f"text-only:wa-{tmp_path.name}-{time.time_ns()}"
    assert first.claim_every(name, hour)
    assert not second.claim_every(name, hour) and not first.claim_every(name, hour)
    assert second.claim_every(name + "-other", hour)
    assert second.claim_every(name, timedelta(0))  # the period has passed


def test_old_ids_are_pruned(tmp_path):
    database = migrated_database(f"sqlite:///{tmp_path / 'puente.db'}")
    seen = SeenMessages(database, b"k")
    assert seen.claim_every("a", timedelta(days=30))
    with session_scope(database.engine()) as session:
        prune(session, datetime.now(timezone.utc), keep=timedelta(seconds=-1))
    assert seen.claim_every("a", timedelta(days=30))


def _shape(value):
    """Keys at every level (lists: first element), to compare with Meta's samples."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list) and value:
        return [_shape(value[0])]
    return type(value).__name__


def _without(message, *keys):
    return {
        **message,
        "interactive": {
            k: v for k, v in message["interactive"].items() if k not in keys
        },
    }


def _addressed(message):
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "+" + PHONE,
        **message,
    }


def test_reply_buttons_have_metas_documented_shape():
    documented = _without(sample("11_send_reply_buttons_request"), "header", "footer")
    ours = reply_buttons("Hi", [{"title": "Change", "payload": "change-button"}])
    assert _shape(_addressed(ours)) == _shape(documented)


def test_list_has_metas_documented_shape():
    documented = _without(sample("12_send_list_request"), "header", "footer")
    for section in documented["interactive"]["action"]["sections"]:
        section.pop("title")
    ours = list_message(
        "Which?",
        [{"title": "Priority Mail Express", "payload": "p"}] * 4
        + [{"title": "A much longer title than a row allows", "payload": "q"}],
        "Shipping Options",
    )
    ours["interactive"]["action"]["sections"][0][
        "rows"
    ].reverse()  # a row with description
    assert _shape(_addressed(ours)) == _shape(documented)


def test_text_has_metas_documented_fields():
    syntax = (SAMPLES / "10_send_text_request_syntax.txt").read_text()
    documented = set(re.findall(r'"(\w+)":', syntax))
    ours = _addressed(compose([{"text": "Hola"}], "")[0])
    assert documented == set(ours) | set(ours["text"])
