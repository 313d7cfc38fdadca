"""Entities of a program search: zip code, city, grade, subject and format, EN and ES.

Rules rather than a model, like the language entity: "3rd", "tercero", "third
grade" and "3er grado" are a closed list, and a misspelled city ("south gait") is
matched against real names. Values are normalised: grade "0" (kindergarten) to
"12", subjects as in :data:`bot.programs.models.SUBJECTS`, cities as spelled in the
zip code data. A 5-digit zip code is always extracted, even when unknown, so the
form can say which one it does not know instead of asking again blindly.
"""

from __future__ import annotations

import difflib
import re
from typing import Dict, Iterator, List, Tuple

from bot.nlu.entity import Entity
from bot.programs.geo import CITY_CUTOFF, LOCAL_CITIES, california_cities, match_city
from bot.text import fold

_ZIP = re.compile(r"(?<!\d)(\d{5})(?!\d)")

_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "primer": 1,
    "primero": 1,
    "segundo": 2,
    "tercer": 3,
    "tercero": 3,
    "cuarto": 4,
    "quinto": 5,
    "sexto": 6,
    "septimo": 7,
    "setimo": 7,
    "octavo": 8,
    "noveno": 9,
    "decimo": 10,
    "undecimo": 11,
    "onceavo": 11,
    "duodecimo": 12,
    "doceavo": 12,
}
#: Ordinals that mean a grade on their own ("para sexto"); the others ("second",
#: "cuarto" = room) need "grade"/"grado" beside them.
_STANDALONE = {
    "tercero",
    "quinto",
    "sexto",
    "septimo",
    "octavo",
    "noveno",
    "decimo",
    "undecimo",
    "onceavo",
    "duodecimo",
    "doceavo",
}
_KINDER = r"kinder|kindergarten|kindergarden|kinder garden|transitional kindergarten|tk"
_NUMBER_SUFFIX = r"st|nd|rd|th|er|ero|ro|do|to|vo|mo|no|o|a|°"
_CUE = r"(?:grade|grader|graders|grado|ano)"
_GRADE_PATTERNS: List[Tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{_KINDER})\b"), "kinder"),
    (re.compile(rf"\b(1[0-2]|[1-9])\s?(?:{_NUMBER_SUFFIX})\b"), "number"),
    (re.compile(rf"\b{_CUE}\s+(1[0-2]|[1-9]|k)\b"), "number"),
    (re.compile(r"\b(1[0-2]|[1-9])\s+(?:grade|grader|graders)\b"), "number"),
    (re.compile(rf"\b({'|'.join(_ORDINAL_WORDS)})\s+{_CUE}\b"), "word"),
    (re.compile(rf"\b{_CUE}\s+(?:de\s+)?({'|'.join(_ORDINAL_WORDS)})\b"), "word"),
    (re.compile(rf"\b({'|'.join(_STANDALONE)})\b"), "word"),
    (re.compile(r"\b(senior|junior|sophomore|freshman)\b(?!\s+high)"), "year"),
    (re.compile(r"^\s*(1[0-2]|[0-9])\s*$"), "number"),
]
_YEARS = {"freshman": 9, "sophomore": 10, "junior": 11, "senior": 12}

_SUBJECT_WORDS: Dict[str, List[str]] = {
    "math": [
        "math",
        "maths",
        "mathematics",
        "matematica",
        "matematicas",
        "mate",
        "mates",
        "algebra",
        "geometry",
        "geometria",
        "arithmetic",
        "aritmetica",
    ],
    "reading": ["reading", "read", "lectura", "leer", "phonics", "fonetica"],
    "writing": ["writing", "write", "escritura", "escribir", "redaccion"],
    "science": ["science", "sciences", "ciencia", "ciencias"],
    "english_learners": [
        "esl",
        "eld",
        "ell",
        "english learner",
        "english learners",
        "english as a second language",
        "ingles como segundo idioma",
        "clases de ingles",
        "aprender ingles",
    ],
    "homework": ["homework", "tarea", "tareas"],
}
_SUBJECT = re.compile(
    r"\b("
    + "|".join(
        sorted(
            (re.escape(w) for words in _SUBJECT_WORDS.values() for w in words),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
_SUBJECT_VALUE = {w: s for s, words in _SUBJECT_WORDS.items() for w in words}

_FORMAT_WORDS = {
    "online": ["online", "virtual", "en linea", "by video", "por video", "zoom"],
    "in_person": ["in person", "in-person", "en persona", "presencial"],
}
_FORMAT = re.compile(
    r"\b(" + "|".join(w for ws in _FORMAT_WORDS.values() for w in ws) + r")\b"
)
_FORMAT_VALUE = {w: f for f, words in _FORMAT_WORDS.items() for w in words}

#: Words after which any California city name counts ("cerca de Whittier").
_LOCATION_CUE = re.compile(r"\b(?:near|in|around|by|cerca de|en|de|por)\s+$")
_WORD = re.compile(r"[a-z]+")
_LOCAL = {fold(c): c for c in LOCAL_CITIES}
#: Shorter names match only when spelled right ("bell" is not "well").
_FUZZY_MIN_LENGTH = 6


def _grade_value(kind: str, text: str) -> int:
    if kind == "kinder" or text == "k":
        return 0
    if kind == "word":
        return _ORDINAL_WORDS[text]
    if kind == "year":
        return _YEARS[text]
    return int(text)


def find_grades(folded: str) -> Iterator[Entity]:
    """Return the first grade named in ``folded`` text."""
    for pattern, kind in _GRADE_PATTERNS:
        match = pattern.search(folded)
        if match:
            span = match.span(1) if match.groups() else match.span()
            text = folded[span[0] : span[1]]
            yield Entity("grade", str(_grade_value(kind, text)), *match.span(), text)
            return


def find_subjects(folded: str) -> Iterator[Entity]:
    """Subjects named in ``folded`` text, normalised."""
    seen = set()
    for m in _SUBJECT.finditer(folded):
        value = _SUBJECT_VALUE[m.group(1)]
        if value not in seen:
            seen.add(value)
            yield Entity("subject", value, m.start(), m.end(), m.group(1))


def find_formats(folded: str) -> Iterator[Entity]:
    """In person or online."""
    for m in _FORMAT.finditer(folded):
        yield Entity(
            "format", _FORMAT_VALUE[m.group(1)], m.start(), m.end(), m.group(1)
        )
        return


def find_zip_codes(folded: str) -> Iterator[Entity]:
    """Every 5-digit number: the form checks it is a real zip code."""
    for m in _ZIP.finditer(folded):
        yield Entity("zip_code", m.group(1), m.start(), m.end(), m.group(1))


def find_cities(folded: str, whole_message: bool = True) -> Iterator[Entity]:
    """Find cities: Southeast LA names, misspelled too; a CA city after "near"/"cerca".

    ``whole_message``: a short message may be just a city ("south gait"), matched
    fuzzily against every California city; off when it already named something
    else ("reading" is a subject, not Redding).
    """
    words = list(_WORD.finditer(folded))
    if (
        whole_message and words and len(words) <= 3
    ):  # the answer to "Which city?": the whole message
        city = match_city(folded)
        if city:
            yield Entity(
                "city",
                city,
                words[0].start(),
                words[-1].end(),
                folded[words[0].start() : words[-1].end()],
            )
            return
    cities = california_cities()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            start, end = words[i].start(), words[i + size - 1].end()
            phrase = " ".join(w.group() for w in words[i : i + size])
            city = _local_city(phrase)
            if (
                city is None
                and phrase in cities
                and _LOCATION_CUE.search(folded[:start])
            ):
                city = cities[phrase][0]
            if city:
                yield Entity("city", city, start, end, folded[start:end])
                return


def _local_city(phrase: str) -> str | None:
    if phrase in _LOCAL:
        return _LOCAL[phrase]
    candidates = [
        c
        for c in _LOCAL
        if len(c) >= _FUZZY_MIN_LENGTH and c.count(" ") == phrase.count(" ")
    ]
    close = difflib.get_close_matches(phrase, candidates, n=1, cutoff=CITY_CUTOFF)
    return _LOCAL[close[0]] if close else None


def find_program_entities(text: str) -> List[Entity]:
    """Every search entity in ``text`` (offsets on the folded text, like languages)."""
    folded = fold(text)
    others = [
        *find_zip_codes(folded),
        *find_grades(folded),
        *find_subjects(folded),
        *find_formats(folded),
    ]
    return [*find_cities(folded, whole_message=not others), *others]
