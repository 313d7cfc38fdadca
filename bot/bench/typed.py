"""The dev and test questions as parents type them on a phone.

The corpus's questions are copied from pages, spelled as their writers published
them. Families write on WhatsApp in a hurry: no accents or capitals, texting
shorthand, words spelled by ear, slips of the keyboard. ``data/real_questions/
typed/<lang>.jsonl`` holds, for each dev and test question, how a parent might type
it (``{"question": ..., "typed": ...}``): written by two helpers, one per language
(Spanish by a native speaker), who saw only the questions (not their labels, the
model or :mod:`bot.nlu.spelling`'s rules) and were asked for a natural mix, about
20% lightly changed, 50% with shorthand and some misspellings, 30% heavily
misspelled. ``make bench PARTS=nlu`` scores them beside the questions as published.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Dict

from bot.bench.corpus import CORPUS_DIR

TYPED_DIR = CORPUS_DIR / "typed"


@cache
def typed_versions() -> Dict[str, str]:
    """Each dev and test question (as published) -> how a parent typed it."""
    versions: Dict[str, str] = {}
    for path in sorted(TYPED_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as rows:
            for row in map(json.loads, filter(str.strip, rows)):
                versions[row["question"]] = row["typed"]
    return versions
