"""A grade or subject corrected right after the drafted message.

"ay no, era 4to no 5to" got "¿Le puedo ayudar con algo más?" and "wait its 4th not
5th" how to send the letter: the letter kept the wrong grade (exploratory run 25).
A short message right after the draft that names another grade or subject changes
that answer, and the draft is shown again (``action_redraft_message``). So does one
that says the letter's school is wrong and names the right one ("not hollenbeck,
it's Stevenson", "es la Roosevelt no la Lincoln": run 26 got how to send the wrong
letter). A school named without saying which was wrong, or a person, still gets how
to change the text (``utter_draft_how_to_change``): a name typed after the letter
cannot be told from the rest of a sentence.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from bot.advocacy import answers, letters, school_names
from bot.advocacy.checklist import plain
from bot.text import fold

#: Longer than this, a message is about more than the letter's grade or subject.
MAX_WORDS = 12
#: A subject added, not instead: "also reading", "y tambien lectura".
_ADDS = re.compile(r"\b(?:also|too|as well|add|tambien|agreg\w*|anad\w*)\b")
#: Words before a school's name said to be wrong: "no es la", "not", "isn't".
_NOT_SCHOOL = (r"\b(?:no|not|isn['’]?t|wasn['’]?t|ni)\s+(?:(?:es|era|is|was|the|la|el"
               r"|a|al|at|en|de|escuela|school)\s+)*")
#: Words around a correction, not part of the right school's name.
_CORRECTION_WORDS = re.compile(
    r"^(?:[\s,.;:!-]|\b(?:wait|sorry|oops|ay|ups|perdon|perdone|disculpe|no|actually"
    r"|my bad|me equivoque|i meant|quise decir|but|pero|sino"
    r"|(?:es|its|it['’]?s|is)(?:\s+(?:la|el|the))?)\b)*")
#: Where the right school's name ends: "es gage, y es de 4to".
_AFTER_SCHOOL = re.compile(r"\s*(?:[,;]|\b(?:y|and|pero|but)\s+(?:es|is|its|it['’]?s"
                           r"|va|esta|he|she|mi|my)\b)")
#: Words of a school's name that are not its own ("Hollenbeck Middle School").
_NOT_OWN_WORDS = frozenset({"elementary", "middle", "high", "school", "academy",
                            "escuela", "primaria", "secundaria", "prepa", "la", "el",
                            "the", "de"})


def _school(text: str, current: str) -> str | None:
    """Return the right school, if ``text`` says ``current``, the letter's, is wrong.

    "not hollenbeck, it's Stevenson": the letter's school after "not" goes, and the
    school's reader keeps the rest ("Stevenson", without "it's").
    """
    own = [word for word in plain(current).split() if word not in _NOT_OWN_WORDS]
    folded = fold(text)
    if not own or current == letters.UNKNOWN or len(folded) != len(text):
        return None
    wrong = re.search(_NOT_SCHOOL + r"\s+".join(map(re.escape, own))
                      + r"\b(?:\s+(?:elementary|middle|high|school|academy))*", folded)
    if wrong is None:
        return None
    rest = text[: wrong.start()] + " " + text[wrong.end():]
    lead = _CORRECTION_WORDS.match(fold(rest))
    rest = rest[lead.end() if lead else 0 :]
    after = _AFTER_SCHOOL.search(fold(rest))
    rest = rest[: after.start() if after else None].strip(" ,.;:!")
    name = school_names.school_name(rest) if rest else None
    if name in (None, letters.UNKNOWN) or plain(str(name)) == plain(current):
        return None
    return name


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
    school = _school(str(message.get("text") or ""), str(slots.get("msg_school") or ""))
    if school is not None:
        changes["msg_school"] = school
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
