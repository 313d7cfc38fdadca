"""Recognise a question about a school matter only the school can settle.

Special education (an IEP, a 504 plan, an evaluation for ADHD, dyslexia or autism)
and a high schooler's credits, graduation and tests are the school's to decide: the
teacher, the special education coordinator or the counselor know the child and the
rules. Asked of Puente ("que es un IEP", "my daughter has dyslexia"), they got the
out-of-scope answer, whose 211 line for food and rent fits them poorly, or two
unrelated guesses (exploratory run 8). :mod:`bot.nlu.guard` gives them
``utter_school_matter`` when the classifier found none of Puente's topics. The
words are data in ``school_matters.yml``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Pattern

import yaml

from bot.nlu.synonyms import names_tutoring
from bot.text import any_of, fold

_DATA = Path(__file__).with_name("school_matters.yml")
#: Tests the school counselor knows about, tutoring for them included.
_TESTS = re.compile(r"\b(?:sat|psat|act|ap exams?|examenes ap)\b")


@cache
def _matters() -> Pattern[str]:
    """Compile the school matters of ``school_matters.yml``."""
    return any_of(yaml.safe_load(_DATA.read_text(encoding="utf-8"))["matters"])


def names_school_matter(text: str) -> bool:
    """Whether ``text`` names special education, credits, graduation or a test.

    Not a question about tutoring that names one ("my son wants to graduate on time,
    can tutoring help?" got whom to ask at school: exploratory run 10), unless it is
    about a test like the SAT, which the school counselor knows.
    """
    folded = fold(text)
    if not _matters().search(folded):
        return False
    words = re.sub(r"[^\w\s]", " ", folded)
    return not names_tutoring(words) or bool(_TESTS.search(folded))
