"""A child's age typed for the grade: the grades most children of that age are in.

"tiene 9 años" or "hes 10" answering "What grade is your child in?" got "Writing for
more than one child?" (exploratory run 8): families often know the age first. Puente
keeps no age; it says which two grades most children that age are in (a child who
is N on September 1 starts grade N-5 in California, kinder at 5) and asks the grade
again.
"""

from __future__ import annotations

import re
from typing import Tuple

from bot.text import fold

#: A number followed by years: "9 años", "10 years old", "8yo".
_AGE_WITH_YEARS = re.compile(
    r"(?<!\d)(\d{1,2}) ?(?:anos|anitos|ano|years?(?: old)?|yrs?(?: old)?|yo)\b")
#: A number said to be the child's age, as the whole answer: "tiene 9", "hes 10".
_AGE_ALONE = re.compile(
    r"(?:(?:el|ella|mi hij[oa]|my (?:son|daughter|kid|child)|he|she) )?"
    r"(?:tiene|hes|shes|he s|she s|is) (\d{1,2})")
_NOT_WORD = re.compile(r"[^\w\s]")
#: Ages whose children are in one of two grades (at 5, TK or kinder, which a
#: letter names alike; at 18, 12th grade or done).
YOUNGEST, OLDEST = 6, 17
#: At most this many words: a longer message tells more than an age.
MAX_WORDS = 8


def age_in(text: str) -> int | None:
    """Return the child's age a short message gives, or ``None``."""
    plain = " ".join(_NOT_WORD.sub(" ", fold(text)).split())
    if len(plain.split()) > MAX_WORDS:
        return None
    match = _AGE_WITH_YEARS.search(plain) or _AGE_ALONE.fullmatch(plain)
    return int(match.group(1)) if match else None


def likely_grades(age: int) -> Tuple[str, str] | None:
    """Return the two grades ("0" kinder to "12") most children of ``age`` are in."""
    if not YOUNGEST <= age <= OLDEST:
        return None
    return str(age - 6), str(age - 5)
