"""Read the domain's responses as data, for the content tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPANISH = [{"type": "slot", "name": "language", "value": "es"}]
ENGLISH = [{"type": "slot", "name": "language", "value": "en"}]


def responses() -> Dict[str, List[Dict[str, Any]]]:
    """Every response in domain.yml, by name."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text()) or {}
    return dict(domain.get("responses") or {})


def variation(variations: List[Dict[str, Any]], language: str) -> Dict[str, Any]:
    """The variation shown in ``language`` (English: ``en`` condition, else default)."""
    if language == "es":
        return next(v for v in variations if v.get("condition") == SPANISH)
    conditioned = [v for v in variations if v.get("condition") == ENGLISH]
    return (
        conditioned[0]
        if conditioned
        else next(v for v in variations if "condition" not in v)
    )


# --- FAQ answers: phone-sized first message, "Tell me more", sources -------------

#: faq_topics.md, the source of truth for the FAQ topics (a copy of the project's
#: ../shared/knowledge/faq_topics.md, tests/data/knowledge/SOURCES.md).
FAQ_TOPICS_FILE = ROOT / "tests" / "data" / "knowledge" / "faq_topics.md"
#: At most this many characters in an FAQ answer's first message (about 10 lines
#: on a phone), source line included.
FIRST_MESSAGE_LIMIT = 350
LANGUAGES = ("en", "es")
SOURCE_PREFIXES = {"en": ("Source: ", "Sources: "), "es": ("Fuente: ", "Fuentes: ")}
#: A full reference names a web address.
WEB_ADDRESS = re.compile(r"\b[\w.-]+\.(?:org|edu|gov)\b")


def faq_topics() -> List[str]:
    """The topics of faq_topics.md's table, in its order."""
    topics = re.findall(r"^\| ([a-z_]+) \|", FAQ_TOPICS_FILE.read_text(), re.M)
    return [t for t in topics if t != "topic"]


def by_language(variations: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """The variation of each language a response has (a missing one is absent)."""
    found: Dict[str, Dict[str, Any]] = {}
    spanish = [v for v in variations if v.get("condition") == SPANISH]
    english = [v for v in variations if v.get("condition") == ENGLISH] or [
        v for v in variations if "condition" not in v]
    if spanish:
        found["es"] = spanish[0]
    if english:
        found["en"] = english[0]
    return found


def source_line(text: str, language: str) -> str | None:
    """The last line of ``text`` if it names the source in ``language``."""
    lines = text.strip().splitlines()
    last = lines[-1] if lines else ""
    return last if last.startswith(SOURCE_PREFIXES[language]) else None


def faq_problems(
    all_responses: Dict[str, List[Dict[str, Any]]], topic: str
) -> List[str]:
    """What is wrong with ``topic``'s answer and its "Tell me more"; empty if nothing.

    Both responses exist in both languages with text and a source line; the first
    message fits a phone and names its source briefly (no address); "Tell me more"
    gives the full reference (with an address).
    """
    problems: List[str] = []
    for name, first in (
        (f"utter_faq/{topic}", True),
        (f"utter_faq_more/{topic}", False),
    ):
        if name not in all_responses:
            problems.append(f"{name}: missing")
            continue
        variations = by_language(all_responses[name])
        for language in LANGUAGES:
            if language not in variations:
                problems.append(f"{name}: no {language} text")
                continue
            text = (variations[language].get("text") or "").strip()
            source = source_line(text, language)
            if not text:
                problems.append(f"{name} ({language}): empty")
            elif source is None:
                problems.append(f"{name} ({language}): no source line at the end")
            elif first and WEB_ADDRESS.search(source):
                problems.append(f"{name} ({language}): full reference in the first "
                                "message; it belongs to 'Tell me more'")
            elif not first and not WEB_ADDRESS.search(source):
                problems.append(f"{name} ({language}): no full reference (address)")
            if first and len(text) > FIRST_MESSAGE_LIMIT:
                problems.append(f"{name} ({language}): {len(text)} characters, "
                                f"more than {FIRST_MESSAGE_LIMIT}")
    return problems
