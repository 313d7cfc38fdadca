"""The linear text model behind :class:`bot.nlu.classifier.TopicClassifier`.

Kept free of Rasa so the benchmark and the tests can train and score it directly.
Two views of a message, each with its own logistic regression:

* lexical: folded words, their English and Spanish lemmas and word bigrams, the
  concepts of the synonym lexicon (:mod:`bot.nlu.synonyms`: "regularización",
  "asesoría" and "tutoring" read alike), plus character n-grams within words
  (typos, missing accents, "tutoria"/"tutoring"); well under a millisecond, and
  sure of itself on what families write most often;
* meaning: a multilingual sentence encoder (:mod:`bot.nlu.encoder`), consulted only
  when the lexical model is unsure or the message is a long question
  (:class:`MeaningSettings`), and then averaged with it. Chosen on the dev
  split of the real questions (``make bench PARTS=nlu``): English top-1 rose from 70%
  to 76% and top-2 from 86% to 92%, Spanish top-1 from 59% to 64%. Asked below
  0.9 instead of 0.6 (2026-12-04, dev): confident wrong answers English 11% to 7%,
  Spanish 21% to 16%, top-1 within a question or two; the encoder's 7 to 25 ms are
  still spent on none of the load test's FAQ messages (short, and over 0.9 sure).
* neighbours: the same sentence vector's nearest training examples, which vote
  with their labels. A regression over the vectors draws one straight boundary per
  topic; a real question often sits next to a few training questions worded like it
  on the wrong side of that boundary. But for a short question the nearest
  examples are those worded the same way: "que es la tutoria?" sits next to "en
  donde es la tutoria", "a que hora es la tutoria"; given 0.4 of the average the
  vote turned it into "not sure". Lexical 0.4 / regression 0.4 / neighbours 0.2
  (against 0.5 / 0.5 / 0) keeps such questions answered; on dev (2026-12-04)
  confident wrong answers English 7% to 8%, Spanish 16% to 13%, top-1 the same within
  a question; on test (never tuned on) confident wrong answers English 14% to 9%,
  Spanish 19% to 13%, Spanish top-2 75% to 79%, top-1 the same within a question.
  (0.3 / 0.3 / 0.4 did better on dev, Spanish wrong answers 12%, but failed that
  question; asking the encoder below 0.95 cut them to 8%, but one of the load
  test's ten messages then reaches the encoder: the NLU's p95 5 to 19 ms.)
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any, Callable, Dict, List, Sequence, Tuple

import numpy as np
import numpy.typing as npt
from scipy.sparse import hstack
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.nlu.encoder import SentenceEncoder
from bot.nlu.guard import OUT_OF_SCOPE
from bot.nlu.spelling import SpellingCorrector
from bot.nlu.synonyms import concepts
from bot.nlu.text import Lemmatizer
from bot.nlu.tfidf import LinearView
from bot.text import clean, fold, question_part

#: A word, for counting a message's words.
_WORD = re.compile(r"\w+")
#: Between a retrieval intent and its topic in a full label ("faq/cost").
RETRIEVAL_SEPARATOR = "/"
#: A program search and a form's answer: told by their words and entities (a zip
#: code, a grade), so the encoder is not asked about them (:class:`MeaningSettings`).
SEARCH_LABELS = frozenset({"find_program", "inform"})


def _as_is(tokens: List[str]) -> List[str]:
    """Analyzer for pre-tokenised input (module level so the model pickles)."""
    return tokens


@dataclass(frozen=True)
class MeaningSettings:
    """How the sentence encoder joins in (chosen on the dev split).

    ``below``: the encoder is asked only when the lexical model's best confidence is
    under this (1.0 or more: always; 0: never); ``min_words``: and only for a message
    of at least this many words (it reads the meaning of sentences; one or two words,
    a form's answer like "tercero" or a school's name, are all in the words the
    lexical model has, and the encoder's fixed 10 ms would go to nothing: 1 of the
    2,000 real questions is that short); ``weight``: the regression's share
    of the average; ``neighbour_weight``: the nearest examples' share (the lexical
    model keeps the rest); ``neighbours``: how many vote, each weighted by
    ``exp((similarity - best similarity) / temperature)``, so a much closer example
    outvotes the others.

    ``long_words``: a question of at least this many words (the lexical model's best
    label an FAQ topic or out of scope) gets the encoder however sure the lexical
    model is. Long questions are where its sureness misleads: on the real training
    questions, each predicted by a model trained without its site (5 folds,
    :mod:`bot.bench.misses`), the lexical model was at least 0.9 sure and wrong on
    86 of 721, and asking the encoder from 9 words on cut the confident wrong
    answers from 73 to 62 of 484 answerable English questions and from 47 to 40 of
    297 Spanish, for one right answer fewer. From 5 words on cut them further (56,
    38), but then most short FAQ messages ("how often are the sessions") pay the
    encoder's 10 ms as well, which the speed target does not allow. A long program
    search ("is there tutoring near 90255 for my 3rd grader in math?") keeps the
    fast path: its words and entities say what it is, and under load the encoder's
    30 ms in Rasa's event loop held up every conversation (`make bench
    PARTS=speed`: that turn's p50 165 to 381 ms at 10 conversations); no real
    question's answer changed by it.

    ``search_sure``: for the same reason, a message the lexical model takes for a
    program search or a form's answer (:data:`SEARCH_LABELS`) with at least this
    confidence, more likely than everything else together, does not reach the
    encoder however unsure it is of it. With the training data of 2026-12-05 "busco
    tutoría para mi hija" was find_program at 0.895, just under ``below``: the mixed
    load test's search-form turn took 314 and 351 ms at p50 (the other turns 90 to
    260 ms) and the mix's p95 reached 279 and 346 ms. No dev or test question is
    such a message; the one dev question taken for a search at all ("Where do I
    find the right tutor?", 0.34) still gets the encoder, which makes it "tutors".
    """

    below: float = 0.9
    min_words: int = 3
    long_words: int = 9
    search_sure: float = 0.5
    weight: float = 0.4
    c: float = 30.0
    neighbour_weight: float = 0.2
    neighbours: int = 10
    temperature: float = 0.02


class TopicModel:
    """Lexical TF-IDF features and, for unsure messages, sentence meaning."""

    def __init__(self, c: float, meaning: MeaningSettings = MeaningSettings(),
                 encoder: SentenceEncoder | None = None) -> None:
        """Set up an untrained model; ``encoder`` defaults to a new one."""
        self.words = TfidfVectorizer(analyzer=_as_is, sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        # Newton-CG, not sklearn's default L-BFGS: the same regressions (on the 1,218
        # dev and test questions the largest probability difference 0.0004 lexical,
        # 0.0006 meaning; one near-tie's argmax), the lexical one fitted in 62 s
        # instead of 103-120 s, the meaning one in 11 s instead of 14. L-BFGS spent
        # most of its time in scipy's bookkeeping over 2.3 million coefficients
        # (55,800 features x 42 labels), not in the loss.
        self.classifier = LogisticRegression(C=c, solver="newton-cg", max_iter=3000)
        self.meaning = meaning
        self.meaning_classifier = LogisticRegression(C=meaning.c, solver="newton-cg",
                                                     max_iter=5000)
        self.encoder = encoder or SentenceEncoder()
        self.spelling = SpellingCorrector()
        self.labels: List[str] = []
        #: The training examples' sentence vectors and their label columns.
        self.example_vectors = np.zeros((0, 384), dtype=np.float32)
        self.example_labels = np.zeros(0, dtype=np.intp)

    @cached_property
    def _lemmatizer(self) -> Lemmatizer:
        return Lemmatizer()

    @cached_property
    def retrieval_intents(self) -> List[str]:
        """Base intents that have topics, e.g. ``["faq"]``."""
        return sorted({label.split(RETRIEVAL_SEPARATOR, 1)[0] for label in self.labels
                       if RETRIEVAL_SEPARATOR in label})

    def _words(self, text: str) -> List[str]:
        """Words and lemmas, then bigrams and synonym concepts of the words alone."""
        tokens = self._lemmatizer.features(text)
        words = [t for t in tokens if not t.startswith("~")]
        return tokens + [f"{a} {b}" for a, b in pairwise(words)] + concepts(words)

    def fit(self, texts: Sequence[str], labels: Sequence[str],
            weights: Sequence[float] | None = None) -> TopicModel:
        """Train on ``texts`` labelled with full labels (``faq/cost``, ``greet``).

        ``weights``: how much each example counts in both regressions (all 1 when
        not given). The nearest examples vote unweighted: weighing their votes too
        (the Spanish out-of-scope weight, :mod:`bot.nlu.weights`) turned away 2% fewer
        Spanish out-of-scope dev questions and gained nothing.
        """
        texts = [question_part(t) for t in texts]
        sample_weight = None if weights is None else np.asarray(weights, dtype=float)
        threads = self.encoder.threads
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The encoder's C engine runs without the GIL: the texts are embedded
            # while the spelling corrector and the lexical model train, which keeps
            # training under 3 minutes. On one core while the lexical fit (one core)
            # runs, then on all: given all from the start, its threads and the fit
            # took turns on two cores (Rasa's training of this component 152 s
            # against 126 s, same model).
            self.encoder.threads = 1
            embedded = (pool.submit(self.encoder.embed, [clean(t) for t in texts])
                        if self.meaning.below > 0 else None)
            self.spelling.fit(texts)
            features = hstack([
                self.words.fit_transform([self._words(t) for t in texts]),
                self.chars.fit_transform([fold(clean(t)) for t in texts]),
            ]).tocsr()
            self.classifier.fit(features, list(labels), sample_weight=sample_weight)
            self.labels = [str(label) for label in self.classifier.classes_]
            self.encoder.threads = threads or os.cpu_count()
            if embedded is not None:
                self.example_vectors = embedded.result()
                self.meaning_classifier.fit(self.example_vectors, list(labels),
                                            sample_weight=sample_weight)
                column = {label: i for i, label in enumerate(self.labels)}
                self.example_labels = np.array([column[str(label)] for label in labels],
                                               dtype=np.intp)
        self.encoder.threads = threads
        return self

    @cached_property
    def _question_labels(self) -> npt.NDArray[np.bool_]:
        """Per label column, whether it answers a question (FAQ topic, out of scope)."""
        return np.array([RETRIEVAL_SEPARATOR in label or label == OUT_OF_SCOPE
                         for label in self.labels], dtype=bool)

    @cached_property
    def _search_labels(self) -> npt.NDArray[np.bool_]:
        """Per label column, whether it is one of :data:`SEARCH_LABELS`."""
        return np.array([label in SEARCH_LABELS for label in self.labels], dtype=bool)

    @cached_property
    def _char_analyzer(self) -> Callable[[str], List[str]]:
        analyzer: Callable[[str], List[str]] = self.chars.build_analyzer()
        return analyzer

    @cached_property
    def _views(self) -> Tuple[LinearView, LinearView]:
        """The word and character views with the coefficients of their features.

        sklearn multiplies by ``coef_.T``, a strided view that scipy copies on every
        call: kept contiguous once instead.
        """
        weights = np.ascontiguousarray(self.classifier.coef_.T)
        vocabulary = len(self.words.vocabulary_)
        return (LinearView.of(self.words, weights[:vocabulary]),
                LinearView.of(self.chars, weights[vocabulary:]))

    def predict_proba(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Return one row of label probabilities per text, columns in ``labels``.

        Words spelled by ear or with a slip are first read as the training words
        they stand for (:mod:`bot.nlu.spelling`). Lexical first; where its best
        label is below ``meaning.below`` (and not a search or a form's answer at
        ``meaning.search_sure``) and the text has ``meaning.min_words`` words, or it
        is a question of ``meaning.long_words`` words, the row is averaged with the
        sentence vector's regression and nearest examples (same labels, same order).
        """
        texts = [self.spelling.correct(question_part(t)) for t in texts]
        probabilities = self.lexical_proba(texts)
        if self.meaning.below <= 0:
            return probabilities
        words = np.array([len(_WORD.findall(t)) for t in texts], dtype=np.intp)
        best, sureness = probabilities.argmax(axis=1), probabilities.max(axis=1)
        search = self._search_labels[best] & (sureness >= self.meaning.search_sure)
        unsure = np.flatnonzero(
            ((sureness < self.meaning.below) & (words >= self.meaning.min_words)
             & ~search)
            | ((words >= self.meaning.long_words) & self._question_labels[best]))
        if unsure.size:
            embedded = self.encoder.embed([clean(texts[i]) for i in unsure])
            regression, neighbours = self.meaning.weight, self.meaning.neighbour_weight
            probabilities[unsure] *= 1 - regression - neighbours
            probabilities[unsure] += (
                regression * self.meaning_classifier.predict_proba(embedded)
                + neighbours * self.neighbour_votes(embedded))
        return probabilities

    def neighbour_votes(
        self, vectors: npt.NDArray[np.float32]
    ) -> npt.NDArray[np.float64]:
        """Per vector, the label shares of its nearest training examples.

        The vectors are L2-normalised, so a dot product is the cosine similarity.
        """
        count = min(self.meaning.neighbours, len(self.example_labels))
        votes = np.zeros((len(vectors), len(self.labels)))
        if not count:
            return votes
        similarity = vectors @ self.example_vectors.T
        nearest = np.argpartition(-similarity, count - 1, axis=1)[:, :count]
        for row, columns in enumerate(nearest):
            closeness = similarity[row, columns]
            weights = np.exp((closeness - closeness.max()) / self.meaning.temperature)
            np.add.at(votes[row], self.example_labels[columns], weights)
            votes[row] /= votes[row].sum()
        return votes

    def lexical_proba(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Return the lexical model's probabilities alone.

        The fitted vectorizers' TF-IDF (sublinear counts, L2-normalised per block)
        and the multinomial regression's softmax, computed directly: the same
        numbers as ``classifier.predict_proba`` on the stacked sparse features, in
        less than half the time for one message (sklearn's checks and sparse
        matrices cost more than the arithmetic).
        """
        words, chars = self._views
        scores = np.tile(self.classifier.intercept_, (len(texts), 1))
        for row, text in enumerate(texts):
            scores[row] += (words.score(self._words(text))
                            + chars.score(self._char_analyzer(fold(clean(text)))))
        probabilities: npt.NDArray[np.float64] = softmax(scores, axis=1)
        return probabilities

    def missing_attributes(self) -> List[str]:
        """Name what this code's model has and this (unpickled) one lacks.

        A model pickled by older code loads fine and fails at its first message
        (the corrector of :mod:`bot.nlu.spelling` was such an attribute); the
        classifier checks at load instead; its corrector's too (``stems``
        came later than the corrector).
        """
        missing = set(vars(TopicModel(1.0))) - set(vars(self))
        if "spelling" not in missing:
            missing |= {f"spelling.{name}" for name in
                        set(vars(SpellingCorrector())) - set(vars(self.spelling))}
        return sorted(missing)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickle without the spaCy tables and cached values; they rebuild lazily.

        Every :func:`~functools.cached_property` of the class is left out, so a new
        one needs no line here.
        """
        cached = {name for name, value in vars(TopicModel).items()
                  if isinstance(value, cached_property)}
        return {key: value for key, value in self.__dict__.items()
                if key not in cached}


def train_topic_model(
    texts: Sequence[str],
    labels: Sequence[str],
    c: float = 100.0,
    meaning: MeaningSettings = MeaningSettings(),
    encoder: SentenceEncoder | None = None,
    weights: Sequence[float] | None = None,
) -> TopicModel:
    """Train a :class:`TopicModel` (the one entry point the callers need)."""
    return TopicModel(c, meaning, encoder).fit(texts, labels, weights)
