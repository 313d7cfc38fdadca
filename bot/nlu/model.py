"""The linear text model behind :class:`bot.nlu.classifier.TopicClassifier`.

Kept free of Rasa so the benchmark and the tests can train and score it directly.
Features: folded words, their English and Spanish lemmas and word bigrams (meaning),
plus character n-grams within words (typos, missing accents, "tutoria"/"tutoring").
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Any, Callable, Dict, List, Sequence, Tuple

import numpy as np
from scipy.sparse import hstack
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.nlu.text import Lemmatizer
from bot.text import clean, fold


def _as_is(tokens: List[str]) -> List[str]:
    """Analyzer for pre-tokenised input (module level so the model pickles)."""
    return tokens


def _with_bigrams(tokens: List[str]) -> List[str]:
    words = [t for t in tokens if not t.startswith("~")]
    return tokens + [f"{a} {b}" for a, b in zip(words, words[1:])]


def _tfidf(
    tokens: List[str], vectorizer: TfidfVectorizer
) -> Tuple[np.ndarray, np.ndarray]:
    """One text's TF-IDF as ``vectorizer.transform`` computes it (sublinear tf, L2).

    Returns the feature columns and their values; unknown tokens are dropped.
    """
    counts = Counter(t for t in tokens if t in vectorizer.vocabulary_)
    columns = np.fromiter((vectorizer.vocabulary_[t] for t in counts),
                          dtype=np.intp, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
    values = (1.0 + np.log(tf)) * vectorizer.idf_[columns]
    norm = np.linalg.norm(values)
    return columns, values / norm if norm else values


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

    def _words(self, text: str) -> List[str]:
        return _with_bigrams(self._lemmatizer.features(text))

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TopicModel:
        """Train on ``texts`` labelled with full labels (``faq/cost``, ``greet``)."""
        features = hstack([
            self.words.fit_transform([self._words(t) for t in texts]),
            self.chars.fit_transform([fold(clean(t)) for t in texts]),
        ]).tocsr()
        self.classifier.fit(features, list(labels))
        self.labels = [str(label) for label in self.classifier.classes_]
        return self

    @cached_property
    def _char_analyzer(self) -> Callable[[str], List[str]]:
        return self.chars.build_analyzer()

    @cached_property
    def _weights(self) -> Tuple[np.ndarray, np.ndarray]:
        """The coefficients per feature row (word rows, then character rows).

        sklearn multiplies by ``coef_.T``, a strided view that scipy copies on every
        call: kept contiguous once instead.
        """
        weights = np.ascontiguousarray(self.classifier.coef_.T)
        vocabulary = len(self.words.vocabulary_)
        return weights[:vocabulary], weights[vocabulary:]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return one row of label probabilities per text, columns in ``labels``.

        The fitted vectorizers' TF-IDF (sublinear counts, L2-normalised per block)
        and the multinomial regression's softmax, computed directly: the same
        numbers as ``classifier.predict_proba`` on the stacked sparse features, in
        less than half the time for one message (sklearn's checks and sparse
        matrices cost more than the arithmetic).
        """
        word_weights, char_weights = self._weights
        scores = np.tile(self.classifier.intercept_, (len(texts), 1))
        for row, text in enumerate(texts):
            for tokens, vectorizer, weights in (
                (self._words(text), self.words, word_weights),
                (self._char_analyzer(fold(clean(text))), self.chars, char_weights),
            ):
                columns, values = _tfidf(tokens, vectorizer)
                scores[row] += values @ weights[columns]
        return softmax(scores, axis=1)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickle without the spaCy tables and cached values; they rebuild lazily."""
        state = dict(self.__dict__)
        state.pop("_lemmatizer", None)
        state.pop("retrieval_intents", None)
        state.pop("_weights", None)
        state.pop("_char_analyzer", None)
        return state


def train_topic_model(
    texts: Sequence[str], labels: Sequence[str], c: float = 100.0
) -> TopicModel:
    """Train a :class:`TopicModel` (the one entry point the callers need)."""
    return TopicModel(c).fit(texts, labels)
