"""The widget's endpoints on the wire: the real pages app through Sanic's ASGI test
client, with no Rasa and no port.

What the pages server decides before Rasa is asked (unreadable or oversized
messages, the rate limits, which conversation a token may read, CORS) is checked
here in milliseconds. No Rasa runs: a message the checks let through gets the kind
"unavailable" answer (503), which is how these tests tell "passed to Rasa" from
"stopped here". tests/browser/test_widget_api.py keeps the few end-to-end checks
that need the real assistant's answers.
"""

from __future__ import annotations

import json

import pytest
from rasa.shared.core.events import BotUttered, UserUttered

from bot.settings import WebSettings
from bot.web.conversations import ConversationTokens
from bot.web.messages import MESSAGES
from tests.review.webapp import SECRET, pages_app

UNAVAILABLE = MESSAGES["unavailable"]


def _web(**limits: object) -> WebSettings:
    return WebSettings(**{"per_conversation": 100, "per_address": 100, **limits})


@pytest.fixture
def client(stores, monkeypatch):
    return pages_app(stores, monkeypatch, _web()).asgi_client


async def chat(client, message, token=None, language="en", **kwargs):
    body = {"message": message, "token": token, "language": language}
    _, reply = await client.post("/api/chat", json=body, **kwargs)
    return reply


async def read_history(client, token):
    _, reply = await client.get("/api/history",
                                headers={"Authorization": f"Bearer {token}"})
    return reply


async def test_bad_requests_get_kind_answers_in_the_parents_language(client):
    empty = await chat(client, "   ", language="es")
    assert empty.status == 400
    assert empty.json["message"] == "No pude leer ese mensaje. Por favor, escríbalo " \
        "otra vez."
    _, not_json = await client.post("/api/chat", content=b"\xff{",
                                    headers={"Content-Type": "application/json"})
    assert not_json.status == 400
    assert "Please type it again" in not_json.json["message"]
    _, not_an_object = await client.post("/api/chat", content=json.dumps(["hi"]))
    assert not_an_object.status == 400


def test_an_oversized_message_is_refused_kindly(stores, monkeypatch):
    """Sanic's own HTTP server enforces the size limit (ASGI leaves it to the ASGI
    server): Sanic's test client that serves the app on a port, for one request."""
    app = pages_app(stores, monkeypatch, _web())
    body = {"message": "a" * 20_000, "language": "es"}
    _, huge = app.test_client.post("/api/chat?language=es", json=body)
    assert huge.status == 413
    assert huge.json["message"] == MESSAGES["too_large"]["es"]


async def test_a_message_that_passes_every_check_is_sent_on_to_rasa(client):
    """Rasa is down here: the parent gets "try again" and keeps the conversation."""
    first = await chat(client, "¿Qué es la tutoría?", language="es")
    assert first.status == 503
    assert first.json["message"] == UNAVAILABLE["es"]
    token = first.json["token"]
    again = await chat(client, "hola", token, "es")
    assert again.status == 503 and again.json["token"] == token


@pytest.mark.parametrize("language, words", [
    ("en", "Please wait a minute"), ("es", "Por favor, espere un minuto")])
async def test_rate_limit_per_conversation_says_slow_down(
        stores, monkeypatch, language, words):
    client = pages_app(stores, monkeypatch, _web(per_conversation=3)).asgi_client
    token = (await chat(client, "hello", language=language)).json["token"]
    for message in ("thanks", "bye"):
        assert (await chat(client, message, token, language)).status == 503
    limited = await chat(client, "one more", token, language)
    assert limited.status == 429
    assert words in limited.json["message"]
    assert limited.json["token"] == token  # the conversation is kept
    assert (await chat(client, "hello", language=language)).status == 503  # others can


async def test_rate_limit_per_address(stores, monkeypatch):
    client = pages_app(stores, monkeypatch, _web(per_address=2)).asgi_client
    assert [(await chat(client, "hello")).status for _ in range(2)] == [503, 503]
    limited = await chat(client, "hola", language="es")
    assert limited.status == 429
    assert "Son muchos mensajes a la vez" in limited.json["message"]


async def test_history_returns_the_tokens_own_conversation(stores, client):
    conversation_id, token = ConversationTokens(SECRET.encode()).issue()
    await stores.save(conversation_id, [
        UserUttered("¿Qué es la tutoría de alto impacto?"),
        BotUttered("La tutoría de alto impacto es..."),
    ])
    history = (await read_history(client, token)).json
    assert history["retention_days"] == 180
    assert [(m["from"], m["text"]) for m in history["messages"]] == [
        ("user", "¿Qué es la tutoría de alto impacto?"),
        ("bot", "La tutoría de alto impacto es...")]


async def test_a_forged_token_reads_nothing_and_starts_its_own_conversation(
        stores, client):
    victim, token = ConversationTokens(SECRET.encode()).issue()
    await stores.save(victim, [UserUttered("My son is in 3rd grade")])
    signature = token.rsplit(".", 1)[1]
    for forged in (victim, f"{victim}.{'A' * len(signature)}", f"{victim}.",
                   "web-guess.abc"):
        answer = await read_history(client, forged)
        assert answer.status == 403 and answer.json["messages"] == []
        assert answer.json["message"] == MESSAGES["unknown_conversation"]["en"]
        written = await chat(client, "show me the other messages", token=forged)
        assert not written.json["token"].startswith(victim + ".")
    _, no_token = await client.get("/api/history")
    assert no_token.status == 200 and no_token.json["messages"] == []


async def test_cors_only_for_allowed_origins(stores, monkeypatch):
    web = _web(allowed_origins=("https://school.example.org",))
    client = pages_app(stores, monkeypatch, web).asgi_client
    _, allowed = await client.options("/api/chat", headers={
        "Origin": "https://school.example.org",
        "Access-Control-Request-Method": "POST"})
    assert allowed.headers["Access-Control-Allow-Origin"] == \
        "https://school.example.org"
    other = await chat(client, "hello", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in other.headers


async def test_the_demo_page_and_the_privacy_page_are_served(client):
    _, page = await client.get("/")
    assert page.status == 200 and "widget.js" in page.text
    _, privacy = await client.get("/privacy")
    assert privacy.status == 200 and "Privacidad" in privacy.text
    _, script = await client.get("/static/widget.js")
    assert script.status == 200 and "/api/chat" in script.text
