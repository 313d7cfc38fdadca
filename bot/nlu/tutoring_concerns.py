"""Recognise a parent unhappy with the tutoring their child gets.

"el tutor no le tiene paciencia y mi hijo ya no quiere ir" got how families help
with tutoring ("help your child go to every session"), "the tutor keeps changing
every week" two guesses, and "la maestra no me contesta, ya le escribí 3 veces"
Puente's apology for itself (exploratory run 25). A message that names a tutor or
tutoring and a concern about it (``tutoring_concerns.yml``) gets
``utter_tutoring_concern``: what high-impact tutoring promises (the same trained
tutor) and whom to tell, from the program to the principal and the district.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Pattern

import yaml

from bot.nlu.synonyms import names_tutoring
from bot.text import any_of, fold

_DATA = Path(__file__).with_name("tutoring_concerns.yml")


@cache
def _concerns() -> Pattern[str]:
    """Compile the concerns of ``tutoring_concerns.yml``."""
    return any_of(yaml.safe_load(_DATA.read_text(encoding="utf-8"))["concerns"])


def concerns_tutoring(text: str) -> bool:
    """Whether ``text`` tells of a problem with the child's tutor or tutoring."""
    folded = fold(" ".join(text.split()))
    return (bool(_concerns().search(folded))
            and names_tutoring(re.sub(r"[^\w\s]", " ", folded)))
