"""A family asking Puente to do homework gets what Puente can do instead."""

import pytest

from bot.nlu.guard import HOMEWORK, no_topic_matter
from bot.nlu.homework import asks_for_homework


@pytest.mark.parametrize("text", [
    # exploratory runs 11 to 13: the out-of-scope answer, with 211 for rent
    "can you do my sons homework", "puedes hacer la tarea de mi hijo?",
    "me ayudas con la tarea de mate?", "Can you help my son with his homework?",
    "¿Me puede ayudar con la tarea?", "hazme la tarea porfa", "cuánto es 7x8",
    "whats 7 x 8", "solve for x: 2x+3=7", "Ayúdame con mi tarea de inglés",
    "could you check my daughter's essay", "help me with my math homework",
    "me resuelves este problema?", "Me podrías resolver estos ejercicios",
    "please do my homework",
    # run 15: the out-of-scope answer
    "what is photosynthesis, its for my sons homework", "es para la tarea de mi hija",
    # run 15: the program search
    "can u help w his math hw", "could you help her w/ her fractions",
    # run 17: a topic, the three ways or the out-of-scope answer
    "me puede ayudar con la tarea de mate de mi hijo?",
    "can you do my daughter's reading homework",
    "help me with 5th grade fractions homework pls",
    "can u help me with my kid's math homework",
    # run 18: the out-of-scope answer, "not sure"
    "write my kid's book report", "help me solve these algebra homework problems",
    "me explicas la tarea de mi hijo?"])
def test_a_request_to_do_homework_is_named(text):
    assert asks_for_homework(text)


@pytest.mark.parametrize("text", [
    "la tutoria es solo ayuda con la tarea?", "is tutoring just homework help?",
    "how do I get help with homework", "my son never does his homework",
    "mi hijo no hace la tarea", "do tutors help with homework?",
    "le ayudan con la tarea en el programa?", "cuantos alumnos hay por tutor",
    "what is high impact tutoring", "can you help me find tutoring for his math",
    "do tutors help with homework?", "how can I help him with his homework at home"])
def test_a_question_about_homework_is_no_request(text):
    assert not asks_for_homework(text)


@pytest.mark.parametrize("label, confidence, expected", [
    ("out_of_scope", 0.99, HOMEWORK),
    ("faq/family_role", 0.45, HOMEWORK),  # unsure of a topic
    # sure of a search or a form's answer for the subject named (run 15), of how
    # to help at home (run 17)
    ("inform", 0.6, HOMEWORK), ("find_program", 0.9, HOMEWORK),
    ("faq/family_role", 0.8, HOMEWORK),
])
def test_a_request_to_do_homework_is_one_however_sure_a_topic(label, confidence,
                                                              expected):
    assert no_topic_matter("can you do my sons homework", label, confidence) == expected
