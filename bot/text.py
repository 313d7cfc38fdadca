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
#: Contact details a parent types into a question: they say nothing of its topic.
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_PHONE = re.compile(r"\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents ("Matemáticas" -> "matematicas")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean(text: str) -> str:
    """Remove what carries no meaning for intent: links, HTML tags, phones, emails.

    "hola, mi numero es 323-555-0199, que es la tutoria?" is a question about
    tutoring, not about schedules: the digits must not pull the topic.
    """
    for pattern in (_URL, _TAG, _EMAIL, _PHONE):
        text = pattern.sub(" ", text)
    return text
