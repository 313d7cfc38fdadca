"""Short titles for topics and actions, in each language (language as data)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

from bot.lang.detect import ENGLISH

_TITLES_FILE = Path(__file__).with_name("titles.yml")


@lru_cache(maxsize=1)
def _titles() -> Dict[str, Dict[str, str]]:
    titles: Dict[str, Dict[str, str]] = yaml.safe_load(
        _TITLES_FILE.read_text(encoding="utf-8")
    )
    return titles


def known_labels() -> frozenset[str]:
    """Labels that have a title, so that a button can offer them."""
    return frozenset(_titles())


def title(label: str, language: str | None) -> str:
    """Return the button title of ``label`` in ``language`` (English when unknown)."""
    titles = _titles()[label]
    return titles.get(language or ENGLISH, titles[ENGLISH])
