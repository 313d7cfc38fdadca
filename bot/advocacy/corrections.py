"""A grade or subject corrected right after the drafted message.

"ay no, era 4to no 5to" got "¿Le puedo ayudar con algo más?" and "wait its 4th not
5th" how to send the letter: the letter kept the wrong grade (exploratory run 25).
A short message right after the draft that names another grade or subject changes
that answer, and the draft is shown again (``action_redraft_message``). So does one
that names the right school: after saying the letter's is wrong ("not hollenbeck,
it's Stevenson", "es la Roosevelt no la Lincoln": run 26 got how to send the wrong
letter), after "the school is" or an apology, or with a word that says it is a
school ("Edison Middle School": runs 27, 28). A bare name without any of these, or
a person, still gets how to change the text (``utter_draft_how_to_change``): such a
name typed after the letter cannot be told from the rest of a sentence.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from bot.advocacy import answers, forms, letters, school_names
from bot.advocacy.checklist import plain
from bot.text import fold

#: Longer than this, a message is about more than the letter's grade, subject or
#: school ("perdon la escuela es Primaria Liberty Blvd y es de mate no de lectura"
#: is 14: run 28).
MAX_WORDS = 16
#: A subject added, not instead: "also reading", "y tambien lectura".
_ADDS = re.compile(r"\b(?:also|too|as well|add|tambien|agreg\w*|anad\w*)\b")
#: Words before a school's name said to be wrong: "no es la", "not", "isn't".
_NOT_SCHOOL = (r"\b(?:no|not|isn['’]?t|wasn['’]?t|ni)\s+(?:(?:es|era|is|was|the|la|el"
               r"|a|al|at|en|de|escuela|school)\s+)*")
#: Words right before the right school's name: "perdon la escuela es Edison
#: Middle School", "its at Nimitz Middle School" (run 27: how to send the letter, or
#: the grade alone changed).
_SCHOOL_IS = re.compile(
    r"\b(?:(?:the |my \w+ )?school is(?: actually| really)?(?: called)?"
    r"|(?:la )?escuela (?:en realidad |realmente )?(?:es|se llama)(?: la| el)?"
    r"|(?:it['’]?s|it is|is) at(?: the)?"
    r"|(?:es|va) en la(?: escuela)?|goes to(?: the)?|va a la(?: escuela)?)\s+")
#: An apology, then the right name: "me equivoque, es la Stevenson y va en 7mo"
#: changed the grade alone (run 28).
_SORRY = re.compile(r"^\W*(?:wait|sorry|oops|ups|ay|perdon\w*|disculpe|me equivoque"
                    r"|my bad|actually|en realidad)\b.*?\b(?:es (?:la|el)|it['’]?s|its"
                    r"|it is)\s+\w")
#: Words around a correction, not part of the right school's name.
_CORRECTION_WORDS = re.compile(
    r"^(?:[\s,.;:!-]|\b(?:wait|sorry|oops|ay|ups|perdon|perdone|disculpe|no|actually"
    r"|really|en realidad|my bad|me equivoque(?: de escuela)?|wrong school|i meant"
    r"|quise decir|but|pero|sino"
    r"|(?:es|its|it['’]?s|is)(?:\s+(?:la|el|the))?)\b)*")
#: Where the right school's name ends: "es gage, y es de 4to".
_AFTER_SCHOOL = re.compile(r"\s*(?:[,;]|\b(?:y|and|pero|but)\s+(?:es|is|its|it['’]?s"
                           r"|va|esta|he|she|mi|my)\b|\b(?:not|no|verdad|right|cierto)\b)")
#: Words no school's name has: "Hoper es Gage Middle" (the letter's school misspelt).
_NOT_A_NAME = re.compile(r"\b(?:no|not|es|is|its|era|was|isnt)\b")
#: Words of a school's name that are not its own ("Hollenbeck Middle School").
_NOT_OWN_WORDS = school_names.SCHOOL_WORDS | {"la", "el", "the", "de"}
#: Words after a school's own name that say it is a school ("Middle School").
_SCHOOL_AFTER = "|".join(sorted(school_names.NAME_THEN_SCHOOL))


def _own_words(school: str) -> list[str]:
    """Return the words of a school's name that are its own ("hollenbeck")."""
    return [word for word in plain(school).split() if word not in _NOT_OWN_WORDS]


def _said_wrong(folded: str, current: str) -> re.Match[str] | None:
    """Find the letter's school said to be wrong: "no la Hooper" (Hooper Avenue)."""
    own = [re.escape(word) for word in _own_words(current)]
    if not own:
        return None
    name = own[0] + "".join(rf"(?:\s+{word})?" for word in own[1:])
    return re.search(rf"{_NOT_SCHOOL}{name}\b(?:\s+(?:{_SCHOOL_AFTER}))*", folded)


def _school(text: str, current: str) -> str | None:
    """Return the right school, if ``text`` corrects ``current``, the letter's.

    "not hollenbeck, it's Stevenson": the letter's school after "not" goes, and the
    school's reader keeps the rest ("Stevenson", without "it's"). Without the
    wrong one, a school's name after "the school is" or an apology ("me equivoque,
    es la Stevenson"), or one that says it is a school ("Edison Middle School"), is
    the right one.
    """
    folded = fold(text)
    if (current in ("", letters.UNKNOWN) or len(folded) != len(text)
            or letters.not_known(text)):
        return None
    wrong = _said_wrong(folded, current)
    rest = text if wrong is None else text[: wrong.start()] + " " + text[wrong.end():]
    named = _SCHOOL_IS.search(fold(rest))
    rest = rest[named.end():] if named else rest
    lead = _CORRECTION_WORDS.match(fold(rest))
    rest = rest[lead.end() if lead else 0 :]
    after = _AFTER_SCHOOL.search(fold(rest))
    rest = rest[: after.start() if after else None].strip(" ,.;:!")
    name = school_names.school_name(rest) if rest else None
    if (name in (None, letters.UNKNOWN) or _own_words(str(name)) == _own_words(current)
            or _NOT_A_NAME.search(fold(str(name)))
            or (wrong is None and named is None and not _SORRY.match(folded)
                and not school_names.names_a_school(str(name)))):
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


def school_named_elsewhere(slot: str, requested: Any, value: Any,
                           current: str) -> str | None:
    """Return the school a letter's answer names where it asks something else.

    "oh wait the school is Roosevelt Elementary" at the subject's question got
    "the message can name these subjects" and kept "[school name]" (exploratory
    run 31), "ay perdon, la escuela es Loma Vista no Hoover" at the language's "no
    le entendí" (run 32): a name with a school's word
    (:func:`school_names.school_in_request`), or a correction of ``current``, the
    school kept (as after the draft), replaces it; the question is asked again.
    """
    text = answers.typed(value)
    if (not text or slot != requested or slot == answers.SCHOOL
            or slot not in forms.MESSAGE.slots):
        return None
    return school_names.school_in_request(text) or _school(text, current)
