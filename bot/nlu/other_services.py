"""Recognise a question about another program's or app's own details.

"What are Paper's tutor hours?" and "¿A qué hora abre Kumon?" carry topic words
(tutor, hours) that a classifier takes for Puente's own topics, but only that
program or the school knows the answer: Puente says so and points to them
(``utter_out_of_scope``). The names and details are data in ``other_services.yml``.
A named program with a judgement ("Is Varsity Tutors better than the school
tutoring?", "Is Kumon high-impact?") asks what no program's name can tell: the
not_hit topic (:func:`asks_to_judge_named_program`). A named program with neither
("What is Kumon?") is an ordinary question for the classifier.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Pattern, Tuple

import yaml

from bot.nlu.synonyms import names_tutoring
from bot.text import any_of, fold

_DATA = Path(__file__).with_name("other_services.yml")
#: The answer to a named program to judge: what does not count as high-impact
#: tutoring, with the checklist (faq_topics.md's not_hit).
JUDGED_PROGRAM_TOPIC = "faq/not_hit"
#: "Paper's", "Sylvan's": a capitalised name with an apostrophe s.
_POSSESSIVE = re.compile(r"\b([A-Z][A-Za-z]+)['’]s\b")
#: Capitalised words with 's that are not a program's name.
_NOT_NAMES = frozenset(
    "what that it let here there who where how he she today tomorrow everyone "
    "everybody nobody someone somebody mom dad son daughter child kid teacher tutor "
    "school district i".split()
)


@cache
def _data() -> Any:
    """``other_services.yml``, read once."""
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


@cache
def _patterns() -> Tuple[Pattern[str], Pattern[str], Pattern[str]]:
    """Compile the names, details and judgements of ``other_services.yml``."""
    data = _data()
    names = any_of(re.escape(n) for n in data["names"])
    details, judgements = (any_of(w for words in data[kind].values() for w in words)
                           for kind in ("details", "judgements"))
    return names, details, judgements


@cache
def _listed(kind: str) -> Pattern[str]:
    """Compile one list of ``other_services.yml`` (``needs``, ``for_themselves``)."""
    return any_of(w for words in _data()[kind].values() for w in words)


def asks_for_other_help(text: str) -> bool:
    """Whether ``text`` asks for food, rent, a place to stay, a lawyer or a job.

    211 helps with those (``utter_other_needs``); not when the message is also
    about tutoring, unless the parent asks to learn for themselves ("hay tutoria
    para mi? quiero aprender ingles"): adult classes are 211's to find too.
    """
    folded = fold(text)
    if _listed("for_themselves").search(folded):
        return True
    return bool(_listed("needs").search(folded)) and not names_tutoring(folded)


def needs_other_help_too(text: str) -> bool:
    """Whether ``text`` asks about tutoring and tells of a need 211 helps with.

    "we're living in our car, can my daughter still get a tutor" got who qualifies
    and nothing on a place to stay (exploratory run 20): the question keeps its
    answer, and 211's follows (:mod:`bot.nlu.second_question`).
    """
    folded = fold(text)
    return bool(_listed("needs").search(folded)) and names_tutoring(folded)


def _names_one(text: str, folded: str, names: Pattern[str]) -> bool:
    if names.search(folded):
        return True
    return any(m.group(1).lower() not in _NOT_NAMES for m in _POSSESSIVE.finditer(text))


def asks_about_other_service(text: str) -> bool:
    """Whether ``text`` asks about a named program's or app's own details.

    Or about what only a program can say, whatever its name (``program_matters``:
    a ride to tutoring, a tutor who did not come).

    A detail word inside the name is no detail asked: "the Paper app, is that the
    same thing?" asks nothing about an app's details.
    """
    names, details, _ = _patterns()
    folded = fold(text)
    if _listed("program_matters").search(folded):
        return True
    return (bool(details.search(names.sub(" ", folded)))
            and _names_one(text, folded, names))


def asks_to_judge_named_program(text: str) -> bool:
    """Whether ``text`` asks if a program named in ``names`` is good or better.

    Only listed names: "Is Paper's tutoring better?" may be about the school's own
    program. The classifier took "is Varsity Tutors better than the school
    tutoring" for the evidence topic, whose answer begins "Yes." (found in an
    exploratory run), and "¿Kumon es mejor...?" for nothing it was sure of.
    """
    names, _, judgements = _patterns()
    folded = fold(text)
    return bool(judgements.search(folded)) and bool(names.search(folded))
