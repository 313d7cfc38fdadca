"""Reading a parent's answer to each form question, without Rasa."""

import pytest

from bot.advocacy.answers import MAX_TYPED, READERS, read, typed
from bot.advocacy.forms import CHECKLIST, MESSAGE


def said(intent="inform", **entities):
    """The latest message's NLU output, as Rasa gives it to the action server."""
    return {
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [{"entity": name, "value": value}
                     for name, value in entities.items()],
    }


@pytest.mark.parametrize(
    "value, expected",
    [
        ("  Escuela   Lincoln ", "Escuela Lincoln"),
        ("/affirm", None),  # a button's payload is not typed text
        ("", None),
        (None, None),
        ("x" * (MAX_TYPED + 1), None),  # a pasted paragraph, not a school name
    ],
)
def test_only_short_typed_text_counts_as_typed(value, expected):
    assert typed(value) == expected


@pytest.mark.parametrize(
    "text, intent, language, expected",
    [
        ("dos veces por semana", "faq/schedule", "es", "no"),  # typed words win
        ("yes but only twice a week", "affirm", "en", "no"),
        ("/affirm", "affirm", "en", "yes"),  # the button's intent
        ("/deny", "deny", "es", "no"),
        ("/answer_unsure", "answer_unsure", "en", "unsure"),
        ("no sé", "nlu_fallback", "es", "unsure"),
        ("purple", "nlu_fallback", "en", None),
    ],
)
def test_checklist_answers_from_words_or_buttons(text, intent, language, expected):
    assert read("hit_sessions", text, said(intent), language) == expected


def test_a_checklist_slot_emptied_by_back_reads_as_no_answer():
    assert read("hit_sessions", None, said("affirm"), "en") is None


@pytest.mark.parametrize(
    "language, text, expected",
    [("en", "only in English", "yes"), ("es", "solo en inglés", "no")],
)
def test_a_language_named_answers_updates_in_the_conversations_language(
    language, text, expected
):
    assert read("hit_updates", text, said("change_language"), language) == expected


@pytest.mark.parametrize(
    "slot, text, entities, expected",
    [
        ("msg_school", "Escuela Lincoln", {}, "Escuela Lincoln"),
        ("msg_school", "/inform", {}, None),
        ("msg_recipient", "la directora", {}, "principal"),
        ("msg_recipient", "/inform", {"advocacy_choice": "city_council"},
         "city_council"),
        ("msg_recipient", "banana", {}, None),
        # a button for another question does not answer this one
        ("msg_recipient", "the teacher", {"advocacy_choice": "math"}, "teacher"),
        ("msg_grade", "tercer grado", {"grade": "3"}, "3"),
        ("msg_grade", "segundo de secundaria", {}, "segundo de secundaria"),
        ("msg_subject", "/inform", {"advocacy_choice": "reading"}, "reading"),
        ("msg_subject", "matemáticas", {"subject": "math"}, "math"),
        ("msg_subject", "chess club", {}, "chess club"),
        ("msg_language", "los dos", {}, "both"),
        ("msg_language", "/inform", {"advocacy_choice": "es"}, "es"),
        ("msg_language", "in French", {}, None),
    ],
)
def test_message_details_from_words_buttons_or_entities(slot, text, entities, expected):
    assert read(slot, text, said(**entities), "es") == expected


def test_every_question_of_both_forms_has_a_reader():
    assert set(READERS) == {*CHECKLIST.slots, *MESSAGE.slots}
