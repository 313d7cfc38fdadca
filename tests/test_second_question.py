"""More questions in one message: each answered (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionSecondAnswer
from bot.nlu.second_question import entity, more_topics, question_parts
from bot.policies.second_question import SecondQuestionPolicy
from tests.trackers import conversation as tracker
from tests.trackers import make_tracker


@pytest.mark.parametrize("text, parts", [
    ("cuanto cuesta y quien da las clases?", ["cuanto cuesta", "quien da las clases"]),
    ("is it free and who are the tutors?", ["is it free", "who are the tutors"]),
    ("es gratis? y donde es?", ["es gratis", "donde es"]),
    ("quien paga y como me inscribo?", ["quien paga", "como me inscribo"]),
    # run 19: three questions, the schedule alone answered
    ("cuanto cuesta, quien da las clases y cuantas veces a la semana?",
     ["cuanto cuesta", "quien da las clases", "cuantas veces a la semana"]),
    ("is it free, is it online or in person, and how do i sign my daughter up?",
     ["is it free", "is it online or in person", "how do i sign my daughter up"]),
    # run 21: "also is it online?" dropped
    ("who are the tutors and do they do background checks, also is it online?",
     ["who are the tutors", "do they do background checks", "is it online"]),
    ("cuanto cuesta, tambien cuantas veces a la semana?",
     ["cuanto cuesta", "cuantas veces a la semana"]),
    # run 22: "and also who..." dropped
    ("is it online or in person, and also who are the tutors",
     ["is it online or in person", "who are the tutors"]),
    ("quien da la tutoria y ademas es en la escuela o en linea",
     ["quien da la tutoria", "es en la escuela o en linea"]),
    # one question, or "y" inside one
    ("que es la tutoria de alto impacto", []),
    ("mi hijo y mi hija necesitan ayuda", []),
    ("how much and when?", []),  # too short to tell apart
])
def test_a_message_is_split_where_a_second_question_starts(text, parts):
    assert question_parts(text) == parts


TOPICS = {"cuanto cuesta": ("faq/cost", 0.97),
          "quien da las clases": ("faq/tutors", 0.9),
          "cuantas veces a la semana": ("faq/schedule", 0.92),
          "es gratis": ("faq/cost", 0.95), "donde es": ("faq/setting", 0.5)}


def best(text):
    return TOPICS.get(text, ("nlu_fallback", 0.2))


def test_the_other_topics_are_other_faq_topics_the_model_is_sure_of():
    assert more_topics("cuanto cuesta y quien da las clases?", "faq/cost",
                       best) == ["faq/tutors"]
    assert more_topics("cuanto cuesta, quien da las clases y cuantas veces a la "
                       "semana?", "faq/schedule", best) == ["faq/cost", "faq/tutors"]
    # the answered topic, an unsure part, or no FAQ answer: nothing more
    assert more_topics("es gratis? y donde es?", "faq/cost", best) == []
    assert more_topics("cuanto cuesta y quien da las clases?", "find_program",
                       best) == []


QUESTION = "cuanto cuesta y quien da las clases?"


def asked_two():
    return UserUttered(QUESTION, {"name": "faq", "confidence": 0.97,
                                  "full_retrieval_intent_name": "faq/cost"},
                       [entity("faq/tutors", QUESTION)])


def test_the_policy_answers_the_second_after_the_first_then_listens():
    answered = tracker(asked_two(), ActionExecuted("utter_faq"),
                       BotUttered("Cuesta..."))
    assert SecondQuestionPolicy.decide(None, answered) == ("action_second_answer", [])
    both = tracker(asked_two(), ActionExecuted("utter_faq"),
                   ActionExecuted("action_second_answer"))
    assert SecondQuestionPolicy.decide(None, both) == ("action_listen", [])
    one = tracker(UserUttered("cuanto cuesta", {"name": "faq"}),
                  ActionExecuted("utter_faq"))
    assert SecondQuestionPolicy.decide(None, one) == (None, [])


async def test_the_action_says_those_topics_answers():
    dispatcher = CollectingDispatcher()
    await ActionSecondAnswer().run(dispatcher, make_tracker(
        intent="faq", text=QUESTION, entities=[entity("faq/tutors", QUESTION),
                                               entity("faq/schedule", QUESTION)]), {})
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/tutors", "utter_faq/schedule"]
