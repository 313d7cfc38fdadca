"""Meta's documented WhatsApp payloads (tests/data/whatsapp/meta) and a fake Graph API.

The fake Graph API and the inbound messages built from Meta's samples live in
:mod:`bot.bench.graph`, shared with ``make scale-test``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, List

from bot.bench.graph import (
    HANG,
    SAMPLES,
    FakeGraph,
    addressee,
    fresh,
    from_phone,
    messages_of,
    sample,
    text_from,
)

#: Shared with ``make scale-test``; imported from here by the channel's tests.
__all__ = ["HANG", "FakeGraph", "addressee", "fresh", "from_phone", "messages_of",
           "sample", "text_from"]

#: The user's number in Meta's examples.
PHONE = "16505551234"


#: One webhook body per kind, built from Meta's documentation, in a folder per
#: outcome: answered/, text_only/, silent/ (tests/data/whatsapp/SOURCES.md).
FIXTURES = Path(__file__).parents[1] / "data" / "whatsapp"


def fixtures(outcome: str) -> List[str]:
    """The fixtures of one outcome folder, as ``outcome/name``."""
    return sorted(f"{outcome}/{p.stem}" for p in (FIXTURES / outcome).glob("*.json"))


def fixture(name: str) -> Dict[str, Any]:
    """One fixture, by ``outcome/name`` (without ``.json``)."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def reversed_keys(value: Any) -> Any:
    """The same JSON with every object's keys in the opposite order."""
    if isinstance(value, dict):
        return {k: reversed_keys(v) for k, v in reversed(list(value.items()))}
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    return value


def verification_query() -> Dict[str, str]:
    """The query parameters of Meta's sample verification request (01)."""
    raw = (SAMPLES / "01_verification_request.http").read_text()
    return dict(re.findall(r"(hub\.\w+)=(\w+)", raw))
