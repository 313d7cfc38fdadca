"""The intents and FAQ topics the assistant knows, read from domain.yml.

Filters and the training queue offer these as choices; they come from the domain
(data), so a new FAQ topic shows up without touching the review app.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List, Tuple

import yaml

from bot import domain_file as domain

#: Set by the message guard, never something an organizer should train towards.
_GUARD_INTENTS = frozenset({"empty_message", "only_symbols", "only_link", "too_long"})


@lru_cache(maxsize=4)
def _domain(domain_file: Path) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    intents: List[str] = []
    topics: List[str] = []
    try:
        data = domain.read(domain_file)
    except yaml.YAMLError:
        data = {}  # someone mid-edit: the next start reads it
    for intent in data.get("intents") or []:
        name = next(iter(intent)) if isinstance(intent, dict) else str(intent)
        if name not in _GUARD_INTENTS and name != "faq":
            intents.append(name)
    for response in data.get("responses") or {}:
        if str(response).startswith("utter_faq/"):
            topics.append(str(response)[len("utter_"):])
    return tuple(sorted(set(intents))), tuple(sorted(set(topics)))


def known_topics(intents: bool = False,
                 domain_file: Path = domain.DOMAIN_FILE) -> List[str]:
    """FAQ topics (``faq/cost``); with ``intents``, every trainable intent too."""
    names, topics = _domain(domain_file)
    return list(topics) + (list(names) if intents else [])
