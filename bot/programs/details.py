"""Search details said while the search asks something else ("any online?").

At "What grade is your child in?", "any online?" got the FAQ on where tutoring
happens, and the programs shown were in person (exploratory run 29's check, from
run 28): Rasa fills ``program_format`` and ``program_when`` from a search request
only, so a question that names them changed nothing. A short message whose
entities change one of them now narrows the search, with a word that it did, and
the question is asked again. A longer message asks something of its own ("Is
online tutoring as good as in person?") and keeps its answer.
"""

from __future__ import annotations

from typing import Any, Mapping

from bot.programs import geo
from bot.programs.present import label

#: The entity of each detail, and its slot.
DETAILS = {"format": "program_format", "when": "program_when"}
#: What the NLU makes of such a message: a question it maps to a topic, or nothing
#: it knows. Search requests (``find_program``, ``inform``) are filled by Rasa.
IN_PASSING_INTENTS = frozenset({"faq", "affirm", "out_of_scope", "nlu_fallback"})
#: Longer messages ask something of their own.
MAX_WORDS = 8


def said_in_passing(message: Mapping[str, Any],
                    slots: Mapping[str, Any]) -> dict[str, str]:
    """Return the detail slots a short message changes, with their new values.

    Not "online" at "Where?": there it is the answer (:func:`geo.online_answer`).
    """
    intent = str((message.get("intent") or {}).get("name") or "")
    words = str(message.get("text") or "").split()
    found = message.get("entities") or []
    if (intent not in IN_PASSING_INTENTS or not 0 < len(words) <= MAX_WORDS
            or (slots.get("requested_slot") == "program_location"
                and geo.online_answer(found))):
        return {}
    entities = {e.get("entity"): e.get("value") for e in found}
    return {slot: str(value) for entity, slot in DETAILS.items()
            if (value := entities.get(entity)) and value != slots.get(slot)}


def noted(said: Mapping[str, str], language: str) -> str:
    """Return the details just said, in the family's words ("en línea")."""
    return ", ".join(label("noted", value, language) for value in said.values())
