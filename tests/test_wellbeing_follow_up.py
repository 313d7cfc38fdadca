"""Right after the care, "que hago?" gets the next steps (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered

from bot.policies.wellbeing_follow_up import WellbeingFollowUpPolicy, asks_after_care
from bot.safety.wellbeing import asks_next_step
from tests.trackers import conversation as tracker
from tests.trackers import said as asked

CARE = (asked("mi hija llora cada mañana", "child_wellbeing", 1.0),
        ActionExecuted("utter_child_wellbeing"), BotUttered("Siento mucho..."),
        ActionExecuted("action_listen"))


@pytest.mark.parametrize("text", [
    "que hago?", "como hablo con el consejero?", "y si la escuela no hace nada?",
    "what do I do", "who should I talk to", "how do I talk to the counselor?",
    "what if the school does nothing?",
])
def test_next_steps_are_asked(text):
    assert asks_next_step(text)


@pytest.mark.parametrize("text", ["gracias", "what is high impact tutoring", "ok"])
def test_other_messages_ask_no_next_step(text):
    assert not asks_next_step(text)


def test_right_after_the_care_the_next_steps_then_listen():
    question = tracker(*CARE, asked("que hago?", "nlu_fallback", 0.35))
    policy_next = WellbeingFollowUpPolicy.decide
    assert policy_next(None, question) == ("utter_child_wellbeing_next", [])
    # after a late welcome, too
    welcomed = tracker(*CARE, asked("y que hago?"), ActionExecuted("action_welcome"),
                       BotUttered("¡Hola! Soy Puente"), ActionExecuted("action_listen"))
    assert asks_after_care(welcomed)
    answered = tracker(*CARE, asked("que hago?"),
                       ActionExecuted("utter_child_wellbeing_next"))
    assert policy_next(None, answered) == ("action_listen", [])


@pytest.mark.parametrize("events", [
    # not right after the care
    (*CARE, asked("cuanto cuesta?", "faq", 0.9), ActionExecuted("utter_faq"),
     BotUttered("..."), ActionExecuted("action_listen"), asked("que hago?")),
    # a question Puente answers surely, a crisis, a person: their own answers
    (*CARE, asked("how do I ask the school for tutoring?", "faq", 0.9)),
    (*CARE, asked("que hago? se quiere morir", "crisis", 1.0)),
    (*CARE, asked("con quien hablo, una persona", "human_handoff", 0.9)),
    # inside a form
    (*CARE, ActiveLoop("program_search_form"), asked("que hago?")),
])
def test_otherwise_nothing(events):
    assert not asks_after_care(tracker(*events))
