"""The dev and test questions worded another way: typed, or translated literally.

Typed on a phone, or as Spanish FAQ pages print an English page's questions.

The corpus's questions are copied from pages, spelled as their writers published
them. Families write on WhatsApp in a hurry: no accents or capitals, texting
shorthand, words spelled by ear, slips of the keyboard. ``data/real_questions/
typed/<lang>.jsonl`` holds, for each dev and test question, how a parent might type
it (``{"question": ..., "typed": ...}``): written by two helpers, one per language
(Spanish by a native speaker), who saw only the questions (not their labels, the
model or :mod:`bot.nlu.spelling`'s rules) and were asked for a natural mix, about
20% lightly changed, 50% with shorthand and some misspellings, 30% heavily
misspelled.

Many US schools' and tutoring companies' Spanish FAQ pages are their English page
run through a machine translator or translated word for word ("¿Cuáles son los
costos involucrados?"): Spanish that the corpus's Spanish pages, written in Spanish,
seldom read like. ``data/real_questions/literal_es.jsonl`` holds each
English dev and test question in that register (``{"question": ..., "literal_es":
...}``), written by a helper who saw only the English questions and was asked for
half as Google Translate renders them, a quarter as DeepL, a quarter as a bilingual
staff member translating quickly. They keep their English question's labels.

``make bench PARTS=nlu`` scores both beside the questions as published.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Dict, Iterable

from bot.bench.corpus import CORPUS_DIR

TYPED_DIR = CORPUS_DIR / "typed"
LITERAL_SPANISH = CORPUS_DIR / "literal_es.jsonl"


def _versions(paths: Iterable[Path], field: str) -> Dict[str, str]:
    """Each question (as published) -> its ``field`` in the rows of ``paths``."""
    versions: Dict[str, str] = {}
    for path in paths:
        with path.open(encoding="utf-8") as rows:
            for row in map(json.loads, filter(str.strip, rows)):
                versions[row["question"]] = row[field]
    return versions


@cache
def typed_versions() -> Dict[str, str]:
    """Each dev and test question (as published) -> how a parent typed it."""
    return _versions(sorted(TYPED_DIR.glob("*.jsonl")), "typed")


@cache
def literal_spanish_versions() -> Dict[str, str]:
    """Each English dev and test question -> as a Spanish FAQ page prints it."""
    return _versions([LITERAL_SPANISH], "literal_es")
