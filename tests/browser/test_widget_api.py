"""The widget endpoint over HTTP: the real pages server in front of the real Rasa.

A browser can only ever reach its own conversation, and its answers come from the
real assistant even when the rate limiter's storage is in trouble. What the pages
server decides before asking Rasa (bad requests, rate limits, CORS, forged tokens
reading) is tested without Rasa in tests/review/test_widget_wire.py.
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


def test_forged_token_cannot_write_into_another_conversation(pages):
    """Reading with a forged token is refused (test_widget_wire.py); writing with
    one, or naming another sender, starts or keeps the writer's own conversation."""
    victim = chat(pages, "My son is in 3rd grade, what is tutoring?").json()
    victim_id, signature = victim["token"].rsplit(".", 1)

    for forged in (victim_id, f"{victim_id}.{'A' * len(signature)}",
                   f"{victim_id}.", "web-guess.abc"):
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


def test_a_message_sent_again_after_a_slow_answer_is_answered_once(pages):
    """The widget's "Try again" keeps the message's id and marks it as a retry: when
    Rasa had answered it after all, the family gets that answer, not a second one."""
    question = "how much does tutoring cost?"
    first = requests.post(pages.url + "/api/chat", timeout=60, json={
        "message": question, "language": "en", "message_id": "m-1"}).json()
    again = requests.post(pages.url + "/api/chat", timeout=60, json={
        "message": question, "token": first["token"], "language": "en",
        "message_id": "m-1", "retry": True}).json()
    assert again["messages"] == first["messages"]
    assert again["messages"][-1].get("buttons")

    unseen = requests.post(pages.url + "/api/chat", timeout=60, json={
        "message": "who are the tutors?", "token": first["token"], "language": "en",
        "message_id": "m-2", "retry": True}).json()
    assert unseen["messages"] and unseen["messages"] != first["messages"]

    history = read_history(pages, first["token"]).json()["messages"]
    assert [m["text"] for m in history if m["from"] == "user"] == [
        question, "who are the tutors?"]
    answer = first["messages"][-1]["text"]
    assert [m["text"] for m in history].count(answer) == 1
