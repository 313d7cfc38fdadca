"""Puente's policies decide from the conversation's events alone (no server)."""

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.language import language_events
from bot.policies.privacy_reminder import needs_reminder
from bot.policies.welcome import next_welcome_step

DOMAIN = Domain.from_yaml("""
intents: [greet, faq, crisis, child_user, child_wellbeing, human_handoff]
slots:
  language: {type: categorical, values: [en, es], mappings: [{type: custom}]}
  crisis_reported:
    type: bool
    initial_value: false
    mappings: [{type: custom}]
""")


def tracker(*events):
    return DialogueStateTracker.from_events("test", list(events), slots=DOMAIN.slots)


def said(text, intent):
    return UserUttered(text, {"name": intent, "confidence": 1.0})


START = (ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"))


@pytest.mark.parametrize("intent", ["faq", "greet", "human_handoff"])
def test_the_first_message_of_a_session_is_welcomed_first(intent):
    assert next_welcome_step(tracker(*START, said("hi", intent))) == "action_welcome"


@pytest.mark.parametrize("intent", ["crisis", "child_user", "child_wellbeing"])
def test_a_crisis_a_child_or_a_worried_parent_gets_no_welcome_before_the_answer(intent):
    assert next_welcome_step(tracker(*START, said("...", intent))) is None


def test_after_a_crisis_a_person_is_not_delayed_by_a_welcome():
    events = (*START, said("me quiero morir", "crisis"),
              SlotSet("crisis_reported", True),
              ActionExecuted("utter_crisis"), ActionExecuted("action_listen"),
              said("quiero hablar con alguien", "human_handoff"))
    assert next_welcome_step(tracker(*events)) is None
    # ...nor a question about tutoring: a cheerful welcome after the lines was
    # tone-deaf ("no es para tanto, la tutoría le ayudaría?": exploratory run 10)
    events = (*events[:-1], said("que es la tutoria", "faq"))
    assert next_welcome_step(tracker(*events)) is None


def test_the_welcome_comes_once_a_session_and_after_a_greeting_puente_listens():
    greeted = (*START, said("hola", "greet"), ActionExecuted("action_welcome"))
    assert next_welcome_step(tracker(*greeted)) == "action_listen"
    later = (*greeted, BotUttered("¡Hola!"), ActionExecuted("action_listen"),
             said("cuanto cuesta", "faq"))
    assert next_welcome_step(tracker(*later)) is None
    new_session = (*later, ActionExecuted("utter_faq"), *START, said("hola", "greet"))
    assert next_welcome_step(tracker(*new_session)) == "action_welcome"


def test_the_language_is_set_once_right_after_the_message():
    spanish = tracker(*START, said("¿qué es la tutoría de alto impacto?", "faq"))
    assert language_events(spanish) == [SlotSet("language", "es")]
    answered = tracker(*START, said("¿qué es la tutoría?", "faq"),
                       ActionExecuted("action_welcome"))
    assert language_events(answered) == []


FORM_DOMAIN = Domain.from_yaml("""
intents: [change_language, faq]
slots:
  language: {type: categorical, values: [en, es], mappings: [{type: custom}]}
  requested_slot: {type: text, mappings: [{type: custom}]}
""")


@pytest.mark.parametrize(
    "asked, text, switched",
    [
        # The checklist asks "updates in your language?": the answer wins.
        ("hit_updates", "only in English", []),
        ("hit_updates", "solo en inglés", []),
        ("msg_language", "only in English", []),
        # Any other question: asking for English still switches.
        ("hit_sessions", "only in English", [SlotSet("language", "en")]),
        # "Which subject?" "inglés": English is the subject, the language stays...
        ("program_subject", "inglés", []),
        ("msg_subject", "inglés", []),
    ],
)
def test_inside_a_form_a_language_named_as_the_answer_switches_nothing(
    asked, text, switched
):
    events = [*START, SlotSet("language", "es"), ActiveLoop("checklist_form"),
              SlotSet("requested_slot", asked),
              UserUttered(text, {"name": "change_language", "confidence": 1.0},
                          [{"entity": "language", "value": "en"}])]
    form = DialogueStateTracker.from_events("test", events, slots=FORM_DOMAIN.slots)
    assert language_events(form) == switched


def test_spanish_named_at_the_subject_question_still_switches():
    """...but "español" there is no subject: it asks for Spanish."""
    events = [*START, SlotSet("language", "en"), ActiveLoop("program_search_form"),
              SlotSet("requested_slot", "program_subject"),
              UserUttered("español", {"name": "change_language", "confidence": 1.0},
                          [{"entity": "language", "value": "es"}])]
    form = DialogueStateTracker.from_events("test", events, slots=FORM_DOMAIN.slots)
    assert language_events(form) == [SlotSet("language", "es")]


@pytest.mark.parametrize("asked, text, entities, switched", [
    # a school's or a place's name in English is a name: the Spanish questions go on
    ("msg_school", "Roosevelt High School", [], []),
    ("program_location", "Huntington Park", [], []),
    # English asked for by name there still switches
    ("msg_school", "english please", [{"entity": "language", "value": "en"}],
     [SlotSet("language", "en")]),
    # a brief answer in English school words is an answer (it switched everything
    # after it to English); a sentence in English still switches
    ("msg_subject", "math", [], []),
    ("msg_grade", "2nd", [], []),
    ("msg_recipient", "the principal", [], []),
    ("msg_grade", "my son is in second grade this year", [],
     [SlotSet("language", "en")]),
])
def test_a_name_answering_a_form_question_keeps_the_language(
        asked, text, entities, switched):
    events = [*START, SlotSet("language", "es"), ActiveLoop("message_form"),
              SlotSet("requested_slot", asked),
              UserUttered(text, {"name": "inform", "confidence": 0.9}, entities)]
    form = DialogueStateTracker.from_events("test", events, slots=FORM_DOMAIN.slots)
    assert language_events(form) == switched


WELCOMED = (*START, said("hola", "greet"), ActionExecuted("action_welcome"),
            BotUttered("¡Hola!"), ActionExecuted("action_listen"))


@pytest.mark.parametrize("text", [
    "mi numero es 323-555-0199, la tutoria es gratis?",
    "my son Juan Perez is in 3rd grade, does he qualify?",
    "write me at ana.lopez@example.com",
])
def test_a_phone_number_or_a_name_gets_the_reminder_once_a_session(text):
    assert needs_reminder(tracker(*WELCOMED, said(text, "faq")))
    reminded = (*WELCOMED, said(text, "faq"), ActionExecuted("action_privacy_reminder"),
                BotUttered("..."), ActionExecuted("action_listen"))
    assert not needs_reminder(tracker(*reminded))  # the answer comes next
    later = (*reminded, ActionExecuted("utter_faq"), ActionExecuted("action_listen"),
             said(text, "faq"))
    assert not needs_reminder(tracker(*later))


@pytest.mark.parametrize("events", [
    # nothing personal
    (*WELCOMED, said("is tutoring free for my 3rd grader in 90255?", "faq")),
    # the welcome, which asks not to share them, is said in this turn instead
    (*START, said("my son Juan Perez needs tutoring", "faq")),
    # a crisis gets the emergency lines first and only
    (*WELCOMED, said("my son Juan Perez wants to kill himself", "crisis")),
    # inside a form (the message form asks for a school's name)
    (*WELCOMED, ActiveLoop("message_form"), said("Juan Perez Elementary", "inform")),
    # "simón" is Mexican for yes (it got the tip, and no deletion: run 10)
    (*WELCOMED, said("simon", "affirm")),
])
def test_no_reminder_without_a_detail_or_where_it_would_be_in_the_way(events):
    assert not needs_reminder(tracker(*events))


def test_a_shown_programs_name_is_no_english_sentence():
    """"Blue Heron Math Lab" in a Spanish conversation got an English answer."""
    domain = Domain.from_yaml("""
slots:
  language: {type: categorical, values: [en, es], mappings: [{type: custom}]}
  program_offset: {type: float, mappings: [{type: custom}]}
""")
    events = [*START, SlotSet("language", "es"), said("tutoría en 90255", "inform"),
              ActionExecuted("action_search_programs"),
              BotUttered("*Blue Heron Math Lab* (datos de demostración)"),
              SlotSet("program_offset", 0.0), ActionExecuted("action_listen")]
    named = DialogueStateTracker.from_events(
        "test", [*events, said("Blue Heron Math Lab", "nlu_fallback")],
        slots=domain.slots)
    assert language_events(named) == []
    english = DialogueStateTracker.from_events(
        "test", [*events, said("what time does Blue Heron Math Lab start?", "faq")],
        slots=domain.slots)
    assert language_events(english) == [SlotSet("language", "en")]


def test_a_question_about_the_programs_language_keeps_the_conversations():
    """"do they speak spanish?" after English results switched the conversation to
    Spanish and answered nothing (an exploratory run)."""
    domain = Domain.from_yaml("""
slots:
  language: {type: categorical, values: [en, es], mappings: [{type: custom}]}
""")
    events = [*START, SlotSet("language", "en"), said("tutoring near 90255", "inform"),
              ActionExecuted("action_search_programs"), BotUttered("*Blue Heron*"),
              ActionExecuted("action_listen")]

    def asked(text):
        return DialogueStateTracker.from_events("test", [*events, UserUttered(
            text, {"name": "change_language", "confidence": 0.8},
            [{"entity": "language", "value": "es"}])], slots=domain.slots)

    assert language_events(asked("do they speak spanish?")) == []
    assert language_events(asked("en español por favor")) == [SlotSet("language", "es")]
