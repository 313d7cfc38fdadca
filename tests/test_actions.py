"""Custom actions, run without a Rasa server."""

import pytest
from rasa_sdk.events import (
    ActionExecuted,
    FollowupAction,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionDefaultFallback, ActionSuggestTopics
from actions.session import (
    ActionPrivacyReminder,
    ActionResumeForm,
    ActionSessionStart,
    ActionWelcome,
)
from bot.safety.pause import resumed_with
from bot.settings import load_settings
from tests.trackers import make_tracker

FALLBACK_RANKING = [
    {"name": "nlu_fallback", "confidence": 0.3},
    {"name": "faq/cost", "confidence": 0.25},
    {"name": "faq/funding", "confidence": 0.22},
    {"name": "greet", "confidence": 0.1},
]


@pytest.mark.parametrize(
    "language, titles",
    [("en", ["What does it cost?", "Who pays for it?"]),
     ("es", ["¿Cuánto cuesta?", "¿Quién la paga?"])],
)
async def test_fallback_offers_two_best_guesses_in_the_parents_language(
    language, titles
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"language": language},
        intent="nlu_fallback",
        intent_ranking=FALLBACK_RANKING,
    )
    events = await ActionSuggestTopics().run(dispatcher, tracker, {})
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_not_sure"
    assert [b["title"] for b in message["buttons"]] == titles
    assert [b["payload"] for b in message["buttons"]] == ["/faq/cost", "/faq/funding"]


async def test_fallback_without_guesses_asks_to_rephrase():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        intent="nlu_fallback",
        intent_ranking=[{"name": "nlu_fallback", "confidence": 0.3}],
    )
    await ActionSuggestTopics().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_not_sure_no_guess"


async def test_session_start_sets_the_contact_and_says_nothing_before_the_message():
    settings = load_settings(env={"PUENTE_CONTACT_HANDOFF": "Ana, 555-0100"})
    dispatcher = CollectingDispatcher()
    events = await ActionSessionStart(settings).run(dispatcher, make_tracker(), {})
    assert events[0] == SessionStarted()
    assert SlotSet("handoff_contact", "Ana, 555-0100") in events
    assert events[-1] == ActionExecuted("action_listen")
    assert dispatcher.messages == []


async def test_the_welcome_lets_the_first_question_be_answered_next():
    dispatcher = CollectingDispatcher()
    events = await ActionWelcome().run(dispatcher, make_tracker(intent="faq"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_welcome"]
    assert events == [ActionExecuted("action_listen")]


async def test_the_privacy_reminder_comes_before_the_answer_it_leaves_to_the_rules():
    dispatcher = CollectingDispatcher()
    events = await ActionPrivacyReminder().run(
        dispatcher, make_tracker(intent="faq"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_privacy_reminder"]
    assert events == [ActionExecuted("action_listen")]


@pytest.mark.parametrize(
    "intent", ["greet", "affirm", "deny", "thank", "change_language"]
)
async def test_the_welcome_is_the_whole_answer_to_a_greeting(intent):
    """A first "hola", "ok", "gracias" or "Español" tap: one greeting, then what
    would you like to know (their own answers would greet again)."""
    dispatcher = CollectingDispatcher()
    assert await ActionWelcome().run(dispatcher, make_tracker(intent=intent), {}) == []
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_welcome",
        "utter_welcome_ask",
    ]


SEARCH_PAUSED_BY_A_CRISIS = [
    {"event": "active_loop", "name": "program_search_form"},
    {"event": "slot", "name": "program_location", "value": "90280"},
    {"event": "slot", "name": "requested_slot", "value": "program_grade"},
    {"event": "user", "text": "mi esposo me pega"},
    {"event": "action", "name": "utter_crisis"},
    {"event": "action", "name": "utter_form_paused"},
    {"event": "action", "name": "action_deactivate_loop"},
    {"event": "active_loop", "name": None},
]


async def test_continue_reopens_the_form_a_crisis_paused():
    tracker = make_tracker(intent="resume_form", events=SEARCH_PAUSED_BY_A_CRISIS)
    events = await ActionResumeForm().run(CollectingDispatcher(), tracker, {})
    assert events == [FollowupAction("program_search_form")]


LETTER_PAUSED_BY_A_CRISIS = [
    {"event": "active_loop", "name": "message_form"},
    {"event": "slot", "name": "requested_slot", "value": "msg_recipient"},
    {"event": "user", "text": "la maestra le pega"},
    {"event": "action", "name": "utter_crisis"},
    {"event": "action", "name": "utter_form_paused"},
    {"event": "action", "name": "action_deactivate_loop"},
    {"event": "active_loop", "name": None},
    {"event": "slot", "name": "requested_slot", "value": None},
]


@pytest.mark.parametrize("events, text, entities, kept", [
    (SEARCH_PAUSED_BY_A_CRISIS, "4to", [{"entity": "grade", "value": "4"}],
     SlotSet("program_grade", "4")),
    (LETTER_PAUSED_BY_A_CRISIS, "director", [], SlotSet("msg_recipient", "director")),
    ([*LETTER_PAUSED_BY_A_CRISIS[:1],
      {"event": "slot", "name": "requested_slot", "value": "msg_school"},
      *LETTER_PAUSED_BY_A_CRISIS[2:]], "Escuela Hoover", [],
     SlotSet("msg_school", "Escuela Hoover")),
    (LETTER_PAUSED_BY_A_CRISIS, "/inform", [{"entity": "advocacy_choice",
                                            "value": "teacher"}],
     SlotSet("msg_recipient", "teacher"))])
async def test_an_answer_to_the_paused_question_resumes_the_form_with_it(
        events, text, entities, kept):
    """"4to" or "director" after the lines got "three ways", the form lost (run 19)."""
    tracker = make_tracker(intent="inform", text=text, entities=entities,
                           events=events)
    resumed = await ActionResumeForm().run(CollectingDispatcher(), tracker, {})
    assert resumed == [kept, FollowupAction(events[0]["name"])]


@pytest.mark.parametrize(
    "events",
    [
        [],  # nothing was paused
        [*SEARCH_PAUSED_BY_A_CRISIS,
         {"event": "active_loop", "name": "program_search_form"}],
        SEARCH_PAUSED_BY_A_CRISIS + [{"event": "session_started"}],
    ],
    ids=["nothing paused", "already resumed", "new session"],
)
async def test_continue_with_nothing_paused_says_so(events):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="resume_form", events=events)
    assert await ActionResumeForm().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_nothing_to_resume"]


@pytest.mark.parametrize(
    "slots, expected",
    [
        ({"language": "es"}, "es"),  # carried over from the last session
        ({"session_started_metadata": {"language": "es"}}, "es"),  # from the page
        ({}, None),
    ],
)
async def test_session_start_keeps_the_language(slots, expected):
    events = await ActionSessionStart(load_settings()).run(
        CollectingDispatcher(), make_tracker(slots=slots), {}
    )
    languages = [e["value"] for e in events if e.get("name") == "language"]
    assert languages == ([expected] if expected else [])


async def test_the_core_fallback_rewinds_but_keeps_the_language():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"language": "es"}, intent="go_back",
                           intent_ranking=FALLBACK_RANKING)
    events = await ActionDefaultFallback().run(dispatcher, tracker, {})
    assert events == [UserUtteranceReverted(), SlotSet("language", "es")]
    assert dispatcher.messages[0]["response"] == "utter_not_sure"


async def test_a_late_welcome_lets_the_thanks_for_the_answer_before_be_answered():
    """After the care a worried parent heard first, "gracias" thanks for it."""
    dispatcher = CollectingDispatcher()
    events = [{"event": "session_started"}, {"event": "user", "text": "mi hija llora"},
              {"event": "bot", "text": "Siento mucho..."},
              {"event": "user", "text": "gracias"}]
    assert await ActionWelcome().run(
        dispatcher, make_tracker(intent="thank", events=events), {}) == [
        ActionExecuted("action_listen")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_welcome"]


@pytest.mark.parametrize("events, expected", [
    ([{"event": "user", "text": "inglés"},
      {"event": "action", "name": "action_resume_form"},
      {"event": "slot", "name": "msg_language", "value": "inglés"},
      {"event": "followup", "name": "message_form"},
      {"event": "action", "name": "message_form"},
      {"event": "slot", "name": "msg_subject", "value": "reading"}], "msg_language"),
    ([{"event": "user", "text": "/resume_form"},
      {"event": "action", "name": "action_resume_form"},
      {"event": "followup", "name": "message_form"},
      {"event": "action", "name": "message_form"},
      {"event": "slot", "name": "msg_subject", "value": "reading"}], ""),
    ([{"event": "action", "name": "action_resume_form"},
      {"event": "user", "text": "4to"}], None)])
def test_the_question_a_resume_answered_this_turn(events, expected):
    """"inglés" for the letter's language made its kept subject English (run 20)."""
    assert resumed_with(events) == expected
