"""Say the last answer again when a family asks "mande?", "what?" or "repeat that".

"mande?" (Mexican Spanish for "pardon?") got "No sé si le entendí bien" at every
step (exploratory run 8): the family had not read or understood the last answer and
asked to hear it again. Plain event dicts in (rasa-sdk's), the messages to send
out, so it is tested without Rasa.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Mapping

from bot.advocacy import Utterance
from bot.text import fold

#: The whole message asks to hear the last answer again.
_REPEAT = re.compile(
    r"^\W*(?:mande|mande usted|mandeme|que|q|como|como dice|como dijo|que dijo|que dice"
    r"|what|wut|huh|sorry|pardon|come again|what did you say|say that again|say again"
    r"|repeat|repeat that|repeat it|(?:can|could) you repeat(?: that| it)?"
    r"|please repeat"
    r"|repita|repitalo|repitame|repite|repitelo|repiteme|me lo repite|me lo repites"
    r"|me lo puede repetir|puede repetir(?:lo)?|lo puede repetir|repetir"
    # exploratory run 11: "not sure"
    r"|ande|eh|otra vez|de nuevo|again|one more time|una vez mas)"
    r"\W*(?:por favor|please|pls|porfa|plis)?\W*$")
#: What a bot message may carry besides its text (rasa-sdk's ``utter_message``).
_PARTS = ("buttons", "custom", "image", "attachment", "elements", "quick_replies")


def asks_to_repeat(text: str) -> bool:
    """Whether ``text`` asks to hear the last answer again ("mande?", "what?")."""
    return bool(_REPEAT.match(fold(" ".join(text.split()))))


def previous_turn(events: Iterable[Mapping[str, Any]]) -> List[Mapping[str, Any]]:
    """Return the bot's events between the last two user messages.

    Empty when the family's message is the first (nothing answered before it).
    """
    answers: List[List[Mapping[str, Any]]] = []
    for event in events:
        if event.get("event") == "user":
            answers.append([])
        elif event.get("event") == "bot" and answers:
            answers[-1].append(event)
    return answers[-2] if len(answers) >= 2 else []


def answer_to_repeat(events: Iterable[Mapping[str, Any]]) -> List[Utterance]:
    """Return the bot's messages of :func:`previous_turn`, to send again."""
    return [_again(said) for said in previous_turn(events)]


def _again(said: Mapping[str, Any]) -> Utterance:
    data: Dict[str, Any] = said.get("data") or {}
    again: Utterance = {part: data[part] for part in _PARTS if data.get(part)}
    if said.get("text"):
        again["text"] = said["text"]
    return again
