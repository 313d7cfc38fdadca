"""One text's linear score over its TF-IDF, without scikit-learn's per-call overhead.

Both linear models that read every message (the topic model's lexical view and the
crisis model) score one message at a time; ``vectorizer.transform`` spends more on
its checks and sparse matrices than on the arithmetic.
"""

from __future__ import annotations

from collections import Counter
from typing import List

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer


def tfidf_score(tokens: List[str], vectorizer: TfidfVectorizer,
                weights: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Return a linear model's score for one text: its TF-IDF times ``weights``.

    The TF-IDF as ``vectorizer.transform`` computes it (sublinear tf, L2; unknown
    tokens dropped). ``weights`` has a row a feature: with a column a label, the
    score is a row of label scores; of one dimension, one number.
    """
    counts = Counter(t for t in tokens if t in vectorizer.vocabulary_)
    columns = np.fromiter((vectorizer.vocabulary_[t] for t in counts),
                          dtype=np.intp, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
    values = (1.0 + np.log(tf)) * vectorizer.idf_[columns]
    norm = np.linalg.norm(values)
    if norm:
        values /= norm
    score: npt.NDArray[np.float64] = values @ weights[columns]
    return score
