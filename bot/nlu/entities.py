"""Find the entities Puente uses in free text, in English and Spanish.

Deterministic on purpose: a zip code, a grade or a language named by a parent is a
closed set of spellings, and a rule never forgets one the way a model trained on a few
examples can. Values are normalised (``"español"`` -> ``"es"``).
"""

from __future__ import annotations

import re

from bot.lang.detect import OTHER
from bot.nlu.entity import Entity
from bot.nlu.program_entities import find_program_entities
from bot.text import fold

_LANGUAGE_NAMES = {
    "es": ["spanish", "espanol", "espaniol", "espanish", "castellano", "spanglish"],
    "en": ["english", "ingles", "engl", "inglish", "englis"],
}
_LANGUAGE = re.compile(
    r"\b(" + "|".join(n for names in _LANGUAGE_NAMES.values() for n in names) + r")\b"
)
_LANGUAGE_VALUE = {n: code for code, names in _LANGUAGE_NAMES.items() for n in names}
#: A language the parent does not speak or understand: "no entiendo bien el inglés"
#: asks for Spanish (it switched the conversation to English: an exploratory run).
_NOT_SPOKEN = re.compile(
    r"\b(?:no|don['’]?t|do not|can['’]?t|cannot)"
    r" (?:\w+ ){0,2}(?:entiendo|entiende|hablo|habla|se|leo|speak|understand|read|know)"
    r" (?:\w+ ){0,2}$")


def find_languages(text: str) -> list[Entity]:
    """Languages named in ``text`` ("English please", "en español").

    A language the parent says they do not speak or understand names the other
    one ("no hablo inglés" is Spanish).
    """
    folded = fold(text)
    if len(folded) != len(text):  # folding changed offsets: report on folded text
        text = folded
    entities = []
    for m in _LANGUAGE.finditer(folded):
        code = _LANGUAGE_VALUE[m.group(1)]
        if _NOT_SPOKEN.search(folded[: m.start()]):
            code = OTHER[code]
        entities.append(Entity("language", code, m.start(), m.end(),
                               text[m.start() : m.end()]))
    return entities


def find_entities(text: str) -> list[Entity]:
    """Every entity Puente extracts from ``text``."""
    search = find_program_entities(text)
    subjects = [(e.start, e.end) for e in search if e.entity == "subject"]
    # "inglés como segundo idioma" is a subject, not a request to switch language.
    languages = [e for e in find_languages(text)
                 if not any(start <= e.start < end for start, end in subjects)]
    return languages + search
