"""Rasa's ``applied_events``, continued from where it last stopped (Rasa 3.6).

A conversation's applied events are its events without the ones undone (a rewound
message, a reverted action, a form's earlier happy-path turns, everything before a
restart or a new session). Rasa 3.6 works them out from the first event on every
call, and calls it several times per message: to check whether the session has
expired, for each rule prediction, for the states of each prediction. For a
family a few hundred events into the checklist and the message form, that was the
largest cost left in the RulePolicy (5% of the Rasa server's CPU in the mixed load
of ``make bench PARTS=speed``).

The events of a tracker are only ever appended to, so :func:`applied_events` keeps
on the tracker what it worked out and, next time, goes through only the events
added since, with Rasa's own steps. It starts over whenever that would not give
the same list: another event list (a copied tracker), a first or last event that
is not the one it stopped at, or a form named for the first time (Rasa collects
the forms' names from all events before going through them).

Pinned to Rasa 3.6.x, whose ``DialogueStateTracker.applied_events`` this repeats
step for step; on another version nothing is patched and a warning says so.
Installed by :mod:`bot.channels.rest`, like the other adjustments
(:mod:`bot.rasa_version`).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Deque, FrozenSet, Iterable, List

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_version import replace

#: Where a tracker keeps what :func:`applied_events` worked out.
KEPT = "_puente_applied_events"
#: Rasa's own method, for another Rasa version and for the tests.
RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events


@dataclass(frozen=True)
class Kept:
    """The applied events of a tracker's first ``count`` events."""

    events: Deque[Event]
    count: int
    first: Event | None
    last: Event | None
    loop_names: FrozenSet[str]
    applied: List[Event]

    def continues(self, events: Deque[Event]) -> bool:
        """Whether ``events`` is the same list, with at most events appended."""
        if events is not self.events or len(events) < self.count:
            return False
        return self.count == 0 or (events[0] is self.first
                                   and events[self.count - 1] is self.last)


def loop_names(events: Iterable[Event]) -> FrozenSet[str]:
    """Return the forms (loops) activated among ``events``."""
    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def fold(tracker: DialogueStateTracker, events: Iterable[Event],
         loops: FrozenSet[str], applied: List[Event]) -> List[Event]:
    """Rasa 3.6's steps of ``applied_events``, from ``applied`` on."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied = []
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loops
            and not tracker._first_loop_execution_or_unhappy_path(
                event.action_name, applied
            )
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
    return applied


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Return the events applied to the tracker (Rasa's list, worked out once)."""
    events = self.events
    kept: Kept | None = self.__dict__.get(KEPT)
    applied: List[Event] | None = None
    if kept is not None and kept.continues(events):
        added = list(islice(events, kept.count, None))
        loops = kept.loop_names | loop_names(added)
        if loops == kept.loop_names:
            applied = fold(self, added, loops, list(kept.applied))
    if applied is None:
        loops = loop_names(events)
        applied = fold(self, events, loops, [])
    self.__dict__[KEPT] = Kept(events, len(events), events[0] if events else None,
                               events[-1] if events else None, loops, applied)
    return list(applied)


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(DialogueStateTracker, "applied_events", applied_events,
                   "applied events are worked out from the first event on every call",
                   __name__, "Applied events continued from where they last stopped.")
