"""A follow-up that narrows the programs just shown searches again (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.search_follow_up import refinement

START = (ActionExecuted("action_session_start"), ActionExecuted("action_listen"))
#: A search for 3rd-grade math near 90255, its results, and Puente listening.
SEARCHED = (
    *START,
    UserUttered("find tutoring for my 3rd grader in math near 90255",
                {"name": "find_program", "confidence": 1.0}),
    SlotSet("program_grade", "3"), SlotSet("program_subject", "math"),
    SlotSet("program_location", "90255"),
    ActionExecuted("program_search_form"), ActiveLoop(None),
    ActionExecuted("action_search_programs"), ActionExecuted("action_listen"),
)


def then(text, intent, *slots):
    """The family's next message and the slots Rasa filled from it."""
    return (UserUttered(text, {"name": intent, "confidence": 0.9}),
            ActionExecuted("action_extract_slots"), *slots)


def online(text, intent="faq"):
    """A message naming "online", which Rasa reads into no slot outside a request."""
    return (UserUttered(text, {"name": intent, "confidence": 0.9},
                        [{"entity": "format", "value": "online"}]),
            ActionExecuted("action_extract_slots"))


ONLINE = [SlotSet("program_format", "online")]


def tracker(*events):
    return DialogueStateTracker.from_events("test", list(events))


@pytest.mark.parametrize("text", ["any that are online?", "¿y hay en línea?"])
def test_online_asked_after_the_results_is_set_here(text):
    """Rasa fills program_format from a search request only: "is online tutoring as
    good as in person?" must not keep every later search online."""
    assert refinement(tracker(*SEARCHED, *online(text))) == ONLINE
    # read by Rasa from a search detail given (inform): nothing left to set
    assert refinement(tracker(*SEARCHED, *online(text, "inform"), *ONLINE)) == []


@pytest.mark.parametrize("text, intent, slot", [
    ("what about reading", "inform", SlotSet("program_subject", "reading")),
    ("y para mi hijo de 8vo?", "out_of_scope", SlotSet("program_grade", "8")),
    ("any in south gate", "nlu_fallback",
     SlotSet("program_location", "South Gate")),
])
def test_a_short_message_that_changes_a_detail_searches_again(text, intent, slot):
    assert refinement(tracker(*SEARCHED, *then(text, intent, slot))) == []


def test_the_language_programs_teach_in_is_set_here():
    """Rasa fills program_language from a search request only."""
    asked = UserUttered("which one has a tutor who speaks spanish",
                        {"name": "faq", "confidence": 0.5},
                        [{"entity": "language", "value": "es"}])
    assert refinement(tracker(*SEARCHED, asked)) == [SlotSet("program_language", "es")]
    switch = UserUttered("en español por favor", {"name": "change_language"},
                         [{"entity": "language", "value": "es"}])
    assert refinement(tracker(*SEARCHED, switch)) is None


@pytest.mark.parametrize("text, language", [
    ("es en español?", "es"), ("¿lo dan en español?", "es"),
    ("do they speak spanish?", "es"), ("is it in Spanish?", "es"),
    ("los tutores hablan español?", "es"),
])
def test_a_question_about_their_language_narrows_them(text, language):
    """It switched the conversation's language and answered nothing (an
    exploratory run); the conversation keeps its language (test_policies)."""
    asked = UserUttered(text, {"name": "change_language", "confidence": 0.8},
                        [{"entity": "language", "value": language}])
    assert refinement(tracker(*SEARCHED, asked)) == [
        SlotSet("program_language", language)]


@pytest.mark.parametrize("text", ["english please", "can you write in english?",
                                  "hablame en ingles", "ingles"])
def test_a_request_to_switch_is_no_question_about_them(text):
    switch = UserUttered(text, {"name": "change_language", "confidence": 0.9},
                         [{"entity": "language", "value": "en"}])
    assert refinement(tracker(*SEARCHED, switch)) is None


def test_when_programs_meet_is_set_here():
    """"any on saturdays?": Rasa fills program_when from a search request only."""
    asked = UserUttered("any on saturdays?", {"name": "nlu_fallback"},
                        [{"entity": "when", "value": "weekends"}])
    weekends = [SlotSet("program_when", "weekends")]
    assert refinement(tracker(*SEARCHED, asked)) == weekends


def test_a_few_messages_after_the_results_too():
    """"y para lectura?" after "is sunflower free?" or "english please"."""
    between = (*then("english please", "change_language"),
               ActionExecuted("utter_language_switched"),
               ActionExecuted("action_listen"),
               *then("is sunflower free?", "faq"),
               ActionExecuted("action_about_shown_program"),
               ActionExecuted("action_listen"))
    reading = then("any for reading?", "faq", SlotSet("program_subject", "reading"))
    assert refinement(tracker(*SEARCHED, *between, *reading)) == []


def test_a_new_place_after_online_programs_looks_near_it():
    shown_online = (*online("any online?"), *ONLINE,
                    ActionExecuted("program_search_form"),
                    ActionExecuted("action_search_programs"),
                    ActionExecuted("action_listen"))
    place = then("y en el 90011?", "inform", SlotSet("program_location", "90011"))
    assert refinement(tracker(*SEARCHED, *shown_online, *place)) == [
        SlotSet("program_format", None)]


def test_after_show_more_too():
    more = (*SEARCHED,
            UserUttered("/show_more_programs", {"name": "show_more_programs"}),
            ActionExecuted("action_show_more_programs"),
            ActionExecuted("action_listen"))
    assert refinement(tracker(*more, *online("online ones?"))) == ONLINE


@pytest.mark.parametrize("events", [
    # the same detail again is a question, not a new search
    (*SEARCHED, *then("math tutoring works?", "faq",
                      SlotSet("program_subject", "math"))),
    # a question of its own, however it names a detail
    (*SEARCHED, *online("Is online tutoring really as good as tutoring in person?")),
    # never in the way of a crisis, a goodbye or a person
    (*SEARCHED, *online("online? i can't do this anymore", "crisis")),
    (*SEARCHED, *online("online ok bye", "goodbye")),
    # no details changed
    (*SEARCHED, *then("is the first one free?", "faq")),
    # results three messages back or more: a new question
    (*SEARCHED, *[event for question in ("what is hit", "who pays", "how often")
                  for event in (*then(question, "faq"), ActionExecuted("utter_faq"),
                                ActionExecuted("action_listen"))],
     *online("any online?")),
    # already answered
    (*SEARCHED, *online("any online?"), *ONLINE, ActionExecuted("program_search_form")),
])
def test_anything_else_keeps_its_own_answer(events):
    assert refinement(tracker(*events)) is None
