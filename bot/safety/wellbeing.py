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
from typing import Pattern, Tuple

import yaml

from bot.nlu.program_entities import find_subjects
from bot.programs.models import ANY_SUBJECT
from bot.text import any_of, fold

_DATA = Path(__file__).with_name("wellbeing.yml")


@cache
def _patterns() -> Tuple[Pattern[str], Pattern[str], Pattern[str], Pattern[str],
                         Pattern[str]]:
    """Compile the concerns, school work, next steps, mistreatment, own distress.

    One reading of ``wellbeing.yml`` for all five. Concerns in every language;
    mistreatment: a tutor or teacher who yells at or shames a child.
    """
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    concerns = [p for patterns in data["concerns"].values() for p in patterns]
    return (any_of(concerns), any_of(data["school_work"]), any_of(data["next_steps"]),
            any_of(data["mistreated"]), any_of(data["parent_distress"]))


def worries_about_wellbeing(text: str) -> bool:
    """Whether ``text`` tells of a child's worry, sadness or bullying only.

    Not when it also asks about school work, a program or its cost.
    """
    concerns, school_work, _, mistreated, _ = _patterns()
    folded = fold(text)
    if mistreated.search(folded):
        return True  # "the tutor yelled at him": whatever else it names
    return (bool(concerns.search(folded)) and not school_work.search(folded)
            # a named subject is school work; "llora de todo" names none
            and all(e.value == ANY_SUBJECT for e in find_subjects(folded)))


def parent_in_distress(text: str) -> bool:
    """Whether ``text`` tells of the parent's own sadness, not the child's.

    Not when it also asks about school work, a program or its cost: the topic
    model answers that.
    """
    _, school_work, _, _, distress = _patterns()
    folded = fold(text)
    return bool(distress.search(folded)) and not school_work.search(folded)


def asks_next_step(text: str) -> bool:
    """Whether ``text`` asks what to do next, or about the counselor."""
    return bool(_patterns()[2].search(fold(text)))
