"""Rasa's temporary tracker for a form turn, started from the current state (Rasa 3.6).

On every form turn Rasa 3.6 builds a temporary tracker to validate the answer and to
ask the next question (``FormAction._temporary_tracker``): a new tracker that
replays every event of the session, plus the form's own events. Its validation call
then sends all those events to the action server, which parses them all. For a
family a few hundred events into the checklist and the message form, that was the
largest cost left in Rasa's form machinery (4% of its CPU for the replay alone in
the mixed load of ``make bench PARTS=speed``).

A tracker's state is what replaying its events gives, and the conversation's
tracker already holds that state. :func:`temporary_tracker` copies it
(:func:`bot.tracker_copies.with_state_of`: slots, active form, latest message,
action and bot message, follow-up action, paused), keeps only this turn's events
(from the family's latest message on, so the latest input channel is the same),
and applies the form's events as Rasa does. The form validation actions read the
slots, the latest message, the events the form added (``slots_to_validate``) and
Puente's replies just before (was the last answer understood?), never older
events; nothing else is sent this tracker (Puente has no
``action_ask_*`` actions: the questions are responses).

Pinned to Rasa 3.6.x, whose ``FormAction._temporary_tracker`` this replaces; on
another version nothing is patched and a warning says so. Installed by
:mod:`bot.channels.rest`, like the other adjustments (:mod:`bot.rasa_version`).
"""

from __future__ import annotations

from typing import List

from rasa.core.actions.forms import FormAction
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_version import replace
from bot.tracker_copies import with_state_of

#: Rasa's own method, for another Rasa version and for the tests.
RASA_TEMPORARY_TRACKER = FormAction._temporary_tracker


def this_turn(tracker: DialogueStateTracker) -> List[Event]:
    """Return the events from the family's latest message on (all, if none).

    Puente's replies to the message before come first: whether it has just said it
    did not understand changes how "ok" reads (``answers.said_just_before``).
    """
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            before = []
            for event in reversed(events[:index]):
                if isinstance(event, UserUttered):
                    break
                if isinstance(event, BotUttered):
                    before.append(event)
            return [*reversed(before), *events[index:]]
    return events


def temporary_tracker(
    self: FormAction,
    current_tracker: DialogueStateTracker,
    additional_events: List[Event],
    domain: Domain,
) -> DialogueStateTracker:
    """Rasa 3.6's temporary tracker: the current state, this turn's events, the form's.

    Rasa's own is rebuilt from every event after the latest restart; this one
    starts from the state that rebuild reaches, which the current tracker holds.
    """
    tracker = with_state_of(current_tracker, DialogueStateTracker(
        current_tracker.sender_id, domain.slots))
    tracker.events.extend(this_turn(current_tracker))
    for event in [SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
                  ActionExecuted(self.name()), *additional_events]:
        tracker.update(event)
    return tracker


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(FormAction, "_temporary_tracker", temporary_tracker,
                   "each form turn replays the whole session", __name__,
                   "Form turns start from the conversation's current state.")
