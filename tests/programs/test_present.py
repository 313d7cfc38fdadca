"""The program card a family reads, in each language, from the demo programs."""

import re

import pytest

from bot.lang import detect
from bot.programs.demo import DEMO_FILE
from bot.programs.hit import program_verdict
from bot.programs.importer import validate
from bot.programs.models import Program
from bot.programs.present import cost, match_values
from bot.programs.search import Match
from tests.content import responses, variation

CARD = responses()["utter_program_match"]
#: English words a Spanish card must not show ("tutor" is Spanish too).
ENGLISH_ONLY = (detect._ENGLISH_WORDS - detect._SPANISH_WORDS) - {"tutor", "son"}
ROWS = validate(DEMO_FILE.read_text("utf-8"))
PROGRAMS = [Program(**row) for row in ROWS]


def card(program: Program, language: str, miles: float | None = 1.2) -> str:
    """The card as the family sees it: the domain's sentence with the values."""
    values = match_values(Match(program, miles, program_verdict(program)), language)
    return variation(CARD, language)["text"].format(**values), values


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-záéíóúñü]+", text.lower()))


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.key for p in PROGRAMS])
def test_a_spanish_card_has_no_english_word(program):
    """Cost ("Free", "$10 a month"), subjects, format, languages: all in Spanish.

    The program's own name, provider and contact are names, not our words.
    """
    text, values = card(program, "es", None if program.format == "online" else 1.2)
    for own in ("name", "provider", "contact"):
        text = text.replace(values[own], "")
    leaked = words(text) & ENGLISH_ONLY
    assert not leaked, f"{leaked} in:\n{text}"


def test_the_first_demo_card_in_both_languages():
    first = PROGRAMS[0]  # Sunflower Math Circle: free, math and homework, en and es
    english, _ = card(first, "en")
    spanish, _ = card(first, "es")
    assert english.startswith("*Sunflower Math Circle* (demo data)\n")
    assert spanish.startswith("*Sunflower Math Circle* (datos de demostración)\n")
    assert "(demo) (" not in english + spanish  # said once
    assert "Subjects: math, homework. Languages: English, Spanish." in english
    assert "Materias: matemáticas, tarea. Idiomas: inglés, español." in spanish
    assert "In person, during the school day. Cost: free." in english
    assert "En persona, en horas de clase. Costo: gratis." in spanish
    assert "Has 4 key signs of high-impact tutoring (as the program reports)" in english
    assert "Tiene 4 señales clave de tutoría de alto impacto (según el programa)" in (
        spanish
    )
    assert "1.2 miles away. Contact: (323) 555-0100" in english
    assert "A 1.2 millas. Contacto: (323) 555-0100" in spanish


@pytest.mark.parametrize(
    "written, english, spanish",
    [
        ("Free", "free", "gratis"),
        ("$10 a month", "$10 a month", "$10 al mes"),
        ("$5 a session", "$5 a session", "$5 por sesión"),
        ("$25 per hour", "$25 an hour", "$25 la hora"),
        ("Gratis", "free", "gratis"),
    ],
)
def test_cost_in_the_familys_language(written, english, spanish):
    assert cost(written, "en") == english
    assert cost(written, "es") == spanish


def test_a_cost_in_the_programs_own_words_is_shown_in_its_language():
    """The importer asks for ``cost_es`` when Puente cannot say the cost itself."""
    written, written_es = "Sliding scale", "Según los ingresos de la familia"
    assert cost(written, "en", written_es) == "Sliding scale"
    assert cost(written, "es", written_es) == "Según los ingresos de la familia"


def test_a_spanish_card_never_shows_an_english_cost_imported_before_cost_es():
    program = Program(**{**ROWS[0], "cost": "Sliding scale", "cost_es": ""})
    spanish, _ = card(program, "es")
    assert "Costo: pregúntele al programa." in spanish
    assert "Sliding" not in spanish
