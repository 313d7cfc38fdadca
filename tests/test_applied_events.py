"""Rasa 3.6's applied events, continued from where they stopped: always Rasa's list.

Checked as a conversation grows event by event, on every story, rule and test
conversation and a long session; after undoing events, restarts and new sessions;
on copied trackers (installing: ``tests/test_rasa_version.py``).
"""

from __future__ import annotations

import copy
from typing import Iterator, List

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import applied_events
from bot.applied_events import RASA_APPLIED_EVENTS
from tests import story_events


@pytest.fixture(autouse=True)
def patched() -> Iterator[None]:
    assert applied_events.install()
    yield
    DialogueStateTracker.applied_events = RASA_APPLIED_EVENTS


def said(text: str, intent: str = "inform") -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 1.0})


def identical(tracker: DialogueStateTracker) -> bool:
    """The same event objects, in the same order, as Rasa's own method gives."""
    ours, rasas = tracker.applied_events(), RASA_APPLIED_EVENTS(tracker)
    return [id(e) for e in ours] == [id(e) for e in rasas]


def grown(events: List[Event]) -> Iterator[DialogueStateTracker]:
    """One tracker, after each event is added to it."""
    tracker = DialogueStateTracker("family", story_events.domain().slots)
    for event in events:
        tracker.update(event)
        yield tracker


def test_every_conversation_event_by_event():
    checked = 0
    for events in story_events.conversations():
        for tracker in grown(events):
            assert identical(tracker)
            checked += 1
    assert checked > 1000


#: A form's happy path, a rewound message, a reverted action, a restart and a new
#: session: every way Rasa drops events from the applied list.
UNDOING = [
    ActionExecuted("action_listen"), said("mensaje", "message_start"),
    ActionExecuted("message_form"), ActiveLoop("message_form"),
    SlotSet("requested_slot", "msg_school"), ActionExecuted("action_listen"),
    said("Lincoln"), ActionExecuted("message_form"), SlotSet("msg_school", "Lincoln"),
    ActionExecuted("action_listen"), said("?", "nlu_fallback"),
    ActionExecuted("action_default_fallback"), UserUtteranceReverted(),
    ActionExecuted("action_listen"), said("3"), ActionExecuted("message_form"),
    ActionExecuted("utter_ask_msg_subject"), ActionReverted(),
    ActiveLoop(None), ActionExecuted("action_listen"), said("hola", "greet"),
    Restarted(), ActionExecuted("action_listen"), said("hi", "greet"),
    ActionExecuted("action_session_start"), SessionStarted(),
    ActionExecuted("action_listen"), said("cuanto cuesta", "faq"),
    ActionExecuted("checklist_form"), ActiveLoop("checklist_form"),
]


def test_undone_events_restarts_and_new_sessions():
    for tracker in grown(UNDOING):
        assert identical(tracker)


def test_a_copied_tracker_and_a_changed_answer_start_over():
    trackers = list(grown(UNDOING[:12]))
    tracker = trackers[-1]
    tracker.applied_events().clear()  # the caller's list, not the kept one
    copied = copy.deepcopy(tracker)
    copied.update(ActionExecuted("action_listen"))
    assert identical(copied) and identical(tracker)
    assert len(copied.applied_events()) == len(tracker.applied_events()) + 1
