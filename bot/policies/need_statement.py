"""Offer the ways Puente can help when a parent describes a need but asks nothing.

"Hello, my daughter is in 5th grade and struggling with fractions" asked for no
search, yet started one ("What is your zip code?"); "mi hija va en 3ro y va atrasada
en lectura q puedo hacer" got the eligibility answer ("I can't tell you if your child
qualifies"), and "my son is in 2nd grade and can't read" the "not sure" buttons
(found in an exploratory run). Such a message names a grade or a subject, no place,
and reads as search details (``inform``) or as no question the topic model is sure
of. It gets "Thanks for telling me. I can help in three ways:" with the welcome's
buttons (a program search, how to ask the school, what high-impact tutoring is); the
grade and subject it named stay in the search's slots, so neither the search nor a
message to the school asks them again.

A question the topic model is fairly sure of keeps its answer ("is tutoring free for
my 3rd grader?"), a place starts the search as before ("3rd grade math near
90255"), inside a form the message is an answer, and a detail that narrows results
just shown goes to :mod:`search_follow_up` (listed before this policy in config.yml).

A parent's story (:data:`STORY_WORDS` or more) that names a grade or subject and
that the topic model is unsure of gets the three ways too, whatever else it names
and asks: "...mi hijo va en cuarto grado en una escuela de south gate y se atrasó
mucho en lectura... no tenemos dinero para un tutor privado... que puedo hacer" got
"No sé si le entendí bien" and two topics (an exploratory run). Its place, grade and
subject are in the search's slots, so "Find a program" shows programs at once.

A child said to struggle ("mi hijo va muy mal en la escuela", "my son is failing
all his classes", the words in ``need_statement.yml``) is a need too, grade and
subject or not, even beside something else the model turns away ("mi esposo fue
deportado y mi hijo va muy mal" got the answer for another program's hours).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Pattern

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.turns import UntrainedPolicy, awaits_answer
from bot.text import any_of, fold, is_question

_DATA = Path(__file__).with_name("need_statement.yml")
OPTIONS_RESPONSE = "utter_need_options"
#: What a need names: the child's grade or the subject.
NEED_ENTITIES = frozenset({"grade", "subject"})
#: A place asks for programs there: the search starts as before. A language named
#: is about the conversation's language ("mejor en español, mi esposo va a leer
#: esto": "leer" is no need for reading).
NOT_NEED_ENTITIES = frozenset({"zip_code", "city", "language"})
#: Unless the child is said to struggle: "my son is in 7th grade, failing math,
#: Huntington Park, his school doesn't offer anything" got "not sure" (an
#: exploratory run); the place waits in the search's slots.
PLACE_ENTITIES = frozenset({"zip_code", "city"})
#: Search details alone, or nothing the NLU is sure of.
NEED_INTENTS = frozenset({"inform", "nlu_fallback"})
#: A message this long tells a story: a place, a language or a question in it does
#: not make it a search request or a question with its own answer.
STORY_WORDS = 25
#: What the topic model makes of a story it cannot place.
STORY_INTENTS = NEED_INTENTS | {"out_of_scope"}
#: A question whose topic is at least this likely keeps its answer (the dev split of
#: the real questions: see the README).
SURE_TOPIC = 0.5
#: A question (:func:`bot.text.is_question`) keeps its answer, or the "not sure"
#: buttons with the two likeliest topics, which fit a question better, except "what
#: can I do?" or "¿qué me recomienda?", which the three ways answer.
_ASKS_WHAT_TO_DO = re.compile(
    r"\bwhat (can|should|do) (i|we) do\b|\bq(u|ue|ué)? (puedo|debo|podemos|hago)\b"
    r"|\bwhat (do|would) you (recommend|suggest)\b"
    r"|\bq(u|ue|ué)? me (recomienda|aconseja|sugiere)n?\b",
    re.IGNORECASE,
)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class NeedStatementPolicy(UntrainedPolicy):
    """Predict the three ways to help for a need described, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`next_step`; never any event."""
        return next_step(tracker), []


def next_step(tracker: DialogueStateTracker) -> str | None:
    """Return the options for a need, listening after them, or nothing."""
    if tracker.latest_action_name == OPTIONS_RESPONSE:
        return str(ACTION_LISTEN_NAME)
    return OPTIONS_RESPONSE if describes_need(tracker) else None


@cache
def _struggles() -> Pattern[str]:
    return any_of(yaml.safe_load(_DATA.read_text(encoding="utf-8"))["struggles"])


def tells_of_struggle(text: str) -> bool:
    """Whether ``text`` says a child struggles at school (failing, behind, "va mal")."""
    return bool(_struggles().search(fold(text)))


def describes_need(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, not yet answered, describes a need, asks nothing."""
    message = tracker.latest_message
    if message is None or tracker.active_loop_name is not None:
        return False
    text = str(message.text or "")
    entities = {e.get("entity") for e in message.entities}
    intent = message.intent.get("name")
    unsure_topic = (intent == "faq"
                    and float(message.intent.get("confidence") or 0) < SURE_TOPIC)
    struggles = tells_of_struggle(text)
    if len(text.split()) >= STORY_WORDS:
        return ((bool(entities & NEED_ENTITIES) or struggles)
                and (intent in STORY_INTENTS or unsure_topic)
                and awaits_answer(tracker.events))
    needs = (intent in NEED_INTENTS or unsure_topic
             or (struggles and intent == "out_of_scope"))
    return (
        bool(text) and not text.startswith("/")
        and (bool(entities & NEED_ENTITIES) or struggles)
        and not entities & (NOT_NEED_ENTITIES - (PLACE_ENTITIES if struggles
                                                 else frozenset()))
        and needs
        and (not is_question(text) or bool(_ASKS_WHAT_TO_DO.search(text)))
        and awaits_answer(tracker.events)
    )
