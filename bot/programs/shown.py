"""Which of the programs just shown a family asks about ("q dias es el Golden Step?").

Puente knows of a program only what its card says; its days, hours and anything
else are the program's to tell. A question that names a program shown on a card
got "not sure" (found in an exploratory run); it now gets "ask them". Plain text in,
a name out, for :mod:`bot.policies.shown_program`, which passes the name to the
action in a slot. A card named by its place ("el primero") is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.text import fold

#: A card begins with the program's name in bold (``utter_program_match``).
_CARD_NAME = re.compile(r"^\*(?P<name>[^*\n]+)\*", re.MULTILINE)
_WORD = re.compile(r"[a-z0-9]+")
#: Words many programs' names share, or everyday words: they name none of them.
COMMON_WORDS = frozenset(
    "the and for of a an in at de la el los las del y en con para "
    "tutoring tutors tutor tutoria tutores program programa programs center centro "
    "club academy academia learning aprendizaje school escuela after before online "
    "math matematicas reading lectura writing escritura science ciencias homework "
    "tareas help ayuda kids ninos students alumnos demo one uno circle buddies "
    "lab corner team studio hour hora pals friends amigos line readers eld esl ell "
    "algebra saturday sabado".split()
)


def shown_names(texts: Iterable[str]) -> list[str]:
    """Return the programs' names on the cards among ``texts``, in order."""
    return [m.group("name").strip() for text in texts
            for m in _CARD_NAME.finditer(text or "")]


def _own_words(name: str) -> set[str]:
    return {w for w in _WORD.findall(fold(name)) if w not in COMMON_WORDS}


def named_program(message: str, names: Sequence[str]) -> str | None:
    """Return the one name of ``names`` whose own words are all in ``message``.

    All of them: "step" alone is "the next step", not Golden Step, and "good
    morning" is not Morning Star Math. The longest such name wins; None if none.
    """
    words = set(_WORD.findall(fold(message)))
    named = [(len(own), name) for name in dict.fromkeys(names)
             if (own := _own_words(name)) and own <= words]
    return max(named)[1] if named else None
