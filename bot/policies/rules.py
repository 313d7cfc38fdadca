"""Rasa's RulePolicy, with each conversation's dialogue states kept between predictions.

To match its rules, Rasa 3.6's RulePolicy turns the whole conversation into dialogue
states on every prediction: it replays every event of the session from the start
and builds a state before each action. It does so twice for the prediction after a
message (once with the message's text, once with its intent), and again for each
action of the turn. A family well into the checklist or the message form has a few
hundred events, and this replay was the largest share of the Rasa server's time in
the mixed load of ``make bench PARTS=speed`` (18% of its CPU samples).

A state depends only on the events before it, so this policy keeps, per
conversation, the events it has replayed, the replayed tracker and the states built
so far; the next prediction replays only the events added since. The kept replay is
used only when the conversation's applied events begin with the very same event
objects (a rewound turn, an undone form question or another session starts
afresh), under the same domain and slots. The states are then post-processed as
Rasa's featurizer does, on copies. Everything else is Rasa's own RulePolicy.

One event changes an earlier one: after each message Rasa marks whether its text or
its intent was used (``DefinePrevUserUtteredFeaturization``), on the message's own
event, so a replay from the start sees the mark where a kept state was built before
it. Rasa's featurizer keeps a message's intent and drops its text whenever it has
both, so the states come out the same, for every message that has an intent. A
conversation with a message without one is not kept.

Matching the rules, Rasa then checks every rule left against every state of the
conversation, back to its first, although a rule matches any state further back
than its own length: this policy stops there, with the same rules found.

Pinned to Rasa 3.6.x (read against ``Domain.states_for_tracker_history``,
``MaxHistoryTrackerFeaturizer.prediction_states`` and
``RulePolicy._get_possible_keys``): on another version this policy is Rasa's
RulePolicy unchanged.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, List, Set, Tuple

from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_version import supported

#: Conversations whose states are kept: more than a Rasa server talks with at once.
KEEP = 64


@dataclass
class Replay:
    """A conversation's applied events replayed so far, and the states built."""

    domain: Domain
    slots: Tuple[str, ...]
    tracker: DialogueStateTracker
    events: List[Event] = field(default_factory=list)
    #: The state before each ActionExecuted among ``events``.
    states: List[State] = field(default_factory=list)
    #: False once a message without an intent was replayed (see the module's text).
    keepable: bool = True

    def continues(self, applied: List[Event], domain: Domain,
                  slots: Tuple[str, ...]) -> bool:
        """Whether ``applied`` begins with exactly the events replayed here."""
        return (domain is self.domain and slots == self.slots
                and len(applied) >= len(self.events)
                and all(a is b for a, b in zip(self.events, applied, strict=False)))

    def extend(self, applied: List[Event]) -> None:
        """Replay the events after ``events``, as ``generate_all_prior_trackers``."""
        for event in applied[len(self.events):]:
            if isinstance(event, ActionExecuted):
                self.states.append(self.state())
            elif isinstance(event, UserUttered) and not event.intent_name:
                self.keepable = False
            self.tracker.update(event)
            self.events.append(event)

    def state(self) -> State:
        """Return the replayed tracker's state, as ``states_for_tracker_history``."""
        return self.domain._clean_state(self.domain.get_active_state(self.tracker))


def _copy(state: State) -> State:
    """Copy ``state`` for the featurizer, which deletes keys of its user part."""
    copied = dict(state)
    if USER in copied:
        copied[USER] = dict(copied[USER])
    return copied


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True
)
class KeptStatesRulePolicy(RulePolicy):
    """RulePolicy that replays only the events added since its last prediction.

    Its rule lookup also stops looking back once every rule left has matched in full.
    """

    @cached_property
    def _replays(self) -> OrderedDict[str, Replay]:
        return OrderedDict()

    @cached_property
    def _supported(self) -> bool:
        return supported("RulePolicy replays the whole conversation on every "
                         "prediction", __name__)

    def _prediction_states(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        use_text_for_last_user_input: bool = False,
        rule_only_data: Dict[str, Any] | None = None,
    ) -> List[State]:
        """Rasa's prediction states, from the kept replay of this conversation.

        RulePolicy uses every rule and story turn (``ignore_rule_only_turns`` is
        false), so ``rule_only_data`` does not change the states.
        """
        if not self._supported:
            states: List[State] = super()._prediction_states(
                tracker, domain, use_text_for_last_user_input, rule_only_data)
            return states
        replay = self._replay(tracker, domain)
        featurizer = self.featurizer
        states = featurizer.slice_state_history(
            [_copy(s) for s in replay.states] + [replay.state()],
            featurizer.max_history)
        featurizer._choose_last_user_input([states], use_text_for_last_user_input)
        return states

    def _get_possible_keys(self, lookup: Dict[str, str],
                           states: List[State]) -> Set[str]:
        """Rasa's rule lookup, stopped once every rule left has been matched in full.

        Rasa goes on through the whole conversation, although a rule is applicable
        to every state further back than its own length: for a long conversation,
        thousands of checks per lookup that cannot remove a rule.
        """
        if not self._supported:
            keys: Set[str] = super()._get_possible_keys(lookup, states)
            return keys
        possible_keys = set(lookup.keys())
        for index, state in enumerate(reversed(states)):
            longest = max((len(self._rule_key_to_state(key)) for key in possible_keys),
                          default=0)
            if index >= longest:
                break
            possible_keys = {key for key in possible_keys
                             if self._is_rule_applicable(key, index, state)}
        return possible_keys

    def _replay(self, tracker: DialogueStateTracker, domain: Domain) -> Replay:
        """Return the conversation's replay, brought up to its latest event."""
        applied = tracker.applied_events()
        slots = tuple(tracker.slots)
        key = tracker.sender_id
        replay = self._replays.pop(key, None)
        if replay is None or not replay.continues(applied, domain, slots):
            replay = Replay(domain, slots, tracker.init_copy())
        replay.extend(applied)
        if replay.keepable:
            self._replays[key] = replay
        while len(self._replays) > KEEP:
            self._replays.popitem(last=False)
        return replay
