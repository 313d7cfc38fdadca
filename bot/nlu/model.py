"""The linear text model behind :class:`bot.nlu.classifier.TopicClassifier`.

Kept free of Rasa so the benchmark and the tests can train and score it directly.
Features: folded words, their English and Spanish lemmas and word bigrams (meaning),
plus character n-grams within words (typos, missing accents, "tutoria"/"tutoring").
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict, List, Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from scipy.special import softmax
from sklearn.linear_model import LogisticRegression

from bot.nlu.text import Lemmatizer, clean, fold


def _as_is(tokens: List[str]) -> List[str]:
    """Analyzer for pre-tokenised input (module level so the model pickles)."""
    return tokens


def _with_bigrams(tokens: List[str]) -> List[str]:
    words = [t for t in tokens if not t.startswith("~")]
    return tokens + [f"{a} {b}" for a, b in zip(words, words[1:])]


class TopicModel:
    """Word + character n-gram TF-IDF features and a logistic regression."""

    def __init__(self, c: float) -> None:
        self.words = TfidfVectorizer(analyzer=_as_is, sublinear_tf=True, min_df=1)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
        )
        self.classifier = LogisticRegression(C=c, max_iter=3000)
        self.labels: List[str] = []

    @cached_property
    def _lemmatizer(self) -> Lemmatizer:
        return Lemmatizer()

    @cached_property
    def retrieval_intents(self) -> List[str]:
        """Base intents that have topics, e.g. ``["faq"]``."""
        return sorted({label.split("/", 1)[0] for label in self.labels if "/" in label})

    def _features(self, texts: Sequence[str], fit: bool = False) -> Any:
        words = [_with_bigrams(self._lemmatizer.features(t)) for t in texts]
        chars = [fold(clean(t)) for t in texts]
        if fit:
            return hstack([self.words.fit_transform(words),
                           self.chars.fit_transform(chars)]).tocsr()
        return hstack([self.words.transform(words), self.chars.transform(chars)]).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TopicModel:
        """Train on ``texts`` labelled with full labels (``faq/cost``, ``greet``)."""
        self.classifier.fit(self._features(texts, fit=True), list(labels))
        self.labels = [str(label) for label in self.classifier.classes_]
        return self

    @cached_property
    def _weights(self) -> np.ndarray:
        """The coefficients, transposed and contiguous once.

        sklearn multiplies by ``coef_.T``, a strided view that scipy copies on every
        call (about 1 ms a message, most of the prediction's time).
        """
        return np.ascontiguousarray(self.classifier.coef_.T)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row of label probabilities per text, columns in ``labels``.

        The multinomial logistic regression's own formula: softmax of the scores.
        """
        scores = self._features(texts) @ self._weights + self.classifier.intercept_
        return softmax(scores, axis=1)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickle without the spaCy tables and cached values; they rebuild lazily."""
        state = dict(self.__dict__)
        state.pop("_lemmatizer", None)
        state.pop("retrieval_intents", None)
        state.pop("_weights", None)
        return state


def train_topic_model(
    texts: Sequence[str], labels: Sequence[str], c: float = 100.0
) -> TopicModel:
    """Train a :class:`TopicModel` (the one entry point the callers need)."""
    return TopicModel(c).fit(texts, labels)
