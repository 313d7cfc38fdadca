"""Turn a match into the values of the ``utter_program_match`` response.

Language is data: every word comes from ``labels.yml`` by key and language; the
sentence around the values is the response in ``domain.yml`` (Programs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Tuple

import yaml

from bot.lang.detect import ENGLISH
from bot.programs.models import FREE_COSTS, unpack
from bot.programs.search import Match

_LABELS = Path(__file__).with_name("labels.yml")
#: The cost in the importer's words: "Free" (:data:`FREE_COSTS`), "$10 a month",
#: "$5 per session".
_PRICE = re.compile(
    r"(\$\s?\d[\d,]*(?:\.\d\d)?)\s*(?:a|an|per|each|/)\s*"
    r"(month|week|session|hour|year)s?",
    re.IGNORECASE,
)
#: How the demo data marks its names; the card says it with the ``demo`` note.
_DEMO_MARK = " (demo)"


@lru_cache(maxsize=1)
def _labels() -> Dict[str, Dict[str, Dict[str, str]]]:
    labels: Dict[str, Dict[str, Dict[str, str]]] = yaml.safe_load(
        _LABELS.read_text(encoding="utf-8")
    )
    return labels


def label(group: str, key: str, language: str | None) -> str:
    """Return the word for ``key`` in ``language``; the key itself if there is none."""
    words = _labels()[group].get(key)
    if words is None:
        return key
    return words.get(language or ENGLISH, words[ENGLISH])


def _grade(grade: int) -> str:
    return "K" if grade == 0 else str(grade)


def _standard_cost(text: str) -> Tuple[str, str, str] | None:
    """Return ``(group, key, amount)`` of a cost said the usual way, or None."""
    if text.strip().lower() in FREE_COSTS:
        return "cost", "free", ""
    price = _PRICE.fullmatch(text)
    if price:
        return "cost_per", price.group(2).lower(), price.group(1).replace(" ", "")
    return None


def cost_is_understood(text: str) -> bool:
    """Whether Puente can say ``text`` in every language ("Free", "$10 a month")."""
    return _standard_cost(" ".join(text.split())) is not None


def cost(text: str, language: str | None, text_es: str = "") -> str:
    """Say what families pay, in ``language``.

    "Free" -> "gratis", "$10 a month" -> "$10 al mes". Other wording is the
    program's own: English readers see ``text``; Spanish readers see ``text_es``
    (the importer asks for it), or, for a record without one, a plain "ask the
    program", never an English phrase in a Spanish card.
    """
    text = " ".join(text.split())
    standard = _standard_cost(text)
    if standard:
        group, key, amount = standard
        return label(group, key, language).format(amount=amount)
    if (language or ENGLISH) == ENGLISH:
        return text
    return " ".join(text_es.split()) or label("cost", "ask", language)


def match_values(match: Match, language: str | None) -> Dict[str, str]:
    """Return the kwargs of ``utter_program_match`` for one match, in ``language``."""
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
        "cost": cost(program.cost, language, program.cost_es),
        "hit": hit,
        "distance": distance,
        "contact": contact,
        "demo": label("demo", "note", language) if program.is_demo else "",
    }
