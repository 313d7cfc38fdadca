"""Turn a match into the values of the ``utter_program_match`` response.

Language is data: every word comes from ``labels.yml`` by key and language; the
sentence around the values is the response in ``domain/programs.yml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.lang.detect import ENGLISH
from bot.programs.models import unpack
from bot.programs.search import Match

_LABELS = Path(__file__).with_name("labels.yml")
#: The cost in the importer's words: "Free", "$10 a month", "$5 per session".
_FREE = re.compile(r"(?:free|no cost|\$0)", re.IGNORECASE)
_PRICE = re.compile(
    r"(\$\s?\d[\d,]*(?:\.\d\d)?)\s*(?:a|an|per|each|/)\s*"
    r"(month|week|session|hour|year)s?",
    re.IGNORECASE,
)
#: How the demo data marks its names; the card says it with the ``demo`` note.
_DEMO_MARK = " (demo)"


@lru_cache(maxsize=1)
def _labels() -> Dict[str, Dict[str, Dict[str, str]]]:
    return yaml.safe_load(_LABELS.read_text(encoding="utf-8"))


def label(group: str, key: str, language: str | None) -> str:
    """The word for ``key`` in ``language``; the key itself when there is none."""
    words = _labels()[group].get(key)
    if words is None:
        return key
    return words.get(language or ENGLISH, words[ENGLISH])


def _grade(grade: int) -> str:
    return "K" if grade == 0 else str(grade)


def cost(text: str, language: str | None) -> str:
    """What families pay, in ``language`` when it is said the usual way.

    "Free" -> "gratis", "$10 a month" -> "$10 al mes"; other wording stays as the
    program wrote it.
    """
    text = " ".join(text.split())
    if _FREE.fullmatch(text):
        return label("cost", "free", language)
    price = _PRICE.fullmatch(text)
    if price:
        amount = price.group(1).replace(" ", "")
        return label("cost_per", price.group(2).lower(), language).format(amount=amount)
    return text


def match_values(match: Match, language: str | None) -> Dict[str, str]:
    """The kwargs of ``utter_program_match`` for one match, in ``language``."""
    program = match.program
    if match.verdict.meets:
        hit = label("hit", "meets", language)
    else:
        reasons = ", ".join(label("reason", r, language) for r in match.verdict.missed)
        hit = f"{label('hit', 'misses', language)} {reasons}."
    if match.distance_miles is None:
        distance = label("distance", "online", language)
    else:
        distance = label("distance", "miles", language).format(
            miles=match.distance_miles
        )
    contact = " · ".join(
        v for v in (program.phone, program.email, program.website) if v
    )
    return {
        "name": program.name.removesuffix(_DEMO_MARK)
        if program.is_demo
        else program.name,
        "provider": program.provider,
        "grades": f"{_grade(program.grade_min)}–{_grade(program.grade_max)}",
        "subjects": ", ".join(
            label("subject", s, language) for s in unpack(program.subjects)
        ),
        "languages": ", ".join(
            label("language", s, language) for s in unpack(program.languages)
        ),
        "format": label("format", program.format, language),
        "setting": label("setting", program.setting, language),
        "cost": cost(program.cost, language),
        "hit": hit,
        "distance": distance,
        "contact": contact,
        "demo": label("demo", "note", language) if program.is_demo else "",
    }
