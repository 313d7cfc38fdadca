"""More questions in one message: "cuanto cuesta y quien da las clases?".

Rasa reads one intent per message, so "is it free and who are the tutors?" got the
answer on cost alone, with no word on the tutors (exploratory run 9, 11 of 11 such
messages). The message is split where another question starts (after a question
mark, or at "y" / "and" or a comma before a question word); each part the topic
model is sure of, about another FAQ topic than the message's, is answered after it
(:mod:`bot.policies.second_question`), two at most: "cuanto cuesta, quien da las
clases y cuantas veces a la semana?" got the schedule alone (exploratory run 19).
The topics travel as entities of the message, ``second_question``; so does 211's
answer, when the question also tells of a need for food, rent or a place to stay.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Tuple

from bot.text import fold

#: The entity that carries another question's FAQ topic ("faq/tutors").
ENTITY = "second_question"
#: Questions answered after the message's own: a long list is no conversation.
MAX_MORE = 2
#: How sure the topic model must be of a part: a wrong second answer is noise.
SURE = 0.8
#: The FAQ topics' labels start so.
FAQ = "faq/"
#: The intent a FAQ topic's question has (its topic: ``full_retrieval_intent_name``).
FAQ_INTENT = "faq"
#: 211's answer, after a tutoring question that also tells of a need for food, rent
#: or a place to stay (:func:`bot.nlu.other_services.needs_other_help_too`).
OTHER_NEEDS = "other_needs"
#: Words a question starts with, folded.
_QUESTION_WORD = (
    r"(?:que|quien|quienes|cuanto|cuantos|cuantas|cuanta|como|donde|cuando|cual|cuales"
    r"|cada cuanto|es|son|hay|tienen|puedo|se puede|who|what|how|where|when|which|is"
    r"|are|do|does|can|will)")
#: After a comma, only words that start a question and little else ("que" and "es"
#: start a clause as often: "mi hijo, que va en 3ro, ...").
_COMMA_QUESTION = (
    r"(?:quien|quienes|cuanto|cuantos|cuantas|cuanta|como|donde|cuando|cual|cuales"
    r"|cada cuanto|who|what|how|where|when|which|is it|are they|are the|do they"
    r"|does it|can i|can (?:he|she|they))")
#: Where another question starts: after a question mark followed by more words, or
#: at "y"/"and" (after a comma, too) or a comma before a question word.
_SPLIT = re.compile(r"\?+\s*(?:(?:y|and|e)\s+)?(?=\w)"
                    rf"|,?\s+(?:y|and)\s+(?:(?:also|ademas|tambien)\s+)?(?={_QUESTION_WORD}\b)"
                    # run 21: "..., also is it online?" lost its last question
                    rf"|,\s*(?:(?:also|plus|tambien|ademas)\s+)?(?={_COMMA_QUESTION}\b)")
#: A part needs this many words to ask something of its own.
MIN_WORDS = 2


def question_parts(text: str) -> List[str]:
    """Return the questions ``text`` asks, when it asks more than one (else none)."""
    folded = fold(" ".join(text.split()))
    parts = [p.strip(" ?¿!¡.,") for p in _SPLIT.split(folded)]
    parts = [p for p in parts if len(p.split()) >= MIN_WORDS]
    return parts if len(parts) > 1 else []


def more_topics(text: str, answered: str,
                best_of: Callable[[str], Tuple[str, float]]) -> List[str]:
    """Return the FAQ topics of the other questions in ``text`` (two at most).

    Other than ``answered``, in the order asked; ``best_of``: the topic model's best
    label and confidence for a text.
    """
    if not answered.startswith(FAQ):
        return []
    topics: List[str] = []
    for part in question_parts(text):
        label, confidence = best_of(part)
        if (label.startswith(FAQ) and label != answered and label not in topics
                and confidence >= SURE):
            topics.append(label)
    return topics[:MAX_MORE]


def entity(topic: str, text: str) -> Dict[str, Any]:
    """Return the ``second_question`` entity, as Rasa's extractors write one."""
    return {"entity": ENTITY, "value": topic, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": "TopicClassifier"}



def more_topics_of(entities: List[Dict[str, Any]]) -> List[str]:
    """Return the other questions' topics among a message's entities, in order.

    FAQ topics, and 211's answer to a need told beside the question.
    """
    topics = (str(e.get("value", "")) for e in entities if e.get("entity") == ENTITY)
    return [topic for topic in topics if topic.startswith(FAQ) or topic == OTHER_NEEDS]
