"""Read the domain's responses as data, for the content tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPANISH = [{"type": "slot", "name": "language", "value": "es"}]
ENGLISH = [{"type": "slot", "name": "language", "value": "en"}]


def responses() -> Dict[str, List[Dict[str, Any]]]:
    """Every response in domain/, by name."""
    merged: Dict[str, List[Dict[str, Any]]] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        merged.update((yaml.safe_load(path.read_text()) or {}).get("responses") or {})
    return merged


def variation(variations: List[Dict[str, Any]], language: str) -> Dict[str, Any]:
    """The variation shown in ``language`` (English: ``en`` condition, else default)."""
    if language == "es":
        return next(v for v in variations if v.get("condition") == SPANISH)
    conditioned = [v for v in variations if v.get("condition") == ENGLISH]
    return conditioned[0] if conditioned else next(v for v in variations if "condition" not in v)
