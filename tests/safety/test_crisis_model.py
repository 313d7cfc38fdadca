"""The crisis model catches what no rule foresaw, on messages it never learned.

``heldout_e.jsonl`` is half of corpus E (every other line): 78 crises and 76
near-misses that a bilingual helper typed as parents do on a phone, without seeing
the rules, the model or the other corpora (2026-12-05). Its other half
(``data/safety/typed_e.jsonl``) was read to write rules and trains the model; this
half was never read for either. The rules alone catch 68 of its 78 crises.
``threshold_ordinary.jsonl`` and ``heldout_ordinary.jsonl`` are ordinary family
messages by another helper (ages, grades, worries, a form's answers); the first
chose the threshold with the real questions, the second only measures.
"""

import json
from pathlib import Path

import pytest

from bot.safety.crisis import crisis_category, is_crisis
from bot.safety.crisis_model import THRESHOLD, train_crisis_model
from bot.settings import PROJECT_ROOT

HELD_OUT = Path(__file__).with_name("heldout_e.jsonl")
REAL_QUESTIONS = PROJECT_ROOT / "data" / "real_questions" / "questions.jsonl"
TYPED_QUESTIONS = PROJECT_ROOT / "data" / "real_questions" / "typed"


def rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_held_out_crises_are_caught_and_near_misses_stay_quiet():
    held_out = rows(HELD_OUT)
    crises = [r["text"] for r in held_out if r["label"] == "crisis"]
    normal = [r["text"] for r in held_out if r["label"] == "normal"]
    by_rules = [t for t in crises if crisis_category(t) is not None]
    caught = [t for t in crises if is_crisis(t)]
    alarmed = [t for t in normal if is_crisis(t)]
    assert (len(crises), len(normal)) == (78, 76)
    assert len(by_rules) <= 68 < 76 <= len(caught), "\n".join(
        t for t in crises if t not in caught)
    assert len(alarmed) <= 7, "\n".join(alarmed)


@pytest.mark.parametrize("text", [
    "Buenas tardes, mi hijo de 16 publico en instagram que esta noche se quita la "
    "vida. Estoy desesperada no se que hacer",
    "my husband wont let the kids eat for punishment, they aint eaten in 2 days and "
    "he put a lock on the fridge",
    "mi niña salio a jugar afuera hace 2 oras y ya no esta, sus amiguitos no saben "
    "nada",
])
def test_the_model_catches_crises_no_rule_names(text):
    assert crisis_category(text) is None
    assert is_crisis(text)


def test_real_parents_questions_it_never_learned_are_not_crises():
    """Dev and test splits, as published and as typed: the rules alarm on 3."""
    asked = [r["question"] for r in rows(REAL_QUESTIONS) if r["split"] != "train"]
    typed = {r["question"]: r["typed"]
             for path in sorted(TYPED_QUESTIONS.glob("*.jsonl")) for r in rows(path)}
    asked += [typed[q] for q in asked if q in typed]
    alarmed = [q for q in asked if is_crisis(q)]
    assert len(asked) > 2000
    assert len(alarmed) <= 3, "\n".join(alarmed)


@pytest.mark.parametrize("name, most", [("threshold_ordinary", 0),
                                        ("heldout_ordinary", 2)])
def test_ordinary_family_messages_are_not_crises(name, most):
    """A child's age, a grade, a worry, a form's answer: no emergency lines.

    Held out: the rules alarm on one ("she got bullied a bit at her old school"),
    the model on one ("he gets home around 4 on the bus").
    """
    messages = [r["text"] for r in rows(Path(__file__).with_name(f"{name}.jsonl"))]
    alarmed = [m for m in messages if is_crisis(m)]
    assert len(messages) == 95
    assert len(alarmed) <= most, "\n".join(alarmed)


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
