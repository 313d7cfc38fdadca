"""Text helpers shared by the NLU and the safety check."""

import pytest

from bot.text import question_part


@pytest.mark.parametrize("text, question", [
    ("hola, mi numero es 323-555-0199, que es la tutoria?", "que es la tutoria?"),
    ("Hi! my name is Ana. Is tutoring free?", "Is tutoring free?"),
    ("soy la mama de Juan, cuanto cuesta", "cuanto cuesta"),
    ("hola que es la tutoria", "que es la tutoria"),
    ("Buenos días, ¿cuántas sesiones por semana?", "¿cuántas sesiones por semana?"),
    ("Buenos días que es la tutoria", "que es la tutoria"),
    # What says something about the child stays.
    ("Hi, I am worried, my son is failing math",
     "I am worried, my son is failing math"),
])
def test_greeting_and_introduction_are_set_aside(text, question):
    assert question_part(text) == question


@pytest.mark.parametrize("text", ["hola", "Hi there", "hola, buenos dias",
                                  "hola, gracias", "hi, 90210", "What are the hours?",
                                  "I have a question. Is it free?"])
def test_a_message_with_nothing_else_is_kept_whole(text):
    assert question_part(text) == text
