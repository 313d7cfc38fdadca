"""One text's TF-IDF row, without scikit-learn's per-call overhead.

Both linear models that read every message (the topic model's lexical view and the
crisis model) score one message at a time; ``vectorizer.transform`` spends more on
its checks and sparse matrices than on the arithmetic.
"""

from __future__ import annotations

from collections import Counter
from typing import List, Tuple

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer


def tfidf_row(
    tokens: List[str], vectorizer: TfidfVectorizer
) -> Tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
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
