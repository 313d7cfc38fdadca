"""Recognise a parent telling Puente it is not helping.

"this is useless you're not helping" and "no sirves para nada, no me ayudas" got "I'm
not sure I understood" and two unrelated topics as buttons (exploratory runs 19 and
20): a second failure for a parent already let down. Such a message gets an apology,
the way to a person and what Puente can do (``utter_frustrated``). The words are data
in ``frustration.yml``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Pattern, Tuple

import yaml

from bot.text import any_of, fold

_DATA = Path(__file__).with_name("frustration.yml")


@cache
def _patterns() -> Tuple[Pattern[str], Pattern[str], Pattern[str]]:
    """Compile the frustrated phrases, the other people named and Puente addressed."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return (any_of(data["frustrated"]), any_of(data["of_others"]),
            any_of(data["to_puente"]))


def is_frustrated(text: str) -> bool:
    """Whether ``text`` tells Puente it is not helping or not understanding.

    Not when it names a teacher, a tutor or the school and does not speak to
    Puente: "ya le escribí 3 veces" of a teacher is about the teacher.
    """
    folded = fold(text)
    frustrated, of_others, to_puente = _patterns()
    return bool(frustrated.search(folded)) and (not of_others.search(folded)
                                                or bool(to_puente.search(folded)))
