"""A question that names a program shown on a card is sent to that program."""

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import SlotSet as SdkSlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.programs import ActionAboutShownProgram
from bot.policies.shown_program import next_step, program_asked_about
from bot.programs.shown import named_program, shown_names
from tests.content import responses, variation
from tests.trackers import make_tracker

CARDS = ["Here are tutoring programs near 90255:",
         "*Sunflower Math Circle* (demo data)\nRun by Demo Learning Partners.",
         "*Golden Step Lectura* (demo data)\nRun by Demo Tutors.",
         "*Morning Star Math* (demo data)\nRun by Demo Tutors."]
NAMES = ["Sunflower Math Circle", "Golden Step Lectura", "Morning Star Math"]


def test_the_names_are_read_from_the_cards():
    assert shown_names(CARDS) == NAMES


@pytest.mark.parametrize("message, named", [
    ("q dias es el Golden Step?", "Golden Step Lectura"),
    ("is sunflower free?", "Sunflower Math Circle"),
    ("¿A qué hora es Morning Star?", "Morning Star Math"),
    # every word of its own: "step" is not Golden Step, "morning" not Morning Star
    ("what is the next step", None),
    ("good morning, any online?", None),
    # words every program shares name none
    ("is the math one free?", None),
])
def test_a_program_is_named_by_all_of_its_own_words(message, named):
    assert named_program(message, NAMES) == named


START = (ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"))
RESULTS = (UserUttered("tutoring near 90255 for 3rd grade", {"name": "find_program"}),
           ActionExecuted("action_search_programs"),
           *(BotUttered(text) for text in CARDS), SlotSet("program_offset", 0.0),
           ActionExecuted("action_listen"))


def asked(text, intent="nlu_fallback"):
    return UserUttered(text, {"name": intent, "confidence": 0.4})


def tracker(*events):
    return DialogueStateTracker.from_events("test", [*START, *events])


def test_the_policy_names_the_program_in_its_slot_and_then_listens():
    question = tracker(*RESULTS, asked("q dias es el Golden Step?"))
    assert next_step(question) == (
        "action_about_shown_program",
        [SlotSet("shown_program_asked", "Golden Step Lectura")])
    answered = tracker(*RESULTS, asked("q dias es el Golden Step?"),
                       ActionExecuted("action_about_shown_program"),
                       BotUttered("Solo sé lo que le mostré arriba"))
    assert next_step(answered) == ("action_listen", [])


def test_a_program_shown_turns_ago_is_still_known_in_the_session():
    later = (asked("cuanto cuesta", "faq"), ActionExecuted("utter_faq"),
             BotUttered("Es gratis."), ActionExecuted("action_listen"))
    question = asked("is sunflower free?", "faq")
    assert program_asked_about(tracker(*RESULTS, *later, question)) == (
        "Sunflower Math Circle")


@pytest.mark.parametrize("events", [
    # no results this session
    (*RESULTS, *START, asked("is sunflower free?", "faq")),
    # inside a form, for a crisis, or for a person
    (*RESULTS, ActiveLoop("checklist_form"), asked("is sunflower free?", "faq")),
    (*RESULTS, asked("sunflower, i want to die", "crisis")),
    (*RESULTS, asked("can I talk to a person at sunflower", "human_handoff")),
    # the name only in the bot's own answers, not on a card
    (SlotSet("program_offset", 0.0), asked("hi", "greet"),
     ActionExecuted("utter_greet"),
     BotUttered("*Sunflower Math Circle*"), ActionExecuted("action_listen"),
     asked("is sunflower free?", "faq")),
])
def test_no_shown_program_no_answer_for_it(events):
    assert program_asked_about(tracker(*events)) is None


@pytest.mark.parametrize("language, said", [
    ("en", "I only know what I showed you above about Golden Step Lectura."),
    ("es", "Solo sé lo que le mostré arriba sobre Golden Step Lectura."),
])
async def test_the_action_says_to_ask_the_program(language, said):
    dispatcher = CollectingDispatcher()
    slots = {"shown_program_asked": "Golden Step Lectura", "language": language}
    events = await ActionAboutShownProgram().run(
        dispatcher, make_tracker(slots=slots), {})
    [message] = dispatcher.messages
    text = variation(responses()[message["response"]], language)["text"]
    assert text.format(name=message["name"]).startswith(said)
    assert events == [SdkSlotSet("shown_program_asked", None)]
