"""A grade or subject corrected right after the drafted message.

"ay no, era 4to no 5to" got "¿Le puedo ayudar con algo más?" and "wait its 4th not
5th" how to send the letter: the letter kept the wrong grade (exploratory run 25).
A short message right after the draft that names another grade or subject changes
that answer, and the draft is shown again (``action_redraft_message``). A school or
a person corrected still gets how to change the text (``utter_draft_how_to_change``):
a name typed after the letter cannot be told from the rest of a sentence.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from bot.advocacy import answers, letters
from bot.text import fold

#: Longer than this, a message is about more than the letter's grade or subject.
MAX_WORDS = 12
#: A subject added, not instead: "also reading", "y tambien lectura".
_ADDS = re.compile(r"\b(?:also|too|as well|add|tambien|agreg\w*|anad\w*)\b")


def _replacement(named: Sequence[str], current: Sequence[str]) -> list[str] | None:
    """Return the values that replace ``current``, of those the message ``named``.

    One value the letter does not have replaces it ("4th grade"); of two, the one
    the letter has is the wrong one ("era 4to no 5to" reads only the 4th; "no es
    mate, es lectura" both, math the letter's): the other replaces it.
    """
    new = [value for value in named if value not in current]
    if not new or len(named) > 2 or (len(named) == 2 and len(new) == 2):
        return None
    if len(named) == 2:
        wrong = next(value for value in named if value in current)
        return [new[0] if value == wrong else value for value in current]
    return new


def corrected(message: Mapping[str, Any], slots: Mapping[str, Any]) -> dict[str, str]:
    """Return the message form's answers the latest message corrects, if any.

    ``message``: the latest message's text and entities; ``slots``: the form's
    answers the draft was written from.
    """
    if len(str(message.get("text") or "").split()) > MAX_WORDS:
        return {}
    changes = {}
    grade = _replacement(answers.entity_values(message, "grade"),
                         [str(slots.get("msg_grade") or "")])
    if grade is not None and len(grade) == 1:
        changes["msg_grade"] = grade[0]
    letter_subjects = [subject for subject in str(slots.get("msg_subject") or "")
                       .split(letters.SUBJECT_SEPARATOR) if subject]
    subjects = _replacement(answers.entity_values(message, "subject"), letter_subjects)
    if subjects is not None:
        if _ADDS.search(fold(str(message.get("text") or ""))):
            subjects = [*letter_subjects, *subjects]
        changes["msg_subject"] = letters.SUBJECT_SEPARATOR.join(subjects)
    return changes
