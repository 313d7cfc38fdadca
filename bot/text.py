"""Fold text the way parents type it: one function for every module that compares words.

Parents write on phones without accents and in any case, so "Matemáticas",
"matematicas" and "MATEMATICAS" must compare equal. Kept free of heavy imports
(no spaCy) so that the safety check and the language detector load in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Pattern

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,200}>")
#: Contact details a parent types into a question: they say nothing of its topic.
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_PHONE = re.compile(r"\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")
#: Opening clauses that greet or introduce the writer: "hola", "good morning",
#: "me llamo Rosa", "soy la mama de Juan", "my number is" (clean removed the number).
_GREETING = (r"(hola|hello|hi|hey|buen[oa]s( d[ií]as| tardes| noches)?"
             r"|good (morning|afternoon|evening))")
_FAMILY = (r"(mama|papa|madre|padre|abuel[ao]|tia|tio|mom|dad|mother|father|parent"
           r"|grandma|grandpa|grandmother|grandfather|aunt|uncle)")
_OPENING = re.compile(
    rf"({_GREETING}|(mi nombre es|me llamo|my name is) [\w' ]{{1,30}}"
    rf"|(soy|i am|i'm|this is) (la |el |a |the )?{_FAMILY}\b[\w' ]{{0,30}}"
    r"|(mi (numero|telefono|cel|celular|correo) es|my (number|phone|email) is)[^,]*)"
    r"[ !]*$"
)
_LEADING_GREETING = re.compile(rf"{_GREETING}\b[ !]*", re.IGNORECASE)
_CLAUSE = re.compile(r"[,.;:!\n]+")
#: A question, by its mark or its first word, in either language.
_QUESTION = re.compile(
    # after "y", "and", "wait" or "ok": "y cuantas veces a la semana seria" (run 23)
    r"[?¿]|^\W*(?:(?:y|and|e|o|or|pero|but|so|wait|ok|okay|oye|oiga)\W+)?"
    r"(what|how|why|when|where|who|which|is|are|can|could|do|does|should|"
    r"will|would|que|qué|como|cómo|cuando|cuándo|donde|dónde|quien|quién|cual|cuál|"
    r"por que|por qué|puedo|puede|hay|es|debo|"
    # run 22: "cuanto dura cada sesion" at the school's name became the school
    r"cuanto|cuánto|cuanta|cuánta|cuantos|cuántos|cuantas|cuántas|cada cuanto|"
    r"cada cuánto)\b",
    re.IGNORECASE,
)


def alternation(words: Iterable[str]) -> str:
    """Join words or phrases into a regex alternation, escaped, longest first.

    "thank you" before "thank", "ero" before "er": a pattern takes the whole phrase,
    not the part of it that comes first.
    """
    longest_first = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in longest_first)


def any_of(patterns: Iterable[str], whole_words: bool = True) -> Pattern[str]:
    """Compile regular expressions (folded, from a word list in YAML) into one.

    Each pattern starts at a word; with ``whole_words`` it also ends at one, without
    it a pattern may be a stem ("voluntari" for "voluntario", "voluntaria").
    """
    end = r"\b" if whole_words else ""
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + ")" + end)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Matemáticas" -> "matematicas")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: A letter typed three times or more in a row ("ayudaaa", "holaaa").
_DRAWN_OUT = re.compile(r"([a-z])\1{2,}")


def undraw(folded: str) -> str:
    """Read ``folded`` text's drawn-out words as the words: "ayudaaa" is "ayuda"."""
    return _DRAWN_OUT.sub(r"\1", folded)


def clean(text: str) -> str:
    """Remove what carries no meaning for intent: links, HTML tags, phones, emails.

    "hola, mi numero es 323-555-0199, que es la tutoria?" is a question about
    tutoring, not about schedules: the digits must not pull the topic.
    """
    for pattern in (_URL, _TAG, _EMAIL, _PHONE):
        text = pattern.sub(" ", text)
    return text


def is_question(text: str) -> bool:
    """Whether ``text`` is worded as a question: its mark, or a question word first."""
    return bool(_QUESTION.search(text))


def question_part(text: str) -> str:
    """Return ``text`` without the greeting or introduction it opens with.

    "hola, mi numero es 323-555-0199, que es la tutoria?" asks what tutoring is: a
    classifier reading the whole message sees "hola" and a greeting. A message that
    is only a greeting ("hola", "hi there", "buenos dias") is returned whole.
    """
    clauses = [c.strip() for c in _CLAUSE.split(clean(text)) if c.strip()]
    opening = 0
    while opening < len(clauses) and _OPENING.match(fold(clauses[opening])):
        opening += 1
    rest = clauses[opening:]
    if rest:
        question = _LEADING_GREETING.sub("", rest[0], count=1)
        if question != rest[0] and len(question.split()) >= 2:
            rest[0], opening = question, opening + 1
    question = ", ".join(rest)
    return question if opening and len(question.split()) >= 2 else text
