"""KeptStatesRulePolicy gives RulePolicy exactly Rasa's own states, replaying less."""

from __future__ import annotations

import json
from typing import List, Tuple
from unittest.mock import MagicMock

import pytest
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.events import (
    ActionExecuted,
    Event,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies import rules
from bot.policies.rules import KeptStatesRulePolicy
from tests import story_events

DOMAIN = story_events.domain()


def policy(cls):
    """An untrained policy: the states need only its featurizer."""
    return cls.create(cls.get_default_config(), MagicMock(), MagicMock(), MagicMock())


@pytest.fixture(scope="module")
def conversations() -> Tuple[List[Event], ...]:
    found = story_events.conversations()
    assert len(found) > 80
    return found


def states(policy_, sender, events, use_text):
    tracker = DialogueStateTracker.from_events(sender, events, DOMAIN.slots)
    return policy_._prediction_states(tracker, DOMAIN, use_text)


def test_every_prefix_of_every_conversation_gets_rasas_states(conversations):
    """Turn by turn, as a conversation grows; text and intent, as RulePolicy asks."""
    kept, rasa = policy(KeptStatesRulePolicy), policy(RulePolicy)
    compared = 0
    for number, events in enumerate(conversations):
        for end in range(1, len(events) + 1):
            for use_text in (True, False):
                assert states(kept, f"c{number}", events[:end], use_text) == states(
                    rasa, f"c{number}", events[:end], use_text)
                compared += 1
    assert compared > 2000


def test_a_rewound_turn_and_another_conversation_start_afresh():
    kept, rasa = policy(KeptStatesRulePolicy), policy(RulePolicy)
    first = [ActionExecuted("action_listen"),
             UserUttered("hola", {"name": "greet", "confidence": 1.0}),
             SlotSet("language", "es"), ActionExecuted("utter_greet"),
             ActionExecuted("action_listen"),
             UserUttered("?", {"name": "nlu_fallback", "confidence": 1.0})]
    rewound = first + [ActionExecuted("action_default_fallback"),
                       UserUtteranceReverted(), ActionExecuted("action_listen")]
    other = [ActionExecuted("action_listen"),
             UserUttered("hi", {"name": "greet", "confidence": 1.0})]
    for sender, events in (("a", first), ("a", rewound), ("b", other), ("a", first),
                           ("b", other[:1]), ("a", first[:3])):
        for use_text in (True, False):
            assert states(kept, sender, events, use_text) == states(
                rasa, sender, events, use_text)


def test_only_the_newest_conversations_are_kept(monkeypatch):
    monkeypatch.setattr(rules, "KEEP", 3)
    kept = policy(KeptStatesRulePolicy)
    for sender in "abcde":
        states(kept, sender, [ActionExecuted("action_listen")], False)
    assert list(kept._replays) == ["c", "d", "e"]


def test_another_rasa_gets_rasas_rule_policy_unchanged(monkeypatch):
    monkeypatch.setattr(rules, "supported", lambda *args: False)
    kept = policy(KeptStatesRulePolicy)
    events = [ActionExecuted("action_listen"),
              UserUttered("hi", {"name": "greet", "confidence": 1.0})]
    assert states(kept, "a", events, False) == states(policy(RulePolicy), "a", events,
                                                       False)
    assert "_replays" not in vars(kept)
    lookup = {json.dumps([{"prev_action": {"action_name": "action_listen"}}]): "x"}
    assert kept._get_possible_keys(lookup, []) == set(lookup)


def test_a_message_without_an_intent_is_never_kept():
    kept = policy(KeptStatesRulePolicy)
    events = [ActionExecuted("action_listen"), UserUttered("hola")]
    assert states(kept, "a", events, False) == states(policy(RulePolicy), "a", events,
                                                       False)
    assert "a" not in kept._replays


def test_the_rule_lookup_finds_what_rasas_finds(conversations):
    """Rules made of the conversations' own stretches of 1 to 4 states: each
    conversation's lookup at each point gives Rasa's set of matching rules."""
    kept, rasa = policy(KeptStatesRulePolicy), policy(RulePolicy)
    compared = found = 0
    for events in conversations:
        events = events[:120]
        all_states = [states(rasa, "c", events[:end], False)
                      for end in range(1, len(events) + 1)]
        lookup = {json.dumps(s[-length:], sort_keys=True): "x"
                  for s in all_states for length in range(1, 5) if len(s) >= length}
        for conversation_states in all_states:
            ours = kept._get_possible_keys(lookup, conversation_states)
            assert ours == RulePolicy._get_possible_keys(rasa, lookup,
                                                         conversation_states)
            compared += 1
            found += len(ours)
    assert compared > 900 and found > compared
