"""One entity found in a message: its own module, so every finder can import it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entity:
    """One entity found in a message, with Rasa's fields."""

    entity: str
    value: str
    start: int
    end: int
    text: str

    def as_rasa(self, extractor: str) -> dict[str, Any]:
        """Return the dict Rasa stores in a message's ``entities``."""
        return {
            "entity": self.entity,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "confidence_entity": 1.0,
            "extractor": extractor,
        }
