"""Search again when a family narrows the programs just shown ("any online ones?").

Soon after the results (:data:`RECENT_TURNS`), a short message that changes a detail
of the search (online or in person, when, the subject, the grade, the place) asks for
programs like those, not for a general answer: "any that are online?" got the
FAQ's "Most high-impact tutoring is at school..." and no online program (found in
an exploratory run).
The slots already hold the new detail (Rasa fills them from the message's
entities before the policies run), so the search form runs again: every answer is
there, it completes at once and the search rule shows the new results.

Only a short message (a follow-up, not a question of its own: "Is online tutoring
as good as in person?" keeps its FAQ answer), only one that changes a detail (the
same "online" again is a question), and never a crisis, a goodbye or a request
for a person: those intents are not in :data:`FOLLOW_UP_INTENTS`. The language
programs teach in counts too: "which one has a tutor who speaks spanish" got the
answer on language rights at school.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.turns import UntrainedPolicy, answered_recently, unanswered_message_at
from bot.programs import details
from bot.text import fold

SEARCH_FORM = "program_search_form"
#: The answers that show programs.
RESULTS_ACTIONS = frozenset({"action_search_programs", "action_show_more_programs"})
#: The search details a follow-up can change, filled by Rasa from the message.
SEARCH_SLOTS = frozenset({"program_location", "program_grade", "program_subject",
                          "program_format", "program_when", "program_cost"})
#: The language programs teach in, online or in person, when and free: Rasa fills them
#: from a search request only (a question about online tutoring is no request for
#: online programs: it once kept every later search online), so a follow-up's
#: ("which one has a tutor who speaks spanish", "any that are online?", "any on
#: saturdays?") are set here.
SLOTS_SET_HERE = {"language": "program_language", **details.DETAILS,
                  "cost": "program_cost"}
#: What the NLU makes of a follow-up: a question it maps to a topic ("any that
#: are online?" reads as the FAQ on where tutoring happens), search details, or
#: nothing it knows (as for a detail said while the search asks), or a search
#: request. Not ``change_language``: "en español, por favor" switches the
#: conversation, it filters nothing.
FOLLOW_UP_INTENTS = details.IN_PASSING_INTENTS | {"inform"}
#: A question about the programs' language ("es en español?", "lo dan en español?",
#: "do they speak spanish?"), not a request to switch the conversation's ("en
#: español por favor", "english please", "can you write in english?"): it got
#: "Muy bien, le responderé en español" and no answer (an exploratory run).
_ASKS_ABOUT_THEM = re.compile(
    r"^\W*(?:y |and |but |pero )?(?:es|son|lo|la|los|las|el|dan|hablan|ensenan|hay"
    r"|tienen?|is|are|do|does|any|which|the|cual(?:es)?)\b")
#: Results answered one of this many messages before this one: "y para lectura?"
#: after "is sunflower free?" or "english please" still narrows them.
RECENT_TURNS = 3


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class SearchFollowUpPolicy(UntrainedPolicy):
    """Predict the search form again for a follow-up that narrows the results."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict the search form with the details Rasa does not set, or nothing."""
        events = refinement(tracker)
        return (None, []) if events is None else (SEARCH_FORM, events)


def refinement(tracker: DialogueStateTracker) -> list[Event] | None:
    """Return the events that narrow the results just shown; None for no follow-up.

    The events set what Rasa does not (:data:`SLOTS_SET_HERE`); an empty list when
    Rasa already set every detail the message changed.
    """
    message = tracker.latest_message
    text = str(message.text or "") if message else ""
    if (
        message is None
        or tracker.active_loop_name is not None
        or (message.intent.get("name") not in FOLLOW_UP_INTENTS
            and not asks_about_their_language(tracker))
        or not 0 < len(text.split()) <= details.MAX_WORDS
    ):
        return None
    events = list(tracker.events)
    start = unanswered_message_at(events)
    if start is None or not answered_recently(events, RESULTS_ACTIONS, RECENT_TURNS):
        return None
    entities = {e.get("entity"): e.get("value") for e in message.entities}
    extra: list[Event] = [
        SlotSet(slot, entities[entity]) for entity, slot in SLOTS_SET_HERE.items()
        if entities.get(entity) and entities[entity] != tracker.get_slot(slot)
    ]
    changed = {
        event.key for event in events[start:]
        if isinstance(event, SlotSet) and event.key in SEARCH_SLOTS
        and _changed(events, start, event)
    }
    if ("program_location" in changed and "format" not in entities
            and tracker.get_slot("program_format")):
        # "y en el 90011?" after online programs: programs near that place
        extra.append(SlotSet("program_format", None))
    return extra if changed or extra else None


def asks_about_their_language(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message asks which language the programs just shown use.

    Then it narrows them to that language, and the conversation keeps its own
    (:mod:`bot.policies.language`).
    """
    message = tracker.latest_message
    return (message is not None and tracker.active_loop_name is None
            and any(e.get("entity") == "language" for e in message.entities)
            and bool(_ASKS_ABOUT_THEM.search(fold(str(message.text or ""))))
            and answered_recently(list(tracker.events), RESULTS_ACTIONS, RECENT_TURNS))


def _changed(events: Sequence[Event], start: int, new: SlotSet) -> bool:
    """Whether ``new`` (set by this turn's message) differs from the value before."""
    return bool(value_before(events, start, new.key) != new.value)


def value_before(events: Sequence[Event], start: int, key: str) -> Any:
    """Return slot ``key``'s value before ``events[start]`` (None if never set)."""
    for event in reversed(events[:start]):
        if isinstance(event, SlotSet) and event.key == key:
            return event.value
    return None


def details_put_back(tracker: DialogueStateTracker) -> list[Event]:
    """Return the events that undo the search details the latest message set.

    "2" after the results names the second card, not 2nd grade: read as a grade,
    it changed every later search (an exploratory run).
    """
    events = list(tracker.events)
    start = unanswered_message_at(events)
    if start is None:
        return []
    return [SlotSet(event.key, value_before(events, start, event.key))
            for event in events[start:]
            if isinstance(event, SlotSet) and event.key in SEARCH_SLOTS
            and _changed(events, start, event)]
