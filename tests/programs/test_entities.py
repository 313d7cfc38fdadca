"""Search entities from free text, in English and Spanish."""

import pytest

from bot.nlu.entities import find_entities


def _values(text: str) -> dict:
    return {e.entity: e.value for e in find_entities(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "is there tutoring near 90255 for my 3rd grader in math?",
            {"zip_code": "90255", "grade": "3", "subject": "math"},
        ),
        (
            "busco tutoría de lectura en español cerca de South Gate para sexto grado",
            {
                "language": "es",
                "city": "South Gate",
                "grade": "6",
                "subject": "reading",
            },
        ),
        (
            "my daughter is in third grade and needs reading help",
            {"grade": "3", "subject": "reading"},
        ),
        ("mi hijo está en 3er grado", {"grade": "3"}),
        ("va en tercero", {"grade": "3"}),
        ("kinder", {"grade": "0"}),
        ("está en kínder", {"grade": "0"}),
        ("12th", {"grade": "12"}),
        ("he is a senior", {"grade": "12"}),
        ("sexto", {"grade": "6"}),
        ("grade 5", {"grade": "5"}),
        ("matemáticas", {"subject": "math"}),
        ("necesita ayuda con la tarea", {"subject": "homework"}),
        ("ESL classes", {"subject": "english_learners"}),
        ("inglés como segundo idioma", {"subject": "english_learners"}),
        ("ciencias en línea", {"subject": "science", "format": "online"}),
        ("south gait", {"city": "South Gate"}),
        ("huntigton park", {"city": "Huntington Park"}),
        ("we live in Cudahy", {"city": "Cudahy"}),
        ("cerca de Whittier", {"city": "Whittier"}),
        ("99999", {"zip_code": "99999"}),  # kept: the form says it does not know it
    ],
)
def test_entities_in_both_languages(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "gracias",
        "talk to a person",
        "show more",
        "ver más",
        "quiero hablar con una persona",
        "in school",
    ],
)
def test_everyday_messages_have_no_search_entities(text):
    assert _values(text) == {}


def test_a_subject_is_not_mistaken_for_a_city():
    assert _values("reading") == {"subject": "reading"}  # not Redding, CA
