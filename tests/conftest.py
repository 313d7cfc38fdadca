"""Readability without a network: textstat's English syllables need NLTK's cmudict.

textstat downloads cmudict on first use; offline (CI, this machine) that fails, so
the readability tests fall back to Pyphen's hyphenation (textstat's own method for
Spanish, and for English before 0.7.4). The printed scores say which was used.
"""

import nltk
import pytest
from textstat.backend.counts import _count_syllables

from tests.chromium import chromium  # noqa: F401  (a fixture for the browser tests)
from tests.databases import database_url  # noqa: F401  (a fixture for every test)


def cmudict_available() -> bool:
    """Whether NLTK's cmudict is on this machine."""
    try:
        nltk.data.find("corpora/cmudict")
        return True
    except LookupError:
        return False


@pytest.fixture(autouse=True)
def syllables_offline(monkeypatch):
    """Use Pyphen for English syllables when cmudict is not installed."""
    if not cmudict_available():
        monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
