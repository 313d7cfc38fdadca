"""Read a school's name from what a parent types when the letter asks for it.

Parents answer "¿Cómo se llama la escuela de su hijo?" as they would a person:
"se llama Miramonte", "Loma Vista y mi hijo se llama Juan", "Hoover, mi cel es 323
555 0199", "no sé", "4to", "sí". The letter must carry the school's name and nothing
else: no child's name, no phone number. The words are in ``letters.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bot.advocacy.checklist import plain
from bot.advocacy.letters import (
    UNKNOWN,
    not_known,
    parse_recipient,
    recipient_words,
    words,
)
from bot.lang import ages
from bot.lang.grades import is_grade_answer
from bot.nlu.program_entities import find_subjects
from bot.text import fold

#: Words a school's name typed with a question mark may have ("Roosevelt High
#: School?"); more are a question ("y si me dice que no?").
MAX_NAME_WITH_MARK = 3
#: A school's name has a letter: "5" or "4" typed as the school reached the letter
#: ("en la escuela 5": an exploratory run).
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _school_lead_in() -> re.Pattern[str]:
    fillers = "|".join(words("school_fillers"))
    lead_ins = "|".join(words("school_lead_ins"))
    # a filler only before a comma or a lead-in: "Mira Loma High" is a school
    filler = rf"(?:{fillers})(?:\s*[,.]\s*|\s+(?=(?:{fillers}|{lead_ins})\s))"
    return re.compile(rf"^(?:{filler})*(?:(?:{lead_ins})\s+)?")


@lru_cache(maxsize=1)
def _not_school_start() -> re.Pattern[str]:
    return re.compile(words("not_school_starts"))


@lru_cache(maxsize=1)
def _person_after_school() -> re.Pattern[str]:
    return re.compile(words("person_after_school"))


@lru_cache(maxsize=1)
def _contact_after_school() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in words("contact_after_school")))


def _only_subjects(folded: str) -> bool:
    """Whether ``folded`` names subjects and nothing else ("mate y lectura")."""
    rest = folded
    for found in find_subjects(folded):
        rest = rest.replace(found.text, " ")
    return rest != folded and not set(rest.split()) - {"y", "e", "and", "de", "en"}


def school_name(text: str) -> str | None:
    """Return the school's name as typed, without the words around it; None if none.

    The name keeps its accents and capitals; the words before it ("se llama
    Miramonte") and a child named after it ("Loma Vista y mi hijo se llama Juan
    Pérez": the whole answer reached the letter) go. "No sé cómo se llama" or "?" is
    :data:`UNKNOWN` (the letter read "at no sé cómo se llama"). A grade, the
    person to write to, only a child, a question, a yes or only subjects ("4to", "la
    directora", "my son Juan goes there", "y si me dice que no?", "si", "mate y
    lectura", "5", "no perdón, es 5to", "la de Kevin": exploratory runs) is no
    school's name: None,
    and the question is asked again. A person's name alone stays: many schools bear
    one ("Benito Juárez"). A phone number or an ID typed after the name goes
    ("Hoover, mi cel es 323 555 0199").
    """
    if not_known(text):
        return UNKNOWN
    name = text.strip()
    folded = fold(name)
    if len(folded) == len(name):  # folding kept the offsets: cut the typed text there
        lead_in = _school_lead_in().match(folded)
        start = lead_in.end() if lead_in else 0
        ends = [m.start() for m in (_person_after_school().search(folded, start),
                                    _contact_after_school().search(folded, start)) if m]
        name = name[start:min(ends, default=None)].strip(" ,.;")
    if "?" in name:  # "Lincoln?" is a name, unsure; a longer one a question
        name = "" if len(name.split()) > MAX_NAME_WITH_MARK else name.strip("¿? ")
    typed = plain(name)
    # "la escuela de mi hijo" left "de", and "tiene 9 años" was kept whole: the
    # letter read "en la escuela de y necesita ayuda" (exploratory run 11)
    if (not _LETTER.search(name) or is_grade_answer(fold(name))
            or set(typed.split()) <= _NOT_A_NAME or ages.age_in(text) is not None
            or _not_school_start().match(plain(text)) or typed in recipient_words()
            or set(typed.split()) <= set(words("not_school_words"))
            or _only_subjects(fold(name))):
        return None
    return name


def names_a_school(text: str) -> bool:
    """Whether ``text`` is a school's name with a word that says so.

    "Escuela Hoover", "City Terrace Elementary": typed where the letter asks whom
    to write to, "City Terrace Elementary" wrote to the city council (exploratory
    run 20); typed after a crisis paused the letter, it is the school.
    """
    name = school_name(text)
    if name is None or name == UNKNOWN:
        return False
    named = set(plain(name).split())
    # "school district", the button's own title, typed: a recipient (run 24)
    rest = named - SCHOOL_WORDS - _LITTLE_WORDS
    return bool(named & SCHOOL_WORDS) and not rest <= recipient_words()


#: Words beside a recipient's that name no school: "the school board please".
_LITTLE_WORDS = frozenset({"the", "a", "my", "our", "to", "please", "pls", "el", "la",
                           "al", "mi", "porfa", "por", "favor"})
#: A school's name: a name, then "Elementary" ("Bell Gardens Elementary", "Roosevelt
#: High School"), or "escuela" then a name ("escuela Tweedy", "primaria Miramonte").
#: Not "my school", "the school day", "la escuela de mi hijo".
NAME_THEN_SCHOOL = frozenset({"elementary", "middle", "high", "school", "academy"})
_SCHOOL_THEN_NAME = frozenset({"escuela", "primaria", "secundaria", "prepa",
                               "preparatoria"})
_NOT_A_NAME = NAME_THEN_SCHOOL | frozenset(
    "the my our his her their your a an to for about at in of on this that what "
    "after before during public private summer online homework new "
    "de la el mi su sus para en del los las con que "
    # "my sons school", "la escuelita de aqui cerca" were kept as names (run 12)
    "son sons daughter daughters kid kids child children hijo hija hijos hijas "
    "nino nina ninos ninas escuelita escuela here near aqui cerca ahi alla".split())


def names_school(text: str) -> bool:
    """Whether ``text`` names a school: a school word with a name beside it."""
    words = plain(text).split()
    return any(
        (word in NAME_THEN_SCHOOL and i > 0 and words[i - 1] not in _NOT_A_NAME)
        or (word in _SCHOOL_THEN_NAME and i + 1 < len(words)
            and words[i + 1] not in _NOT_A_NAME)
        for i, word in enumerate(words))


#: Most words of a school's name inside a whole request ("Bell Gardens Elementary").
MAX_NAME_WORDS = 4
#: A word of a typed request, with its punctuation: "Elementary," ends a name, and
#: "board." ("write the school board. Franklin High School": run 32).
_WORD = re.compile(r"[^\s,;:!?¿¡().]+([,;:!?¿¡().]*)")
#: Words around a school's name in a request, never in it: "escuela Hooper pa pedir
#: tutoria", "the school is Roosevelt Elementary", "la primaria Miramonte pidiendo
#: tutoria" (run 33: the letter's school). Beside :data:`_NOT_A_NAME` ("to", "my",
#: "que"), which :meth:`_Word.may_name` reads too.
_REQUEST_WORDS = frozenset(
    "pa pedir y e and asking porque because q donde where wheres "
    "va esta is es its called llama named he she board teacher principal "
    "counselor district council no not se pidiendo pidiendole solicitando "
    "requesting tutoria tutoring ayuda help".split())


class _Word(NamedTuple):
    """A word of a request as typed, folded, and whether punctuation ends it."""

    typed: str
    folded: str
    ends_clause: bool

    def may_name(self) -> bool:
        """Whether the word can be part of a school's name ("Harmony", "Gage")."""
        return bool(self.folded) and self.folded not in _NOT_A_NAME | _REQUEST_WORDS


#: Words whose period ends no clause: "St. Anne Elementary", "Mt. Vernon Middle".
_ABBREVIATIONS = frozenset({"st", "mt", "ft", "dr", "mr", "mrs", "ms", "sr", "sra"})


def _word(typed: re.Match[str]) -> _Word:
    """Read one word of a request: "board." ends a clause, "St." does not."""
    word, punctuation = typed.group(0), typed.group(1)
    folded = plain(word)
    if punctuation == "." and folded in _ABBREVIATIONS:
        return _Word(word.strip(",;:!?¿¡()"), folded, False)
    return _Word(word.strip(",;:!?¿¡()."), folded, bool(punctuation))


def _name_before(words: list[_Word], kind: int) -> str | None:
    """Return the name before a school's kind ("Harmony Elementary")."""
    start = kind
    while (start > 0 and kind - start < MAX_NAME_WORDS and words[start - 1].may_name()
           and not words[start - 1].ends_clause):
        start -= 1
    end = kind + 1
    if (end < len(words) and words[end].folded == "school"
            and not words[kind].ends_clause):
        end += 1
    return " ".join(w.typed for w in words[start:end]) if start < kind else None


def _name_after(words: list[_Word], kind: int) -> str | None:
    """Return the name after "escuela" ("Hooper") or "primaria" ("primaria Ritter")."""
    end = kind + 1
    while (end < len(words) and end - kind <= MAX_NAME_WORDS
           and words[end].may_name() and not words[end - 1].ends_clause):
        end += 1
    # "escuela" goes: the letter's language writes it (letters.school_in)
    start = kind + 1 if words[kind].folded == "escuela" else kind
    return " ".join(w.typed for w in words[start:end]) if end > kind + 1 else None


def school_in_request(text: str) -> str | None:
    """Return the school a whole letter request names with a school word, if one.

    "can you write an email to Ms. Lopez, my sons 2nd grade teacher at Harmony
    Elementary, asking about reading tutoring?" -> "Harmony Elementary"; "mi hijo va
    en 8vo en Gage Middle School y necesita ayuda" -> "Gage Middle School"; "en la
    escuela Hooper pa pedir tutoria" -> "Hooper". The form asked the school again
    (exploratory runs 29 and 31). A name without a school word ("en la Hooper") is
    left to the school's question: "la Hooper" may be a street.
    """
    words = [_word(m) for m in _WORD.finditer(text)]
    for i, word in enumerate(words):
        after_kind = i > 0 and words[i - 1].folded in NAME_THEN_SCHOOL  # Middle School
        if word.folded in NAME_THEN_SCHOOL and not (word.folded == "school"
                                                    and after_kind):
            name = _name_before(words, i)
        elif word.folded in _SCHOOL_THEN_NAME and not word.ends_clause:
            name = _name_after(words, i)
        else:
            continue
        if name:
            return name
    return None


def named_in_reply(text: str) -> bool:
    """Whether a reply names a school or the person to write to ("la directora")."""
    return names_school(text) or parse_recipient(text) is not None
#: Words that say a name is a school's.
SCHOOL_WORDS = NAME_THEN_SCHOOL | _SCHOOL_THEN_NAME
