"""Crises caught and near-misses alarmed, on messages the crisis model never learned.

The baseline, measured in the same run, is the rules alone (``crisis.yml``): the
model only adds crises the rules find nothing in, so "with the model" against
"rules" is what it is worth. Two measures:

- **Indirect despair, one writer left out.** ``data/safety/indirect.jsonl`` holds
  crises said indirectly and near-misses by four helpers who wrote apart (each row
  names its writer). For each writer, a model is trained on everything but that
  writer's messages, its threshold chosen by the rule of
  :mod:`bot.safety.crisis_model` (:func:`choose_threshold`), and measured on them:
  how a new family's wording fares, not the wording it learned.
- **The held-out corpora** of ``tests/safety`` (nobody reads them), with the shipped
  model and threshold.

It also prints the threshold the rule chooses for the shipped model, beside the
one in use (they should agree: if the corpora changed, ``THRESHOLD`` follows).
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Iterator, List, Sequence, Tuple

from bot.bench.corpus import CORPUS_FILE, read_rows
from bot.bench.versions import typed_versions
from bot.safety.crisis import crisis_category, crisis_model, crisis_rules, is_crisis
from bot.safety.crisis_model import (
    CORPORA,
    THRESHOLD,
    CrisisModel,
    labelled_messages,
    train_crisis_model,
)
from bot.settings import PROJECT_ROOT

INDIRECT = CORPORA / "indirect.jsonl"
HELD_OUT = PROJECT_ROOT / "tests" / "safety"
#: Held-out corpora of crises and near-misses (``label``: crisis or normal).
HELD_OUT_CORPORA = ("heldout_f", "heldout_g", "indirect_h", "indirect_i",
                    "heldout_worries")
#: Ordinary family messages that, with the real questions, choose the threshold.
THRESHOLD_ORDINARY = HELD_OUT / "threshold_ordinary.jsonl"
#: Thresholds tried, lowest first.
STEPS = tuple(round(0.50 + 0.05 * step, 2) for step in range(10))
#: Share of the ordinary messages a threshold may alarm on (the corpora allow
#: their near-misses as much); of the real questions, none.
ORDINARY_ALARMS = 0.01

Row = Dict[str, str]


def threshold_messages() -> Tuple[List[str], List[str]]:
    """Return the messages that choose the threshold, real and ordinary.

    Real questions never learned (dev and test, as published and typed), and the
    ordinary family messages of ``threshold_ordinary.jsonl``.
    """
    asked = [r["question"] for r in read_rows(CORPUS_FILE) if r["split"] != "train"]
    typed = typed_versions()
    asked += [typed[q] for q in asked if q in typed]
    return asked, [r["text"] for r in read_rows(THRESHOLD_ORDINARY)]


def model_readings(texts: Sequence[str]) -> List[str]:
    """Return each message as the model reads it, "" when the rules judged it.

    The rules' verdict does not depend on the model: read once, scored by each
    model :func:`choose_threshold` is asked about ("" scores 0: too few words).
    """
    rules = crisis_rules()
    return ["" if verdict.judged else verdict.reading
            for verdict in map(rules.judge, texts)]


def choose_threshold(model: CrisisModel, real: Sequence[str],
                     ordinary: Sequence[str]) -> float:
    """Return the lowest step alarming on no real question, few ordinary messages.

    ``real`` and ``ordinary`` as :func:`model_readings` gives them. At most 1% of
    the ordinary messages. Only the model's own alarms count: what the rules alarm
    on, no threshold moves.
    """
    real_scores = [model.score(reading) for reading in real]
    ordinary_scores = [model.score(reading) for reading in ordinary]
    for step in STEPS:
        real_alarms = sum(score >= step for score in real_scores)
        ordinary_alarms = sum(score >= step for score in ordinary_scores)
        if real_alarms == 0 and ordinary_alarms <= ORDINARY_ALARMS * len(ordinary):
            return step
    return 1.0  # no step is quiet enough: the model would never alarm


def _counts(rows: Sequence[Row], model: CrisisModel) -> Counter[str]:
    """Per language and label: messages, caught by the rules, caught with the model."""
    counts: Counter[str] = Counter()
    for row in rows:
        for lang in (row["lang"], "all"):
            key = f"{lang} {row['label']}"
            counts[key] += 1
            counts[f"{key} rules"] += crisis_category(row["text"]) is not None
            counts[f"{key} model"] += is_crisis(row["text"], model)
    return counts


def _lines(name: str, counts: Counter[str]) -> Iterator[str]:
    """One line per language: crises caught, near-misses alarmed."""
    for lang in ("en", "es", "all"):
        crisis, normal = f"{lang} crisis", f"{lang} normal"
        if counts[crisis] or counts[normal]:
            yield (f"  {name:<12} {lang:<3}  crises caught: rules "
                   f"{counts[crisis + ' rules']}/{counts[crisis]}, with the model "
                   f"{counts[crisis + ' model']}/{counts[crisis]}   near-misses "
                   f"alarmed: rules {counts[normal + ' rules']}/{counts[normal]}, "
                   f"with the model {counts[normal + ' model']}/{counts[normal]}")


def run() -> Iterator[str]:
    """Print the leave-one-writer-out and held-out figures."""
    real, ordinary = map(model_readings, threshold_messages())
    read = crisis_rules().reading
    indirect = read_rows(INDIRECT)
    everything = list(labelled_messages())
    total: Counter[str] = Counter()
    yield "Indirect despair, one writer left out (model trained without the writer):"
    for writer in sorted({row["writer"] for row in indirect}):
        theirs = [row for row in indirect if row["writer"] == writer]
        left_out = {row["text"] for row in theirs}
        model = train_crisis_model(
            read, [pair for pair in everything if pair[0] not in left_out])
        step = model.threshold = choose_threshold(model, real, ordinary)
        counts = _counts(theirs, model)
        total += counts
        yield from _lines(f"writer {writer}", counts)
        yield f"  {'':<12}      threshold by the rule: {step:.2f}"
    yield from _lines("all writers", total)
    shipped = crisis_model()
    yield f"Held-out corpora (shipped model, threshold {shipped.threshold:.2f}):"
    for name in HELD_OUT_CORPORA:
        yield from _lines(name, _counts(read_rows(HELD_OUT / f"{name}.jsonl"), shipped))
    chosen = choose_threshold(shipped, real, ordinary)
    yield (f"Threshold the rule chooses for the shipped corpora: {chosen:.2f} "
           f"(in use: {THRESHOLD:.2f})")
