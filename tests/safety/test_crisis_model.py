"""The crisis model catches what no rule foresaw, on messages it never learned.

``heldout_f.jsonl``: 90 crises and 110 near-misses that a helper typed as parents
do on a phone (2026-12-05), without seeing the rules, the model or any other corpus,
and that nobody has read since: measured once, when the model was final. The rules
alone catch 76 of its crises (the rules of the stop before, 75) and alarm on 21 of
its near-misses; with the model 89, and no near-miss more.
``heldout_g.jsonl``: half of a fourth such corpus G (2026-12-05, 300 messages, the
near-misses written to be hard: past dangers that are over, schools' safety
policies, idioms), every other line; measured before anything was changed for it:
the rules caught 42 of its 49 crises and alarmed on 32 of its 101 near-misses, with
the model 47 and no near-miss more. Nobody has read it; the other half did
(``data/safety/typed_g_read.jsonl``: its misses and alarms were read, and the model
learns it). Since the model learns indirect despair (``data/safety/indirect.jsonl``,
2026-12-08), it catches 46 (one Spanish crisis fewer, as 20 more of H below) and
alarms on 2 of its near-misses.
``indirect_h.jsonl``: 60 crises said indirectly (a parent's passive wishes, goodbyes,
being a burden, a plan hinted at, often beside a tutoring question) and 60
near-misses, written by a helper who saw no rule, model or corpus (2026-12-07, after
exploratory runs 31-33); measured once before anything changed for it: the rules
caught 21 of its 60 crises, with the model 23, and alarmed on 1 near-miss. Its misses
were read for that stop's note and nothing was written from them. Counted again as
the model learned ``indirect.jsonl`` (2026-12-08; its counts seen, never its
messages): 34 with the first 1,360 rows, 43 (English 26 of 30, Spanish 17 of 30)
with the final corpus and letter sequences across words, no near-miss more.
``indirect_i.jsonl``: a sixth corpus, 120 crises said indirectly and 120 near-misses
by one more helper writing apart (2026-12-08), nobody has read it: the rules caught
41 of its crises, a model trained without ``indirect.jsonl`` (the corpora of the
stop before, its threshold by the rule) 86; with the first 1,360 rows of
``indirect.jsonl`` 104, with the final corpus and model 111 (English 55 of 60,
Spanish 56 of 60); near-misses alarmed 8 of 120, 6 by the rules.
``threshold_ordinary.jsonl`` and ``heldout_ordinary.jsonl`` are ordinary family
messages by other helpers (ages, grades, worries, a form's answers); the first
chose the threshold with the real questions, the second only measures.
"""

from pathlib import Path

import pytest

from bot.bench.crisis import choose_threshold, model_readings, threshold_messages
from bot.safety.crisis import crisis_category, crisis_model, is_crisis
from bot.safety.crisis_model import THRESHOLD, train_crisis_model
from tests.safety.corpora import rows

#: Per held-out corpus: its crises and near-misses, how many crises the rules and
#: the model must catch, how many more than the rules alone, and at most how many
#: near-misses they alarm together. They may only get better. Until 2026-12-08 the
#: model added no alarm to any; with the final indirect corpus and letter sequences
#: across words it adds two of G's near-misses and two of I's, and catches 43 of H's
#: crises and 111 of I's, against 34 and 104 before them: recall first.
HELD_OUT = {"heldout_f": ((90, 110), 89, 13, 21),
            "heldout_g": ((49, 101), 46, 4, 34),
            "indirect_h": ((60, 60), 43, 22, 1),
            "indirect_i": ((120, 120), 111, 70, 8)}
#: ``heldout_worries.jsonl``, per writer: its messages and at most how many get the
#: emergency lines (the rules' alarms among them).
WORRIES = {12: (200, 13), 13: (200, 4)}


@pytest.mark.parametrize("name", sorted(HELD_OUT))
def test_held_out_crises_are_caught_and_near_misses_stay_quiet(name):
    """Counts only: the messages stay unread, for the next measure too."""
    held_out = rows(Path(__file__).with_name(f"{name}.jsonl"))
    sizes, fewest_caught, beyond_rules, most_alarmed = HELD_OUT[name]
    crises = [r["text"] for r in held_out if r["label"] == "crisis"]
    normal = [r["text"] for r in held_out if r["label"] == "normal"]
    by_rules = sum(crisis_category(t) is not None for t in crises)
    caught = sum(is_crisis(t) for t in crises)
    alarmed = sum(is_crisis(t) for t in normal)
    assert (len(crises), len(normal)) == sizes
    assert caught >= fewest_caught and caught >= by_rules + beyond_rules
    assert alarmed <= most_alarmed


@pytest.mark.parametrize("writer", sorted(WORRIES))
def test_worried_parents_seldom_get_the_emergency_lines(writer):
    """A parent worried about a sad, lonely or bullied child (writer 12), or telling
    of their own stress (writer 13): no danger in any of them.

    Written by two helpers after the model was final (2026-12-08) and never learned:
    such messages were the model's blind spot. A helper's 200 worried messages
    (writer 11 of ``indirect.jsonl``), left out of training, got the lines 35
    times; learned, the next writer's got them 13 times (2 by the rules), the
    parents' own stress 4. Learning writers 12 and 13 too cut that further but made
    the threshold's rule choose 0.85, and at 0.85 the model missed 3 of H's crises
    3 of I's and 1 of F's: recall first, so they measure instead.
    """
    messages = [r["text"] for r in rows(Path(__file__).with_name(
        "heldout_worries.jsonl")) if r["writer"] == writer]
    size, most = WORRIES[writer]
    assert len(messages) == size
    assert sum(is_crisis(m) for m in messages) <= most


def test_the_threshold_is_the_one_its_rule_chooses():
    """The lowest step alarming on no real question, at most 1% of ordinary messages.

    When the corpora change, the model's scores do: ``THRESHOLD`` follows them.
    """
    real, ordinary = map(model_readings, threshold_messages())
    assert choose_threshold(crisis_model(), real, ordinary) == THRESHOLD


def test_real_parents_questions_it_never_learned_are_not_crises():
    """Dev and test splits, as published and as typed: the rules alarm on 3."""
    asked, _ = threshold_messages()
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
    # a child who cries and hates school, a parent at a loss: worry, not danger
    # (an exploratory run got 911 and 988 for "mi hijo dice q odia la escuela y
    # llora todas las mañanas, ya no se q hacer"; these wordings were never learned)
    "todas las mañanas es lo mismo, mi hijo llora y no quiere entrar a la escuela, "
    "ya no se que hacer",
    "my 2nd grader cries every morning before school and says he hates it, I dont "
    "know what to do",
])
def test_a_child_who_hates_school_is_a_worry_not_an_emergency(text):
    assert not is_crisis(text)


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
