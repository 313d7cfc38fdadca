""""no entendí" after an answer: the answer in plainer words."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.repeat import ActionRepeatLast
from bot.conversations.plainer import plain_response, says_not_understood
from tests.content import responses
from tests.trackers import make_tracker


@pytest.mark.parametrize("text", [
    # exploratory runs 11 to 13: a "no", "not sure", or a program search
    "no entendí", "No entendí nada", "no le entiendo", "I don't understand",
    "I dont get it", "más fácil porfa", "explícalo más fácil", "¿Qué significa eso?",
    "what does that mean?", "im confused", "perdón, no entendí bien",
    "me lo puede explicar más sencillo?", "in simpler words please",
    "sigo sin entender", "I still don't get it",
    # exploratory run 15: "not sure", "Anything else?" or the longer answer
    "explicamelo mas sencillo porfa", "no entiendo lo q me dice",
    "uy muy complicado, digamelo mas facil", "huh? what do you mean",
    "thats too complicated for me, say it simpler", "i dont really get it",
    "no le entendi nada a eso", "simpler please", "q significa eso?",
    "me lo puede explicar de otra forma", "sigo sin entenderle", "still confused sorry",
    "can you explain it more simply?", "no me quedó claro"])
def test_says_not_understood(text):
    assert says_not_understood(text)


@pytest.mark.parametrize("text", [
    "no entiendo que es la tutoria de alto impacto", "no", "I don't understand the "
    "difference between tutoring and homework help", "mi hijo no entiende fracciones",
    "my son doesn't understand math", "es más fácil en línea?",
    "no entiendo la tarea de mate de mi hijo", "what does high impact mean"])
def test_a_question_of_its_own_is_left_to_the_classifier(text):
    assert not says_not_understood(text)


def _answer(action: str) -> list:
    return [{"event": "user", "text": "cuanto cuesta"},
            {"event": "bot", "text": "La tutoría...",
             "metadata": {"utter_action": action}},
            {"event": "user", "text": "no entendi"}]


RESPONSES = responses()


def test_every_topic_has_a_plain_version_in_both_languages():
    topics = {name.split("/")[1] for name in RESPONSES if name.startswith("utter_faq/")}
    for topic in topics:
        variants = RESPONSES[f"utter_faq_plain/{topic}"]
        assert [bool(v.get("condition")) for v in variants] == [False, True], topic
        for variant in variants:
            assert len(variant["text"]) <= 250, (topic, variant["text"])
            assert variant["buttons"][0]["payload"] == (
                f'/faq_more{{{{"faq_topic": "{topic}"}}}}')


def test_the_plain_version_is_of_the_last_answer_only():
    assert plain_response(_answer("utter_faq/cost")) == (
        "utter_faq_plain/cost")
    # the plain version itself, or an answer two turns ago: no plainer one
    assert plain_response(_answer("utter_faq_plain/cost")) is None
    earlier = _answer("utter_faq/cost")[:2] + [
        {"event": "user", "text": "gracias"},
        {"event": "bot", "text": "De nada",
         "metadata": {"utter_action": "utter_thank"}},
        {"event": "user", "text": "no entendi"}]
    assert plain_response(earlier) is None
    assert plain_response(_answer("utter_faq/cost")[-1:]) is None


async def test_the_action_says_it_plainer_then_offers_a_person():
    domain: dict = {}  # the action server is not sent the responses
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(events=_answer("utter_faq/cost"),
                           text="no entendi")
    await ActionRepeatLast().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq_plain/cost"]
    again = CollectingDispatcher()
    tracker = make_tracker(events=_answer("utter_faq_plain/cost"),
                           text="sigo sin entender")
    await ActionRepeatLast().run(again, tracker, domain)
    assert again.messages[-1]["response"] == "utter_still_not_clear"
    assert again.messages[0]["text"] == "La tutoría..."
    mande = CollectingDispatcher()
    tracker = make_tracker(events=_answer("utter_faq/cost"),
                           text="mande?")
    await ActionRepeatLast().run(mande, tracker, domain)
    assert [m["text"] for m in mande.messages] == ["La tutoría..."]
