"""What the topic model misses among the real training questions, cross-validated.

Dev was read to write ``faq_gaps.yml``, so it flatters, and test must never be read.
The real training questions are the one set left to learn from: each is predicted
by a model trained without any question of its site (five folds by site; a Spanish
version of an English question leaves with its English page), on everything else
in ``data/nlu``. The questions it gets wrong, or is unsure of, show the kinds of
question the training data lacks: ``faq_gaps_cv.yml`` was written from them, never
from a dev, test or held-back question. The same predictions chose
``MeaningSettings.long_words``.

    python -m bot.bench.misses misses.jsonl   # about 8 minutes; prints the scores
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Sequence

import numpy as np
import numpy.typing as npt

from bot.bench import corpus
from bot.bench.nlu import (
    FALLBACK,
    OUT_OF_SCOPE,
    Example,
    Guess,
    guess_of,
    score,
    training_examples,
)
from bot.nlu.classifier import full_label
from bot.nlu.encoder import SentenceEncoder
from bot.nlu.model import train_topic_model
from bot.nlu.weights import example_weight

FOLDS = 5
#: A training example no fold holds out (a written one): every model trains on it.
ALWAYS = -1


def fold_of(source: str) -> int:
    """Return the fold of every question from ``source``'s site (a stable hash)."""
    digest = hashlib.sha256(f"fold:{corpus.site_of(source)}".encode()).hexdigest()
    return int(digest, 16) % FOLDS


def folds(texts: Sequence[str], questions: Sequence[corpus.Question]) -> List[int]:
    """Return each training text's fold.

    Its site's for a real training question or a Spanish version of one,
    :data:`ALWAYS` for a written example.
    """
    source = {corpus.as_trained(q.question): q.source for q in questions}
    return [fold_of(source[t]) if t in source else ALWAYS for t in texts]


class _RememberingEncoder(SentenceEncoder):
    """Embed each text once, for every fold's model: the encoder is the slow part."""

    def __init__(self) -> None:
        super().__init__()
        self.vectors: Dict[str, npt.NDArray[np.float32]] = {}

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        new = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        self.vectors.update(zip(new, super().embed(new), strict=True))
        return (np.stack([self.vectors[t] for t in texts]) if texts
                else super().embed(texts))


@dataclass(frozen=True)
class Prediction:
    """A real training question, its agreed labels and the held-out model's guess."""

    question: corpus.Question
    guess: Guess
    best: str


def cross_validated() -> Iterator[Prediction]:
    """Predict every real training question with a model that never saw its site."""
    examples = training_examples()
    texts = [m.get("text") for m, _ in examples]
    labels = [full_label(m) for m, _ in examples]
    weights = [example_weight(m) for m, _ in examples]
    questions = corpus.agreed()
    real = [q for q in questions if q.split == "train"] + corpus.translated(questions)
    fold = folds(texts, real)
    asked = {corpus.as_trained(q.question): q for q in real if q.kind != "translated"}
    encoder = _RememberingEncoder()
    for k in range(FOLDS):
        kept = [i for i, f in enumerate(fold) if f != k]
        model = train_topic_model([texts[i] for i in kept], [labels[i] for i in kept],
                                  encoder=encoder, weights=[weights[i] for i in kept])
        held = [t for t, f in zip(texts, fold, strict=True) if f == k and t in asked]
        for text, row in zip(held, model.predict_proba(held), strict=True):
            ranking = [{"name": model.labels[i], "confidence": float(row[i])}
                       for i in np.argsort(-row)[:10]]
            yield Prediction(asked[text], guess_of({"intent_ranking": ranking}),
                             model.labels[int(np.argmax(row))])


def missed(prediction: Prediction) -> bool:
    """Tell whether the held-out model was wrong, or unsure of an answerable question.

    Out of scope sent to the fallback is turned away, as the benchmark counts it.
    """
    labels = prediction.question.labels
    return not (prediction.guess.label in labels
                or (OUT_OF_SCOPE in labels and prediction.guess.label == FALLBACK))


def main(out: Path) -> None:
    """Print the cross-validated scores; write the misses for a writer to read."""
    predictions = list(cross_validated())
    examples = [Example(p.question.question, p.question.lang, p.question.labels)
                for p in predictions]
    for language, row in score(examples, [p.guess for p in predictions]).items():
        print(language, "  ".join(f"{k} {v}" for k, v in row.items()))
    with out.open("w", encoding="utf-8") as file:
        for p in filter(missed, predictions):
            file.write(json.dumps({
                "lang": p.question.lang, "question": p.question.question,
                "right_label": p.question.label, "model_said": p.best,
                "status": "unsure" if p.guess.label == FALLBACK else "wrong",
            }, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
