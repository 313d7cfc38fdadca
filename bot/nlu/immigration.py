"""Recognise a parent worried that tutoring means papers or being reported.

"me van a pedir papeles? no tengo papeles", "y si pido tutoria la escuela le dice
a inmigracion?" and "will they ask for my papers? I'm undocumented" got "I can't
answer that one" or two unrelated guesses (found in an exploratory run): a fear
that keeps families from asking for help at all. Such a message gets Puente's
answer (``utter_immigration_status``): Puente never asks, every child has the
right to free public school whatever their status, California schools may not
collect it, and a legal question goes to legal aid. The words are data in
``immigration.yml``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Pattern, Tuple

import yaml

from bot.text import any_of, fold

_DATA = Path(__file__).with_name("immigration.yml")


@cache
def _patterns() -> Tuple[Pattern[str], Pattern[str], Pattern[str]]:
    """Compile the worries, the words that undo them, and the agency's name."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    worries, not_worries = (any_of(data[kind], whole_words=False)
                            for kind in ("worries", "not_worries"))
    return worries, not_worries, re.compile(data["agency"])


def worries_about_immigration(text: str) -> bool:
    """Whether ``text`` asks about immigration status, papers or being reported."""
    worries, not_worries, agency = _patterns()
    folded = fold(text)
    return bool(agency.search(text)
                or (worries.search(folded) and not not_worries.search(folded)))
