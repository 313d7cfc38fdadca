"""A learned second opinion on crisis messages, for phrasings no rule foresaw.

The rules of ``crisis.yml`` catch every crisis of the corpora they were written
from, and fewer of messages unlike them: of a fresh corpus E that a helper typed
without seeing them (2026-12-05), 129 of 156 crises; rules written from the misses
of half of it caught none more of the other half ("mi hijo de 16 publico en
instagram que esta noche se quita la vida", "they aint eaten in 2 days and he put
a lock on the fridge"). Each rule names one way of saying one danger; a logistic
regression over the words, word pairs and letter sequences of every corpus message
(``data/safety``) weighs all of them at once, and so reads a new way of saying the
same danger. It reads messages as the rules do (chat spellings and words typed by
ear mended). It learns ordinary messages from the near-misses, from ordinary family
messages helpers wrote (ages, grades, worries, a form's short answers:
``data/safety/ordinary*.jsonl``) and from every NLU training example, real parents'
questions of the training split among them.

Despair said indirectly (wishing not to wake up, a goodbye, the papers left in
order, being a burden) is where the rules fail most: of a corpus H of it
(``tests/safety/indirect_h.jsonl``) they caught 21 of 60 crises. Each phrase added
after an exploratory run caught that phrase, and the next run found new ones. So the
model learns it from ``data/safety/indirect.jsonl`` (2,300 rows, each naming its
writer): 750 such crises and 750 near-misses written by seven helpers apart (four in
both languages, two in Spanish only, one in English only: passive wishes, goodbyes,
a plan hinted at, a child's signs; exhaustion, idioms, trips, ordinary goodbyes),
and 800 ordinary messages four more wrote (goodbye words for trips and shifts, what
a child or a tutor said, a parent worried about a sad or lonely child). Trained
without one writer's messages and measured on them (``make bench PARTS=crisis``), it
catches 662 of the 750 crises (the rules alone 256) and adds 51 alarms to the 1,550
near-misses' 55, 33 of them the worried parents' when that writer is left out: they
were its blind spot (2026-12-08). On H, counted after each change (nothing written
from it): 34, then 43 of 60.

It is asked only when the rules find nothing at all (no pattern, no everyday phrase,
no danger said to be over: it can add crises, never lose one a rule catches nor
overrule a rule's judgement), and only about a message of :data:`MIN_WORDS` or
more. Its threshold is the lowest (in steps of 0.05) at which it alarms on none of
the real questions it never learned (dev and test splits, as published and as
typed: 2,350) and on at most 1% of 175 ordinary family messages
(``tests/safety/threshold_ordinary.jsonl``), as the crisis corpora allow their
near-misses. Measured then, on a corpus F nobody had read
(``tests/safety/heldout_f.jsonl``): the rules alone catch 76 of its 90 crises, with
the model 89, and no near-miss more is alarmed; of 175 more ordinary messages
(``tests/safety/heldout_ordinary.jsonl``) it alarms on none.

Trained when first needed (a few seconds; the NLU's guard asks for it when the
model loads), so it always reflects the corpora in the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Sequence, Tuple

import numpy as np
import yaml
from rasa.shared.nlu.training_data.entities_parser import replace_entities
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.nlu.tfidf import LinearView
from bot.settings import PROJECT_ROOT

#: The crisis corpora: one JSON object a line with ``text`` and ``label``
#: (``crisis`` or ``normal``).
CORPORA = PROJECT_ROOT / "data" / "safety"
#: Puente's NLU training examples: every one an ordinary message (a question, a
#: greeting, a form's answer like "no" or "tengo 12 años"; real parents' questions
#: of the training split among them).
NLU_DATA = PROJECT_ROOT / "data" / "nlu"
#: Probability from which the model calls a message a crisis (see the module).
THRESHOLD = 0.80
#: Fewest words of a message the model is asked about. A crisis told in fewer
#: ("me quiero morir", "my baby isnt breathing") is a phrase the rules name: all 51
#: such crises of ``data/safety`` are caught by them. In so few words the model has
#: too little to go on: a form's answer "mi hijo y 4 niños más" scored 0.89.
MIN_WORDS = 8
#: Most characters of a message the model reads: a parent's longest questions, not
#: a pasted document (the guard answers those as too long).
LONGEST = 1500
#: A word of a reading, for counting.
_WORD = re.compile(r"[a-z0-9]+")
#: The regression's inverse regularisation (scikit-learn's ``C``).
STRENGTH = 10.0


def labelled_messages(corpora: Path = CORPORA, nlu_data: Path = NLU_DATA
                      ) -> Iterator[Tuple[str, bool]]:
    """Yield each training message and whether it is a crisis."""
    for path in sorted(corpora.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield row["text"], row["label"] == "crisis"
    for path in sorted(nlu_data.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    # "[90255](zip_code)" as the family types it: "90255".
                    yield replace_entities(line.strip()[2:]), False


class CrisisModel:
    """Words and word pairs, letter sequences within and across words: one score.

    Across words (not only within them, as until 2026-12-08): "me voy" and
    "no voy a estar" weigh as pieces of two words, not as "voy" alone. Leaving one
    writer of ``indirect.jsonl`` out, it caught 669 of 750 crises against 649
    within words, with 14 alarms of 1,150 near-misses beyond the rules' against 12.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        """Set up an untrained model that calls a crisis from ``threshold``.

        Another threshold only for measuring: ``python -m bot.bench crisis`` chooses
        one by the rule of the module for each model it trains.
        """
        self.threshold = threshold
        self.views = (
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char", ngram_range=(2, 5),
                            sublinear_tf=True, min_df=2),
        )
        #: Per view, its analyzer and each feature's weight in the score.
        self._scored: List[Tuple[Callable[[str], List[str]], LinearView]] = []
        self.intercept = 0.0

    def fit(self, readings: Sequence[str], crisis: Sequence[bool]) -> CrisisModel:
        """Learn from messages as the rules read them and whether each is a crisis.

        Crises are one message in eight: each class weighs as much as the other.
        """
        features = [view.fit_transform(readings) for view in self.views]
        regression = LogisticRegression(C=STRENGTH, max_iter=5000,
                                        class_weight="balanced")
        regression.fit(hstack(features).tocsr(), list(crisis))
        weights = regression.coef_[0]
        self._scored, start = [], 0
        for view, block in zip(self.views, features, strict=True):
            end = start + block.shape[1]
            self._scored.append((view.build_analyzer(),
                                 LinearView.of(view, weights[start:end])))
            start = end
        self.intercept = float(regression.intercept_[0])
        return self

    def probability(self, reading: str) -> float:
        """How likely the message read as ``reading`` is a crisis.

        The TF-IDF and the logistic function computed directly, as
        :meth:`bot.nlu.model.TopicModel.lexical_proba` does: the guard asks for
        every message, and scikit-learn's checks cost more than the arithmetic.
        """
        score = self.intercept
        for analyzer, view in self._scored:
            score += float(view.score(analyzer(reading)))
        return float(1.0 / (1.0 + np.exp(-score)))

    def score(self, reading: str) -> float:
        """Return how likely the message read as ``reading`` is a crisis.

        0 when it is too short for the model to be asked (:data:`MIN_WORDS`).
        """
        reading = reading[:LONGEST]
        if len(_WORD.findall(reading)) < MIN_WORDS:
            return 0.0
        return self.probability(reading)

    def is_crisis(self, reading: str) -> bool:
        """Whether the message read as ``reading`` tells of a crisis."""
        return self.score(reading) >= self.threshold


def train_crisis_model(read: Callable[[str], str],
                       messages: Iterable[Tuple[str, bool]] | None = None
                       ) -> CrisisModel:
    """Train on ``messages`` (by default :func:`labelled_messages`) read by ``read``."""
    pairs = list(labelled_messages() if messages is None else messages)
    return CrisisModel().fit([read(text) for text, _ in pairs],
                             [crisis for _, crisis in pairs])
