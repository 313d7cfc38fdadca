"""Why programs cannot be saved, in plain words, in English and Spanish.

The command line prints English; the review app shows the same problem in the
organizer's language. A :class:`Problem` is a ``str`` (its English text), so the
importer's callers and messages stay as they were, and it keeps its key and values
so :meth:`Problem.say` can word it in Spanish. The texts are data in
``problems.yml``, one code path for both languages.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

CATALOG = Path(__file__).with_name("problems.yml")


@lru_cache(maxsize=1)
def _catalog() -> Dict[str, Dict[str, str]]:
    texts: Dict[str, Dict[str, str]] = yaml.safe_load(
        CATALOG.read_text(encoding="utf-8")
    )
    return texts


class Problem(str):
    """One problem: its English text, and its key and values for other languages."""

    key: str
    values: Dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> Problem:
        """Word problem ``key`` (see ``problems.yml``) with ``values`` in English."""
        problem = super().__new__(cls, _catalog()[key]["en"].format(**values))
        problem.key, problem.values = key, values
        return problem

    def say(self, language: str) -> str:
        """Word the problem in ``language`` (English when it has no such text)."""
        texts = _catalog()[self.key]
        return texts.get(language, texts["en"]).format(**self.values)
