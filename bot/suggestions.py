"""Pick the quick replies Puente offers when it is not sure what a parent meant."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from bot.lang.catalog import known_labels, title

#: Below this confidence a guess is noise, not worth a button.
MIN_GUESS_CONFIDENCE = 0.05


def best_guesses(
    ranking: Sequence[Dict[str, Any]], count: int = 2
) -> List[str]:
    """Return the ``count`` most likely labels that Puente can offer as buttons.

    Args:
        ranking: the message's ``intent_ranking`` (full labels, best first).
        count: how many guesses to return.
    """
    offerable = known_labels()
    guesses = [
        r["name"]
        for r in ranking
        if r["name"] in offerable and r.get("confidence", 0.0) >= MIN_GUESS_CONFIDENCE
    ]
    return guesses[:count]


def guess_buttons(labels: Sequence[str], language: str | None) -> List[Dict[str, str]]:
    """Quick-reply buttons for ``labels``, titled in ``language``."""
    return [
        {"title": title(label, language), "payload": f"/{label}"} for label in labels
    ]
