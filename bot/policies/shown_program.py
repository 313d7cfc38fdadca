"""Send a question about a program shown on a card to that program.

"q dias es el Golden Step?" after the results got "not sure", and "what time is
Paper tutoring available" the general answer on schedules as if it were Paper's
(found in an exploratory run). A message that names one of the programs shown this
session (:mod:`bot.programs.shown`) gets ``action_about_shown_program``:
Puente knows only what the card says; the program knows its days, hours and the
rest. Outside a form, and never for a crisis, a goodbye or a request for a person.
The policy puts the name in a slot with its prediction (Rasa applies a policy's
events before the action runs), so the action only says it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.search_follow_up import FOLLOW_UP_INTENTS, RESULTS_ACTIONS
from bot.policies.turns import UntrainedPolicy, awaits_answer
from bot.programs.shown import named_program, shown_names

ABOUT_ACTION = "action_about_shown_program"
#: Set by every search that showed results: none shown while it is empty.
OFFSET_SLOT = "program_offset"
#: Where the action finds the name (a program's, nothing about the family).
NAME_SLOT = "shown_program_asked"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ShownProgramPolicy(UntrainedPolicy):
    """Predict ``action_about_shown_program`` for a shown program named, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`next_step`."""
        return next_step(tracker)


def next_step(tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
    """Return the action with the program's name in its slot, or listen after it."""
    if tracker.latest_action_name == ABOUT_ACTION:
        return str(ACTION_LISTEN_NAME), []
    named = program_asked_about(tracker)
    return (ABOUT_ACTION, [SlotSet(NAME_SLOT, named)]) if named else (None, [])


def program_asked_about(tracker: DialogueStateTracker) -> str | None:
    """Return the shown program the latest message names, if it awaits an answer."""
    message = tracker.latest_message
    if (
        message is None
        or tracker.get_slot(OFFSET_SLOT) is None  # no results shown, ever
        or tracker.active_loop_name is not None
        or message.intent.get("name") not in FOLLOW_UP_INTENTS
        or not awaits_answer(tracker.events)
    ):
        return None
    return named_program(str(message.text or ""),
                         shown_names(shown_this_session(tracker.events)))


def shown_this_session(events: Iterable[Event]) -> list[str]:
    """Return the bot's texts said with results (search, "Show more") this session.

    Events are told apart by ``type_name``: ``isinstance`` against Rasa's event
    classes took 0.9 ms for a 100-message conversation, on every message.
    """
    texts: list[str] = []
    with_results = False
    for event in events:
        kind = event.type_name
        if kind == SessionStarted.type_name:
            texts, with_results = [], False
        elif kind == UserUttered.type_name:
            with_results = False
        elif kind == ActionExecuted.type_name:
            with_results = with_results or event.action_name in RESULTS_ACTIONS
        elif kind == BotUttered.type_name and with_results:
            texts.append(event.text or "")
    return texts
