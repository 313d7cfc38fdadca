import pytest

from bot.safety import is_child_writing, is_crisis


@pytest.mark.parametrize(
    "text",
    [
        "my son wants to kill himself",
        "my daughter talks about suicide",
        "my kid is cutting herself",
        "I think my child is being abused by the tutor",
        "the tutor molested my son",
        "my husband beats my son",
        "my child is in danger",
        "this is an emergency",
        "emergancy my son",
        "he talks about sucide",
        "mi hija se quiere morir",
        "mi hijo habla de quitarse la vida",
        "creo que abusaron de mi hija",
        "el tutor maltrata a mi hijo",
        "le pegan en la casa",
        "es una emergencia",
        "mi hijo esta en peligro",
        "mi hija se corta",
        "abuso sexual",
    ],
)
def test_crisis_messages_are_recognised(text):
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is high impact tutoring",
        "my kid struggles in math",
        "cuanto cuesta la tutoria",
        "mi hijo necesita ayuda en lectura",
        "is online tutoring safe for kids",
        "who checks the tutors background",
    ],
)
def test_ordinary_questions_are_not_crises(text):
    assert not is_crisis(text)


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
    ],
)
def test_parents_are_not_mistaken_for_children(text):
    assert not is_child_writing(text)
