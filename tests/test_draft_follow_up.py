"""Right after the drafted message, how to send it (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.draft_follow_up import DraftFollowUpPolicy

START = (ActionExecuted("action_session_start"), ActionExecuted("action_listen"))
DRAFTED = (UserUttered('/inform{"advocacy_choice": "es"}', {"name": "inform"}),
           ActionExecuted("action_draft_message"), BotUttered("Estimado director..."),
           ActionExecuted("action_listen"))


def asked(text, intent="nlu_fallback", confidence=0.3):
    return UserUttered(text, {"name": intent, "confidence": confidence})


def decide(*events):
    return DraftFollowUpPolicy.decide(
        None, DialogueStateTracker.from_events("test", [*START, *events]))


@pytest.mark.parametrize("message", [
    asked("como la mando?"), asked("who do I give it to?", "out_of_scope", 0.8),
    asked("how do I send it", "faq", 0.5)])
def test_right_after_the_draft_how_to_send_it(message):
    assert decide(*DRAFTED, message) == ("utter_draft_how_to_send", [])
    assert decide(*DRAFTED, message, ActionExecuted("utter_draft_how_to_send")) == (
        "action_listen", [])


@pytest.mark.parametrize("message", [
    asked("make it shorter", "shorten_draft", 0.95),
    asked("what is high impact tutoring?", "faq", 0.95),
    asked("gracias", "thank", 0.95)])
def test_anything_else_keeps_its_own_answer(message):
    assert decide(*DRAFTED, message) == (None, [])
