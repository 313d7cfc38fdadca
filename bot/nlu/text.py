"""Turn a parent's message into the word features the intent classifier reads.

Parents write without accents, with typos and in both languages at once, so every
word is folded (lower case, no accents) and lemmatised in English and in Spanish
with spaCy's blank pipelines and the lookup tables of spacy-lookups-data: nothing is
downloaded at run time, and "tutorías", "tutoria" and "tutoring" share features.
"""

from __future__ import annotations

from functools import cached_property

import spacy
from spacy.language import Language
from spacy.lookups import Table
from spacy.pipeline import Lemmatizer as SpacyLemmatizer

from bot.text import clean, fold


def _lemma_table(lang: str) -> Table:
    """Load the lookup lemma table of ``lang`` through a blank spaCy pipeline."""
    nlp = spacy.blank(lang)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert isinstance(lemmatizer, SpacyLemmatizer)
    nlp.initialize()
    table: Table = lemmatizer.lookups.get_table("lemma_lookup")
    return table


class Lemmatizer:
    """English and Spanish lookup lemmatisers, built on first use (not at import)."""

    @cached_property
    def _tokenizer(self) -> Language:
        return spacy.blank("es")

    @cached_property
    def _tables(self) -> tuple[Table, Table]:
        return _lemma_table("en"), _lemma_table("es")

    def features(self, text: str) -> list[str]:
        """Return the word features of ``text``: folded words and their lemmas.

        Each word yields its folded form plus its English and Spanish lemmas when
        they differ, so the classifier can match either language's inflections.
        """
        tables = self._tables
        tokens: list[str] = []
        for token in self._tokenizer(clean(text)):
            if not (token.is_alpha or token.like_num):
                continue
            word = token.lower_
            folded = fold(word)
            tokens.append(folded)
            for table in tables:
                lemma = fold(table.get(word, word))
                if lemma != folded:
                    tokens.append(f"~{lemma}")
        return tokens
