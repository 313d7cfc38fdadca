"""How families name a school grade, in English and Spanish: the words, as data.

Two readers share these lists, and must agree: the language detector
(:mod:`bot.lang.detect`), for which "5to" is Spanish and a lone grade answer says
too little to switch a conversation's language, and the grade entity
(:mod:`bot.nlu.program_entities`), which turns "5to", "fifth" or "primero de
primaria" into grade "5" or "1". Kept free of heavy imports, like the detector.

All words are folded (:func:`bot.text.fold`): lower case, no accents; folding also
turns the ordinal indicators "º" and "ª" into "o" and "a" ("5º" reads "5o").
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Tuple

from bot.text import alternation

ENGLISH = "en"
SPANISH = "es"

#: Ordinal words and the grade they name, by language. The apocopated Spanish
#: forms ("primer", "tercer") only ever come before a noun ("primer grado").
ORDINAL_WORDS: Dict[str, Dict[str, int]] = {
    ENGLISH: {
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
    },
    SPANISH: {
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
    },
}

#: Ordinals that name a grade on their own inside a sentence ("para sexto"). The
#: others also mean something else there: "primero quiero saber..." (first of all),
#: "segundo" (a second), "cuarto" (a room), "second", "first": they name a grade
#: only as the whole answer, or beside a word about school ("en primero",
#: "primer grado", "primero de primaria"); so does "fourth" (the fourth tutor).
#: "oops its eighth not seventh" changed no letter (exploratory run 27).
STANDALONE_ORDINALS: FrozenSet[str] = frozenset(
    {
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "tercero",
        "quinto",
        "sexto",
        "septimo",
        "setimo",
        "octavo",
        "noveno",
        "decimo",
        "undecimo",
        "onceavo",
        "duodecimo",
        "doceavo",
    }
)

#: Forms that only stand before a noun: never a whole answer or "en primer" alone.
BEFORE_NOUN_ONLY: FrozenSet[str] = frozenset({"primer", "tercer"})

#: Letters written after a grade's number ("3rd", "5to", "1er", "2º"), by language.
#: Spanish also writes "º"/"ª" (folded "o"/"a", also typed so) or a degree sign.
NUMBER_SUFFIXES: Dict[str, Tuple[str, ...]] = {
    ENGLISH: ("st", "nd", "rd", "th"),
    SPANISH: ("ero", "er", "ro", "do", "to", "mo", "vo", "no", "o", "a", "º", "ª",
              "°"),
}
#: Suffixes that may stand apart from the number ("3 rd", "1 er"): the others are
#: words or letters too ("de 3 a 5", "from 3 to 5", "1 o 2").
SPACED_SUFFIXES: FrozenSet[str] = frozenset({"st", "nd", "rd", "th", "ero", "er", "ro"})

#: Kindergarten, and what comes just before it, as the grade "0". California's
#: transitional kindergarten (TK) is the year parents also call pre-K.
KINDER_WORDS: Tuple[str, ...] = (
    "transitional kindergarten",
    "kinder garden",
    "kindergarten",
    "kindergarden",
    "prekindergarten",
    "pre-kindergarten",
    "pre kinder",
    "pre-kinder",
    "prekinder",
    "pre-k",
    "pre k",
    "prek",
    "kinder",
    "tk",
)

#: Words that say a number or an ordinal is a grade ("grade 3", "3er grado").
GRADE_CUES: Tuple[str, ...] = ("grade", "grader", "graders", "grado", "ano")

#: School levels and the grades before them: "primero de secundaria" is 7th grade
#: (six years of primaria come first), "segundo de prepa" 11th.
SCHOOL_LEVELS: Dict[str, int] = {
    "primaria": 0,
    "secundaria": 6,
    "secu": 6,
    "preparatoria": 9,
    "prepa": 9,
}

#: The grades a school level named alone may mean, to offer as buttons: "prepa",
#: "secundaria" or "high school" typed for the grade looped on "which grade?"
#: (exploratory run 16; "en la secu", "he's in hs": run 17). "Secundaria" is 7th to
#: 9th in Mexico, often middle school (6th to 8th) in US Spanish: both are offered.
LEVEL_GRADES: Dict[str, Tuple[int, ...]] = {
    "primaria": (0, 1, 2, 3, 4, 5, 6),
    "elementary": (0, 1, 2, 3, 4, 5),
    "elementary school": (0, 1, 2, 3, 4, 5),
    "secundaria": (6, 7, 8, 9),
    "secu": (6, 7, 8, 9),
    "middle": (6, 7, 8),
    "middle school": (6, 7, 8),
    "junior high": (6, 7, 8),
    "jr high": (6, 7, 8),
    "prepa": (9, 10, 11, 12),
    "preparatoria": (9, 10, 11, 12),
    "high": (9, 10, 11, 12),
    "high school": (9, 10, 11, 12),
    "hs": (9, 10, 11, 12),
}
_LEVEL_ANSWER = re.compile(
    r"^\W*(?:(?:mi|my|hij[oa]|nin[oa]|son|daughter|kid|va|esta|anda|is|hes|shes|he"
    r"|she|s|en|in|la|el|the|de|a)\W+)*(" + "|".join(
        sorted(LEVEL_GRADES, key=len, reverse=True)) + r")\W*$")


def level_grades(folded: str) -> Tuple[int, ...] | None:
    """Return the grades of a level a folded answer names alone ("va en la prepa")."""
    match = _LEVEL_ANSWER.match(folded)
    return LEVEL_GRADES[match.group(1)] if match else None


def grade_within_level(grade: str, offered: Tuple[int, ...], language: str) -> str:
    """Read "segundo" typed right after the grades of "secundaria" as 8th, not 2nd.

    ``offered``: the grades just offered as buttons for a level the family named
    (:data:`LEVEL_GRADES`). A Mexican or Central American family then types the
    year within the level, as its schools count ("segundo de secundaria"): 2nd
    grade reached the search and the letter (exploratory runs 17 and 18). Spanish
    only, for a level that counts on from the one before it (:data:`SCHOOL_LEVELS`),
    and its first three years.
    """
    offset = next((SCHOOL_LEVELS[level] for level in SCHOOL_LEVELS
                   if LEVEL_GRADES.get(level) == offered), 0)
    if (language == SPANISH and offset and grade.isdigit()
            and 1 <= int(grade) <= 3):
        return str(int(grade) + offset)
    return grade


#: Words around a grade in a short answer ("en quinto", "5th grade", "in 2nd"), and
#: between grades ("2do, 5to y 8vo").
#: And the words of a correction ("no perdón, es 5to", "oops it's 4th grade"): typed
#: as the school's name, it reached the letter ("en la escuela no perdon es 5to":
#: an exploratory run).
ANSWER_FILLERS: FrozenSet[str] = frozenset(
    {"en", "in", "de", "va", "esta", "is", "y", "and", *GRADE_CUES, *SCHOOL_LEVELS,
     "no", "perdon", "disculpe", "sorry", "oops", "ups", "actually", "es", "it", "its",
     "s"}
)

_SUFFIX_LANGUAGE = {s: lang for lang, ss in NUMBER_SUFFIXES.items() for s in ss}
#: Every language's suffixes as one regex alternation (the grade reader's too).
SUFFIXES = alternation(_SUFFIX_LANGUAGE)

#: A grade's number with its suffix, glued ("5to", "3rd", "1.º" folded "1.o").
ORDINAL_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:1[0-2]|[1-9])\.?(" + SUFFIXES + r")\.?(?!\w)", re.IGNORECASE
)


def abbreviation_language(suffix: str) -> str:
    """Return the language whose families write a grade's number with ``suffix``."""
    return _SUFFIX_LANGUAGE[suffix.lower()]


def ordinal_language(word: str) -> str | None:
    """Return the language of an ordinal word ("quinto": "es"), or None."""
    return next((lang for lang, words in ORDINAL_WORDS.items() if word in words), None)


#: Every ordinal word, of either language, and its grade.
ALL_ORDINALS: Dict[str, int] = {
    word: grade for words in ORDINAL_WORDS.values() for word, grade in words.items()
}

_KINDER = re.compile(r"(?<!\w)(?:" + alternation(KINDER_WORDS) + r")(?!\w)")
_GRADE_NUMBER = re.compile(r"(?<!\w)(?:1[0-2]|[0-9]|k)(?!\w)")
_ANSWER_WORD = re.compile(r"[^\W\d_]+")


def is_grade_answer(folded: str) -> bool:
    """Whether a folded message only names a grade ("5to", "3rd grade", "en quinto").

    Such an answer to "What grade is your child in?" says which grade, not which
    language the family reads: "5th grade" copied from a report card in a Spanish
    conversation must not switch it to English.
    """
    rest, abbreviations = ORDINAL_ABBREVIATION.subn(" ", folded)
    rest, kinder = _KINDER.subn(" ", rest)
    rest, numbers = _GRADE_NUMBER.subn(" ", rest)
    words = _ANSWER_WORD.findall(rest)
    if not all(w in ALL_ORDINALS or w in ANSWER_FILLERS for w in words):
        return False
    cued = numbers and any(w in GRADE_CUES for w in words)  # "grade 5", "grado 3"
    # "en", "5" or "de" alone names no grade.
    ordinals = any(w in ALL_ORDINALS for w in words)
    return bool(abbreviations or kinder or cued or ordinals)
