"""The program alert actions, run without a Rasa server, on a real SQLite file:
which offer each channel gets, the typed number on the widget, "No, thanks"."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.alert_offer import ActionAlertOffer
from actions.alerts import (
    ActionAlertAskNumber,
    ActionAlertDecline,
    ActionAlertNumberGiven,
    ActionAlertStop,
    ActionAlertSubscribe,
)
from actions.programs import ActionSearchPrograms
from bot.db import migrate, session_scope
from bot.programs import alerts
from bot.programs.alert_models import ProgramAlert
from bot.programs.demo import ready_engine
from bot.review.queries import notification_counts
from bot.settings import Settings, load_settings
from tests.trackers import make_tracker

#: A search that finds nothing (San Francisco, kindergarten science) and one
#: that finds only online programs (San Diego, 3rd-grade math).
NOTHING = {"program_location": "94103", "program_grade": "0",
           "program_subject": "science"}
ONLINE_ONLY = {"program_location": "92101", "program_grade": "3",
               "program_subject": "math"}


def settings_for(tmp_path, **env: str) -> Settings:
    url = f"sqlite:///{tmp_path / 'programs.db'}"
    migrate(url)
    return load_settings(env={"PUENTE_DATABASE_URL": url, **env})


@pytest.fixture
def web_settings(tmp_path) -> Settings:
    """The organizers accept a WhatsApp number on the widget."""
    return settings_for(tmp_path, PUENTE_ALERTS_WEB_CONTACTS="whatsapp")


def tracker(channel: str, language: str = "en", **slots):
    return make_tracker(slots={"language": language, **slots}, events=[
        {"event": "user", "text": "hi", "input_channel": channel}])


def responses(dispatcher: CollectingDispatcher):
    return [m["response"] for m in dispatcher.messages]


async def search(settings: Settings, channel: str, slots) -> tuple:
    dispatcher = CollectingDispatcher()
    events = await ActionSearchPrograms(settings).run(
        dispatcher, tracker(channel, **slots), {})
    return responses(dispatcher), events


@pytest.mark.parametrize("channel, slots, offer, kind", [
    ("whatsapp", NOTHING, "utter_alert_offer", None),
    ("whatsapp", ONLINE_ONLY, "utter_alert_offer_in_person", "in_person"),
    ("rest", NOTHING, "utter_alert_offer_web", None),
    ("rest", ONLINE_ONLY, "utter_alert_offer_web_in_person", "in_person"),
])
async def test_nothing_near_is_followed_by_the_offer_this_channel_can_keep(
        web_settings, channel, slots, offer, kind):
    said, events = await search(web_settings, channel, slots)
    if kind:  # the online programs were shown first
        assert "utter_program_results_online" in said
        assert "utter_program_match" in said
    assert not any(r.startswith("utter_alert") for r in said)
    # the offer is an action of its own: the rules read a typed yes after it
    assert events[-2:] == [SlotSet("alert_format", kind),
                           FollowupAction("action_alert_offer")]
    dispatcher = CollectingDispatcher()
    await ActionAlertOffer(web_settings).run(
        dispatcher, tracker(channel, alert_format=kind, **slots), {})
    assert responses(dispatcher) == [offer]
    assert dispatcher.messages[0]["days"] == 180


async def test_by_default_the_widget_says_to_ask_on_whatsapp_even_for_online_only(
        tmp_path):
    said, events = await search(settings_for(tmp_path), "rest", ONLINE_ONLY)
    assert said[-1] == "utter_alert_ask_on_whatsapp"
    assert not any(isinstance(e, dict) and e.get("event") == "followup"
                   for e in events)


async def test_programs_near_offer_nothing(web_settings):
    said, events = await search(web_settings, "rest", {
        "program_location": "90255", "program_grade": "3",
        "program_subject": "math"})
    assert not any(r.startswith("utter_alert") for r in said)
    assert FollowupAction("action_alert_offer") not in events


def alerts_in(settings: Settings):
    with session_scope(ready_engine(settings.database_url)) as session:
        found = list(session.execute(select(ProgramAlert)).scalars())
        session.expunge_all()
    return found


@pytest.mark.parametrize("language", ["en", "es"])
async def test_yes_on_the_widget_asks_for_the_number_and_keeps_the_search_waiting(
        web_settings, language):
    dispatcher = CollectingDispatcher()
    events = await ActionAlertSubscribe(web_settings).run(
        dispatcher, tracker("rest", language, **NOTHING), {})
    assert dispatcher.messages == []
    assert events == [FollowupAction("action_alert_ask_number")]
    asked = CollectingDispatcher()
    await ActionAlertAskNumber(web_settings).run(asked, tracker("rest", language), {})
    assert responses(asked) == ["utter_alert_ask_number"]
    assert asked.messages[0]["days"] == 180
    [request] = alerts_in(web_settings)
    assert (request.conversation, request.phone, request.language) == (
        "test", None, language)
    database = ready_engine(web_settings.database_url)
    assert alerts.waiting(database, "test")
    assert notification_counts(database)["requests"] == 0  # counted with its number


async def test_yes_after_online_only_asks_for_a_program_in_person(web_settings):
    await ActionAlertSubscribe(web_settings).run(CollectingDispatcher(), tracker(
        "whatsapp", alert_format="in_person", **ONLINE_ONLY), {})
    [request] = alerts_in(web_settings)
    assert request.format == "in_person"


async def test_no_thanks_drops_the_request_waiting_for_its_number(web_settings):
    await ActionAlertSubscribe(web_settings).run(
        CollectingDispatcher(), tracker("rest", **NOTHING), {})
    dispatcher = CollectingDispatcher()
    await ActionAlertDecline(web_settings).run(dispatcher, tracker("rest"), {})
    assert responses(dispatcher) == ["utter_alert_declined"]
    assert alerts_in(web_settings) == []


async def test_the_number_given_is_confirmed_with_where_to_write_stop(web_settings):
    dispatcher = CollectingDispatcher()
    await ActionAlertNumberGiven(web_settings).run(
        dispatcher, tracker("rest", "es", **NOTHING), {})
    [said] = dispatcher.messages
    assert said["response"] == "utter_alert_saved_web"
    assert (said["place"], said["days"], said["whatsapp_number"]) == (
        "94103", 180, "+1 (323) 555-0199")


async def test_yes_on_whatsapp_keeps_the_request_at_once(web_settings):
    dispatcher = CollectingDispatcher()
    await ActionAlertSubscribe(web_settings).run(
        dispatcher, tracker("whatsapp", **NOTHING), {})
    assert responses(dispatcher) == ["utter_alert_saved"]
    assert notification_counts(ready_engine(web_settings.database_url))[
        "requests"] == 1


async def test_without_the_setting_yes_on_the_widget_says_to_ask_on_whatsapp(
        tmp_path):
    settings = settings_for(tmp_path)
    dispatcher = CollectingDispatcher()
    await ActionAlertSubscribe(settings).run(
        dispatcher, tracker("rest", **NOTHING), {})
    assert responses(dispatcher) == ["utter_alert_ask_on_whatsapp"]
    assert alerts_in(settings) == []


@pytest.mark.parametrize("channel, said", [
    ("rest", "utter_alert_stop_on_whatsapp"),  # a number given here is WhatsApp's
    ("whatsapp", "utter_alert_nothing_to_stop"),
])
async def test_stop_with_nothing_here_says_where_a_number_given_is_stopped(
        web_settings, channel, said):
    dispatcher = CollectingDispatcher()
    await ActionAlertStop(web_settings).run(dispatcher, tracker(channel), {})
    assert responses(dispatcher) == [said]


async def test_stop_in_the_widget_before_the_number_deletes_the_waiting_request(
        web_settings):
    await ActionAlertSubscribe(web_settings).run(
        CollectingDispatcher(), tracker("rest", **NOTHING), {})
    dispatcher = CollectingDispatcher()
    await ActionAlertStop(web_settings).run(dispatcher, tracker("rest"), {})
    assert responses(dispatcher) == ["utter_alert_stopped"]
    assert alerts_in(web_settings) == []
