""""Tell me when a program opens near me" over the real WhatsApp webhook.

The real Rasa server and action server, the channel talking to the fake Graph API
on loopback; programs imported with the real ``puente programs import``. A search
finds nothing, the family says yes, a matching program is imported: exactly one
template message arrives, and none at the next import. "STOP" / "BAJA" removes
the request and says so, in the family's language.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy import select

from bot.channels.database import Database
from bot.db import session_scope
from bot.programs.alert_models import ProgramAlert
from bot.programs.demo import DEMO_FILE
from bot.settings import PROJECT_ROOT
from tests.channels.meta import from_phone, sample, text_from
from tests.channels.test_whatsapp_e2e import (
    WhatsApp,
    bodies,
    configure,
    database_url,
    new_phone,
    whatsapp_stack,
)
from tests.servers import MODEL

pytestmark = pytest.mark.skipif(
    not MODEL.exists(), reason=f"no trained model at {MODEL}"
)

#: Per language: the search (one message per question; a place of its own, so
#: that one family's new program is no news to the other), the offer's and the
#: answers' words, where the new program is, and the STOP word.
FAMILIES = {
    "en": {
        "search": ["I want to find a tutoring program", "90255", "kinder", "science"],
        "none": "I found no program for this search",
        "offer": "Would you like a WhatsApp message when a program like this opens",
        "stored": "we keep your WhatsApp number and the place, grade, subject and "
                  "language you chose, for 180 days",
        "saved": "Done. When a program that fits opens near 90255",
        "place": {"zip": "90255"},
        "stop": "STOP",
        "stopped": "I deleted your WhatsApp number and your search",
        "template_language": "en_US",
    },
    "es": {
        "search": ["Busco un programa de tutoría para mi hija", "92101", "kínder",
                   "ciencias"],
        "none": "no encontré ningún programa para esta búsqueda",
        "offer": "¿Quiere un mensaje por WhatsApp cuando abra un programa así",
        "stored": "guardamos su número de WhatsApp y el lugar, grado, materia e "
                  "idioma que eligió, por 180 días",
        "saved": "Listo. Cuando abra un programa que le sirva cerca de 92101",
        "place": {"city": "San Diego", "zip": "92101", "latitude": "32.72",
                  "longitude": "-117.16"},
        "stop": "BAJA",
        "stopped": "Borré su número de WhatsApp y su búsqueda",
        "template_language": "es_MX",
    },
}


@pytest.fixture(scope="module")
def whatsapp(tmp_path_factory) -> Iterator[WhatsApp]:
    with whatsapp_stack(tmp_path_factory.mktemp("alerts")) as running:
        yield running


def say(whatsapp: WhatsApp, phone: str, body: Dict[str, Any]) -> str:
    """POST one message; what Puente answered to it, once answered in full."""
    before = len(whatsapp.sent_to(phone))
    assert whatsapp.post(body).ok
    whatsapp.finished(body)
    return bodies(whatsapp.sent_to(phone)[before:])


def buttons(message: Dict[str, Any]) -> List[Dict[str, str]]:
    if message["type"] != "interactive":
        return []
    return [b["reply"] for b in message["interactive"]["action"].get("buttons", [])]


def import_programs(whatsapp: WhatsApp, rows: List[Dict[str, str]]) -> str:
    """Run ``puente programs import`` as an organizer would; its output."""
    path = whatsapp.work / f"programs-{time.monotonic_ns()}.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    env, _ = configure(whatsapp.work, whatsapp.graph)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", "programs", "import", str(path)],
        cwd=PROJECT_ROOT, env={**os.environ, **env}, capture_output=True,
        text=True, timeout=120, check=True)
    return done.stdout


def science_club(key: str, place: Dict[str, str]) -> Dict[str, str]:
    """A new kindergarten-to-5th-grade science program (in Huntington Park 90255,
    unless ``place`` says otherwise)."""
    row = next(csv.DictReader(io.StringIO(DEMO_FILE.read_text(encoding="utf-8"))))
    return {**row, "key": key, "name": f"Science Club {key}", "grade_min": "K",
            "grade_max": "5", "subjects": "science", "phone": "(323) 555-0142",
            "source": "Test", **place}


def templates(whatsapp: WhatsApp, phone: str) -> List[Dict[str, Any]]:
    return [m for m in whatsapp.sent_to(phone) if m["type"] == "template"]


def alerts_of(whatsapp: WhatsApp) -> List[ProgramAlert]:
    with session_scope(Database(database_url(whatsapp.work)).engine()) as session:
        found = list(session.execute(select(ProgramAlert)).scalars())
        session.expunge_all()
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_nothing_near_then_told_once_when_a_program_opens_then_stop(
        whatsapp, language):
    family, phone = FAMILIES[language], new_phone()
    for text in family["search"]:
        answer = say(whatsapp, phone, text_from(phone, text))
    assert family["none"] in answer
    assert family["offer"] in answer and family["stored"] in answer
    [yes] = [b for m in whatsapp.sent_to(phone) for b in buttons(m)
             if b["id"] == "/alert_subscribe"]

    saved = say(whatsapp, phone, from_phone(
        sample("03_inbound_button_reply"), phone,
        interactive={"type": "button_reply", "button_reply": yes}))
    assert family["saved"] in saved
    [alert] = [a for a in alerts_of(whatsapp) if a.phone is not None]
    assert phone.encode() not in alert.phone  # kept sealed

    key = f"science-{language}"
    told = import_programs(whatsapp, [science_club(key, family["place"])])
    assert "Program alerts: 1 family(ies) told." in told
    [message] = templates(whatsapp, phone)
    assert message["to"] == phone
    assert message["template"]["name"] == "puente_program_opened"
    assert message["template"]["language"] == {"code": family["template_language"]}
    [body] = message["template"]["components"]
    assert [p["text"] for p in body["parameters"]] == [
        family["place"]["zip"], f"Science Club {key}", "(323) 555-0142"]

    again = import_programs(whatsapp, [science_club(key, family["place"])])
    assert "Program alerts: 0 family(ies) told." in again
    assert len(templates(whatsapp, phone)) == 1

    stopped = say(whatsapp, phone, text_from(phone, family["stop"]))
    assert family["stopped"] in stopped
    assert alerts_of(whatsapp) == []
    import_programs(whatsapp, [science_club(f"{key}-later", family["place"])])
    assert len(templates(whatsapp, phone)) == 1
    for path in Path(whatsapp.work).rglob("*"):  # databases, logs, tracker store
        if path.is_file():
            assert phone.encode() not in path.read_bytes(), path.name


def test_stop_without_a_request_says_there_is_nothing_to_delete(whatsapp):
    phone = new_phone()
    said = say(whatsapp, phone, text_from(phone, "stop"))
    assert "You have no program alerts with Puente" in said


def test_no_thanks_keeps_nothing(whatsapp):
    phone = new_phone()
    for text in ["I want to find a tutoring program", "93101", "kinder", "science"]:
        say(whatsapp, phone, text_from(phone, text))
    [no] = [b for m in whatsapp.sent_to(phone) for b in buttons(m)
            if b["id"] == "/alert_decline"]
    said = say(whatsapp, phone, from_phone(
        sample("03_inbound_button_reply"), phone,
        interactive={"type": "button_reply", "button_reply": no}))
    assert "OK, I won't save anything." in said
    assert alerts_of(whatsapp) == []



@pytest.mark.parametrize("search, yes, saved", [
    (["I want to find a tutoring program", "94103", "kinder", "science"], "yes",
     "Done. When a program that fits opens near 94103"),
    (["Busco un programa de tutoría para mi hija", "94110", "kínder", "ciencias"],
     "sí", "Listo. Cuando abra un programa que le sirva cerca de 94110"),
    (["Busco un programa de tutoría para mi hijo", "94117", "kínder", "ciencias"],
     "si", "Listo. Cuando abra un programa que le sirva cerca de 94117"),
])
def test_a_typed_yes_right_after_the_offer_does_what_the_button_does(
        whatsapp, search, yes, saved):
    phone = new_phone()
    for text in search:
        say(whatsapp, phone, text_from(phone, text))
    assert saved in say(whatsapp, phone, text_from(phone, yes))
    assert say(whatsapp, phone, text_from(phone, "STOP"))  # leaves no request
    assert alerts_of(whatsapp) == []


@pytest.mark.parametrize("search, no, declined", [
    (["I want to find a tutoring program", "94103", "kinder", "science"],
     "no", "OK, I won't save anything."),
    (["Busco un programa de tutoría para mi hija", "94110", "kínder", "ciencias"],
     "no gracias", "Está bien, no guardo nada."),
])
def test_a_typed_no_right_after_the_offer_does_what_the_button_does(
        whatsapp, search, no, declined):
    phone = new_phone()
    for text in search:
        say(whatsapp, phone, text_from(phone, text))
    assert declined in say(whatsapp, phone, text_from(phone, no))
    assert alerts_of(whatsapp) == []


@pytest.mark.parametrize("search, yes, offer", [
    ("is there tutoring near 92101 for my 3rd grader in math?", "ok",
     "Would you like a WhatsApp message when a program like this opens in person "
     "near you?"),
    ("busco tutoría de matemáticas cerca de 92101 para tercer grado", "claro",
     "¿Quiere un mensaje por WhatsApp cuando abra un programa así en persona cerca "
     "de usted?"),
])
def test_online_programs_only_offer_an_alert_for_one_in_person(
        whatsapp, search, yes, offer):
    phone = new_phone()
    said = say(whatsapp, phone, text_from(phone, search))
    assert offer in said
    say(whatsapp, phone, text_from(phone, yes))
    [request] = alerts_of(whatsapp)
    assert (request.zip, request.format) == ("92101", "in_person")
    assert request.phone is not None
    say(whatsapp, phone, text_from(phone, "STOP"))
    assert alerts_of(whatsapp) == []
