"""A WhatsApp number typed in the widget for a program alert, on the wire: the
real pages app (Sanic's ASGI test client) in front of a stand-in Rasa on loopback
that records what it is sent.

While the conversation's request waits for its number, Rasa gets
``/alert_number_given`` (or ``/alert_number_invalid``), never the number; the
number is kept sealed once Rasa has answered, and only then. At any other time a
message passes as typed. tests/channels/test_web_alerts_e2e.py runs the same with
the real assistant.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any, AsyncIterator, Dict, List

import pytest
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.bench.ports import free_port
from bot.channels import identity
from bot.programs import alerts
from bot.programs.alert_models import ProgramAlert
from bot.programs.geo import resolve
from bot.settings import AlertSettings, WebSettings
from bot.web.alert_numbers import AlertNumbers
from bot.web.app import create_app
from bot.web.conversations import ConversationTokens
from bot.web.messages import MESSAGES
from tests.review.webapp import SECRET

KEY = "widget-alert-key"
TYPED = "my WhatsApp is (323) 555-0142"
NUMBER = "13235550142"


class FakeRasa:
    """Rasa's REST webhook: records each body, answers one message (or fails)."""

    def __init__(self) -> None:
        self.received: List[Dict[str, Any]] = []
        self.failing = False

    async def webhook(self, request: web.Request) -> web.Response:
        self.received.append(await request.json())
        if self.failing:
            return web.Response(status=500)
        return web.json_response([{"recipient_id": "x", "text": "answer"}])


@pytest.fixture
async def rasa() -> AsyncIterator[tuple]:
    fake = FakeRasa()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", fake.webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield fake, f"http://127.0.0.1:{port}"
    await runner.cleanup()


@pytest.fixture
def client(stores, monkeypatch, rasa):
    monkeypatch.setenv("PUENTE_SECRET_KEY", SECRET)
    monkeypatch.setenv("PUENTE_ID_HASH_KEY", KEY)
    settings = replace(
        stores.settings, rasa_upstream=rasa[1],
        web=WebSettings(per_conversation=100, per_address=100),
        alerts=AlertSettings(web_contacts=("whatsapp",),
                             whatsapp_number="+1 (323) 555-0199"))
    return create_app(settings, name=f"alerts_{uuid.uuid4().hex[:8]}").asgi_client


def waiting_request(stores) -> tuple:
    """A widget conversation whose family said yes: its id, its token."""
    conversation, token = ConversationTokens(SECRET.encode()).issue()
    alerts.subscribe(stores.puente, conversation, resolve("90255"), grade=0,
                     subject="science", program_language="", format="",
                     language="es", keep_days=180, counted=False)
    return conversation, token


async def chat(client, message, token, language="es"):
    _, reply = await client.post("/api/chat", json={
        "message": message, "token": token, "language": language})
    return reply


def requests(stores) -> List[ProgramAlert]:
    with stores.puente.connect() as connection:
        return list(connection.execute(select(ProgramAlert)).all())


async def test_the_number_goes_sealed_to_the_request_and_rasa_never_sees_it(
        stores, client, rasa):
    fake, _ = rasa
    conversation, token = waiting_request(stores)
    reply = await chat(client, TYPED, token)
    assert reply.status == 200 and reply.json["messages"][0]["text"] == "answer"
    assert [r["message"] for r in fake.received] == ["/alert_number_given"]
    assert "555-0142" not in str(fake.received) and NUMBER not in str(fake.received)
    [request] = requests(stores)
    assert request.conversation == identity.sender_id(KEY.encode(), NUMBER)
    assert request.phone is not None and NUMBER.encode() not in request.phone
    later = await chat(client, TYPED, token)  # no longer awaited: as typed
    assert later.status == 200 and fake.received[-1]["message"] == TYPED


async def test_a_bad_number_is_not_passed_on_and_the_request_still_waits(
        stores, client, rasa):
    fake, _ = rasa
    conversation, token = waiting_request(stores)
    await chat(client, "323-555-014", token)
    await chat(client, "no gracias", token)
    assert [r["message"] for r in fake.received] == [
        "/alert_number_invalid", "no gracias"]
    assert alerts.waiting(stores.puente, conversation)


async def test_nothing_is_kept_when_rasa_cannot_answer_and_try_again_works(
        stores, client, rasa):
    fake, _ = rasa
    conversation, token = waiting_request(stores)
    fake.failing = True
    failed = await chat(client, TYPED, token)
    assert failed.status == 503
    assert alerts.waiting(stores.puente, conversation)  # not kept
    fake.failing = False
    assert (await chat(client, TYPED, token)).status == 200
    assert not alerts.waiting(stores.puente, conversation)
    assert [r["message"] for r in fake.received] == ["/alert_number_given"] * 2


async def test_without_a_waiting_request_messages_pass_as_typed(stores, client, rasa):
    fake, _ = rasa
    _, token = ConversationTokens(SECRET.encode()).issue()
    assert (await chat(client, TYPED, token)).status == 200
    assert fake.received[-1]["message"] == TYPED


@pytest.mark.parametrize("language", ["en", "es"])
async def test_database_down_a_number_waits_for_try_again_other_messages_pass(
        stores, client, rasa, monkeypatch, language):
    fake, _ = rasa
    _, token = waiting_request(stores)

    def down(*args: object) -> None:
        raise OperationalError("SELECT", {}, Exception("database is down"))

    monkeypatch.setattr(AlertNumbers, "screen", down)
    held = await chat(client, TYPED, token, language)
    assert held.status == 503
    assert held.json["message"] == MESSAGES["unavailable"][language]
    assert fake.received == []
    assert (await chat(client, "¿qué es la tutoría?", token, language)).status == 200
    assert [r["message"] for r in fake.received] == ["¿qué es la tutoría?"]


async def test_by_default_the_widget_never_screens(stores, monkeypatch, rasa):
    """``web_contacts = []``: the pages server does not read the requests at all."""
    fake, url = rasa
    monkeypatch.setenv("PUENTE_SECRET_KEY", SECRET)
    settings = replace(stores.settings, rasa_upstream=url,
                       web=WebSettings(per_conversation=100, per_address=100))
    client = create_app(settings, name=f"plain_{uuid.uuid4().hex[:8]}").asgi_client
    _, token = waiting_request(stores)
    monkeypatch.setattr(AlertNumbers, "screen", None)  # would fail if called
    assert (await chat(client, TYPED, token)).status == 200
    assert fake.received[-1]["message"] == TYPED
