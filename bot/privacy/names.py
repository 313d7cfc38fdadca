"""People's names in what families typed, in English and Spanish.

The privacy page promises organizers never see a family's or a child's name. Two
kinds of evidence find one, both read from ``names.yml`` (one code path; the
languages differ only in that data):

- a phrase that introduces a name: "my son Diego Ramirez", "mi hija Sofía
  Hernández", "me llamo", "soy Rosa", "Ms. Lopez", "la mamá de Diego";
- a word on the lists of common US and Latino given names and surnames, anywhere:
  "Diego's teacher said...", "sofia needs help".

Many names are also words ("Rosa" is pink, "Will" a verb, "Guadalupe" a place);
the data file says, word by word, when such a word counts as a name. A name runs
on over the surnames that follow it ("Sofía Hernández López", "María de la
Cruz"), and a capitalized run with a place word in it ("San Diego", "Lincoln
Elementary", "Reading Partners") is a place or a program, not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, NamedTuple, Tuple

import yaml

from bot.text import fold as fold_text

NAMES_FILE = Path(__file__).with_name("names.yml")

#: A word: letters, not glued to a digit ("8vo" is 8th grade, not the name Vo).
_WORD = re.compile(r"(?<![^\W_])[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?¿¡:;\n\"“”«»()]")
_COMMA = re.compile(r"\s*,\s*")
_PARTS = re.compile(r"[-'’]")
_CONNECTORS = frozenset({"de", "del", "van", "von", "da", "di"})
_ARTICLES = frozenset({"la", "las", "los"})
_AND = frozenset({"and", "y", "e", "&"})
_ALWAYS_UP = frozenset({"i", "i'm", "i’m", "puente"})  # capitalized in any sentence
# A message that ends in a signature: "..., Raquel", "... - Karla", "Thanks! Ana"
_SIGNATURE = re.compile(r"[,!\-–—]\s*((?:[^\W\d_][^\s,.!?]*\s*){1,3})[.!]?\s*$")

Span = Tuple[int, int]


@lru_cache(maxsize=1 << 16)  # a few thousand words make most messages
def fold(word: str) -> str:
    """``word`` as the lists spell it: lower case, no accents, no "'s"."""
    return fold_text(_POSSESSIVE.sub("", word.lower()))


@dataclass(frozen=True)
class Lexicon:
    """The lists of ``names.yml``, folded; see the comments there for each."""

    names: FrozenSet[str]
    capitalized: FrozenSet[str]
    mid_sentence: FrozenSet[str]
    after_trigger: FrozenSet[str]
    not_names: FrozenSet[str]
    places: FrozenSet[str]
    blocking: FrozenSet[str]
    person_verbs: FrozenSet[str]
    triggers: Dict[str, re.Pattern[str]]
    common: FrozenSet[str]  # names that are also words: never one in lower case


@cache
def lexicon(path: Path = NAMES_FILE) -> Lexicon:
    """Read the name lists once, on first use (the review app may never need them)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def words(key: str) -> FrozenSet[str]:
        return frozenset(fold(w) for w in data[key].split())

    def phrases(patterns: List[str]) -> re.Pattern[str]:
        alternatives = "|".join(p.replace(" ", r"\s+") for p in patterns)
        return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)

    return Lexicon(
        names=words("first_names") | words("surnames") | words("capitalized")
        | words("mid_sentence"),
        capitalized=words("capitalized"), mid_sentence=words("mid_sentence"),
        after_trigger=words("after_trigger"), not_names=words("not_names"),
        places=words("places"), blocking=words("blocking"),
        person_verbs=words("person_verbs"),
        triggers={kind: phrases(p) for kind, p in data["triggers"].items()},
        common=words("capitalized") | words("mid_sentence") | words("after_trigger"),
    )


class _Word(NamedTuple):  # a tuple: made for every word of every message
    start: int
    end: int  # without a possessive "'s": "[name]'s teacher"
    key: str
    parts: Tuple[str, ...]  # "garcia-lopez" -> ("garcia", "lopez")
    capital: bool  # "Diego", not "diego" nor an all-caps "DIEGO" or "IEP"
    first: bool  # opens a sentence
    joined: bool  # only spaces between it and the word before
    possessive: bool  # "Brayan's": a person's, whatever the lists say


def _title_case(text: str, lex: Lexicon) -> bool:
    """Tell a heading ("Does My Child Need a Tutor?"): its capitals say nothing.

    Most long words are capitalized, and so are at least two common words that are
    not the first ("My", "Child", "Need"), which a list of names never makes.
    """
    words = _WORD.findall(text)
    long = [w for w in words if len(w) > 3]
    common = [w for w in words[1:] if w[0].isupper() and fold(w) not in _ALWAYS_UP
              and (fold(w) in lex.not_names or fold(w) in lex.person_verbs
                   or fold(w).endswith("mente"))]
    return len(long) >= 4 and len(common) >= 2 \
        and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _words(text: str, lex: Lexicon) -> List[_Word]:
    result: List[_Word] = []
    heading = _title_case(text, lex)
    previous_end = 0
    for match in _WORD.finditer(text):
        raw = match.group(0)
        core = raw[:-2] if raw[-2:].lower() in ("'s", "’s") else raw
        gap = text[previous_end:match.start()]
        key = fold(core)
        result.append(_Word(
            match.start(), match.start() + len(core), key,
            tuple(p for p in _PARTS.split(key) if p) if len(key) > 2 else (key,),
            core[0].isupper() and not heading
            and not (len(core) > 1 and core.isupper()),
            not result or (gap != " " and bool(_SENTENCE_BREAK.search(gap))),
            bool(result) and gap.isspace(),
            len(core) < len(raw) and len(core) > 1,  # not "B's"
        ))
        previous_end = match.end()
    return result


class _Finder:
    """The names in one text: a pass for triggers, then one for listed names."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text, self.lex = text, lex
        self.words = _words(text, lex)
        self.named = [False] * len(self.words)

    def listed(self, w: _Word) -> bool:
        return any(p in self.lex.names for p in w.parts) \
            and w.key not in self.lex.after_trigger

    def safe_lower(self, w: _Word) -> bool:
        """Tell a listed name that is no common word: it counts in lower case too."""
        return self.listed(w) and not any(p in self.lex.common for p in w.parts)

    def in_place(self, i: int) -> bool:
        """Tell whether word ``i`` is in "San Diego", "Lincoln Elementary" or such."""
        words, places = self.words, self.lex.places
        if not words[i].capital:  # lower case: only the next-door words count
            before = i > 0 and words[i].joined and words[i - 1].key in places
            after = i + 1 < len(words) and words[i + 1].joined \
                and words[i + 1].key in places
            return before or after
        if i > 0 and words[i].joined and words[i - 1].key in places:
            return True  # "la escuela Lincoln", "iglesia Bautista"
        first = i
        while first > 0 and words[first].joined and words[first - 1].capital:
            first -= 1
        last = i
        while last + 1 < len(words) and words[last + 1].joined \
                and words[last + 1].capital:
            last += 1
        return any(words[j].key in places for j in range(first, last + 1))

    def after_trigger(self, i: int, kind: str) -> bool:
        """Tell whether word ``i``, right after a ``kind`` trigger, is a name."""
        w, lex = self.words[i], self.lex
        if w.key in lex.not_names:
            return False
        if kind == "strong":
            return True
        if self.in_place(i):
            return False
        if kind == "family" and w.key in lex.capitalized:
            return True  # "my son angel", "mi hija rosa"
        return w.capital or self.safe_lower(w)

    def anywhere(self, i: int) -> bool:
        """Judge a listed name by the rules ``names.yml`` gives names that are words."""
        w, lex = self.words[i], self.lex
        if w.key in lex.not_names:
            return False
        if not self.listed(w):  # "Brayan's teacher": someone, listed or not
            return w.possessive and w.capital and not self.in_place(i)
        if not w.capital:
            return self.safe_lower(w) and not self.in_place(i)
        if w.key in lex.mid_sentence and w.first:
            return False
        if w.key in lex.common and i > 0 and w.joined \
                and self.words[i - 1].key in lex.blocking:
            return False
        return not self.in_place(i)

    def subject(self, i: int) -> bool:
        """Tell an unlisted name that is a verb's subject: "Keyla está en kínder".

        Not a contraction ("Isn't struggle..."), an adverb ("Realmente no...") or
        a plural ("Grades need...").
        """
        words, lex = self.words, self.lex
        w = words[i]
        if not w.capital or w.key.endswith(("s", "mente")) \
                or len(w.parts) > 1 \
                or w.key in lex.names or w.key in lex.after_trigger \
                or w.key in lex.not_names:
            return False
        verb = i + 1
        if verb + 1 < len(words) and words[verb].key in _AND and words[verb].joined:
            verb += 2  # "Arely y Marlene tienen..."
        return verb < len(words) and words[verb].joined \
            and words[verb].key in lex.person_verbs and not self.in_place(i)

    def continues(self, i: int) -> int:
        """How many words from ``i`` carry on a name: "Ramírez", "de la Cruz", "G."."""
        words, lex = self.words, self.lex
        if i >= len(words) or not words[i].joined:
            return 0
        w = words[i]
        if w.capital and w.key not in lex.not_names and w.key not in lex.places:
            return 1
        if not w.capital and self.safe_lower(w):
            return 1
        if w.key in _CONNECTORS:
            skip = 2 if i + 1 < len(words) and words[i + 1].key in _ARTICLES \
                and words[i + 1].joined else 1
            j = i + skip
            if j < len(words) and words[j].joined and words[j].capital \
                    and words[j].key not in lex.not_names:
                return skip + 1
        return 0

    def mark(self, i: int) -> int:
        """Mark the name starting at word ``i``; return the index of its last word."""
        while True:
            self.named[i] = True
            step = self.continues(i + 1)
            if not step:
                return i
            i += step
            for j in range(i - step + 1, i + 1):
                self.named[j] = True

    def next_word(self, position: int) -> int | None:
        """Find the word right after ``position`` (past spaces, a comma or a colon)."""
        for i, w in enumerate(self.words):
            if w.start >= position:
                return i if re.fullmatch(r"[\s,:]*", self.text[position:w.start]) \
                    else None
        return None

    def run(self) -> List[Span]:
        """Find the names: after triggers, in a signature, then listed ones."""
        starts = [(self.next_word(m.end()), kind)
                  for kind, pattern in self.lex.triggers.items()
                  for m in pattern.finditer(self.text)]
        signature = _SIGNATURE.search(self.text)
        if signature:
            starts.append((self.next_word(signature.start(1)), "soft"))
        starts += [(i, "soft") for i in range(len(self.words)) if self.subject(i)]
        for i, kind in starts:
            self.mark_list(i, kind)
        for i in range(len(self.words)):
            if not self.named[i] and self.anywhere(i):
                self.mark_list(i, "listed")
        return self.spans()

    def mark_list(self, i: int | None, kind: str) -> None:
        """Mark the name at ``i`` and those joined to it: "Juan y Pedro".

        After "my kids" a comma joins names too: "mis hijas Ana, Sofía y Lucía".
        """
        while i is not None and (kind == "listed" and self.anywhere(i)
                                 or kind != "listed" and self.after_trigger(i, kind)):
            last = self.mark(i)
            i, kind = self.joined_name(last, comma=kind == "family"), \
                "soft" if kind == "listed" else kind

    def joined_name(self, last: int, comma: bool) -> int | None:
        """Find the next name of a list: "Juan y Pedro", "Ana, Sofía and Lucía"."""
        words, j = self.words, last + 1
        if j + 1 < len(words) and words[j].key in _AND and words[j].joined \
                and words[j + 1].joined:
            return j + 1
        if comma and j < len(words) \
                and _COMMA.fullmatch(self.text[words[last].end:words[j].start]):
            return j
        return None

    def spans(self) -> List[Span]:
        """Consecutive named words as one span each: one "[name]" per person."""
        result: List[Span] = []
        for i, w in enumerate(self.words):
            if not self.named[i]:
                continue
            if result and i > 0 and self.named[i - 1] and w.joined:
                result[-1] = (result[-1][0], w.end)
            else:
                result.append((w.start, w.end))
        return result


def find_names(text: str) -> List[Span]:
    """Where people's names are in ``text``, as (start, end) character spans."""
    return _Finder(text, lexicon()).run() if text else []
