"""The crisis model catches what no rule foresaw, on messages it never learned.

``heldout_f.jsonl``: 90 crises and 110 near-misses that a helper typed as parents
do on a phone (2026-12-05), without seeing the rules, the model or any other corpus,
and that nobody has read since: measured once, when the model was final. The rules
alone catch 76 of its crises (the rules of the stop before, 75) and alarm on 21 of
its near-misses; with the model 89, and no near-miss more.
``threshold_ordinary.jsonl`` and ``heldout_ordinary.jsonl`` are ordinary family
messages by other helpers (ages, grades, worries, a form's answers); the first
chose the threshold with the real questions, the second only measures.
"""

import json
from pathlib import Path

import pytest

from bot.safety.crisis import crisis_category, is_crisis
from bot.safety.crisis_model import THRESHOLD, train_crisis_model
from bot.settings import PROJECT_ROOT

HELD_OUT = Path(__file__).with_name("heldout_f.jsonl")
REAL_QUESTIONS = PROJECT_ROOT / "data" / "real_questions" / "questions.jsonl"
TYPED_QUESTIONS = PROJECT_ROOT / "data" / "real_questions" / "typed"


def rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_held_out_crises_are_caught_and_near_misses_stay_quiet():
    """Counts only: the messages stay unread, for the next measure too."""
    held_out = rows(HELD_OUT)
    crises = [r["text"] for r in held_out if r["label"] == "crisis"]
    normal = [r["text"] for r in held_out if r["label"] == "normal"]
    by_rules = sum(crisis_category(t) is not None for t in crises)
    caught = sum(is_crisis(t) for t in crises)
    alarmed = sum(is_crisis(t) for t in normal)
    assert (len(crises), len(normal)) == (90, 110)
    assert caught >= 89 and caught >= by_rules + 13
    assert alarmed <= sum(crisis_category(t) is not None for t in normal) <= 21


def test_real_parents_questions_it_never_learned_are_not_crises():
    """Dev and test splits, as published and as typed: the rules alarm on 3."""
    asked = [r["question"] for r in rows(REAL_QUESTIONS) if r["split"] != "train"]
    typed = {r["question"]: r["typed"]
             for path in sorted(TYPED_QUESTIONS.glob("*.jsonl")) for r in rows(path)}
    asked += [typed[q] for q in asked if q in typed]
    alarmed = [q for q in asked if is_crisis(q)]
    assert len(asked) > 2000
    assert len(alarmed) <= 3, "\n".join(alarmed)


@pytest.mark.parametrize("name, most", [("threshold_ordinary", 4),
                                        ("heldout_ordinary", 2)])
def test_ordinary_family_messages_are_not_crises(name, most):
    """A child's age, a grade, a worry, a form's answer: no emergency lines.

    The alarms are the rules' ("lol my daughter said shes gonna die if she has to do
    one more fraction"); the model adds none.
    """
    messages = [r["text"] for r in rows(Path(__file__).with_name(f"{name}.jsonl"))]
    alarmed = [m for m in messages if is_crisis(m)]
    by_rules = [m for m in messages if crisis_category(m) is not None]
    assert len(messages) == 175
    assert len(alarmed) <= most and alarmed == by_rules, "\n".join(alarmed)


@pytest.mark.parametrize("text", [
    "no", "ya no", "no se", "tengo 12 años", "mi hijo tiene 8 años", "my son is 12",
    "tengo 3 hijos de 5, 8 y 12 años", "mi hijo y 4 niños más",
])
def test_short_answers_are_never_read_by_the_model(text):
    assert not is_crisis(text)


def test_a_model_learns_from_the_messages_it_is_given():
    """Trained on a handful of messages, read as ``read`` says (here: lower case)."""
    model = train_crisis_model(str.lower, [
        ("he has a gun at school", True), ("my son took all the pills", True),
        ("someone has a knife at the bus stop", True),
        ("how much does tutoring cost", False), ("what time are the sessions", False),
        ("is tutoring online or in person", False),
    ])
    gun = "SOMEONE HAS A GUN AT THE SCHOOL RIGHT NOW"
    assert model.probability(gun.lower()) > 0.5 > model.probability(
        "how much does a session of tutoring cost?")
    assert model.is_crisis(gun.lower()) == (model.probability(gun.lower()) >= THRESHOLD)
    assert not model.is_crisis("he has a gun")  # too few words for a model
