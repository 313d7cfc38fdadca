"""Program alerts asked for on the web widget, without Rasa: the typed number,
the request waiting for it, where it goes, and which offer each channel gets.

The same database tests on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.channels import identity, sealed
from bot.programs import alerts, numbers
from bot.programs.alert_models import ProgramAlert
from bot.programs.demo import load_demo_if_empty
from bot.programs.geo import resolve
from bot.programs.notify import notify_new_matches
from bot.review.queries import notification_counts
from bot.settings import AlertSettings, load_settings
from bot.web.alert_numbers import AlertNumbers
from tests.programs.test_alerts import (
    KEY,
    SCIENCE_K,
    kindergarten_science,
    load,
    program,
    templates,
    whatsapp_env,
)

WEB = "web-family"
TYPED = "(323) 555-0142"
NUMBER = "13235550142"




@pytest.mark.parametrize("text, number", [
    ("323-555-0142", NUMBER),
    ("(323) 555-0142", NUMBER),
    ("3235550142", NUMBER),
    ("+1 323 555 0142", NUMBER),
    ("1-323-555-0142", NUMBER),
    ("323.555.0142", NUMBER),
    ("my WhatsApp is 323 555 0142, thanks", NUMBER),
    ("mi número es el 323-555-0142", NUMBER),
])
def test_a_us_number_is_read_in_the_ways_families_type_it(text, number):
    assert numbers.screen(text) == numbers.Screened(number, True)


@pytest.mark.parametrize("text", [
    "323-555-014",        # a digit missing
    "323-555-01422",      # one too many
    "123-555-0142",       # no area code starts with 1
    "323-155-0142",       # nor an exchange
    "911-555-0142",       # N11 is no area code
    "+52 55 1234 5678",   # Mexico: US numbers only
    "555-0142",           # no area code
    "323-555-0142 or 323-555-0143",  # which one?
])
def test_digits_that_are_no_us_number_are_caught_not_taken(text):
    assert numbers.screen(text) == numbers.Screened(None, True)


@pytest.mark.parametrize("text", ["no, thanks", "90255", "my son is in 3rd grade",
                                  "¿cuánto cuesta?", "2 or 3 times a week"])
def test_a_message_without_a_number_is_no_number(text):
    assert numbers.screen(text) == numbers.Screened(None, False)


def web_request(engine, conversation: str = WEB, language: str = "en") -> None:
    """A widget family said yes: the request waits for its number, uncounted."""
    load_demo_if_empty(engine)
    alerts.subscribe(engine, conversation, resolve("90255"), grade=0,
                     subject="science", program_language="", format="",
                     language=language, keep_days=180, counted=False)


def test_the_typed_number_is_sealed_under_the_whatsapp_conversation(engine):
    web_request(engine)
    assert alerts.waiting(engine, WEB)
    assert notification_counts(engine)["requests"] == 0  # no number, no request yet
    assert alerts.give_number(engine, KEY, WEB, NUMBER)
    assert not alerts.waiting(engine, WEB)
    assert not alerts.give_number(engine, KEY, WEB, NUMBER)  # once
    with engine.connect() as connection:
        [(row_id, conversation, stored)] = connection.execute(select(
            ProgramAlert.id, ProgramAlert.conversation, ProgramAlert.phone)).all()
    assert conversation == identity.sender_id(KEY, NUMBER)  # WhatsApp's own id
    assert NUMBER.encode() not in stored
    assert sealed.unseal(KEY, alerts.seal_row(row_id), stored) == NUMBER
    assert notification_counts(engine)["requests"] == 1


def test_stop_on_whatsapp_ends_a_request_made_on_the_widget(engine, graph, settings):
    web_request(engine, language="es")
    alerts.give_number(engine, KEY, WEB, NUMBER)
    assert not alerts.unsubscribe(engine, WEB)  # the widget's id holds nothing now
    assert alerts.unsubscribe(engine, identity.sender_id(KEY, NUMBER))  # "BAJA"
    notify_new_matches(engine, settings, load(engine, SCIENCE_K), whatsapp_env(graph))
    assert templates(graph) == []


def test_the_widgets_request_is_told_once_on_whatsapp(engine, graph, settings):
    web_request(engine, language="es")
    alerts.give_number(engine, KEY, WEB, NUMBER)
    ids = load(engine, SCIENCE_K)
    assert notify_new_matches(engine, settings, ids, whatsapp_env(graph)).accepted == 1
    assert notify_new_matches(engine, settings, ids, whatsapp_env(graph)).accepted == 0
    [message] = templates(graph)
    assert message["to"] == NUMBER
    assert message["template"]["language"] == {"code": "es_MX"}


def test_the_widgets_request_replaces_the_numbers_whatsapp_request(engine):
    kindergarten_science(engine, conversation=identity.sender_id(KEY, NUMBER),
                         phone=NUMBER)
    web_request(engine)
    alerts.give_number(engine, KEY, WEB, NUMBER)
    with engine.connect() as connection:
        assert len(connection.execute(select(ProgramAlert.id)).all()) == 1


def test_a_number_is_awaited_for_an_hour_only(engine):
    web_request(engine)
    later = alerts.now() + alerts.WAIT_FOR_NUMBER + timedelta(minutes=1)
    assert not alerts.waiting(engine, WEB, later)
    assert alerts.purge_expired(engine) == 0
    assert alerts.purge_expired(engine, later) == 1  # nobody to tell: gone


def test_no_thanks_drops_only_a_request_without_a_number(engine):
    kindergarten_science(engine, conversation="wa-keeps")
    assert alerts.drop_waiting(engine, "wa-keeps") == 0  # "no" to a new offer
    web_request(engine)
    assert alerts.drop_waiting(engine, WEB) == 1
    assert not alerts.waiting(engine, WEB)
    assert alerts.unsubscribe(engine, "wa-keeps")


def test_an_in_person_request_is_not_told_of_online_programs(engine, graph, settings):
    load_demo_if_empty(engine)
    alerts.subscribe(engine, "wa-in-person", resolve("90255"), grade=0,
                     subject="science", program_language="", format="in_person",
                     language="en", keep_days=180)
    alerts.attach_phone(engine, KEY, "wa-in-person", NUMBER)
    online = program("science-online", grade_min="K", grade_max="5",
                     subjects="science", format="online", address="", city="",
                     zip="", latitude="", longitude="")
    env = whatsapp_env(graph)
    assert notify_new_matches(engine, settings, load(engine, online), env).accepted == 0
    assert notify_new_matches(engine, settings, load(engine, SCIENCE_K),
                              env).accepted == 1




class TestTheWidgetsScreen:
    """What the pages server passes to Rasa while a request waits (and not)."""

    def test_nothing_waits_everything_passes_as_typed(self, engine):
        screen = AlertNumbers(engine, KEY)
        assert screen.screen(WEB, TYPED).message == TYPED
        assert screen.screen(WEB, TYPED).number is None

    def test_a_number_becomes_the_given_intent(self, engine):
        web_request(engine)
        screen = AlertNumbers(engine, KEY)
        forward = screen.screen(WEB, f"It's {TYPED}")
        assert (forward.message, forward.number) == ("/alert_number_given", NUMBER)
        assert screen.keep(WEB, NUMBER)
        assert screen.screen(WEB, TYPED).message == TYPED  # no longer waiting

    def test_a_bad_number_becomes_the_invalid_intent_and_the_request_waits(
            self, engine):
        web_request(engine)
        screen = AlertNumbers(engine, KEY)
        assert screen.screen(WEB, "323-555-014").message == "/alert_number_invalid"
        assert screen.screen(WEB, "no gracias").message == "no gracias"
        assert alerts.waiting(engine, WEB)


@pytest.mark.parametrize("channel, contacts, in_person, response", [
    ("whatsapp", (), False, "utter_alert_offer"),
    ("whatsapp", ("whatsapp",), True, "utter_alert_offer_in_person"),
    ("rest", (), False, "utter_alert_ask_on_whatsapp"),
    ("rest", (), True, "utter_alert_ask_on_whatsapp"),
    ("rest", ("whatsapp",), False, "utter_alert_offer_web"),
    ("rest", ("whatsapp",), True, "utter_alert_offer_web_in_person"),
    (None, ("whatsapp",), False, "utter_alert_offer_web"),
])
def test_each_channel_gets_its_offer(channel, contacts, in_person, response):
    settings = AlertSettings(web_contacts=contacts, whatsapp_number="+1 323 555 0199")
    assert alerts.offer_response(channel, settings, in_person) == response


def test_the_widget_accepts_only_the_contacts_set():
    assert not load_settings(env={}).alerts.web_takes_whatsapp  # the default
    env = {"PUENTE_ALERTS_WEB_CONTACTS": "WhatsApp"}
    assert load_settings(env=env).alerts.web_takes_whatsapp
    with pytest.raises(ValueError, match="unknown"):
        load_settings(env={"PUENTE_ALERTS_WEB_CONTACTS": "email"})
    with pytest.raises(ValueError, match="whatsapp_number"):
        replace(load_settings(env=env).alerts, whatsapp_number="")


def test_counts_a_widget_request_on_the_day_its_number_came(engine):
    web_request(engine)
    alerts.give_number(engine, KEY, WEB, NUMBER)
    assert notification_counts(engine, date.today(), date.today())["requests"] == 1
