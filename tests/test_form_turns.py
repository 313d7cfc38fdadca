"""Rasa 3.6's temporary tracker of a form turn, started from the current state.

Everything the form machinery and the action server read from it (slots, active
form, latest message and action, input channel, the answers to validate) is what
Rasa's own rebuild gives, at every point of every conversation; only this turn's
events are carried.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
from rasa.core.actions.forms import FormAction
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk import Tracker

from bot import form_turns
from bot.form_turns import RASA_TEMPORARY_TRACKER
from tests import story_events

DOMAIN = story_events.domain()


@pytest.fixture(autouse=True)
def patched() -> Iterator[None]:
    assert form_turns.install()
    yield
    FormAction._temporary_tracker = RASA_TEMPORARY_TRACKER


def seen(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """What is read of a temporary tracker: its state as the action server gets it
    (but the events), and the answers it would validate."""
    state = tracker.current_state(EventVerbosity.ALL)
    events = state.pop("events")
    state.pop("latest_event_time")  # the form's new events' own time
    sdk = Tracker.from_dict({**state, "events": events})
    return {**state, "to validate": sdk.slots_to_validate(),
            "latest action": sdk.latest_action_name}


def test_every_point_of_every_conversation_in_every_form():
    checked = 0
    for events in story_events.conversations():
        tracker = DialogueStateTracker("family", DOMAIN.slots)
        for event in events:
            tracker.update(event)
            for form in DOMAIN.form_names:
                action = FormAction(form, None)
                answer = [SlotSet(DOMAIN.required_slots_for_form(form)[0], "yes")]
                ours = form_turns.temporary_tracker(action, tracker, answer, DOMAIN)
                rasas = RASA_TEMPORARY_TRACKER(action, tracker, answer, DOMAIN)
                assert seen(ours) == seen(rasas)
                assert len(ours.events) <= len(rasas.events)
                checked += 1
    assert checked > 3000


def test_only_this_turns_events_are_carried():
    tracker = DialogueStateTracker.from_events("family", [
        ActionExecuted("action_listen"), UserUttered("hola", {"name": "greet"}),
        ActionExecuted("utter_greet"), ActionExecuted("action_listen"),
        UserUttered("checklist", {"name": "checklist_start"}),
        ActionExecuted("checklist_form"), ActiveLoop("checklist_form"),
        SlotSet("requested_slot", "hit_sessions"),
        BotUttered("1 of 6...", metadata={"utter_action": "utter_ask_hit_sessions"}),
        ActionExecuted("action_listen"),
        UserUttered("/affirm", {"name": "affirm"}, input_channel="whatsapp"),
    ], DOMAIN.slots)
    temporary = FormAction("checklist_form", None)._temporary_tracker(
        tracker, [SlotSet("hit_sessions", "/affirm")], DOMAIN)
    # Puente's reply to the message before, then this turn's
    assert [e.as_dict()["event"] for e in temporary.events] == [
        "bot", "user", "slot", "action", "slot"]
    assert temporary.get_latest_input_channel() == "whatsapp"
    assert temporary.active_loop_name == "checklist_form"
