"""Rasa 3.6's tracker copy, made from the conversation's state instead of a replay.

At every point of every conversation the copy is what Rasa's replay gives, to the
last attribute, and it is a copy: changing it leaves the conversation as it was.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    ConversationPaused,
    ConversationResumed,
    LoopInterrupted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot import tracker_copies
from bot.tracker_copies import RASA_COPY
from tests import story_events

DOMAIN = story_events.domain()


@pytest.fixture(autouse=True)
def patched() -> Iterator[None]:
    assert tracker_copies.install()
    yield
    DialogueStateTracker.copy = RASA_COPY


def everything(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """Every attribute of ``tracker``: the events by identity (a replay shares them),
    so the latest messages when they are events (else the empty ones, by value but
    their time of creation),
    each slot with all of its own attributes."""
    attributes = dict(vars(tracker))
    events = {id(event) for event in tracker.events}
    attributes["events"] = [id(event) for event in tracker.events]
    attributes["slots"] = {name: vars(slot) for name, slot in tracker.slots.items()}
    for name in ("latest_message", "latest_bot_utterance"):
        message = attributes[name]
        attributes[name] = (id(message) if id(message) in events else
                            {**message.as_dict(), "timestamp": None})
    attributes["state"] = tracker.current_state(EventVerbosity.ALL)
    return attributes


def test_every_point_of_every_conversation_copies_as_rasa_replays():
    checked = 0
    for events in story_events.conversations():
        tracker = DialogueStateTracker("family", DOMAIN.slots)
        tracker.model_id, tracker.sender_source = "model", "web"  # not copied by Rasa
        for event in events:
            tracker.update(event)
            assert everything(tracker.copy()) == everything(RASA_COPY(tracker))
            checked += 1
    assert checked > 1000


def test_a_copy_changed_leaves_the_conversation_as_it_was():
    tracker = DialogueStateTracker.from_events("family", [
        ActionExecuted("action_listen"),
        UserUttered("checklist", {"name": "checklist_start"}),
        ActionExecuted("checklist_form"), ActiveLoop("checklist_form"),
        SlotSet("requested_slot", "hit_sessions"), ActionExecuted("action_listen"),
        UserUttered("/affirm", {"name": "affirm"}), ConversationPaused(),
    ], DOMAIN.slots)
    before = everything(tracker)
    copied = tracker.copy()
    assert everything(copied) == everything(RASA_COPY(tracker))
    # Events that change the active form, a slot and the latest action in place.
    for event in (SlotSet("hit_sessions", "yes"), ActionExecuted("checklist_form"),
                  LoopInterrupted(True), ActionExecutionRejected("checklist_form"),
                  ConversationResumed()):
        copied.update(event)
    assert everything(tracker) == before
    assert not tracker.active_loop.is_interrupted and not tracker.active_loop.rejected
    assert copied.active_loop.is_interrupted and copied.active_loop.rejected
    assert tracker.is_paused() and not copied.is_paused()


def test_a_tracker_that_keeps_only_its_latest_events_is_copied_by_replay():
    tracker = DialogueStateTracker("family", DOMAIN.slots, max_event_history=2)
    for event in (SlotSet("language", "es"), ActionExecuted("action_listen"),
                  UserUttered("hola", {"name": "greet"})):
        tracker.update(event)
    assert tracker.get_slot("language") == "es"
    assert tracker.copy().get_slot("language") == RASA_COPY(tracker).get_slot(
        "language")
