"""Recognise a parent worried about how their child feels, not about danger.

"Mi hijo dice que odia la escuela y llora todas las mañanas" or "my son is being
bullied" is no emergency (the crisis check, first, finds danger), and no question
about tutoring either: the topic model offered "how to help at home" or turned the
parent away with "I can't answer that one" (found in an exploratory run). Such a
parent gets a word of care and the person who can help at school, the counselor
(``utter_child_wellbeing``). A message that also asks for help with school work,
a program or its cost ("he gets anxious before tests, can tutoring help?", "she was
bullied last year, now we want her caught up in reading") is left to the topic model.
The words are data in ``wellbeing.yml``, English and Spanish together: a worried
parent mixes them. A parent who tells of their own sadness ("me siento muy
deprimida") hears care for them, with 988 (``utter_parent_wellbeing``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import NamedTuple, Pattern

import yaml

from bot.nlu.program_entities import find_subjects
from bot.programs.models import ANY_SUBJECT
from bot.text import any_of, fold

_DATA = Path(__file__).with_name("wellbeing.yml")


class _Patterns(NamedTuple):
    """``wellbeing.yml``, compiled: each check reads the lists it needs by name."""

    #: A worry about how a child feels, in every language.
    concerns: Pattern[str]
    #: School work, a program or its cost: the topic model answers those.
    school_work: Pattern[str]
    #: "what do I do?" right after the care answer.
    next_steps: Pattern[str]
    #: A tutor or teacher who yells at or shames a child.
    mistreated: Pattern[str]
    #: The parent's own sadness.
    parent_distress: Pattern[str]


@cache
def _patterns() -> _Patterns:
    """Compile ``wellbeing.yml``, read once."""
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    concerns = [p for patterns in data["concerns"].values() for p in patterns]
    return _Patterns(any_of(concerns), any_of(data["school_work"]),
                     any_of(data["next_steps"]), any_of(data["mistreated"]),
                     any_of(data["parent_distress"]))


def worries_about_wellbeing(text: str) -> bool:
    """Whether ``text`` tells of a child's worry, sadness or bullying only.

    Not when it also asks about school work, a program or its cost.
    """
    patterns = _patterns()
    folded = fold(text)
    if patterns.mistreated.search(folded):
        return True  # "the tutor yelled at him": whatever else it names
    return (bool(patterns.concerns.search(folded))
            and not patterns.school_work.search(folded)
            # a named subject is school work; "llora de todo" names none
            and all(e.value == ANY_SUBJECT for e in find_subjects(folded)))


def parent_in_distress(text: str) -> bool:
    """Whether ``text`` tells of the parent's own sadness, not the child's.

    Not when it also asks about school work, a program or its cost: the topic
    model answers that.
    """
    patterns = _patterns()
    folded = fold(text)
    return (bool(patterns.parent_distress.search(folded))
            and not patterns.school_work.search(folded))


def asks_next_step(text: str) -> bool:
    """Whether ``text`` asks what to do next, or about the counselor."""
    return bool(_patterns().next_steps.search(fold(text)))
