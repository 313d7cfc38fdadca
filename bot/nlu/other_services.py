"""Recognise a question about another program's or app's own details.

"What are Paper's tutor hours?" and "¿A qué hora abre Kumon?" carry topic words
(tutor, hours) that a classifier takes for Puente's own topics, but only that
program or the school knows the answer: Puente says so and points to them
(``utter_out_of_scope``). The names and details are data in ``other_services.yml``.
A named program without a detail ("Is Kumon high-impact tutoring?") is an ordinary
question for the classifier.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Pattern, Tuple

import yaml

from bot.text import fold

_DATA = Path(__file__).with_name("other_services.yml")
#: "Paper's", "Sylvan's": a capitalised name with an apostrophe s.
_POSSESSIVE = re.compile(r"\b([A-Z][A-Za-z]+)['’]s\b")
#: Capitalised words with 's that are not a program's name.
_NOT_NAMES = frozenset(
    "what that it let here there who where how he she today tomorrow everyone "
    "everybody nobody someone somebody mom dad son daughter child kid teacher tutor "
    "school district i".split()
)


def _alternatives(words: list[str]) -> str:
    return r"\b(" + "|".join(words) + r")\b"


@cache
def _patterns() -> Tuple[Pattern[str], Pattern[str]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    names = re.compile(_alternatives([re.escape(n) for n in data["names"]]))
    details = re.compile(_alternatives([d for words in data["details"].values()
                                        for d in words]))
    return names, details


def _names_one(text: str, folded: str, names: Pattern[str]) -> bool:
    if names.search(folded):
        return True
    return any(m.group(1).lower() not in _NOT_NAMES for m in _POSSESSIVE.finditer(text))


def asks_about_other_service(text: str) -> bool:
    """Whether ``text`` asks about a named program's or app's own details."""
    names, details = _patterns()
    folded = fold(text)
    return bool(details.search(folded)) and _names_one(text, folded, names)
