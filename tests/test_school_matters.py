"""Special education, credits and graduation: whom at the school to ask."""

import pytest

from bot.nlu.guard import SCHOOL_MATTER, no_topic_matter
from bot.nlu.school_matters import names_school_matter


@pytest.mark.parametrize("text", [
    "what is an IEP", "que es un IEP", "what's a 504", "que es un plan 504",
    "mi hijo tiene TDAH", "my daughter has dyslexia", "mi hijo tiene autismo",
    "how do i get my kid evaluated for special ed",
    "como pido una evaluacion para educacion especial",
    "necesita recuperar creditos", "needs to pass english and government to graduate",
    "mi hijo se quiere salir de la escuela", "SAT tutoring", "hay tutoria para el SAT?",
])
def test_names_a_school_matter(text):
    assert names_school_matter(text)


@pytest.mark.parametrize("text", [
    "what is high impact tutoring", "how do I add tutoring to his schedule",
    # a question about tutoring that names one keeps its topic (run 10)
    "my son wants to graduate on time, can tutoring help?",
    "my son has an IEP, can he get tutoring?",
    "my son sat next to his tutor", "cuanto cuesta la tutoria", "is it free?",
    "mi hijo va en 3ro y le cuesta leer",
])
def test_an_ordinary_question_names_none(text):
    assert not names_school_matter(text)


@pytest.mark.parametrize("label, confidence, expected", [
    ("out_of_scope", 0.99, SCHOOL_MATTER),  # "I can't answer that" with 211: no
    ("faq/eligibility", 0.35, SCHOOL_MATTER),  # two unrelated guesses: no
    ("faq/eligibility", 0.89, None),  # "can he get tutoring?": the topic answers
    (None, 0.0, SCHOOL_MATTER),
])
def test_a_school_matter_is_answered_only_where_no_topic_is(label, confidence,
                                                            expected):
    assert no_topic_matter("mi hijo tiene TDAH", label, confidence) == expected


def test_a_button_payload_or_an_ordinary_question_is_left_alone():
    assert no_topic_matter("/faq/eligibility", None, 0.0) is None
    assert no_topic_matter("que es la tutoria", "out_of_scope", 0.9) is None
