"""Two questions in one message: "cuanto cuesta y quien da las clases?".

Rasa reads one intent per message, so "is it free and who are the tutors?" got the
answer on cost alone, with no word on the tutors (exploratory run 9, 11 of 11 such
messages). The message is split where a second question starts (after a question
mark, or at "y" / "and" before a question word); a part the topic model is sure of,
about another FAQ topic than the message's, is answered after it
(:mod:`bot.policies.second_question`). The topic travels as an entity of the
message, ``second_question``.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Tuple

from bot.text import fold

#: The entity that carries the second question's FAQ topic ("faq/tutors").
ENTITY = "second_question"
#: How sure the topic model must be of a part: a wrong second answer is noise.
SURE = 0.8
#: The FAQ topics' labels start so.
FAQ = "faq/"
#: Words a question starts with, folded.
_QUESTION_WORD = (
    r"(?:que|quien|quienes|cuanto|cuantos|cuantas|cuanta|como|donde|cuando|cual|cuales"
    r"|cada cuanto|es|son|hay|tienen|puedo|se puede|who|what|how|where|when|which|is"
    r"|are|do|does|can|will)")
#: Where a second question starts: after a question mark followed by more words, or
#: at "y"/"and" (after a comma, too) before a question word.
_SPLIT = re.compile(r"\?+\s*(?:(?:y|and|e)\s+)?(?=\w)"
                    rf"|,?\s+(?:y|and)\s+(?={_QUESTION_WORD}\b)")
#: A part needs this many words to ask something of its own.
MIN_WORDS = 2


def question_parts(text: str) -> List[str]:
    """Return the questions ``text`` asks, when it asks more than one (else none)."""
    folded = fold(" ".join(text.split()))
    parts = [p.strip(" ?¿!¡.,") for p in _SPLIT.split(folded)]
    parts = [p for p in parts if len(p.split()) >= MIN_WORDS]
    return parts if len(parts) > 1 else []


def second_topic(text: str, answered: str,
                 best_of: Callable[[str], Tuple[str, float]]) -> str | None:
    """Return the FAQ topic of a second question in ``text``, other than ``answered``.

    ``best_of``: the topic model's best label and confidence for a text.
    """
    if not answered.startswith(FAQ):
        return None
    for part in question_parts(text):
        label, confidence = best_of(part)
        if label.startswith(FAQ) and label != answered and confidence >= SURE:
            return label
    return None


def entity(topic: str, text: str) -> Dict[str, Any]:
    """Return the ``second_question`` entity, as Rasa's extractors write one."""
    return {"entity": ENTITY, "value": topic, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": "TopicClassifier"}



def second_topic_of(entities: List[Dict[str, Any]]) -> str | None:
    """Return the second question's topic among a message's entities, if any."""
    topics = (str(e.get("value", "")) for e in entities if e.get("entity") == ENTITY)
    return next((topic for topic in topics if topic.startswith(FAQ)), None)
