"""Real parents' questions: two blind labelings, the agreed corpus, an honest split.

``data/real_questions/raw_*.jsonl`` hold questions copied verbatim from public
pages (each with its address and the kind of page), and ``raw_conversations.jsonl``
the messages organizers labeled in the review app's training queue (each with its
conversation as its page; :mod:`bot.review.training`). Two people labeled every
question against the FAQ topics (``tests/data/knowledge/faq_topics.md``, a copy of the
project's ``../shared/knowledge``) without seeing each other's
labels (``labels/<stem>_a.jsonl`` and ``labels/<stem>_b.jsonl``); a question is
kept only when both gave it the same label.

The split is by source page, never by question: all of a page's questions go to
one side, so a page's wording cannot teach the model what it is then tested on.
``train`` becomes training data (``data/nlu/<lang>/real_questions.yml``); ``dev``
(with the shared dev questions, ``tests/data/eval/real_questions_dev.jsonl``, a copy
of the project's ``../shared/eval``) is for choosing and tuning;
``test`` is only reported. A training page's question worded like a dev or test
one (a common question, asked on pages on both sides) stays out of training.
Once every setting was chosen on dev, the shipped model learns the dev questions
too (``data/nlu/<lang>/real_questions_dev.yml``: real wording is what it lacks;
never the shared dev ones, nor one worded like a test question); the benchmark's
models never see that file (:func:`bot.bench.nlu.training_examples`), so dev
still measures what it measured.

Spanish pages seldom ask what English ones ask most (cost, schedules, choosing a
tutor): ``translated_es.jsonl`` holds how a Spanish-speaking parent would ask each
answerable English training question, written by a native speaker (not word for
word). They train the Spanish side (``data/nlu/es/translated_questions.yml``), never
from a site where a Spanish page is measured (dev, test, the shared dev questions,
the held-back pages): a site often has the same FAQ in both languages, and a
translation of its English page would teach the Spanish one's questions.

    python -m bot.bench.corpus     # rebuild the files, print agreement and sizes
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import yaml

from bot.nlu.guard import OUT_OF_SCOPE
from bot.nlu.weights import WEIGHT
from bot.settings import PROJECT_ROOT
from bot.text import fold

CORPUS_DIR = PROJECT_ROOT / "data" / "real_questions"
CORPUS_FILE = CORPUS_DIR / "questions.jsonl"
#: The project's shared dev questions (copied from ../shared/eval: SOURCES.md there).
#: They live under tests/, which `rasa train` never reads; build() keeps any real
#: question worded like one of them out of the training files.
SHARED_DEV = PROJECT_ROOT / "tests" / "data" / "eval" / "real_questions_dev.jsonl"
#: The addresses of the pages held back to measure each release (copied from
#: ../shared/eval), whose sites the translated questions keep away from.
HELD_BACK = PROJECT_ROOT / "tests" / "data" / "eval" / "heldback_sources.txt"
#: Spanish versions of the answerable English questions (see the module).
TRANSLATED = CORPUS_DIR / "translated_es.jsonl"
DROP = "drop"
#: The shipped model's file of dev questions (see the module), per language.
DEV_TRAINING = "real_questions_dev.yml"
#: Share of source pages on each side (by a stable hash of the page address).
SPLITS = (("train", 6), ("dev", 2), ("test", 2))


@dataclass(frozen=True)
class Question:
    """One agreed real question."""

    lang: str
    question: str
    label: str
    also: Tuple[str, ...]
    source: str
    kind: str
    split: str

    @property
    def labels(self) -> Tuple[str, ...]:
        """Every label that answers it: the agreed one, then the agreed ``also``."""
        return (self.label, *self.also)


def page_of(url: str) -> str:
    """Write a question's page one way ("http://x/a/" == "https://x/a")."""
    page = url.split("#")[0].split("://", 1)[-1]
    return page.removeprefix("www.").rstrip("/").lower()


def site_of(url: str) -> str:
    """Return the site of a page ("https://www.x.org/a" -> "x.org")."""
    return page_of(url).split("/", 1)[0]


def split_of(url: str) -> str:
    """``train``, ``dev`` or ``test`` for every question of the page at ``url``."""
    bucket = int(hashlib.sha256(page_of(url).encode()).hexdigest(), 16) % 10
    for name, share in SPLITS:
        if bucket < share:
            return name
        bucket -= share
    raise AssertionError("the shares add up to 10")


def words_of(text: str) -> str:
    """``text`` as its folded words only, to compare wordings."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def read_rows(path: Path) -> List[Dict[str, Any]]:
    """Every row of the JSON-lines file ``path`` (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def labelings() -> Iterator[Tuple[Dict[str, Any], Dict[str, Any], Dict[str, Any]]]:
    """Every harvested question with its two labels, file by file."""
    for raw in sorted(CORPUS_DIR.glob("raw_*.jsonl")):
        stem = raw.stem.removeprefix("raw_")
        first = read_rows(CORPUS_DIR / "labels" / f"{stem}_a.jsonl")
        second = read_rows(CORPUS_DIR / "labels" / f"{stem}_b.jsonl")
        questions = read_rows(raw)
        if not len(questions) == len(first) == len(second):
            raise ValueError(f"{raw.name}: every question needs both labels")
        for row, a, b in zip(questions, first, second, strict=True):
            if not row["question"] == a["question"] == b["question"]:
                raise ValueError(f"{raw.name}: labels out of order: {row['question']}")
            yield row, a, b


def agreed() -> List[Question]:
    """Return the questions both labelers gave the same label (``drop`` excluded).

    A wording asked on two pages and agreed on with two different labels (each
    page's pair of labelers agreeing, "¿Qué es el acompañamiento educativo?" as
    what_is_hit on one, out_of_scope on the other) is left out on both: the
    labels disagree after all, and Rasa refuses one example with two intents.
    """
    kept = []
    for row, a, b in labelings():
        if a["label"] != b["label"] or a["label"] == DROP:
            continue
        also = tuple(sorted(set(a.get("also", [])) & set(b.get("also", []))))
        kept.append(Question(row["lang"], row["question"], a["label"], also,
                             row["source"], row["kind"], split_of(row["source"])))
    wordings = [((q.lang, words_of(q.question)), q) for q in kept]
    labels: Dict[Tuple[str, str], set[str]] = {}
    for wording, q in wordings:
        labels.setdefault(wording, set()).add(q.label)
    return [q for wording, q in wordings if len(labels[wording]) == 1]


def agreement() -> Dict[str, Tuple[int, int, float]]:
    """Per language: questions, identical labels, Cohen's kappa."""
    pairs: Dict[str, List[Tuple[str, str]]] = {}
    for row, a, b in labelings():
        pairs.setdefault(row["lang"], []).append((a["label"], b["label"]))
    result = {}
    for lang, labels in pairs.items():
        same = sum(x == y for x, y in labels)
        first, second = Counter(x for x, _ in labels), Counter(y for _, y in labels)
        total = len(labels)
        chance = sum(first[k] * second[k] for k in first) / total ** 2
        kappa = (same / total - chance) / (1 - chance)
        result[lang] = (total, same, kappa)
    return result


def third_labeler() -> Dict[str, Tuple[int, int, int, int]]:
    """Per language: a third blind labeler against the agreed test labels.

    The test questions, without their labels, labeled once more by a helper who
    followed ``LABELING.md`` and saw no other label (``labels/third_test_<lang>``,
    2026-12-05): how often a careful reader gives an answerable question one of its
    agreed labels, and leaves an out-of-scope one out of scope. A reference for the
    model's top-1 and out-of-scope figures, on questions already chosen for two
    labelers agreeing (so an easier set than all the questions asked).

    Returns answerable questions, those labeled right, out-of-scope questions, those
    kept out of scope.
    """
    result = {}
    for lang in ("en", "es"):
        test = [q for q in load("test") if q.lang == lang]
        third = read_rows(CORPUS_DIR / "labels" / f"third_test_{lang}.jsonl")
        if [q.question for q in test] != [row["question"] for row in third]:
            raise ValueError(f"third_test_{lang}.jsonl: not the test questions")
        pairs = [(q.labels, row["label"]) for q, row in zip(test, third, strict=True)]
        answerable = [(agreed, label) for agreed, label in pairs
                      if agreed[0] != OUT_OF_SCOPE]
        result[lang] = (len(answerable),
                        sum(label in agreed for agreed, label in answerable),
                        len(pairs) - len(answerable),
                        sum(label == OUT_OF_SCOPE for agreed, label in pairs
                            if agreed[0] == OUT_OF_SCOPE))
    return result


def translated(questions: List[Question]) -> List[Question]:
    """Return the Spanish versions of ``questions``' English training ones.

    None is from a site where a Spanish question is measured (see the module).
    """
    english = {q.question for q in questions if q.lang == "en" and q.split == "train"}
    measured = ({site_of(q.source) for q in questions
                 if q.lang == "es" and q.split != "train"}
                | {site_of(r["source"]) for r in read_rows(SHARED_DEV)}
                | {site_of(line) for line in HELD_BACK.read_text().split()
                   if "://" in line})
    return [Question("es", row["es"], row["label"], (), row["source"], "translated",
                     "train")
            for row in read_rows(TRANSLATED)
            if row["en"] in english and site_of(row["source"]) not in measured]


def as_trained(text: str) -> str:
    """Return ``text`` as the training files hold it (one space between words)."""
    return " ".join(text.split())


def out_of_scope_weights(train: List[Question]) -> Dict[str, float]:
    """Per language, how much a real out-of-scope training question counts.

    The Spanish pages found are mostly general parenting and schooling guides: 66%
    of the Spanish training questions are out of scope, 45% of the English ones.
    Trained as they were, the model learned that a real question's wording in
    Spanish (longer and looser than the written examples) itself says "out of
    scope", and answerable Spanish questions worded that way went to the fallback.
    So each language's out-of-scope questions count as much as makes their odds
    those of the language where they are lowest (English 1, Spanish 0.43 on the
    corpus of 2026-12-05): a rule, not a setting tuned. Measured: dev Spanish top-1
    73% to 75%, confident wrong answers 6% to 5%, out of scope turned away 93% to
    92%, English the same; on the training questions each predicted without its
    site (``bot.bench.misses``, the closest to unseen pages) Spanish top-1 56% to
    59%, wrong 18% to 16%, turned away 89% to 86%, English top-1 and wrong within
    four questions better, turned away 81% to 80%.
    """
    odds = {}
    for lang in sorted({q.lang for q in train}):
        labels = [q.label for q in train if q.lang == lang]
        out = labels.count(OUT_OF_SCOPE)
        odds[lang] = out / (len(labels) - out)
    lowest = min(odds.values())
    return {lang: lowest / value for lang, value in odds.items()}


def training_yaml(questions: List[Question], header: str,
                  weights: Dict[str, float] | None = None) -> str:
    """Rasa NLU training data for ``questions``, one block per label.

    ``weights``: per label, how much its examples count (in the block's metadata,
    read by :func:`bot.nlu.weights.example_weight`); 1 when not given.
    """
    by_label: Dict[str, List[str]] = {}
    for q in questions:
        by_label.setdefault(q.label, []).append(as_trained(q.question))
    weights = weights or {}
    blocks = [
        {"intent": label,
         **({"metadata": {WEIGHT: round(weights[label], 3)}}
            if weights.get(label, 1.0) != 1.0 else {}),
         "examples": "".join(f"- {text}\n" for text in texts)}
        for label, texts in sorted(by_label.items())
    ]
    header += "# Written by `python -m bot.bench.corpus`, do not edit by hand.\n"
    body = yaml.safe_dump({"version": "3.1", "nlu": blocks}, allow_unicode=True,
                          sort_keys=False, width=1000, default_style=None)
    return header + body.replace("examples: |-\n", "examples: |\n")


def measured_wordings(questions: List[Question]) -> set[str]:
    """Return the wordings (:func:`words_of`) of every question that measures.

    Those are the dev and test questions of ``questions`` and the shared dev ones.
    """
    return ({words_of(q.question) for q in questions if q.split != "train"}
            | {words_of(r["question"]) for r in read_rows(SHARED_DEV)})


def training_questions(questions: List[Question],
                       measured: set[str]) -> List[Question]:
    """Return the questions that train: the train split's but the ``measured`` ones.

    A training page's question worded like a dev or test one (another page asked
    it too, "Does My Child Need a Tutor?") stays out: those measure the model, they
    must not teach it. ``measured``: :func:`measured_wordings` of ``questions``.
    """
    return [q for q in questions
            if q.split == "train" and words_of(q.question) not in measured]


def dev_training_questions(questions: List[Question]) -> List[Question]:
    """Return the dev questions the shipped model learns: none worded like a test one.

    Nor like a shared dev question (``../shared/eval`` is never training data).
    """
    kept_out = ({words_of(q.question) for q in questions if q.split == "test"}
                | {words_of(r["question"]) for r in read_rows(SHARED_DEV)})
    return [q for q in questions
            if q.split == "dev" and words_of(q.question) not in kept_out]


def build() -> List[Question]:
    """Write the corpus and the training files; return the agreed questions."""
    questions = agreed()
    CORPUS_FILE.write_text(
        "".join(json.dumps(asdict(q), ensure_ascii=False) + "\n" for q in questions),
        encoding="utf-8",
    )
    measured = measured_wordings(questions)
    train = training_questions(questions, measured)
    weights = out_of_scope_weights(train)
    dev = dev_training_questions(questions)
    for lang in sorted({q.lang for q in questions}):
        path = PROJECT_ROOT / "data" / "nlu" / lang / "real_questions.yml"
        path.write_text(training_yaml(
            [q for q in train if q.lang == lang],
            "# Real parents' questions (train split of data/real_questions).\n",
            {OUT_OF_SCOPE: weights[lang]}), encoding="utf-8")
        (path.parent / DEV_TRAINING).write_text(training_yaml(
            [q for q in dev if q.lang == lang],
            "# Real parents' questions of the dev split, for the shipped model only:\n"
            "# the benchmark's models never learn them (bot/bench/corpus.py).\n",
            {OUT_OF_SCOPE: weights[lang]}), encoding="utf-8")
    versions = [q for q in translated(questions)
                if words_of(q.question) not in measured]
    (PROJECT_ROOT / "data" / "nlu" / "es" / "translated_questions.yml").write_text(
        training_yaml(versions, "# Spanish versions of English training questions "
                      "(data/real_questions/translated_es.jsonl).\n"),
        encoding="utf-8")
    return questions


def load(split: str) -> List[Question]:
    """Return the agreed questions of one split (``dev`` adds the shared dev file)."""
    questions = [Question(**{**row, "also": tuple(row["also"])})
                 for row in read_rows(CORPUS_FILE) if row["split"] == split]
    if split == "dev":
        questions += [Question(r["lang"], r["question"], r["label"], tuple(r["also"]),
                               r["source"], "faq_page", "dev")
                      for r in read_rows(SHARED_DEV)]
    return questions


def main() -> None:
    """Rebuild the corpus files and print what a closing note needs."""
    questions = build()
    for lang, (total, same, kappa) in sorted(agreement().items()):
        print(f"{lang}: {total} questions labeled twice, {same} identical "
              f"({100 * same / total:.1f}%), Cohen's kappa {kappa:.2f}")
    for lang, (answerable, right, outside, kept) in third_labeler().items():
        print(f"{lang}: a third blind labeler on test: {right} of {answerable} "
              f"answerable labeled right ({100 * right / answerable:.0f}%), "
              f"{kept} of {outside} out of scope kept so ({100 * kept / outside:.0f}%)")
    sizes = Counter((q.lang, q.split) for q in questions)
    kinds = Counter((q.lang, q.kind) for q in questions)
    pages = {lang: len({page_of(q.source) for q in questions if q.lang == lang})
             for lang in ("en", "es")}
    for lang in ("en", "es"):
        kept = sum(v for (language, _), v in sizes.items() if language == lang)
        print(f"{lang}: kept {kept} from {pages[lang]} pages; "
              + ", ".join(f"{s} {sizes[lang, s]}" for s, _ in SPLITS) + "; "
              + ", ".join(f"{kind} {v}" for (language, kind), v in sorted(kinds.items())
                          if language == lang))


if __name__ == "__main__":
    main()
