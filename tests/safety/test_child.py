"""A child writing is told kindly to talk with a trusted adult; parents are not."""

import pytest

from bot.safety.child import is_child_writing


@pytest.mark.parametrize(
    "text",
    [
        "I'm 11",
        "im 12 years old and i need help in math",
        "i am 14",
        "I'm in 5th grade",
        "tengo 12 años",
        "hola tengo 10 anos",
        "soy un niño",
        "estoy en quinto grado",
        # a student naming the grade (exploratory run 9)
        "soy alumna de 9no grado", "soy estudiante de 10mo y voy mal en quimica",
        "tengo 12 años y voy en 7mo",
    ],
)
def test_children_writing_are_recognised(text):
    assert is_child_writing(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm 35 and my son needs tutoring",
        "my son is 11",
        "mi hijo tiene 12 años",
        "tengo 2 hijos en la escuela",
        "I have 3 kids",
        "my daughter is in 5th grade",
        "I'm in South Gate",
        # time, how long, and how many: a working mother was told to ask her mom
        # (exploratory run 9)
        "tengo 10 minutos antes de entrar a trabajar, me explica rapido que es?",
        "tengo 2 minutos para hablar en la junta escolar, que digo?",
        "tengo 1 minuto nomas", "tengo 15 minutos de descanso",
        "tengo 10 años en este pais", "tengo 5 años viviendo aqui",
        "tengo 3 hijas", "soy estudiante de la universidad y quiero ser tutor",
    ],
)
def test_parents_are_not_mistaken_for_children(text):
    assert not is_child_writing(text)
