"""Back, Start over and Stop in the two forms: which answers they forget."""

import pytest

from bot.advocacy.forms import CHECKLIST, MESSAGE, back, filled, slots_of


def test_each_form_asks_its_questions_in_order():
    assert slots_of("checklist_form") == (
        "hit_sessions", "hit_same_tutor", "hit_group_size",
        "hit_school_day", "hit_class_link", "hit_updates",
    )
    assert slots_of("message_form") == (
        "msg_school", "msg_recipient", "msg_grade", "msg_subject", "msg_language",
    )
    assert slots_of("program_search_form") == ()  # not ours: Back forgets nothing
    assert slots_of(None) == ()


@pytest.mark.parametrize(
    "requested, emptied",
    [
        ("hit_group_size", ("hit_same_tutor", "hit_group_size")),
        ("hit_sessions", ("hit_sessions",)),  # the first question is asked again
        (None, ("hit_updates",)),  # after the last answer: forget it
    ],
)
def test_back_empties_the_previous_answer_and_the_current_question(requested, emptied):
    assert back(CHECKLIST.slots, requested) == emptied


def test_back_outside_a_form_empties_nothing():
    assert back((), "hit_sessions") == ()


def test_only_slots_holding_an_answer_are_forgotten():
    """An emptied slot that was already empty would read as a bad answer."""
    values = {"msg_school": "Lincoln", "msg_recipient": None, "msg_grade": "3"}
    assert filled(MESSAGE.slots, values) == ["msg_school", "msg_grade"]


def test_each_form_has_its_own_kind_try_again_response():
    assert CHECKLIST.not_understood == "utter_checklist_not_understood"
    assert MESSAGE.not_understood == "utter_message_not_understood"
