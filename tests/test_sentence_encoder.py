"""The sentence encoder as the Rasa server runs it: one engine thread, same meaning."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from bot.settings import PROJECT_ROOT

#: Loads an encoder as a trained model does (unpickled) or as training does (new),
#: embeds a question, and reports the threads the engine added and the vector.
_PROBE = """
import json, os, pickle, sys
import sklearn.linear_model  # loads the libgomp the engine shares, as a model does
from bot.nlu.encoder import SentenceEncoder
encoder = (pickle.loads(pickle.dumps(SentenceEncoder())) if sys.argv[1] == "served"
           else SentenceEncoder())
before = len(os.listdir("/proc/self/task"))
vector = encoder.embed(["¿Quién paga la tutoría de mi hijo?"])[0]
print(json.dumps({"threads_added": len(os.listdir("/proc/self/task")) - before,
                  "vector": vector.tolist()}))
"""


def _probe(how: str) -> dict:
    shown = subprocess.run([sys.executable, "-c", _PROBE, how], cwd=PROJECT_ROOT,
                           capture_output=True, text=True, check=True, timeout=120)
    return json.loads(shown.stdout.strip().splitlines()[-1])


def test_a_served_model_runs_the_engine_on_one_thread_with_the_same_meaning():
    served, trained = _probe("served"), _probe("training")
    assert served["threads_added"] == 0  # no OpenMP workers spinning beside Rasa
    # Training keeps OpenMP's default: a worker per other core this process may use.
    assert trained["threads_added"] >= min(1, len(os.sched_getaffinity(0)) - 1)
    assert np.allclose(served["vector"], trained["vector"], atol=1e-5)
    assert abs(np.linalg.norm(served["vector"]) - 1) < 1e-4
