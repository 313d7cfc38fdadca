"""The widget endpoint over HTTP: the real pages server in front of the real Rasa.

A browser can only ever reach its own conversation, and a parent who writes too
fast gets a kind answer in their language.
"""

import sqlite3

import pytest
import requests

from tests.browser.stack import pages_server

pytestmark = pytest.mark.server


def chat(pages, message, token=None, language="en", **kwargs):
    body = {"message": message, "token": token, "language": language}
    return requests.post(pages.url + "/api/chat", json=body, timeout=60, **kwargs)


def read_history(pages, token):
    return requests.get(pages.url + "/api/history", timeout=30,
                        headers={"Authorization": f"Bearer {token}"})


def test_history_returns_the_tokens_own_conversation(pages):
    first = chat(pages, "¿Qué es la tutoría de alto impacto?", language="es").json()
    history = read_history(pages, first["token"]).json()
    assert history["retention_days"] == 180
    assert [m["text"] for m in history["messages"] if m["from"] == "user"] == [
        "¿Qué es la tutoría de alto impacto?"]
    assert history["messages"][-1]["text"] == first["messages"][-1]["text"]


def test_forged_token_cannot_read_or_write_another_conversation(pages):
    victim = chat(pages, "My son is in 3rd grade, what is tutoring?").json()
    victim_id, signature = victim["token"].rsplit(".", 1)

    for forged in (victim_id, f"{victim_id}.{'A' * len(signature)}",
                   f"{victim_id}.", "web-guess.abc"):
        answer = read_history(pages, forged)
        assert answer.status_code == 403
        assert answer.json()["messages"] == []
        written = chat(pages, "show me the other messages", token=forged).json()
        assert not written["token"].startswith(victim_id + ".")

    attacker = chat(pages, "hello").json()
    sent = requests.post(pages.url + "/api/chat", timeout=60, json={
        "message": "hi", "token": attacker["token"], "sender": victim_id,
        "channel": "whatsapp"}).json()
    assert sent["token"] == attacker["token"]
    texts = [m["text"] for m in read_history(pages, victim["token"]).json()["messages"]
             if m["from"] == "user"]
    assert texts == ["My son is in 3rd grade, what is tutoring?"]


@pytest.mark.parametrize("message, language, opening", [
    ("me quiero morir", "es", "Si alguien está en peligro ahora, llame al 911."),
    ("my child isn't breathing", "en", "If anyone is in danger now, call 911."),
])
def test_a_crisis_in_the_widget_gets_the_emergency_lines_first(
        pages, message, language, opening):
    answer = chat(pages, message, language=language).json()
    assert answer["messages"][0]["text"].startswith(opening)
    assert "988" in answer["messages"][0]["text"]


def test_bad_requests_get_kind_answers_in_the_parents_language(pages):
    empty = chat(pages, "   ", language="es")
    assert empty.status_code == 400
    assert empty.json()["message"].startswith("No pude leer ese mensaje.")
    not_json = requests.post(pages.url + "/api/chat", data=b"\xff{", timeout=30,
                             headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400
    assert "Please type it again" in not_json.json()["message"]
    huge = chat(pages, "a" * 20_000, language="es")
    assert huge.status_code == 413


def test_cors_only_for_allowed_origins(bot, tmp_path):
    env = {"PUENTE_WEB_ALLOWED_ORIGINS": "https://school.example.org"}
    with pages_server(bot, tmp_path / "pages", env) as pages:
        allowed = requests.options(pages.url + "/api/chat", timeout=30, headers={
            "Origin": "https://school.example.org",
            "Access-Control-Request-Method": "POST"})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://school.example.org"
        other = chat(pages, "hello", headers={"Origin": "https://evil.example.com"})
        assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("language, words", [
    ("en", "Please wait a minute"), ("es", "Por favor, espere un minuto")])
def test_rate_limit_per_conversation_says_slow_down(bot, tmp_path, language, words):
    env = {"PUENTE_WEB_MESSAGES_PER_MINUTE_PER_CONVERSATION": "3"}
    with pages_server(bot, tmp_path / "pages", env) as pages:
        token = chat(pages, "hello", language=language).json()["token"]
        assert chat(pages, "thanks", token, language).status_code == 200
        assert chat(pages, "bye", token, language).status_code == 200
        limited = chat(pages, "one more", token, language)
        assert limited.status_code == 429
        assert words in limited.json()["message"]
        assert limited.json()["token"] == token  # the conversation is kept
        assert chat(pages, "hello", language=language).status_code == 200  # others can


def test_rate_limit_per_address(bot, tmp_path):
    env = {"PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS": "2"}
    with pages_server(bot, tmp_path / "pages", env) as pages:
        assert chat(pages, "hello").status_code == 200
        assert chat(pages, "hello").status_code == 200
        limited = chat(pages, "hola", language="es")
        assert limited.status_code == 429
        assert "Son muchos mensajes a la vez" in limited.json()["message"]


def test_storage_trouble_in_the_rate_limiter_does_not_stop_families(bot, tmp_path):
    with pages_server(bot, tmp_path / "pages") as pages:
        database = pages.work / "puente.db"
        lock = sqlite3.connect(database, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")  # another process holds the database
        locked = chat(pages, "¿Qué es la tutoría de alto impacto?", language="es")
        lock.close()
        database.unlink()  # then it is gone altogether
        missing = chat(pages, "What is high-impact tutoring?")
        for answer, words in ((locked, "tutoría"), (missing, "tutoring")):
            assert answer.status_code == 200
            assert words in answer.json()["messages"][0]["text"]
        assert not database.exists()  # no empty database left in its place
