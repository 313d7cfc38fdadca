"""The WhatsApp channel mounted in the real Rasa server, with the real action server,
talking to a fake Graph API on loopback. Requests are Meta's documented samples
(tests/data/whatsapp), signed like Meta signs them.

Only what needs the real assistant's answers is here; what the webhook decides on
its own (signatures, verification, odd bodies, repeats, old messages, what each
kind of message becomes) is tested without Rasa in test_whatsapp_wire.py."""

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

from bot.bench.ports import free_port
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
    from_phone,
    messages_of,
    sample,
    text_from,
)
from tests.channels.wire import KEY, PHONE_NUMBER_ID, SECRET, TOKEN, VERIFY
from tests.servers import MODEL, action_server, rasa_server

pytestmark = pytest.mark.skipif(
    not MODEL.exists(), reason=f"no trained model at {MODEL}"
)

HIT = "What is high-impact tutoring?"
#: How often ``finished`` looks at the inbox (another process's SQLite file).
POLL = 0.05
_numbers = itertools.count(1000)
USED_PHONES: List[str] = [PHONE]


class WhatsApp:
    """The running channel and its fake Graph API."""

    def __init__(self, rasa_port: int, graph: FakeGraph, work) -> None:
        self.rasa_port = rasa_port
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


def accepted(whatsapp: WhatsApp, phone: str) -> List[Dict[str, Any]]:
    """The messages to ``phone`` that the Graph API accepted (answered 200)."""
    return [r["json"] for r in whatsapp.graph.requests
            if addressee(r["json"]) == phone and r["status"] == 200]


def new_phone() -> str:
    phone = f"1650555{next(_numbers)}"
    USED_PHONES.append(phone)
    return phone


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
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_NUMBER_ID,
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
def whatsapp_stack(work: Path,
                   settings: Dict[str, str] | None = None) -> Iterator[WhatsApp]:
    """Rasa with the WhatsApp channel, a fake Graph API and the action server;
    ``settings``: ``PUENTE_*`` variables both servers get too."""
    graph = FakeGraph().start()
    env, credentials = configure(work, graph)
    env.update(settings or {})
    actions_port, rasa_port = free_port(), free_port()
    with ExitStack() as stack:
        stack.callback(graph.stop)
        stack.enter_context(action_server(work, actions_port, env))
        stack.enter_context(
            rasa_server(work, actions_port, rasa_port, credentials=credentials, env=env)
        )
        yield WhatsApp(rasa_port, graph, work)


def test_a_signed_spanish_message_is_answered_in_spanish(whatsapp):
    phone = new_phone()
    body = text_from(phone, "¿Qué es la tutoría de alto impacto?")
    assert whatsapp.post(body).status_code == 200
    whatsapp.finished(body)
    [*_, last] = whatsapp.sent_to(phone)
    request = [r for r in whatsapp.graph.requests if r["json"]["to"] == phone][0]
    assert request["path"] == f"/v21.0/{PHONE_NUMBER_ID}/messages"
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
        "title": "What's high-impact?",
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


def then_thanks(whatsapp: WhatsApp, phone: str, body: Dict[str, Any]) -> str:
    """POST ``body`` with "thanks" after it; what is sent next, once "thanks" is
    answered. Messages of one POST are answered in order, so an answer to
    ``body`` would come before "You're welcome"."""
    before = len(whatsapp.sent_to(phone))
    body["entry"] += text_from(phone, "thanks")["entry"]
    assert whatsapp.post(body).status_code == 200
    return bodies(whatsapp.said(phone, "You're welcome")[before : before + 1])


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
