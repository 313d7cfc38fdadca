"""The WhatsApp channel mounted in the real Rasa server, with the real action server,
talking to a fake Graph API on loopback. Requests are Meta's documented samples
(tests/data/whatsapp), signed like Meta signs them."""

from __future__ import annotations

import copy
import itertools
import json
import os
import signal
import time
from contextlib import ExitStack, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
import requests
from sqlalchemy import select

from bot.bench.servers import free_port
from bot.channels.credentials import runtime_credentials
from bot.channels.database import Database
from bot.channels.inbox import Inbox, PendingMessage
from bot.channels.payload import parse
from bot.channels.seen import SeenMessage, message_hash
from bot.channels.signature import sign
from bot.db import migrate, session_scope
from tests.channels.meta import (
    HANG,
    PHONE,
    FakeGraph,
    addressee,
    fixture,
    fixtures,
    fresh,
    messages_of,
    reversed_keys,
    sample,
    verification_query,
)
from tests.servers import MODEL, action_server, rasa_server

pytestmark = pytest.mark.skipif(
    not MODEL.exists(), reason=f"no trained model at {MODEL}"
)

SECRET = "test-app-secret"
HIT = "What is high-impact tutoring?"
#: How the welcome (the answer to a first "Hi") begins and ends.
WELCOME = ("Hi! I'm Puente", "What would you like to know?")
TEXT_ONLY_EN = "I can only read text"
TOKEN = "test-access-token"
#: The id-hash key Rasa runs with (``PUENTE_ID_HASH_KEY``): the tests read its inbox.
KEY = b"test-hash-key"
VERIFY = verification_query()["hub.verify_token"]
#: How often ``finished`` looks at the inbox (another process's SQLite file).
POLL = 0.05
_numbers = itertools.count(1000)
USED_PHONES: List[str] = [PHONE]


class WhatsApp:
    """The running channel and its fake Graph API."""

    def __init__(self, rasa_port: int, graph: FakeGraph, work) -> None:
        self.url = f"http://127.0.0.1:{rasa_port}/webhooks/whatsapp/webhook"
        self.graph = graph
        self.work = work

    def post(self, body: Any, signature: str | None = "good") -> requests.Response:
        """POST the exact bytes Meta would (non-ASCII kept as UTF-8); bytes as is."""
        raw = (
            body
            if isinstance(body, bytes)
            else json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        headers = {"Content-Type": "application/json"}
        if signature == "good":
            headers["X-Hub-Signature-256"] = sign(SECRET, raw)
        elif signature:
            headers["X-Hub-Signature-256"] = signature
        return requests.post(self.url, data=raw, headers=headers, timeout=10)

    def sent_to(self, phone: str) -> List[Dict[str, Any]]:
        return [r["json"] for r in self.graph.requests if addressee(r["json"]) == phone]

    def until(
        self, phone: str, done: Callable[[List[Dict[str, Any]]], bool],
        timeout: float = 60,
    ) -> List[Dict[str, Any]]:
        """The messages sent to ``phone`` as soon as ``done`` holds for them; fails
        if it does not within ``timeout``. The fake Graph API wakes this up at each
        message it records."""
        self.graph.until(
            lambda requests: done([r["json"] for r in requests
                                   if addressee(r["json"]) == phone]),
            timeout,
        )
        sent = self.sent_to(phone)
        assert done(sent), f"not answered in time; sent so far: {bodies(sent)!r}"
        return sent

    def answer(self, phone: str, count: int = 1) -> List[Dict[str, Any]]:
        """The messages sent to ``phone``, once ``count`` have arrived."""
        return self.until(phone, lambda sent: len(sent) >= count)

    def said(self, phone: str, words: str) -> List[Dict[str, Any]]:
        """The messages sent to ``phone``, once one of them contains ``words``."""
        return self.until(phone, lambda sent: words in bodies(sent))

    def finished(self, body: Dict[str, Any], timeout: float = 60) -> None:
        """Return once every message of ``body`` is answered in full (or given up):
        received, and no longer waiting in the inbox. No answer can follow then."""
        ids = [message_hash(KEY, m["id"]) for m in messages_of(body)]
        database = Database(database_url(self.work))
        deadline = time.monotonic() + timeout
        while waiting(database, ids) and time.monotonic() < deadline:
            time.sleep(POLL)  # how often to look at the inbox, not a wait for a while
        assert not waiting(database, ids), "not answered in time"


def waiting(database: Database, ids: List[str]) -> bool:
    """Whether a message is not received yet or still waits for its answer."""
    with session_scope(database.engine()) as session:
        received = session.execute(
            select(SeenMessage.id_hash).where(SeenMessage.id_hash.in_(ids))
        ).scalars().all()
        pending = session.execute(
            select(PendingMessage.id_hash).where(PendingMessage.id_hash.in_(ids))
        ).scalars().all()
    return len(set(received)) < len(set(ids)) or bool(pending)


def received(whatsapp: WhatsApp, body: Dict[str, Any]) -> bool:
    """Whether any message of ``body`` was ever received (its id recorded)."""
    ids = [message_hash(KEY, m["id"]) for m in messages_of(body)]
    database = Database(database_url(whatsapp.work))
    with session_scope(database.engine()) as session:
        return bool(session.execute(
            select(SeenMessage.id_hash).where(SeenMessage.id_hash.in_(ids))
        ).first())


def accepted(whatsapp: WhatsApp, phone: str) -> List[Dict[str, Any]]:
    """The messages to ``phone`` that the Graph API accepted (answered 200)."""
    return [r["json"] for r in whatsapp.graph.requests
            if addressee(r["json"]) == phone and r["status"] == 200]


def new_phone() -> str:
    phone = f"1650555{next(_numbers)}"
    USED_PHONES.append(phone)
    return phone


def from_phone(body: Dict[str, Any], phone: str, **message: Any) -> Dict[str, Any]:
    """A fresh copy of a sample, sent by ``phone`` now."""
    body = fresh(body, suffix=phone, **{"from": phone}, **message)
    for entry in body["entry"]:
        for change in entry["changes"]:
            for contact in change["value"].get("contacts", []):
                contact["wa_id"] = phone
    return body


def text_from(phone: str, text: str) -> Dict[str, Any]:
    return from_phone(
        sample("02_inbound_text"),
        phone,
        text={"body": text},
        id=f"wamid.{phone}.{time.monotonic_ns()}",
    )


def bodies(messages: List[Dict[str, Any]]) -> str:
    """What the user reads, all messages together."""
    parts = []
    for message in messages:
        if message["type"] == "text":
            parts.append(message["text"]["body"])
        else:
            parts.append(message["interactive"]["body"]["text"])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def whatsapp(tmp_path_factory) -> Iterator[WhatsApp]:
    with whatsapp_stack(tmp_path_factory.mktemp("whatsapp")) as running:
        yield running


def configure(work: Path, graph: FakeGraph) -> Tuple[Dict[str, str], Path]:
    """The environment and credentials file of a Rasa server whose WhatsApp channel
    talks to ``graph`` and keeps its database under ``work``."""
    env = {
        "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
        "WHATSAPP_ACCESS_TOKEN": TOKEN,
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_VERIFY_TOKEN": VERIFY,
        "WHATSAPP_API_BASE": graph.base,
        "PUENTE_DATA_DIR": str(work),
        "PUENTE_DATABASE_URL": database_url(work),
        "PUENTE_ID_HASH_KEY": KEY.decode(),
    }
    migrate(env["PUENTE_DATABASE_URL"])
    return env, runtime_credentials(work, env)


def database_url(work: Path) -> str:
    return f"sqlite:///{work / 'puente.db'}"


@contextmanager
def whatsapp_stack(work: Path, actions: bool = True) -> Iterator[WhatsApp]:
    """Rasa with the WhatsApp channel, a fake Graph API and (unless not
    ``actions``) the action server."""
    graph = FakeGraph().start()
    env, credentials = configure(work, graph)
    actions_port, rasa_port = free_port(), free_port()
    with ExitStack() as stack:
        stack.callback(graph.stop)
        if actions:
            stack.enter_context(action_server(work, actions_port))
        stack.enter_context(
            rasa_server(work, actions_port, rasa_port, credentials=credentials, env=env)
        )
        yield WhatsApp(rasa_port, graph, work)


def test_with_the_action_server_down_the_family_hears_try_again(tmp_path):
    with whatsapp_stack(tmp_path, actions=False) as down:
        phone = new_phone()
        body = text_from(phone, "hola, ¿qué es la tutoría?")
        assert down.post(body).ok
        down.finished(body)
        assert bodies(down.sent_to(phone)) == (
            "Puente no puede responder en este momento. Intente de nuevo en un "
            "momento.")


def test_verification_with_the_right_token(whatsapp):
    response = requests.get(whatsapp.url, params=verification_query(), timeout=10)
    assert response.status_code == 200 and response.text == "1158201444"


def test_verification_with_a_wrong_token(whatsapp):
    params = {**verification_query(), "hub.verify_token": "guess"}
    assert requests.get(whatsapp.url, params=params, timeout=10).status_code == 403


def test_a_signed_spanish_message_is_answered_in_spanish(whatsapp):
    phone = new_phone()
    body = text_from(phone, "¿Qué es la tutoría de alto impacto?")
    assert whatsapp.post(body).status_code == 200
    whatsapp.finished(body)
    [*_, last] = whatsapp.sent_to(phone)
    request = [r for r in whatsapp.graph.requests if r["json"]["to"] == phone][0]
    assert request["path"] == "/v21.0/106540352242922/messages"
    assert request["authorization"] == f"Bearer {TOKEN}"
    assert last["messaging_product"] == "whatsapp"
    assert "tutoría" in bodies(whatsapp.sent_to(phone)).lower()


def test_a_crisis_is_answered_first_on_whatsapp_in_the_familys_language(whatsapp):
    phone = new_phone()
    body = text_from(phone, "me kiero morir")
    assert whatsapp.post(body).status_code == 200
    whatsapp.finished(body)
    [first, *_] = whatsapp.sent_to(phone)
    text = bodies([first])
    assert text.startswith("Si alguien está en peligro ahora, llame al 911.")
    assert "988" in text and "AYUDA" in text and "1-800-422-4453" in text
    assert "Soy Puente" not in bodies(whatsapp.sent_to(phone))


def test_the_webhook_answers_before_the_assistant_does(whatsapp, capsys):
    """Meta wants its 200 fast: the answer is worked out after the response."""
    phone = new_phone()
    started = time.monotonic()
    assert whatsapp.post(text_from(phone, "What is high-impact tutoring?")).ok
    acknowledged = time.monotonic() - started
    assert whatsapp.sent_to(phone) == []
    answer = bodies(whatsapp.said(phone, "Source"))
    answered = time.monotonic() - started
    assert "tutoring" in answer.lower()
    with capsys.disabled():
        print(f"\nWhatsApp webhook: 200 after {acknowledged * 1000:.0f} ms, "
              f"answer sent after {answered * 1000:.0f} ms")


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "not-a-signature"])
def test_bad_or_missing_signature_is_refused(whatsapp, signature):
    """Refused, then "thanks" right after: "You're welcome" is what comes next."""
    phone = greeted(whatsapp)
    refused = text_from(phone, "Hello")
    assert whatsapp.post(refused, signature=signature).status_code == 403
    assert then_thanks(whatsapp, phone, {"entry": []}).startswith("You're welcome")
    assert not received(whatsapp, refused)


def test_a_replayed_message_is_answered_once(whatsapp):
    phone = new_phone()
    body = text_from(phone, "What is high-impact tutoring?")
    for _ in range(3):
        assert whatsapp.post(body).status_code == 200
    whatsapp.finished(body)
    answer = whatsapp.sent_to(phone)
    again = then_thanks(whatsapp, phone, copy.deepcopy(body))  # a fourth delivery
    assert answer and again.startswith("You're welcome")


def test_a_button_reply_is_followed(whatsapp):
    phone = new_phone()
    hello = text_from(phone, "Hi")
    whatsapp.post(hello)
    whatsapp.finished(hello)
    greeting = whatsapp.sent_to(phone)
    buttons = [
        b["reply"]
        for m in greeting
        if m["type"] == "interactive"
        for b in m["interactive"]["action"]["buttons"]
    ]
    assert all(len(b["title"]) <= 20 for b in buttons)
    chosen = next(b for b in buttons if b["id"] == "/faq/what_is_hit")
    reply = from_phone(
        sample("03_inbound_button_reply"),
        phone,
        interactive={"type": "button_reply", "button_reply": chosen},
    )
    whatsapp.post(reply)
    whatsapp.finished(reply)
    answer = whatsapp.sent_to(phone)[len(greeting) :]
    assert "tutoring" in bodies(answer).lower()


def test_a_list_reply_is_followed(whatsapp):
    phone = new_phone()
    row = {
        "id": "/faq/what_is_hit",
        "title": "What is HIT?",
        "description": "About HIT",
    }
    reply = from_phone(
        sample("04_inbound_list_reply"),
        phone,
        interactive={"type": "list_reply", "list_reply": row},
    )
    assert whatsapp.post(reply).status_code == 200
    whatsapp.finished(reply)
    assert "tutoring" in bodies(whatsapp.sent_to(phone)).lower()


def test_a_location_feeds_the_program_search(whatsapp):
    phone = new_phone()
    search = text_from(phone, "I want to find a tutoring program")
    whatsapp.post(search)
    whatsapp.finished(search)
    asked = whatsapp.sent_to(phone)
    assert "zip code" in bodies(asked).lower()
    pin = from_phone(
        sample("02_inbound_text"),
        phone,
        type="location",
        id=f"wamid.{phone}.pin",
        location={"latitude": 33.9548, "longitude": -118.2120},
    )
    messages_of(pin)[0].pop("text")
    whatsapp.post(pin)
    whatsapp.finished(pin)
    answer = whatsapp.sent_to(phone)[len(asked) :]
    assert "zip code" not in bodies(answer).lower()  # the pin answered the question


def load(name: str) -> Dict[str, Any]:
    """A fixture (``outcome/name``) or one of Meta's shared samples."""
    return fixture(name) if "/" in name else sample(name)


def is_welcome(message: Dict[str, Any]) -> bool:
    """Whether a message is the bare welcome, nothing before or after it."""
    text = bodies([message])
    return text.startswith(WELCOME[0]) and text.endswith(WELCOME[1])


def greeted(whatsapp: WhatsApp) -> str:
    """A new conversation that said "Hi" and got the welcome (one message)."""
    phone = new_phone()
    hello = text_from(phone, "Hi")
    whatsapp.post(hello)
    whatsapp.finished(hello)
    [welcome] = whatsapp.sent_to(phone)
    assert is_welcome(welcome)
    return phone


def then_thanks(whatsapp: WhatsApp, phone: str, body: Dict[str, Any]) -> str:
    """POST ``body`` with "thanks" after it; what is sent next, once "thanks" is
    answered. Messages of one POST are answered in order, so an answer to
    ``body`` would come before "You're welcome"."""
    before = len(whatsapp.sent_to(phone))
    body["entry"] += text_from(phone, "thanks")["entry"]
    assert whatsapp.post(body).status_code == 200
    return bodies(whatsapp.said(phone, "You're welcome")[before : before + 1])


SILENT = fixtures("silent") + [
    "05_status_sent",
    "06_status_read_v24_AS_PUBLISHED",
    "07_status_failed",
    "08_errors_system_level",
    "09_inbound_unsupported",  # an edit, as the Cloud API reports it
]


@pytest.mark.parametrize("name", SILENT)
def test_what_says_nothing_new_gets_no_answer(whatsapp, name):
    """Sent before "thanks": the next thing the family sees is "You're welcome"."""
    phone = greeted(whatsapp)
    next_seen = then_thanks(whatsapp, phone, from_phone(load(name), phone))
    assert next_seen.startswith("You're welcome")


def test_an_edited_message_is_not_answered_twice(whatsapp):
    """"Hi" got the welcome; its edit gets nothing, "thanks" is answered next."""
    phone = new_phone()
    hello = text_from(phone, "Hi")
    whatsapp.post(hello)
    whatsapp.finished(hello)
    assert is_welcome(whatsapp.sent_to(phone)[0])
    edit = from_phone(fixture("silent/edit"), phone)
    edited = messages_of(edit)[0]["edit"]
    edited["original_message_id"] = messages_of(hello)[0]["id"]
    edited["message"]["text"]["body"] = "Hi! What is high-impact tutoring?"
    assert then_thanks(whatsapp, phone, edit).startswith("You're welcome")


@pytest.mark.parametrize(
    "name", [n for n in fixtures("answered") if "/text_" in n and "phone" not in n]
)
def test_text_is_answered_however_it_came(whatsapp, name):
    """Forwarded, quoting an earlier message, or from a click-to-WhatsApp ad."""
    phone = new_phone()
    assert whatsapp.post(from_phone(fixture(name), phone, text={"body": HIT})).ok
    assert "Source" in bodies(whatsapp.said(phone, "Source"))


def test_a_user_without_a_phone_number_is_answered_by_their_user_id(whatsapp):
    """WhatsApp withholds the number of users with a username: the business-scoped
    user id is the address (Graph API ``recipient``)."""
    user = f"US.1349120865530{next(_numbers)}"
    body = fresh(
        fixture("answered/text_without_phone_number"),
        suffix=user,
        from_user_id=user,
        text={"body": HIT},
    )
    assert whatsapp.post(body).ok
    whatsapp.finished(body)
    sent = whatsapp.sent_to(user)
    assert "Source" in bodies(sent) and not any("to" in m for m in sent)


@pytest.mark.parametrize(
    "name, button",
    [
        (
            "answered/template_button_with_context",
            {"payload": "/faq/what_is_hit", "text": "What is HIT?"},
        ),
        (
            "answered/template_button_without_context",
            {"payload": "HIT_INFO", "text": HIT},
        ),
    ],
)
def test_a_template_quick_reply_is_followed(whatsapp, name, button):
    phone = new_phone()
    assert whatsapp.post(from_phone(fixture(name), phone, button=button)).ok
    assert "Source" in bodies(whatsapp.said(phone, "Source"))


def test_a_flow_reply_is_answered_from_what_was_typed(whatsapp):
    phone = new_phone()
    body = from_phone(fixture("answered/flow_reply"), phone)
    reply = messages_of(body)[0]["interactive"]["nfm_reply"]
    reply["response_json"] = json.dumps({"flow_token": "AQAAAAACS5F", "question": HIT})
    assert whatsapp.post(body).ok
    assert "Source" in bodies(whatsapp.said(phone, "Source"))


def test_a_first_time_chat_gets_the_welcome(whatsapp):
    """The welcome and nothing else: "thanks" sent next gets the next answer."""
    phone = new_phone()
    then_thanks(whatsapp, phone, from_phone(fixture("answered/request_welcome"), phone))
    welcome, after = whatsapp.sent_to(phone)[:2]
    assert is_welcome(welcome) and bodies([after]).startswith("You're welcome")


@pytest.mark.parametrize("name", fixtures("text_only"))
def test_what_puente_cannot_read_gets_a_kind_text_only_answer(whatsapp, name):
    phone = new_phone()
    assert whatsapp.post(from_phone(fixture(name), phone)).ok
    assert TEXT_ONLY_EN in bodies(whatsapp.said(phone, TEXT_ONLY_EN))


def test_the_text_only_answer_comes_once_an_hour_not_per_message(whatsapp):
    """A photo, then a voice note, a sticker and "Hi": one reminder in all."""
    phone = new_phone()
    image = from_phone(fixture("text_only/image"), phone)
    whatsapp.post(image)
    whatsapp.finished(image)
    first = whatsapp.sent_to(phone)
    body = from_phone(fixture("text_only/voice_note"), phone)
    body["entry"] += from_phone(fixture("text_only/sticker"), phone)["entry"]
    body["entry"] += text_from(phone, "Hi")["entry"]
    assert whatsapp.post(body).ok
    whatsapp.finished(body)
    after = whatsapp.sent_to(phone)[len(first)]
    assert bodies([after]).startswith("Hello again")
    assert bodies(whatsapp.sent_to(phone)).count(TEXT_ONLY_EN) == 1


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
def test_any_signed_body_gets_200(whatsapp, body):
    assert whatsapp.post(body).status_code == 200


def test_one_body_of_many_parts_in_any_order_is_answered_once_each(whatsapp):
    """Keys reversed, an integer timestamp, several entries and changes, a status,
    and the same message twice: "Hi" gets the welcome once, then "thanks"."""
    phone = new_phone()
    hi, thanks = text_from(phone, "Hi"), text_from(phone, "thanks")
    messages_of(hi)[0]["timestamp"] = int(time.time())
    hi["entry"][0]["changes"] += fixture("silent/status_read")["entry"][0]["changes"]
    hi["entry"] += hi["entry"] + fixture("silent/account_update")["entry"]
    hi["entry"] += thanks["entry"]
    assert whatsapp.post(reversed_keys(hi)).status_code == 200
    welcome, after = whatsapp.answer(phone, 2)[:2]
    assert is_welcome(welcome) and bodies([after]).startswith("You're welcome")


def test_media_gets_a_kind_text_only_answer_in_the_users_language(whatsapp):
    phone = new_phone()
    hello = text_from(phone, "Hola, ¿me puede ayudar con la tutoría de mi hijo?")
    whatsapp.post(hello)
    whatsapp.finished(hello)
    seen = len(whatsapp.sent_to(phone))
    image = from_phone(fixture("text_only/image"), phone)
    whatsapp.post(image)
    whatsapp.finished(image)
    answer = whatsapp.sent_to(phone)[seen:]
    assert "solo puedo leer mensajes de texto" in bodies(answer)


def test_too_old_messages_are_not_answered(whatsapp):
    """Sent before "Hi" in one POST: the welcome is all the family gets."""
    body = sample("02_inbound_text")  # Meta's example, sent in 2025
    messages_of(body)[0]["id"] += ".old"
    hello = text_from(PHONE, "Hi")
    body["entry"] += hello["entry"]
    assert whatsapp.post(body).status_code == 200
    whatsapp.finished(hello)
    [welcome] = whatsapp.sent_to(PHONE)
    assert is_welcome(welcome) and not received(whatsapp, sample("02_inbound_text"))


def test_a_server_error_is_retried(whatsapp):
    phone = new_phone()
    whatsapp.graph.script[phone] = [500]
    body = text_from(phone, "What is high-impact tutoring?")
    whatsapp.post(body)
    whatsapp.finished(body)
    tries = whatsapp.sent_to(phone)
    assert tries[0] == tries[1]  # the same message, sent again after the 500
    assert accepted(whatsapp, phone) == tries[1:]  # each delivered once


def test_a_client_error_is_given_up_and_logged_without_the_number(whatsapp):
    phone = new_phone()
    whatsapp.graph.script[phone] = [400]
    body = text_from(phone, "What is high-impact tutoring?")
    whatsapp.post(body)
    whatsapp.finished(body)  # given up: nothing can follow
    assert len(whatsapp.sent_to(phone)) == 1  # no retry after a 4xx
    log = (whatsapp.work / "rasa.log").read_text()
    assert "given up: HTTP 400 code=131030" in log


def test_phone_numbers_are_stored_nowhere(whatsapp):
    """No number in any file the servers wrote: the tracker store and Puente's
    database with their write-ahead logs (-wal, -shm; -journal), where recent
    events live until a checkpoint, Rasa's and the actions' logs."""
    phone = new_phone()
    marker = f"marker{time.monotonic_ns()}"
    body = text_from(phone, f"What is high-impact tutoring? {marker}")
    assert whatsapp.post(body).ok
    whatsapp.said(phone, "Source")
    whatsapp.finished(body)
    files = sorted(p for p in whatsapp.work.rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"conversations.db", "puente.db", "rasa.log", "actions.log"} <= names
    tracker = [p for p in files if p.name.startswith("conversations.db")]
    # the message just sent is in the tracker store's files (its -wal, if in WAL
    # mode): the files read are the ones where recent events live
    assert marker.encode() in b"".join(p.read_bytes() for p in tracker)
    for path in files:
        content = path.read_bytes()
        for number in USED_PHONES:
            assert number.encode() not in content, f"{number} found in {path.name}"


def test_a_message_whose_process_died_is_answered_once_after_a_restart(tmp_path):
    """Rasa killed (-9) while its answer is on the way (the fake Graph API holds it),
    and, while Rasa is down, a message left waiting and a stale one. Restarted, it
    answers the first two once each and never the stale one; a redelivery of the
    first is not answered again; no phone number is left in the database."""
    graph = FakeGraph().start()
    env, credentials = configure(tmp_path, graph)
    killed, left, stale = new_phone(), new_phone(), new_phone()
    graph.script[killed] = [HANG]
    body, waiting_body, stale_body = (text_from(p, HIT) for p in (killed, left, stale))
    messages_of(stale_body)[0]["timestamp"] = str(int(time.time()) - 2 * 3600)
    actions_port = free_port()
    with ExitStack() as stack:
        stack.callback(graph.stop)
        stack.enter_context(action_server(tmp_path, actions_port))
        rasa_port = free_port()
        with rasa_server(tmp_path, actions_port, rasa_port, credentials, env) as rasa:
            assert WhatsApp(rasa_port, graph, tmp_path).post(body).ok
            graph.until(lambda sent: any(r["status"] == HANG for r in sent))
            os.killpg(rasa.pid, signal.SIGKILL)
            rasa.wait()
        down = Inbox(Database(database_url(tmp_path)), KEY, lease=timedelta(0))
        for waiting_one in (waiting_body, stale_body):
            assert down.receive(parse(waiting_one).messages[0])
        rasa_port = free_port()
        stack.enter_context(
            rasa_server(tmp_path, actions_port, rasa_port, credentials, env)
        )
        again = WhatsApp(rasa_port, graph, tmp_path)
        for each in (body, waiting_body, stale_body):
            again.finished(each)
        answer = accepted(again, killed)
        assert "Source" in bodies(answer) and not has_repeats(answer)
        assert [r["status"] for r in graph.requests
                if addressee(r["json"]) == killed] == [HANG] + [200] * len(answer)
        assert "Source" in bodies(again.sent_to(left))
        assert again.sent_to(stale) == []
        assert then_thanks(again, killed, copy.deepcopy(body)).startswith(
            "You're welcome")
    stored = (tmp_path / "puente.db").read_bytes()
    assert not any(phone.encode() in stored for phone in (killed, left, stale))


def has_repeats(messages: List[Dict[str, Any]]) -> bool:
    """Whether a message was sent twice."""
    seen = [json.dumps(m, sort_keys=True) for m in messages]
    return len(seen) != len(set(seen))
