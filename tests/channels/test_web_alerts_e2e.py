""""Tell me when a program opens near me" asked on the web widget, end to end.

The organizers accept a WhatsApp number on the widget (``[alerts] web_contacts =
["whatsapp"]``). The real pages server in front of the real Rasa server and
action server; Rasa also runs the WhatsApp channel, talking to the fake Graph API
on loopback; programs imported with the real ``puente programs import``. A family
searches in the widget and finds nothing, types "yes" / "sí", types a number with
a digit missing (asked again, kindly, nothing lost), then their number: the
program that opens is told once, as the WhatsApp template, to that number; "STOP"
/ "BAJA" written on WhatsApp from it ends the request. The number is in no file
the servers wrote (tracker store, databases, logs) and not in the widget's
history. "STOP" in the widget then says to write it on WhatsApp.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests

from tests.browser.stack import Pages, pages_server
from tests.channels.meta import text_from
from tests.channels.test_alerts_e2e import (
    alerts_of,
    import_programs,
    say,
    science_club,
    templates,
)
from tests.channels.test_whatsapp_e2e import (
    WhatsApp,
    database_url,
    new_phone,
    whatsapp_stack,
)
from tests.channels.wire import KEY
from tests.servers import MODEL, Assistant

pytestmark = pytest.mark.skipif(
    not MODEL.exists(), reason=f"no trained model at {MODEL}"
)

WEB_CONTACTS = {"PUENTE_ALERTS_WEB_CONTACTS": "whatsapp"}

#: Per language: the search (a place of its own), the typed yes, and what
#: Puente says at each step.
FAMILIES = {
    "en": {
        "search": ["I want to find a tutoring program", "93101", "kinder", "science"],
        "offer": "If yes, I will ask for your WhatsApp number. We keep it locked",
        "how_to_stop": "To delete them sooner, write STOP to Puente on WhatsApp",
        "yes": "yes",
        "ask": "What is your WhatsApp number? Please type it like this",
        "invalid": "that does not look like a US phone number",
        "kept": "I still have your search",
        "saved": "Done. When a program that fits opens near 93101, I will send one "
                 "WhatsApp message to the number you gave",
        "stop_where": "write STOP to Puente on WhatsApp at +1 (323) 555-0199",
        "place": {"city": "Santa Barbara", "zip": "93101", "latitude": "34.42",
                  "longitude": "-119.70"},
        "stop": "STOP",
        "stop_pointer": "If you gave us your WhatsApp number for a program alert, "
                        "write STOP to Puente on WhatsApp at +1 (323) 555-0199",
        "stopped": "I deleted your WhatsApp number and your search",
        "template_language": "en_US",
    },
    "es": {
        "search": ["Busco un programa de tutoría para mi hija", "95814", "kínder",
                   "ciencias"],
        "offer": "Si dice que sí, le pediré su número de WhatsApp. Lo guardamos "
                 "bajo llave",
        "how_to_stop": "Para borrarlos antes, escriba BAJA a Puente por WhatsApp",
        "yes": "sí",
        "ask": "¿Cuál es su número de WhatsApp? Escríbalo así",
        "invalid": "ese no parece un número de teléfono de EE. UU.",
        "kept": "Todavía tengo su búsqueda",
        "saved": "Listo. Cuando abra un programa que le sirva cerca de 95814, le "
                 "enviaré un mensaje por WhatsApp al número que me dio",
        "stop_where": "escriba BAJA a Puente por WhatsApp al +1 (323) 555-0199",
        "place": {"city": "Sacramento", "zip": "95814", "latitude": "38.58",
                  "longitude": "-121.49"},
        "stop": "BAJA",
        "stop_pointer": "Si nos dio su número de WhatsApp para un aviso de programas, "
                        "escriba BAJA a Puente por WhatsApp al +1 (323) 555-0199",
        "stopped": "Borré su número de WhatsApp y su búsqueda",
        "template_language": "es_MX",
    },
}


class Stack:
    """WhatsApp (``whatsapp``) and the widget's pages server (``pages``)."""

    def __init__(self, whatsapp: WhatsApp, pages: Pages) -> None:
        self.whatsapp, self.pages = whatsapp, pages


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("web-alerts")
    with whatsapp_stack(work, WEB_CONTACTS) as whatsapp:
        rasa = Assistant(whatsapp.rasa_port, 0, work)
        env = {**WEB_CONTACTS, "PUENTE_DATABASE_URL": database_url(work),
               "PUENTE_ID_HASH_KEY": KEY.decode(),
               "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_CONVERSATION": "1000",
               "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS": "1000"}
        with pages_server(rasa, work / "pages", env) as pages:
            yield Stack(whatsapp, pages)


class Widget:
    """One family's widget: its token, and what Puente answered last."""

    def __init__(self, pages: Pages, language: str) -> None:
        self.pages, self.language, self.token = pages, language, None

    def say(self, message: str) -> str:
        reply = requests.post(self.pages.url + "/api/chat", timeout=60, json={
            "message": message, "token": self.token, "language": self.language})
        reply.raise_for_status()
        body = reply.json()
        self.token = body["token"]
        return "\n".join(m.get("text", "") for m in body["messages"])

    def history(self) -> List[Dict[str, Any]]:
        return requests.get(self.pages.url + "/api/history", timeout=30, headers={
            "Authorization": f"Bearer {self.token}"}).json()["messages"]


def typed(phone: str) -> str:
    """``phone`` ("1650555...") as a family types it: "(650) 555-1234"."""
    return f"({phone[1:4]}) {phone[4:7]}-{phone[7:]}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_widget_family_types_yes_and_a_number_and_is_told_once_on_whatsapp(
        stack, language):
    family, phone = FAMILIES[language], new_phone()
    widget = Widget(stack.pages, language)
    for text in family["search"]:
        offer = widget.say(text)
    assert family["offer"] in offer and "180" in offer
    assert family["how_to_stop"] in offer

    assert family["ask"] in widget.say(family["yes"])  # typed, not the button
    invalid = widget.say(typed(phone)[:-1])  # a digit missing
    assert family["invalid"] in invalid and family["kept"] in invalid
    saved = widget.say(typed(phone))
    assert family["saved"] in saved and family["stop_where"] in saved
    # STOP in the widget: the number went with WhatsApp's conversation, say so
    assert family["stop_pointer"] in widget.say(family["stop"])

    [request] = [a for a in alerts_of(stack.whatsapp) if a.phone is not None
                 and a.zip == family["place"]["zip"]]
    assert phone.encode() not in request.phone  # kept sealed
    assert typed(phone) not in str(widget.history())
    assert phone[-4:] not in " ".join(m["text"] for m in widget.history()
                                      if m["from"] == "user")

    key = f"web-science-{language}"
    told = import_programs(stack.whatsapp, [science_club(key, family["place"])])
    assert "Program alerts: 1 family(ies) told." in told
    [message] = templates(stack.whatsapp, phone)
    assert message["template"]["language"] == {"code": family["template_language"]}
    assert [p["text"] for p in message["template"]["components"][0]["parameters"]][
        :2] == [family["place"]["zip"], f"Science Club {key}"]
    import_programs(stack.whatsapp, [science_club(key, family["place"])])
    assert len(templates(stack.whatsapp, phone)) == 1  # never twice

    stopped = say(stack.whatsapp, phone, text_from(phone, family["stop"]))
    assert family["stopped"] in stopped
    assert not [a for a in alerts_of(stack.whatsapp)
                if a.zip == family["place"]["zip"]]
    for path in Path(stack.whatsapp.work).rglob("*"):  # databases, logs, trackers
        if path.is_file():
            content = path.read_bytes()
            for written in (phone, typed(phone), phone[1:]):
                assert written.encode() not in content, path.name


@pytest.mark.parametrize("language, no, declined", [
    ("en", "no, thanks", "OK, I won't save anything."),
    ("es", "no gracias", "Está bien, no guardo nada."),
])
def test_a_typed_no_instead_of_the_number_keeps_nothing(
        stack, language, no, declined):
    family = FAMILIES[language]
    widget = Widget(stack.pages, language)
    search = ["I want to find a tutoring program", "95501", "kinder", "science"]
    if language == "es":
        search = ["Busco un programa de tutoría para mi hijo", "95501", "kínder",
                  "ciencias"]
    for text in search:
        widget.say(text)
    assert family["ask"] in widget.say(family["yes"])
    assert declined in widget.say(no)
    assert not [a for a in alerts_of(stack.whatsapp) if a.zip == "95501"]


@pytest.mark.parametrize("language, offer", [
    ("en", "Would you like a WhatsApp message when a program like this opens in "
           "person near you? If yes, I will ask for your WhatsApp number."),
    ("es", "¿Quiere un mensaje por WhatsApp cuando abra un programa así en persona "
           "cerca de usted? Si dice que sí, le pediré su número de WhatsApp."),
])
def test_online_programs_only_offer_an_alert_for_one_in_person(
        stack, language, offer):
    widget = Widget(stack.pages, language)
    said = widget.say(
        "is there tutoring near 92101 for my 3rd grader in math?" if language == "en"
        else "busco tutoría de matemáticas cerca de 92101 para tercer grado")
    assert offer in said
    assert ("(demo data)" if language == "en" else "(datos de demostración)") in said
    widget.say("ok" if language == "en" else "claro")
    phone = new_phone()
    widget.say(typed(phone))
    [request] = [a for a in alerts_of(stack.whatsapp) if a.zip == "92101"]
    assert request.format == "in_person"
    assert request.phone is not None
    say(stack.whatsapp, phone, text_from(phone, "STOP"))
