"""The review app's words, in English and Spanish: data in ``ui.yml``, one code path.

Organizers choose with the link in the header (``?lang=es``, remembered in a
cookie); before they choose, their browser's preferred language decides.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict

import yaml

#: The words of the pages, then of the community report (each key in one file).
CATALOGS = (Path(__file__).with_name("ui.yml"), Path(__file__).with_name("report.yml"))
LANGUAGES = ("en", "es")
COOKIE = "puente_review_lang"


@lru_cache(maxsize=1)
def catalog() -> Dict[str, Dict[str, str]]:
    """Every UI text by key, then by language."""
    texts: Dict[str, Dict[str, str]] = {}
    for path in CATALOGS:
        texts.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return texts


def choose_language(asked: str | None, remembered: str | None,
                    accept_language: str | None) -> str:
    """Choose the page language: asked for, else remembered, else the browser's."""
    for candidate in (asked, remembered):
        if candidate in LANGUAGES:
            return candidate
    first = (accept_language or "").split(",")[0].strip().lower()
    return "es" if first.startswith("es") else "en"


def translator(language: str) -> Callable[..., str]:
    """``t(name, **values)``: the text called ``name`` in ``language``, filled in."""
    texts = catalog()

    def t(name: str, /, **values: Any) -> str:
        text = texts[name][language]
        return text.format(**values) if values else text

    return t
