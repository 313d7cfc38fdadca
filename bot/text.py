"""Fold text the way parents type it: one function for every module that compares words.

Parents write on phones without accents and in any case, so "Matemáticas",
"matematicas" and "MATEMATICAS" must compare equal. Kept free of heavy imports
(no spaCy) so that the safety check and the language detector load in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,200}>")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Matemáticas" -> "matematicas")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean(text: str) -> str:
    """Remove what carries no meaning for intent: links and HTML tags."""
    return _TAG.sub(" ", _URL.sub(" ", text))
