"""The review app's data: summaries, filters, transcripts, dashboard, deletion."""

import asyncio
import time
from pathlib import Path

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet
from sqlalchemy import func, select

from bot.review import queries, training
from bot.review.derive import channel_of, flags_of_event
from bot.review.models import (
    ConversationSummary,
    ReviewNote,
    TrainingItem,
    TrainingLabel,
)
from bot.review.summaries import refresh, watermark
from bot.review.tracker import EVENTS, tracker_url
from bot.review.web import dashboard_rows

DAY = 86400
NOW = time.time()
HOMEWORK = "mi hijo necesita ayuda con la tarea, me llamo Rosa"


#: What Rasa records after a program search that found nothing (actions/programs.py:
#: the form's slots, "no program found", the page offset); the search itself is
#: counted in ``program_unmet_demand`` (test_unmet_demand_hides_groups_under_five).
NO_MATCH = [
    SlotSet("program_location", "90255", timestamp=NOW - 3600),
    SlotSet("program_grade", "3", timestamp=NOW - 3600),
    SlotSet("program_subject", "math", timestamp=NOW - 3600),
    ActionExecuted("action_search_programs", timestamp=NOW - 3599),
    BotUttered("Lo siento, no encontré ningún programa para esta búsqueda, ni más "
               "lejos ni en línea.", metadata={"utter_action": "utter_program_none"},
               timestamp=NOW - 3599),
    BotUttered("Su escuela o distrito también puede tener tutoría.",
               metadata={"utter_action": "utter_faq/ask_school"}, timestamp=NOW - 3599),
    SlotSet("program_offset", 0.0, timestamp=NOW - 3599),
]
#: "gave feedback" comes from a tap on "Did this help?" (bot/faq/feedback.py); the
#: conversations it flags are built with the real assistant in test_dashboard_e2e.py.


async def seed(stores) -> None:
    """Four families: a Spanish fallback, an English FAQ on WhatsApp, a handoff then
    thanks, a search with no match."""
    await stores.save("web-es1", _events(NOW - 3 * DAY, "es", [
        (HOMEWORK, "nlu_fallback", 0.3, None),
        ("cuánto cuesta", "faq", 0.92, "faq/cost"),
    ]))
    await stores.save("whatsapp-15551234567", _events(NOW - 2 * DAY, "en", [
        ("what is high impact tutoring? call me 323-555-0199", "faq", 0.88,
         "faq/what_is_hit"),
    ], channel="whatsapp"))
    await stores.save("web-en2", _events(NOW - DAY, "en", [
        ("can I talk to a person", "human_handoff", 0.97, None),
        ("thanks, that was useful", "thank", 0.9, None),
    ]))
    await stores.save("web-es3", _events(NOW - 3602, "es", [
        ("tutoría de matemáticas para tercero en 90255", "find_program", 0.95, None),
    ], extra=NO_MATCH))


def _events(*args, **kwargs):
    from tests.review.conftest import events_for
    return events_for(*args, **kwargs)


def _keys(stores, **filters):
    rows, _ = queries.list_conversations(stores.puente, queries.Filters(**filters))
    with stores.puente.connect() as connection:
        senders = dict(connection.execute(select(ConversationSummary.key,
                                                 ConversationSummary.sender_id)).all())
    return [senders[row.key] for row in rows]


async def test_summaries_say_channel_language_turns_topics_and_flags(stores):
    await seed(stores)
    assert refresh(stores.puente, stores.tracker) > 0
    rows, more = queries.list_conversations(stores.puente, queries.Filters())
    assert not more
    assert [r.language for r in rows] == ["es", "en", "en", "es"]  # newest first
    es3, en2, whatsapp, es1 = rows
    assert whatsapp.channel == "whatsapp" and es1.channel == "web"
    assert es1.turns == 2 and es1.topics == ["faq/cost"]
    assert es1.flags == ["fell_back"]
    assert en2.flags == ["asked_person"] and en2.turns == 2
    assert es3.flags == ["unmet_search"] and es3.topics == ["faq/ask_school"]
    assert whatsapp.topics == ["faq/what_is_hit"]


async def test_refresh_is_incremental_and_idempotent(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    mark = watermark(stores.puente)
    assert refresh(stores.puente, stores.tracker) == 0
    await stores.save("web-es1", _events(NOW - 3 * DAY, "es", [
        (HOMEWORK, "nlu_fallback", 0.3, None),
        ("cuánto cuesta", "faq", 0.92, "faq/cost"),
        ("quiero hablar con alguien", "human_handoff", 0.9, None),
    ]))
    assert refresh(stores.puente, stores.tracker, batch=2) > 0
    assert watermark(stores.puente) > mark
    assert _keys(stores, flag="asked_person") == ["web-en2", "web-es1"]
    rows, _ = queries.list_conversations(stores.puente, queries.Filters(language="es"))
    assert [r.turns for r in rows] == [1, 3]


async def test_a_crisis_is_flagged_and_can_be_filtered(stores):
    await seed(stores)
    await stores.save("web-es4", _events(NOW - 60, "es", [
        ("me quiero morir", "crisis", 1.0, None),
        ("quiero hablar con alguien", "human_handoff", 0.9, None),
    ]))
    refresh(stores.puente, stores.tracker)
    assert _keys(stores, flag="crisis") == ["web-es4"]
    rows, _ = queries.list_conversations(stores.puente, queries.Filters(flag="crisis"))
    assert rows[0].flags == ["crisis", "asked_person"]


async def test_filters_combine(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    assert _keys(stores, language="es", flag="fell_back") == ["web-es1"]
    assert _keys(stores, channel="whatsapp") == ["whatsapp-15551234567"]
    assert _keys(stores, topic="faq/cost") == ["web-es1"]
    assert _keys(stores, flag="unmet_search", language="en") == []
    day = time.strftime("%Y-%m-%d", time.gmtime(NOW - 2 * DAY))
    assert _keys(stores, date_from=day, date_to=day) == ["whatsapp-15551234567"]


async def test_search_finds_words_but_never_personal_data(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    assert _keys(stores, q="CUESTA") == ["web-es1"]
    assert _keys(stores, q="matemáticas") == ["web-es3"]
    assert _keys(stores, q="555-0199") == []
    assert _keys(stores, q="Rosa") == []
    assert _keys(stores, q="100%") == []


async def test_pages_of_fifty_newest_first(stores):
    from tests.review.conftest import events_for
    for n in range(55):
        await stores.save(f"web-{n:03}", events_for(NOW - n * 60, "en", [
            ("hello", "greet", 0.99, None)]))
    refresh(stores.puente, stores.tracker)
    first, more = queries.list_conversations(stores.puente, queries.Filters())
    second, last = queries.list_conversations(stores.puente, queries.Filters(page=2))
    assert len(first) == 50 and more and len(second) == 5 and not last
    stamps = [r.last_at for r in first + second]
    assert stamps == sorted(stamps, reverse=True)


async def test_transcript_is_redacted_with_intents_and_actions(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    chat = queries.transcript(stores.puente, stores.tracker, "whatsapp-15551234567")
    user = [t for t in chat.turns if t.kind == "user"][0]
    assert user.text == "what is high impact tutoring? call me [phone]"
    assert (user.intent, user.confidence) == ("faq", 0.88)
    assert user.topic == "faq/what_is_hit"
    assert "utter_faq" in [t.text for t in chat.turns if t.kind == "action"]
    assert chat.channel == "whatsapp" and chat.language == "en"
    spanish = queries.transcript(stores.puente, stores.tracker, "web-es1")
    first = [t for t in spanish.turns if t.kind == "user"][0]
    assert first.text.endswith("me llamo [name]") and first.needs_training


@pytest.mark.parametrize("key, message, intent, hidden, shown", [
    # "no tengo papeles" tells a family's status
    ("web-es9", "me van a pedir papeles? no tengo papeles", "immigration_status",
     "papeles", "immigration status"),
    # "tiene TDAH" a child's disability
    ("web-es8", "mi hijo Kevin tiene TDAH, que es un 504?", "school_matter", "TDAH",
     "special education"),
])
async def test_a_private_question_shows_its_kind_never_its_words(
        stores, key, message, intent, hidden, shown):
    """Organizers see that such a question was asked, never its words, in the
    transcript or the search."""
    await stores.save(key, _events(NOW - 60, "es", [(message, intent, 1.0, None)]))
    refresh(stores.puente, stores.tracker)
    chat = queries.transcript(stores.puente, stores.tracker, key)
    [user] = [t for t in chat.turns if t.kind == "user"]
    assert hidden not in user.text and shown in user.text
    assert _keys(stores, q=hidden) == []


async def test_review_notes_and_tags_filter(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    queries.save_review(stores.puente, "web-es1", "ana@example.org", True,
                        "Costo, school-board ,costo", "ask the district")
    assert _keys(stores, tag="costo") == ["web-es1"]
    assert _keys(stores, reviewed="yes") == ["web-es1"]
    assert "web-es1" not in _keys(stores, reviewed="no")
    chat = queries.transcript(stores.puente, stores.tracker, "web-es1")
    assert chat.tags == ["costo", "school-board"] and chat.note == "ask the district"
    refresh(stores.puente, stores.tracker)  # a refresh keeps the organizers' notes
    assert _keys(stores, tag="school-board") == ["web-es1"]


async def test_dashboard_counts(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    figures = queries.dashboard(stores.puente, queries.Filters())
    assert sum(sum(days.values()) for days in figures.per_day.values()) == 4
    assert sum(figures.per_day["es · web"].values()) == 2
    # the no-match search ends with the ask-school answer: a topic the family got
    assert figures.top_topics["es"] == [("faq/cost", 1), ("faq/ask_school", 1)]
    assert (figures.turns, figures.fallback_turns) == (6, 1)
    assert figures.unmet == []  # no search has gone unmet
    assert figures.alerts == {"requests": 0, "notifications": 0, "stopped": 0}


def test_dashboard_counts_program_alerts(stores):
    """Requests made and stopped, by day only: a stopped request is still counted."""
    from bot.programs import alerts
    from bot.programs.geo import resolve

    for conversation in ("wa-1", "wa-2"):
        alerts.subscribe(stores.puente, conversation, resolve("90255"), grade=0,
                         subject="science", program_language="", format="",
                         language="es", keep_days=180)
    alerts.unsubscribe(stores.puente, "wa-1")
    figures = queries.dashboard(stores.puente, queries.Filters())
    assert figures.alerts == {"requests": 2, "notifications": 0, "stopped": 1}
    assert "program alerts: requests,,,,,,,,2" in dashboard_rows(figures)


def test_unmet_demand_hides_groups_under_five(stores, monkeypatch):
    """Read from what the program search records when it finds nothing (the real
    action, on an empty programs table), grouped; small groups hidden."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions import programs

    monkeypatch.setattr(programs, "programs_database", lambda settings: stores.puente)

    def search(location, grade, subject, language):
        slots = {"program_location": location, "program_grade": grade,
                 "program_subject": subject, "program_language": language,
                 "language": language}
        tracker = Tracker("web-x", slots, {}, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        asyncio.run(programs.ActionSearchPrograms().run(dispatcher, tracker, {}))
        return [message["response"] for message in dispatcher.messages]

    for _ in range(6):
        assert search("90255", "3", "math", "es") == [
            "utter_program_none", "utter_faq/ask_school",
            "utter_alert_ask_on_whatsapp"]
    for _ in range(4):
        search("90280", "7", "reading", "en")
    unmet, columns = queries.unmet_demand(stores.puente)
    assert columns == ["zip", "city", "grade", "subject", "language"]
    assert unmet == [{"zip": "90255", "city": "Huntington Park", "grade": 3,
                      "subject": "math", "language": "es", "count": 6}]
    assert queries.unmet_demand(stores.puente, last_day="2000-01-01")[0] == []


async def test_delete_removes_events_and_every_derived_row(stores):
    await seed(stores)
    refresh(stores.puente, stores.tracker)
    queries.save_review(stores.puente, "web-es1", "a@example.org", True, "x", "")
    training.queue_for_training(stores.puente, stores.tracker, "web-es1", [],
                                "a@example.org")
    [item] = training.training_queue(stores.puente, "a@example.org")
    training.set_labels(stores.puente, "a@example.org", {item.id: "faq/cost"})
    queries.delete_conversation(stores.puente, stores.tracker, ["web-es1"])
    refresh(stores.puente, stores.tracker)
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-es1") == 0
    for model in (ConversationSummary, ReviewNote, TrainingItem):
        assert _count(stores.puente, model.sender_id, "web-es1") == 0
    with stores.puente.connect() as connection:
        assert connection.execute(select(func.count()).select_from(
            TrainingLabel)).scalar_one() == 0
    assert "web-es1" not in _keys(stores)


def _count(engine, column, sender):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).where(column == sender)).scalar()


def test_list_from_events_baseline_agrees(stores):
    import asyncio
    asyncio.run(seed(stores))
    baseline = queries.list_from_events(stores.tracker)
    assert [sender for sender, _, _ in baseline] == [
        "web-es3", "web-en2", "whatsapp-15551234567", "web-es1"]
    assert [turns for _, _, turns in baseline] == [1, 2, 1, 2]


def _said(intent):
    return {"parse_data": {"intent": {"name": intent}}}


def test_flags_of_single_events():
    # What the family was told counts, not the intent predicted (inside a form a
    # low-confidence intent still gets its answer).
    assert flags_of_event("user", _said("nlu_fallback")) == set()
    for answer in ("utter_not_sure", "utter_checklist_not_understood",
                   "utter_out_of_scope"):
        said = {"metadata": {"utter_action": answer}}
        assert flags_of_event("bot", said) == {"fell_back"}
    assert flags_of_event("bot", {"metadata": {"utter_action": "utter_faq/cost"}}) \
        == set()
    no_program = {"metadata": {"utter_action": "utter_program_none"}}
    assert flags_of_event("bot", no_program) == {"unmet_search"}
    match = {"metadata": {"utter_action": "utter_program_match"}}
    assert flags_of_event("bot", match) == set()
    assert flags_of_event("user", _said("greet")) == set()
    assert flags_of_event("user", _said("crisis")) == {"crisis"}
    assert flags_of_event("user", _said("human_handoff")) == {"asked_person"}
    assert flags_of_event("user", _said("feedback_not_helpful")) == {"gave_feedback"}


def test_channels():
    assert channel_of("web-abc", "rest") == "web"
    assert channel_of("15551234567", "whatsapp") == "whatsapp"
    assert channel_of("x", "telegram") == "telegram"


def test_tracker_url_follows_the_endpoints_file(tmp_path: Path, monkeypatch):
    """The review app and the purge read the tracker store Rasa is told to use."""
    from dataclasses import replace

    from tests.review.conftest import _settings
    endpoints = tmp_path / "endpoints.yml"
    settings = replace(_settings(tmp_path, "sqlite://"), endpoints=endpoints)
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n"
                         "  db: var/conversations.db\n")
    assert tracker_url(settings) == f"sqlite:///{tmp_path}/conversations.db"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n"
                         "  url: db.internal\n  port: ${DB_PORT}\n  db: rasa\n"
                         "  username: ${DB_USER}\n  password: pw\n")
    monkeypatch.setenv("DB_USER", "rasa_user")
    monkeypatch.setenv("DB_PORT", "5433")
    assert tracker_url(settings) == "postgresql://rasa_user:pw@db.internal:5433/rasa"
