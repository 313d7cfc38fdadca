"""A follow-up that asks an answer again for another school level or grade.

"and for middle school?" right after an answer got the out-of-scope answer, "y en la
secundaria igual?" two guesses, "and for high school too?" the same answer again
(exploratory runs 25 and 26): the family asks whether what it just heard holds for
another child's grade. Puente's answers hold for every grade, and which grades get
tutoring is the school's or district's to say: ``utter_any_grade`` says so.

Plain Python: the policy reads it from a message's text, without Rasa.
"""

from __future__ import annotations

import re

from bot.lang.grades import KINDER_WORDS, LEVEL_GRADES
from bot.nlu.program_entities import find_grades

#: Longer than this, a message asks more than the answer for another grade ("what
#: about for my son in 11th grade" is 8: run 28).
MAX_WORDS = 9
#: Words around a level or grade in such a follow-up ("y pa la secu también?").
_AROUND = frozenset(
    "and what how about for too also same in at the is it does do that this work "
    "apply kids students schoolers grade grades graders level my son daughter child "
    "y e pa para en la el los las lo de del mismo igual tambien que tal hay es eso "
    "esto sirve aplica funciona mi hijo hija ninos alumnos grado grados nivel "
    "other another older younger otro otra otros mayor menor grande".split())
_LEVEL = re.compile(r"(?<!\w)(?:" + "|".join(
    sorted([*LEVEL_GRADES, *KINDER_WORDS, "kinders", "preschool", "preescolar"],
           key=len, reverse=True))
    + r")(?!\w)")


def asks_another_grade(folded: str) -> bool:
    """Whether ``folded``, a whole message, names a level or grade and little else.

    "and for middle school?", "y en la secundaria igual?", "what about kinder",
    "y pa 8vo?": yes. "is tutoring free in high school?" (a question of its own)
    or "5th" typed with a child's name: no.
    """
    if len(folded.split()) > MAX_WORDS:
        return False
    rest = _LEVEL.sub(" ", folded)
    for grade in find_grades(rest):
        rest = rest[: grade.start] + " " + rest[grade.end :]
    return rest != folded and set(re.findall(r"\w+", rest)) <= _AROUND
