"""Read a question the way it was meant when it is typed the way it sounds.

Parents write on phones, in a hurry, and many spell by ear: "como saber si mi hijo
nesesita refuerso escolar", "q ase el tutor", "how otfen will my chlid get help". The
topic model learns words from its training examples, which are spelled right, so
"nesesita" and "refuerso" count for nothing and the sentence encoder reads them as
other words. Each word the training examples never used is replaced by the training
word it most likely stands for:

* **texting shorthand** ("q", "xq", "tmb", "u", "ur"): written in ``spelling.yml``;
* **the same sound**: Spanish spelled by ear keeps the sound and loses the letters
  that do not change it (a silent h, b/v, s/c/z, ll/y, qu/k/c, doubled letters):
  "nesesita", "ijo", "bes", "kiero" sound like "necesita", "hijo", "vez", "quiero";
* **one slip of the keyboard** (a letter missing, extra, wrong, or two swapped) in a
  word of five letters or more: "chlid", "otfen", "tutorng".

A word is left alone when it is a common word in its own right: by the word
frequencies of spacy-lookups-data (English and Spanish, already installed for the
lemmas), when it is at least ``1 / e**margin`` as frequent as the training word it
would become. "caza" stays "caza" though "casa" sounds the same, "hours" stays
"hours" beside "ours". The frequencies are read once, when the model is trained:
only the few thousand words that could be mistaken for a training word are kept.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Set

import spacy_lookups_data
import yaml

from bot.text import fold

_DATA = Path(__file__).with_name("spelling.yml")
#: A word, apostrophes and hyphens inside kept ("I'd", "pre-k" and "K-12" are one
#: word each, none of them shorthand or a slip).
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
#: Shortest word corrected by its sound ("ijo"), and by a slip of the keyboard;
#: longest word corrected at all (no word is longer; a pasted blob of letters would
#: cost the square of its length in one-slip forms).
SOUND_MIN, SLIP_MIN, LONGEST = 3, 5, 30
#: Shortest stem a longer word may be read as (:class:`SpellingCorrector` ``stems``).
STEM_MIN = 5
#: A word at least this frequent (natural log of its share) is a word of its own
#: whatever it sounds like: "hand" is not a slip of "and", nor "poor" of "por".
COMMON = -12.0
#: Frequencies below this (natural log of a word's share of the corpus) are the
#: long tail of the lists, misspellings included ("nesesita" is in it): never a
#: reason to leave a word alone.
RARE = -16.0
#: Spanish spelling by ear, in order: what is written -> how it sounds.
_SOUNDS = (
    (re.compile(r"ll"), "y"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: "tutorring", "acc"
    (re.compile(r"ch"), "0"),  # keep "ch" from losing its h
    (re.compile(r"h"), ""),
    (re.compile(r"qu(?=[ei])"), "k"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"gu(?=[ei])"), "G"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "b"),
    (re.compile(r"n(?=[bp])"), "m"),  # "conbulsion", "inportante": n sounds m
    (re.compile(r"y(?![aeiou])"), "i"),
    (re.compile(r"x"), "ks"),
)


def sound(word: str) -> str:
    """How a folded word sounds in Spanish, as letters ("necesita" -> "nesesita")."""
    for pattern, replacement in _SOUNDS:
        word = pattern.sub(replacement, word)
    return word


def slips(word: str) -> Iterator[str]:
    """Yield the word with one letter left out, each letter in turn.

    Two words one slip apart share such a form ("chlid" and "child" both give
    "chid"); so do some words two slips apart ("eligable" and "reliable" give
    "eliable"), which :func:`one_slip` tells apart.
    """
    for i in range(len(word)):
        yield word[:i] + word[i + 1:]


def one_slip(typed: str, word: str) -> bool:
    """Tell whether ``typed`` is ``word`` with one slip.

    One letter missing, extra or wrong, or two neighbouring letters swapped.
    """
    if len(typed) == len(word):
        differ = [i for i, (a, b) in enumerate(zip(typed, word, strict=True))
                  if a != b]
        return len(differ) == 1 or (
            len(differ) == 2 and differ[1] == differ[0] + 1
            and typed[differ[0]] == word[differ[1]]
            and typed[differ[1]] == word[differ[0]])
    shorter, longer = sorted((typed, word), key=len)
    return len(longer) - len(shorter) == 1 and any(
        longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


@cache
def shorthand() -> Dict[str, str]:
    """Texting shorthand, English and Spanish, as one map (``spelling.yml``)."""
    data: Dict[str, Dict[str, str]] = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return {short: word for words in data.values() for short, word in words.items()}


@cache
def word_shares() -> Dict[str, float]:
    """Folded English and Spanish words and their log shares (spacy-lookups-data).

    A word in both lists, or with and without accents, keeps its larger share.
    Read once per process (2.5 s; a process that trains several models, like the
    tests, reads it once).
    """
    shares: Dict[str, float] = {}
    for lang in ("en", "es"):
        path = spacy_lookups_data.get_file(f"{lang}_lexeme_prob.json.gz")
        with gzip.open(str(path), "rt", encoding="utf-8") as file:
            frequencies: Dict[str, float] = json.load(file)
        for word, share in frequencies.items():
            if share >= RARE and word.isalpha():
                folded = fold(word)
                shares[folded] = max(share, shares.get(folded, share))
    return shares


class SpellingCorrector:
    """Map words the training examples never used to the training words meant."""

    def __init__(self, margin: float = 4.0, stems: bool = False) -> None:
        r"""Set up an untrained corrector.

        ``margin``: how much rarer than the training word (natural log) a word may
        be and still count as a word of its own (left alone). ``stems``: the
        training "words" include stems that patterns complete ("convuls" for
        ``convuls\w*``), so a word like none may also begin like one: "combulsion"
        is read as "convuls" + "ion" (only the crisis rules; a topic model's
        training words are whole words).
        """
        self.margin = margin
        self.stems = stems
        #: Each training word and how many times the training texts use it.
        self.uses: Dict[str, int] = {}
        #: A sound -> the most used training word with it; a one-slip form -> the
        #: training words with it.
        self.by_sound: Dict[str, str] = {}
        self.by_slip: Dict[str, List[str]] = {}
        #: Common words that sound like, or are one slip from, a training word.
        self.own_words: Set[str] = set()

    def fit(self, texts: Iterable[str], shares: Dict[str, float] | None = None,
            own_words: Iterable[str] | None = None) -> SpellingCorrector:
        """Learn the training words of ``texts``.

        ``shares``: the words' log shares, by default :func:`word_shares` (a test
        passes its own); ``own_words``: the words to leave alone, when they were
        found beforehand (the crisis rules keep theirs in a file, so that no
        message waits for the word frequencies to load).
        """
        counts = Counter(w for text in texts for w in _WORD.findall(fold(text))
                         if w.isalpha())
        self.uses, self.by_sound, self.by_slip = dict(counts), {}, {}
        for word, _ in counts.most_common():  # the most used word keeps a form
            if len(word) >= SOUND_MIN:
                self.by_sound.setdefault(sound(word), word)
            if len(word) >= SLIP_MIN:
                for form in {word, *slips(word)}:
                    self.by_slip.setdefault(form, []).append(word)
        if own_words is not None:
            self.own_words = set(own_words)
            return self
        shares = word_shares() if shares is None else shares
        self.own_words = set()
        for word, share in shares.items():
            meant = self._meant(word)
            if meant and (share >= COMMON
                          or share >= shares.get(meant, RARE) - self.margin):
                self.own_words.add(word)
        return self

    def _meant(self, word: str) -> str | None:
        """Return the training word ``word`` may stand for, if not one itself."""
        if word in self.uses or len(word) > LONGEST:
            return None
        if len(word) >= SOUND_MIN and (meant := self.by_sound.get(sound(word))):
            return meant
        if len(word) >= SLIP_MIN:
            near = [meant for form in (word, *slips(word))
                    for meant in self.by_slip.get(form, ()) if one_slip(word, meant)]
            if near:
                return max(near, key=self.uses.__getitem__)
        return self._stem_of(word) if self.stems else None

    def _stem_of(self, word: str) -> str | None:
        """Return ``word``, the longest start that sounds like a stem made that stem.

        The rest of the word is kept ("ensierre" -> "encierr" + "e"); a word in the
        frequency lists is a word of its own (its "meant" is no training word).
        """
        for end in range(len(word) - 1, STEM_MIN - 1, -1):
            stem = self.by_sound.get(sound(word[:end]))
            if stem and len(stem) >= STEM_MIN:
                return stem + word[end:]
        return None

    def sounds_like(self, word: str) -> str:
        """Return the training word ``word`` sounds like or is one slip from.

        ``word`` itself when it is a training word, a common word of its own, or
        like none (shorthand aside: the crisis rules keep their own).
        """
        return self._read(word, fold(word))

    def _read(self, word: str, folded: str) -> str:
        if folded in self.own_words or not folded.isalpha():
            return word
        return self._meant(folded) or word

    def correct_word(self, word: str) -> str:
        """Return the training word meant by ``word``: shorthand, sound or slip.

        Shorthand only for a word the training texts never use: the model learned
        the "q" of its real training questions as it is.
        """
        folded = fold(word)
        if folded in shorthand() and folded not in self.uses:
            return shorthand()[folded]
        return self._read(word, folded)

    def correct(self, text: str) -> str:
        """``text`` with each word replaced by the training word it stands for."""
        return _WORD.sub(lambda match: self.correct_word(match.group()), text)
