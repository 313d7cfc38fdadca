"""Turn a match into the values of the ``utter_program_match`` response.

Language is data: every word comes from ``labels.yml`` by key and language; the
sentence around the values is the response in ``domain/programs.yml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.lang.detect import ENGLISH
from bot.programs.models import unpack
from bot.programs.search import Match

_LABELS = Path(__file__).with_name("labels.yml")


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
        "name": program.name,
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
        "cost": program.cost,
        "hit": hit,
        "distance": distance,
        "contact": contact,
        "demo": label("demo", "note", language) if program.is_demo else "",
    }
