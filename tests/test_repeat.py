""""mande?", "what?": the last answer again."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.repeat import ActionRepeatLast
from bot.conversations.repeat import answer_to_repeat, asks_to_repeat
from tests.trackers import make_tracker


@pytest.mark.parametrize("text", [
    "mande?", "¿Mande?", "mande usted", "que?", "¿Cómo?", "what?", "huh", "sorry?",
    "repeat that please", "can you repeat that?", "me lo puede repetir?", "repítalo",
    "¿Qué dijo?",
    # exploratory run 11: "not sure"
    "otra vez porfa", "¿ande?", "eh?", "again please"])
def test_asks_to_repeat(text):
    assert asks_to_repeat(text)


@pytest.mark.parametrize("text", [
    "que es la tutoria?", "what is it?", "como le hago?", "sorry, I meant math",
    "que bueno", "how?", "hola otra vez", "empezar de nuevo", "Revisar otra vez"])
def test_a_question_of_its_own_is_no_request_to_repeat(text):
    assert not asks_to_repeat(text)


BUTTONS = [{"title": "Más información", "payload": "/faq_more"}]
EVENTS = [
    {"event": "user", "text": "que es la tutoria"},
    {"event": "bot", "text": "La tutoría de alto impacto es...", "data": {}},
    {"event": "bot", "text": "¿Le ayudo con algo más?",
     "data": {"buttons": BUTTONS, "custom": None}},
    {"event": "user", "text": "mande?"},
]


def test_the_last_answer_is_said_again_with_its_buttons():
    assert answer_to_repeat(EVENTS) == [
        {"text": "La tutoría de alto impacto es..."},
        {"text": "¿Le ayudo con algo más?", "buttons": BUTTONS}]


def test_nothing_to_repeat_before_any_answer():
    assert answer_to_repeat(EVENTS[-1:]) == []


async def test_the_action_repeats_or_says_what_puente_can_do():
    dispatcher = CollectingDispatcher()
    await ActionRepeatLast().run(dispatcher, make_tracker(events=EVENTS), {})
    assert [m["text"] for m in dispatcher.messages] == [
        "La tutoría de alto impacto es...", "¿Le ayudo con algo más?"]
    assert dispatcher.messages[1]["buttons"] == BUTTONS
    first = CollectingDispatcher()
    await ActionRepeatLast().run(first, make_tracker(events=EVENTS[-1:]), {})
    assert [m["response"] for m in first.messages] == ["utter_help"]


async def test_inside_a_form_the_form_asks_its_question_again():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(events=EVENTS, active_loop={"name": "message_form"})
    assert await ActionRepeatLast().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages == []
