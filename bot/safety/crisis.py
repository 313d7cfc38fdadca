"""Recognise a family in crisis, in English, Spanish or both, however it is typed.

A crisis is suicide or self-harm, a child harmed or abused (by anyone, a tutor or
teacher included), a medical emergency, weapons and violence, a missing child or
domestic violence, written by the parent about themself, about a child, or as
reported speech ("mi hijo dice que..."). Puente answers these with emergency lines
before anything else (see ``data/rules/safety.yml``).

Rules first, not a trained model: a safety answer to a phrase the rules name must
not depend on how much training data happened to look like the message, and each
phrase in ``crisis.yml`` can be read, reviewed and tested. Recall comes first: a
false alarm costs a parent one extra message, a miss can cost a life.

Parents in a hurry type by ear ("mi ijo se quiere suisidar", "me kiere kemar la
casa", "my boyfriend choekd me"): when no pattern fits the message as typed (chat
spellings of ``crisis.yml`` mended), it is read once more with each word the
patterns never use read as the pattern word it sounds like or is one slip from
(:mod:`bot.nlu.spelling`), unless it is a common word of its own; those are listed
in ``crisis_own_words.txt``, written by ``python -m bot.safety.crisis`` from the
patterns' words and the word frequencies (a test checks it is current).

Rules name the ways of saying a danger someone thought of. When they find nothing
at all (no pattern, no everyday phrase, no danger said to be over), a model trained
on every crisis corpus (:mod:`bot.safety.crisis_model`) has the last word: it
catches new ways of saying the same dangers, and never loses a crisis a rule
catches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Dict, List, Pattern, Tuple

import yaml

from bot.nlu.spelling import SpellingCorrector
from bot.safety.crisis_model import CrisisModel, train_crisis_model
from bot.text import fold, undraw

_DATA = Path(__file__).with_name("crisis.yml")
_OWN_WORDS = Path(__file__).with_name("crisis_own_words.txt")
#: A run of three letters or more in a pattern, a macro or a chat spelling: words,
#: and also stems like "acuchill" (see :meth:`CrisisRules.mend`).
_PATTERN_WORD = re.compile(r"[a-z]{3,}")
_MACRO = re.compile(r"<(\w+)>")
_DRAWN_OUT_PLEA = re.compile(r"\bayud(?:a{2,}|e{2,})n?\b|\bhel+p{2,}\b|\bhe{2,}l+p+\b")
_SELF = re.compile(r"\b(my|him|her|them|your|it|one) (sel(?:f|ves))\b")
#: "he'll" and "she'll" would read "hell" and "shell" once apostrophes go.
_WILL = re.compile(r"\b(i|you|he|she|we|they|it)['’]ll\b")
_BREAK = re.compile(r"[.,;:!?¿¡\n]+")
_NOT_WORD = re.compile(r"[^a-z0-9. ]+")
#: "HIT" is high-impact tutoring, not a blow; unless the whole message shouts.
_ACRONYM = re.compile(r"\bHIT\b")


@dataclass(frozen=True)
class Verdict:
    """What the patterns make of a message.

    ``category``: the crisis a pattern finds (``None`` when none fits, or the
    message says that danger is over); ``judged``: a pattern fits, over or not, or
    an everyday phrase was set aside ("my son ran away from the bee"): the rules
    have judged the message, and the crisis model is not asked; ``reading``: the
    message as read the second time (:meth:`CrisisRules.mend`), the model's input.
    """

    category: str | None
    judged: bool
    reading: str


@dataclass(frozen=True)
class CrisisRules:
    """The compiled contents of ``crisis.yml``."""

    spellings: Dict[str, str]
    #: The patterns' words, for words typed by ear or with a slip.
    speller: SpellingCorrector
    everyday: Pattern[str]
    categories: Tuple[Tuple[str, Pattern[str]], ...]
    resolved: Dict[str, Pattern[str]]
    #: Words that say a danger is happening now, whatever came before it: "had a
    #: seizure last year and now he is having another one" is not over.
    ongoing: Pattern[str]

    def normalize(self, text: str) -> str:
        """Fold ``text`` and mend chat spellings so one pattern covers them all.

        Clause breaks become a " . " word, so patterns can say "the sentence ends
        here" (``<end>``): "ya no quiero seguir." is a crisis, "ya no quiero seguir
        con el tutor" is not.
        """
        if any(c.islower() for c in text):
            text = _ACRONYM.sub("high impact tutoring", text)
        folded = _WILL.sub(r"\1 will", fold(text)).replace("'", "").replace("’", "")
        folded = _BREAK.sub(" . ", folded)
        folded = _NOT_WORD.sub(" ", folded)
        # a drawn-out cry ("ayudaaa", "ayudaa porfa") is one, before letters fold:
        # it read as "ayuda", the menu (exploratory runs 12 and 13)
        folded = _DRAWN_OUT_PLEA.sub("auxilio", folded)
        folded = undraw(folded)
        words = [self.spellings.get(word, word) for word in folded.split()]
        return _SELF.sub(r"\1\2", " ".join(words))

    def mend(self, normalized: str) -> str:
        """Read each word of ``normalized`` as the pattern word it sounds like.

        Only a second reading: a word the patterns know only by a stem ("acuchill"
        for "acuchillo", "atragantad" for "atragantada") would be read away from it.
        """
        return " ".join(self.speller.sounds_like(word) for word in normalized.split())

    def reading(self, text: str) -> str:
        """Return ``text`` as the patterns read it the second time."""
        return self.mend(self.normalize(text))

    def category(self, text: str) -> str | None:
        """Return the crisis category ``text`` falls in, or ``None``."""
        return self.judge(text).category

    def judge(self, text: str) -> Verdict:
        """Return what the patterns make of ``text``.

        The message as typed first; if no pattern finds a crisis, the message with
        its words read by sound (:meth:`mend`). Never fewer crises than the
        patterns alone.
        """
        normalized = self.normalize(text)
        mended = self.mend(normalized)
        category, judged = self._match(normalized)
        if category is None and mended != normalized:
            category, judged_by_sound = self._match(mended)
            judged = judged or judged_by_sound
        return Verdict(category, judged, mended)

    def _match(self, normalized: str) -> Tuple[str | None, bool]:
        """Return the first category found and not over, and whether any was judged."""
        cleaned, set_aside = self.everyday.subn(" ", normalized)
        judged = set_aside > 0
        for name, pattern in self.categories:
            if pattern.search(cleaned):
                ended = self.resolved.get(name)
                if not (ended and ended.search(cleaned)
                        and not self.ongoing.search(cleaned)):
                    return name, True
                judged = True
        return None, judged


def _expand(pattern: str, macros: Dict[str, str]) -> str:
    """Replace each ``<macro>`` (macros may use macros) with its pattern."""
    for _ in range(5):
        expanded = _MACRO.sub(lambda m: macros[m.group(1)], pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    raise ValueError(f"macros nest too deep in {pattern!r}")


def _alternation(patterns: List[str], macros: Dict[str, str]) -> Pattern[str]:
    """One compiled pattern matching any of ``patterns`` as whole words."""
    body = "|".join(f"(?:{_expand(p, macros)})" for p in patterns)
    return re.compile(rf"\b(?:{body})\b")


def pattern_words(data: Dict[str, Any]) -> List[str]:
    """Return the words of ``crisis.yml``'s patterns, everyday phrases and spellings.

    The everyday phrases' words too, so that a slip in one of them can be read as
    that phrase's word, not only as a pattern's.
    """
    texts: List[str] = [*data["macros"].values(), *data["spellings"].values(),
                        *data["everyday"], *data["ongoing"]]
    for patterns in (*data["categories"].values(), *data["resolved"].values()):
        texts += patterns
    return sorted({word for text in texts for word in _PATTERN_WORD.findall(text)})


def own_words(data: Dict[str, Any]) -> List[str]:
    """Return the common words that sound like, or are a slip from, a pattern's."""
    return sorted(SpellingCorrector(stems=True).fit(pattern_words(data)).own_words)


@cache
def crisis_rules(path: Path = _DATA, own_words_path: Path = _OWN_WORDS
                 ) -> CrisisRules:
    """Read and compile the crisis patterns once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    macros = {name: f"(?:{value.strip()})" for name, value in data["macros"].items()}
    return CrisisRules(
        spellings=dict(data["spellings"]),
        speller=SpellingCorrector(stems=True).fit(
            pattern_words(data),
            own_words=own_words_path.read_text(encoding="utf-8").split()),
        everyday=_alternation(data["everyday"], macros),
        categories=tuple(
            (name, _alternation(patterns, macros))
            for name, patterns in data["categories"].items()
        ),
        resolved={
            name: _alternation(patterns, macros)
            for name, patterns in data["resolved"].items()
        },
        ongoing=_alternation(data["ongoing"], macros),
    )


@cache
def crisis_model() -> CrisisModel:
    """Return the crisis model trained on the repository's corpora (once a process)."""
    return train_crisis_model(crisis_rules().reading)


def crisis_category(text: str) -> str | None:
    """Return the crisis category of ``text`` (``"medical"``, ...), or ``None``.

    The rules' category only: the model says whether, not which.
    """
    return crisis_rules().category(text)


def is_crisis(text: str, model: CrisisModel | None = None) -> bool:
    """Whether ``text`` tells of danger, abuse, self-harm or an emergency.

    The rules first (a danger they find over, or an everyday phrase, is no
    crisis); when they find nothing at all, the crisis model (``model`` only when
    measuring another one: the benchmark's, trained without a writer's messages).
    """
    verdict = crisis_rules().judge(text)
    if verdict.judged:
        return verdict.category is not None
    return (model or crisis_model()).is_crisis(verdict.reading)


def main() -> None:
    """Write ``crisis_own_words.txt`` again (after ``crisis.yml`` changed)."""
    words = own_words(yaml.safe_load(_DATA.read_text(encoding="utf-8")))
    _OWN_WORDS.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {_OWN_WORDS}")


if __name__ == "__main__":
    main()
