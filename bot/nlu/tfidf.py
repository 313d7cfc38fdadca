"""One text's linear score over its TF-IDF, without scikit-learn's per-call overhead.

Both linear models that read every message (the topic model's lexical view and the
crisis model) score one message at a time; ``vectorizer.transform`` spends more on
its checks and sparse matrices than on the arithmetic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Dict, List

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer


@dataclass(frozen=True)
class LinearView:
    """A fitted vectorizer's vocabulary and IDF, and a linear model's weights on it.

    The IDF is read from the vectorizer once: scikit-learn's ``idf_`` sums a
    diagonal matrix over the whole vocabulary at every access, which was a fifth
    of the NLU's time per message (the topic model's 55,800 features in two views,
    and the crisis model's two).
    """

    vocabulary: Dict[str, int]
    idf: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]

    @classmethod
    def of(cls, vectorizer: TfidfVectorizer,
           weights: npt.NDArray[np.float64]) -> LinearView:
        """``weights`` has a row a feature of ``vectorizer`` (a column a label)."""
        return cls(vectorizer.vocabulary_, vectorizer.idf_, weights)

    def score(self, tokens: List[str]) -> npt.NDArray[np.float64]:
        """Return the linear score of one text: its TF-IDF times the weights.

        The TF-IDF as ``vectorizer.transform`` computes it (sublinear tf, L2;
        unknown tokens dropped). With a weight column a label, the score is a row
        of label scores; with one dimension, one number.
        """
        counts = Counter(t for t in tokens if t in self.vocabulary)
        columns = np.fromiter((self.vocabulary[t] for t in counts),
                              dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
        values = (1.0 + np.log(tf)) * self.idf[columns]
        norm = np.linalg.norm(values)
        if norm:
            values /= norm
        score: npt.NDArray[np.float64] = values @ self.weights[columns]
        return score
