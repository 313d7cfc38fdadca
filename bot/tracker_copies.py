"""Rasa's tracker copy, from the conversation's state instead of a replay (Rasa 3.6).

Before running each action of a turn, Rasa 3.6 copies the conversation's tracker
(``DialogueStateTracker.copy``: the action may be rejected, and the copy is thrown
away with the policy's events). The copy is a new tracker that replays every event
of the conversation, so each action costs more the longer a family has talked: 5%
of Rasa's CPU in the mixed load of ``make bench PARTS=speed``, more in a long one.

Replaying a tracker's events gives the state it holds already (slots, active form,
latest message, action and bot message, follow-up action, paused): processing a
message changes that state only through events. :func:`copy` starts a tracker as
Rasa's copy does (:meth:`DialogueStateTracker.init_copy`), gives it the same events
and a copy of that state (:func:`with_state_of`, which form turns use too). A tracker
that keeps only its latest events (``max_event_history``) is copied by Rasa's own
method: its replay forgets what the dropped events did, and the copy must too.

Pinned to Rasa 3.6.x; on another version nothing is patched and a warning says so.
Installed by :mod:`bot.channels.rest`, like the other adjustments
(:mod:`bot.rasa_version`).
"""

from __future__ import annotations

import copy as copies

from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_version import replace

#: Rasa's own method, for bounded trackers, another Rasa version and the tests.
RASA_COPY = DialogueStateTracker.copy


def with_state_of(current: DialogueStateTracker,
                  tracker: DialogueStateTracker) -> DialogueStateTracker:
    """Give ``tracker`` the state replaying ``current``'s events would; return it.

    What an event may later change in place (a slot, the active form, the latest
    action) is copied; the rest is shared, as a replay shares the events' objects.
    """
    for name, slot in current.slots.items():
        if name in tracker.slots:
            tracker.slots[name] = copies.copy(slot)
    tracker.active_loop = copies.copy(current.active_loop)
    tracker.latest_message = current.latest_message
    tracker.latest_bot_utterance = current.latest_bot_utterance
    tracker.latest_action = copies.copy(current.latest_action)
    tracker.followup_action = current.followup_action
    tracker._paused = current._paused
    return tracker


def copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa 3.6's tracker copy without the replay (see the module)."""
    if self._max_event_history is not None:
        return RASA_COPY(self)
    tracker = with_state_of(self, self.init_copy())
    tracker.events.extend(self.events)
    return tracker


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(DialogueStateTracker, "copy", copy,
                   "each action of a turn replays the whole conversation", __name__,
                   "Tracker copies start from the conversation's state.")
