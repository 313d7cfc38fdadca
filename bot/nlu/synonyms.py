"""One feature for the many words families use for one thing (``synonyms.yml``).

The lexical model learns a word only from the examples that use it: "nivelación"
or "profe particular" in a question, and in no training example of its topic,
count for nothing. Each phrase of the lexicon adds its concept as a feature
("~=tutoring", "~=tutor"), which every example of that topic already carries
through its own words ("tutoría", "clases particulares"), so the new word is read
like the known ones. Like the lemmas, a concept is a unigram only: no bigrams.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import yaml

_DATA = Path(__file__).with_name("synonyms.yml")
#: The marker of a concept feature (a lemma's "~" first: kept out of bigrams).
PREFIX = "~="
#: The concepts that say a message is about tutoring ("tutoría", "maestro particular").
_TUTORING_CONCEPTS = frozenset({f"{PREFIX}tutoring", f"{PREFIX}tutor"})
_WORD = re.compile(r"\w+")


@cache
def _phrases() -> Tuple[int, Dict[Tuple[str, ...], str]]:
    """Every phrase as its words, with its concept; and the longest phrase's length."""
    lexicon: Dict[str, Dict[str, List[str]]] = yaml.safe_load(
        _DATA.read_text(encoding="utf-8"))
    phrases = {tuple(phrase.split()): concept
               for concept, languages in lexicon.items()
               for words in languages.values() for phrase in words}
    return max(map(len, phrases)), phrases


def concepts(words: Sequence[str]) -> List[str]:
    """Return the concept features of folded ``words``, longest phrase first.

    "clases particulares" is one tutoring phrase, not "clases" and then another;
    "maestro particular" is a tutor, where "maestro" alone is a teacher.
    """
    longest, phrases = _phrases()
    found: List[str] = []
    start = 0
    while start < len(words):
        for size in range(min(longest, len(words) - start), 0, -1):
            concept = phrases.get(tuple(words[start:start + size]))
            if concept:
                found.append(PREFIX + concept)
                start += size
                break
        else:
            start += 1
    return found


def names_tutoring(folded: str) -> bool:
    """Whether ``folded`` text names tutoring or a tutor, in any of the lexicon's words.

    "y lo de la tutoria como le hago" after a crisis, "tutoría gratis, no me alcanza
    para la renta" beside a family's other needs: the message is about tutoring.
    """
    # words, not what the message glues to them: "y donde consigo tutoria?" read
    # "tutoria?" and got the emergency lines again after a crisis (run 12)
    return bool(_TUTORING_CONCEPTS & set(concepts(_WORD.findall(folded))))
