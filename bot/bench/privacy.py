"""Names hidden from organizers: the privacy page's promise, measured per language.

The test set (``tests/data/privacy/names_{en,es}.jsonl``) holds families'
messages with the names in them marked, messages without names whose words look
like names ("I hope", "la luz", "San Diego", "988", "Reading Partners"), and
Puente's own messages. Names are counted one by one, apart for names on the lists
of ``bot/privacy/names.yml`` and names not on them, so the figure is not only a
check of the lists against themselves; the 30 messages a language marked
``unseen`` were written after the rules were tuned on the others, and are counted
apart too. A false redaction is a word that is no name and is gone from what an
organizer reads. Puente's messages go through the transcript's path for bot
turns, with every name the families of the set typed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Tuple

from bot.privacy.names import fold, lexicon
from bot.privacy.redact import hide_echoes, hide_names, redact, typed_names
from bot.settings import PROJECT_ROOT

TEST_SET = PROJECT_ROOT / "tests" / "data" / "privacy"
REAL_QUESTIONS = PROJECT_ROOT / "data" / "real_questions"
LANGUAGES = ("en", "es")
_WORDS = re.compile(r"[^\W\d_]+(?:[-][^\W\d_]+)*")  # "Diego's" counts as "Diego"
_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "y"})
_EMAIL = re.compile(r"\S+@\S+")


@dataclass(frozen=True)
class Message:
    """One message of the test set: who wrote it and the names in it."""

    text: str
    names: List[str]
    by_puente: bool = False
    unseen: bool = False  # written after the rules were last tuned


@dataclass
class Figures:
    """What one language's messages came to."""

    hidden: Counter[str] = field(default_factory=Counter)  # "listed"/"unlisted" -> n
    total: Counter[str] = field(default_factory=Counter)
    missed: List[str] = field(default_factory=list)
    false_words: List[str] = field(default_factory=list)
    changed_clean: List[str] = field(default_factory=list)  # no names, changed
    changed_puente: List[str] = field(default_factory=list)
    messages: int = 0
    puente_messages: int = 0

    @property
    def rate(self) -> float:
        """Share of the names hidden, listed or not."""
        return sum(self.hidden.values()) / max(1, sum(self.total.values()))


def load(language: str, folder: Path = TEST_SET) -> List[Message]:
    """Read the test set of ``language``."""
    lines = (folder / f"names_{language}.jsonl").read_text(encoding="utf-8")
    return [Message(d["text"], d["names"], d.get("from") == "bot",
                    d.get("unseen", False))
            for d in map(json.loads, lines.splitlines()) if d]


def _count(word: str, text: str) -> int:
    return len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", text))


def _listed(name: str) -> bool:
    """Whether every word of ``name`` ("de la Cruz": "cruz") is on the lists."""
    parts = [p for p in re.split(r"[-'’\s]+", fold(name)) if p not in _CONNECTORS]
    return all(part in lexicon().names for part in parts)


def score(messages: List[Message]) -> Figures:
    """Count names hidden and words lost in ``messages``."""
    figures = Figures()
    typed = set().union(*(typed_names(m.text) for m in messages if not m.by_puente))
    for m in messages:
        if m.by_puente:
            figures.puente_messages += 1
            if hide_echoes(m.text, typed) != m.text:
                figures.changed_puente.append(m.text)
            continue
        figures.messages += 1
        shown = redact(m.text)
        for name in set(m.names):
            kind = "listed" if _listed(name) else "unlisted"
            before, after = _count(name, m.text), _count(name, shown)
            figures.total[kind] += before
            figures.hidden[kind] += before - min(before, after)
            if after:
                figures.missed.append(f"{name}: {m.text}")
        if not m.names and shown != m.text:
            figures.changed_clean.append(f"{m.text} -> {shown}")
        words = Counter(_WORDS.findall(_EMAIL.sub(" ", m.text)))
        lost = words - Counter(_WORDS.findall(shown)) - Counter(
            w for name in m.names for w in _WORDS.findall(name) * 9)
        figures.false_words += [f"{w}: {m.text}" for w in lost.elements()]
    return figures


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / max(1, whole):.1f}%)"


def real_questions(folder: Path = REAL_QUESTIONS) -> Iterator[Tuple[str, str]]:
    """Yield (question, as shown) for real parents' questions that lose a word.

    Questions parents asked on public pages (the NLU corpus) are text no test set
    was tuned on; what name hiding changes there is the honest false-alarm count.
    """
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            question = json.loads(line).get("question") if line.strip() else None
            if not question:
                continue
            shown = hide_names(question)
            if shown != question:
                yield question, shown


def run(folder: Path = TEST_SET, details: bool = False) -> Iterator[str]:
    """Yield the figures of each language (``details``: every miss and mistake)."""
    yield "Privacy: names hidden from organizers (test set tests/data/privacy)"
    for language in LANGUAGES:
        messages = load(language, folder)
        f = score(messages)
        clean = sum(1 for m in messages if not m.names and not m.by_puente)
        yield (f"  {language}: {f.messages} family messages, names hidden "
               f"{_share(sum(f.hidden.values()), sum(f.total.values()))}; on the "
               f"lists {_share(f.hidden['listed'], f.total['listed'])}, not on them "
               f"{_share(f.hidden['unlisted'], f.total['unlisted'])}")
        yield (f"      words wrongly hidden: {len(f.false_words)}; messages without "
               f"names changed {_share(len(f.changed_clean), clean)}; Puente's "
               f"messages changed {_share(len(f.changed_puente), f.puente_messages)}")
        new = score([m for m in messages if m.unseen])
        yield (f"      {new.messages} written after the rules were tuned: names hidden "
               f"{_share(sum(new.hidden.values()), sum(new.total.values()))}; not on "
               f"the lists {_share(new.hidden['unlisted'], new.total['unlisted'])}")
        if details:
            for line in f.missed + f.false_words + f.changed_clean + f.changed_puente:
                yield f"      - {line}"
    changed = list(real_questions())
    total = sum(1 for path in REAL_QUESTIONS.glob("*.jsonl")
                for line in path.read_text(encoding="utf-8").splitlines() if line)
    yield (f"  real parents' questions (data/real_questions, both languages): "
           f"{_share(len(changed), total)} with a word hidden as a name")
    for _, shown in changed:
        yield f"      - {shown[:100]}"


if __name__ == "__main__":
    for text in run(details=True):
        print(text)
