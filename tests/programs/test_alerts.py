"""Program alerts without Rasa: requests, matching, one message each, STOP, purge.

The same tests on SQLite and PostgreSQL; messages go to the fake Graph API on
loopback (tests/channels/meta.py), which records them in Meta's wire format.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any, Dict, List

from sqlalchemy import select

from bot.channels import sealed
from bot.programs import alerts
from bot.programs.alert_models import ProgramAlert
from bot.programs.demo import DEMO_FILE, load_demo_if_empty
from bot.programs.geo import resolve
from bot.programs.importer import import_rows, validate
from bot.programs.notify import notify_new_matches
from bot.programs.search import ProgramSearch, Query
from bot.review.queries import notification_counts
from tests.channels.meta import FakeGraph

KEY = b"test-alert-key"
PHONE = "16505550142"




def whatsapp_env(graph: FakeGraph) -> Dict[str, str]:
    """The channel's variables, pointing at the fake Graph API."""
    return {"WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
            "WHATSAPP_ACCESS_TOKEN": "token", "WHATSAPP_API_BASE": graph.base,
            "PUENTE_ID_HASH_KEY": KEY.decode()}


def program(key: str, **changes: str) -> Dict[str, str]:
    """A demo CSV row (the first one, in Huntington Park 90255), changed."""
    row = next(csv.DictReader(io.StringIO(DEMO_FILE.read_text(encoding="utf-8"))))
    return {**row, "key": key, "source": "Test", **changes}


def load(engine, *rows: Dict[str, str]) -> List[int]:
    """Import ``rows`` as ``puente programs import`` does; the programs' ids."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return list(import_rows(engine, validate(out.getvalue())).program_ids)


SCIENCE_K = program("science-k", name="Bright Science Club", grade_min="K",
                    grade_max="5", subjects="science", phone="(323) 555-0142")


def kindergarten_science(engine, conversation: str = "wa-family", language="en",
                         phone: str | None = PHONE) -> None:
    """A family in 90255 asked about science for kindergarten: nothing found."""
    load_demo_if_empty(engine)
    place = resolve("90255")
    assert not ProgramSearch(engine).search(Query(place, 0, "science")).matches
    alerts.subscribe(engine, conversation, place, grade=0, subject="science",
                     program_language="", format="", language=language,
                     keep_days=180)
    if phone:
        assert alerts.attach_phone(engine, KEY, conversation, phone) == 1


def templates(graph: FakeGraph) -> List[Dict[str, Any]]:
    return [r["json"] for r in graph.requests if r["json"].get("type") == "template"]


def test_a_new_matching_program_is_told_once_with_the_template(
        engine, graph, settings):
    kindergarten_science(engine)
    env = whatsapp_env(graph)
    notified = notify_new_matches(engine, settings, load(engine, SCIENCE_K), env)
    assert notified.accepted == 1
    [message] = templates(graph)
    assert message["to"] == PHONE
    assert message["template"]["name"] == "puente_program_opened"
    assert message["template"]["language"] == {"code": "en_US"}
    [body] = message["template"]["components"]
    assert [p["text"] for p in body["parameters"]] == [
        "90255", "Bright Science Club", "(323) 555-0142"]

    again = notify_new_matches(engine, settings, load(engine, SCIENCE_K), env)
    assert again.accepted == 0 and len(templates(graph)) == 1
    assert notification_counts(engine, date.today(), date.today()) == {
        "requests": 1, "notifications": 1, "stopped": 0}


def test_spanish_families_get_the_spanish_template(engine, graph, settings):
    kindergarten_science(engine, language="es")
    notify_new_matches(engine, settings, load(engine, SCIENCE_K), whatsapp_env(graph))
    [message] = templates(graph)
    assert message["template"]["language"] == {"code": "es_MX"}


def test_programs_that_do_not_fit_tell_nobody(engine, graph, settings):
    kindergarten_science(engine)
    older = program("science-older", grade_min="6", grade_max="12",
                    subjects="science")
    far = program("science-far", grade_min="K", grade_max="5", subjects="science",
                  city="Sacramento", zip="95814", latitude="38.58",
                  longitude="-121.49")
    math = program("math-k", grade_min="K", grade_max="5", subjects="math")
    ids = load(engine, older, far, math)
    assert notify_new_matches(engine, settings, ids, whatsapp_env(graph)).accepted == 0
    assert templates(graph) == []


def test_one_message_for_several_new_programs_naming_the_best(
        engine, graph, settings):
    kindergarten_science(engine)
    second = program("science-k-2", name="Second Science Club", grade_min="K",
                     grade_max="5", subjects="science", latitude="34.0",
                     longitude="-118.25")
    notify_new_matches(engine, settings, load(engine, second, SCIENCE_K),
                       whatsapp_env(graph))
    [message] = templates(graph)
    names = [p["text"] for p in message["template"]["components"][0]["parameters"]]
    assert "Bright Science Club" in names  # the nearest


def test_no_number_yet_no_message(engine, graph, settings):
    kindergarten_science(engine, phone=None)
    notify_new_matches(engine, settings, load(engine, SCIENCE_K), whatsapp_env(graph))
    assert templates(graph) == []


def test_without_whatsapp_nothing_is_sent_nor_marked_told(engine, graph, settings):
    kindergarten_science(engine)
    ids = load(engine, SCIENCE_K)
    skipped = notify_new_matches(engine, settings, ids, {})
    assert "not configured" in skipped.skipped
    assert notify_new_matches(engine, settings, ids, whatsapp_env(graph)).accepted == 1


def test_the_number_is_kept_only_sealed(engine):
    kindergarten_science(engine)
    with engine.connect() as connection:
        [(row_id, stored)] = connection.execute(
            select(ProgramAlert.id, ProgramAlert.phone)).all()
    assert PHONE.encode() not in stored
    assert sealed.unseal(KEY, alerts.seal_row(row_id), stored) == PHONE


def test_stop_removes_the_request_and_nothing_more_is_sent(engine, graph, settings):
    kindergarten_science(engine, conversation="wa-stops")
    kindergarten_science(engine, conversation="wa-stays", phone="16505550143")
    assert alerts.unsubscribe(engine, "wa-stops")
    assert not alerts.unsubscribe(engine, "wa-stops")  # nothing left to remove
    notify_new_matches(engine, settings, load(engine, SCIENCE_K), whatsapp_env(graph))
    assert [m["to"] for m in templates(graph)] == ["16505550143"]
    assert notification_counts(engine)["stopped"] == 1


def test_a_new_search_replaces_the_request(engine):
    kindergarten_science(engine)
    kindergarten_science(engine)
    with engine.connect() as connection:
        assert len(connection.execute(select(ProgramAlert.id)).all()) == 1


def test_purge_deletes_requests_past_their_days(engine, graph, settings):
    kindergarten_science(engine)
    assert alerts.purge_expired(engine) == 0
    assert alerts.purge_expired(engine, alerts.now() + timedelta(days=181)) == 1
    notify_new_matches(engine, settings, load(engine, SCIENCE_K), whatsapp_env(graph))
    assert templates(graph) == []


def test_counts_between_days(engine):
    kindergarten_science(engine)
    yesterday = date.today() - timedelta(days=1)
    assert notification_counts(engine, yesterday, yesterday)["requests"] == 0
    assert notification_counts(engine, yesterday, date.today())["requests"] == 1
