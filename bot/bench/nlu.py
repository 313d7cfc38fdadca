"""Intent accuracy per language on real questions: Puente against Rasa's default.

Both pipelines are trained on the same data (``data/nlu``, which includes the train
split of the real-question corpus, see :mod:`bot.bench.corpus`) and scored on the
same held-out questions with the same fallback rule, applied here to both rankings
(each pipeline's own FallbackClassifier is left out):

* ``dev`` (with the shared dev questions, ``corpus.SHARED_DEV``): what settings were
  chosen on; ``test``: never tuned on, the figure to report;
* per language: top-1 (a fallback is not right), right answer among the two
  guesses offered, confident wrong answers (worse than a fallback), fallbacks, and
  out-of-scope questions turned away (rejected, sent to the fallback, or answered
  with care and the school counselor: :mod:`bot.safety.wellbeing`).
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Sequence, Tuple

import yaml
from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.bench import corpus
from bot.bench.versions import literal_spanish_versions, typed_versions
from bot.nlu.guard import (
    CHILD_WELLBEING,
    FRUSTRATED,
    HOMEWORK,
    IMMIGRATION,
    OTHER_NEEDS,
    PARENT_WELLBEING,
    SCHOOL_MATTER,
    SUMMER,
    TUTORING_CONCERN,
    TUTORING_LANGUAGE,
)
from bot.nlu.weights import block_metadata
from bot.settings import PROJECT_ROOT
from bot.suggestions import best_guesses

LANGUAGES = ("en", "es")
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
#: Answers that take up no topic of Puente's: an out-of-scope question they answer
#: is turned away.
TURNED_AWAY = frozenset({OUT_OF_SCOPE, FALLBACK, CHILD_WELLBEING, PARENT_WELLBEING,
                         IMMIGRATION, OTHER_NEEDS, SCHOOL_MATTER, HOMEWORK,
                         FRUSTRATED, TUTORING_CONCERN, SUMMER})
#: Answers that cover an FAQ topic: which language tutoring is in, with the family's
#: right to information in their language (faq_topics.md, language_access).
SAME_TOPIC = {TUTORING_LANGUAGE: "faq/language_access"}

#: What `rasa init` ships as its default NLU pipeline (Rasa 3.6).
RASA_DEFAULT_CONFIG = """
recipe: default.v1
language: en
pipeline:
- name: WhitespaceTokenizer
- name: RegexFeaturizer
- name: LexicalSyntacticFeaturizer
- name: CountVectorsFeaturizer
- name: CountVectorsFeaturizer
  analyzer: char_wb
  min_ngram: 1
  max_ngram: 4
- name: DIETClassifier
  epochs: 100
  constrain_similarities: true
- name: EntitySynonymMapper
- name: ResponseSelector
  epochs: 100
  constrain_similarities: true
- name: FallbackClassifier
  threshold: 0.3
  ambiguity_threshold: 0.1
policies: []
"""


#: Puente's fallback component in config.yml, whose rule both pipelines are scored by.
FALLBACK_COMPONENT = "bot.nlu.fallback.TopicFallbackClassifier"


@dataclass(frozen=True)
class FallbackRule:
    """When an answer becomes the fallback (read from config.yml, one source)."""

    threshold: float
    ambiguity: float
    out_of_scope: float

    @classmethod
    def of(cls, config: Path = PROJECT_ROOT / "config.yml") -> FallbackRule:
        """Read the rule of the fallback component in ``config``."""
        pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
        settings = next(c for c in pipeline if c["name"] == FALLBACK_COMPONENT)
        return cls(settings["threshold"], settings["ambiguity_threshold"],
                   settings["out_of_scope_threshold"])

    def __str__(self) -> str:
        return (f"fallback below {self.threshold} or within {self.ambiguity} of the "
                f"second guess, or out of scope below {self.out_of_scope}")


@dataclass(frozen=True)
class Example:
    """A text with its language and the labels that count as right."""

    text: str
    language: str
    labels: Tuple[str, ...]
    #: The kind of page it comes from (``faq_page``, ``guide``, ``everyday``...).
    kind: str = ""


@dataclass(frozen=True)
class Guess:
    """What a pipeline answered: its top label after the fallback rule, top two."""

    label: str
    top_two: Tuple[str, ...]


def training_examples(shipped: bool = False) -> List[Tuple[Message, str]]:
    """Every training example with its language (from ``data/nlu/<lang>/``).

    But the dev questions the shipped model learns (``corpus.DEV_TRAINING``), unless
    ``shipped``: dev measures what the benchmark's models never saw.
    """
    examples = []
    for language in LANGUAGES:
        for path in sorted((PROJECT_ROOT / "data" / "nlu" / language).glob("*.yml")):
            if shipped or path.name != corpus.DEV_TRAINING:
                data = load_data(str(path))
                examples += [(m, language) for m in data.intent_examples]
    return examples


def questions(split: str) -> List[Example]:
    """Return the agreed real questions of ``split`` (``dev`` or ``test``)."""
    return [Example(q.question, q.lang, q.labels, q.kind) for q in corpus.load(split)]


def as_typed(asked: Sequence[Example]) -> List[Example]:
    """Return the questions of ``asked`` that have a typed version, as typed.

    Same language, labels and kind of page (:mod:`bot.bench.versions`).
    """
    versions = typed_versions()
    return [replace(e, text=versions[e.text]) for e in asked if e.text in versions]


def as_literal_spanish(asked: Sequence[Example]) -> List[Example]:
    """Return the English questions of ``asked`` as Spanish FAQ pages print them.

    Spanish now, same labels and kind of page (:mod:`bot.bench.versions`).
    """
    versions = literal_spanish_versions()
    return [replace(e, text=versions[e.text], language="es") for e in asked
            if e.language == "en" and e.text in versions]


def ranked_labels(parse: Dict[str, Any]) -> List[Tuple[str, float]]:
    """Full labels (``faq/cost``) by confidence, from either pipeline's parse.

    Puente ranks full labels itself; Rasa's default ranks intents and leaves the
    FAQ topic to its response selector, whose ranking is weighed by the intent's.
    A selector trained without ``retrieval_intent`` (Rasa's default, and so the
    benchmark's) answers for every retrieval intent under the key ``default``.
    """
    selector = parse.get("response_selector") or {}
    retrieval = set(selector.get("all_retrieval_intents") or [])
    ranked: List[Tuple[str, float]] = []
    for entry in parse.get("intent_ranking") or []:
        name, confidence = entry["name"], float(entry["confidence"])
        name = SAME_TOPIC.get(name, name)
        if name == FALLBACK:
            continue
        answers = selector.get(name) or (selector.get("default") if name in retrieval
                                         else None)
        topics = (answers or {}).get("ranking") if "/" not in name else None
        if topics:
            ranked += [(t["intent_response_key"], confidence * float(t["confidence"]))
                       for t in topics]
        else:
            ranked.append((name, confidence))
    return sorted(ranked, key=lambda pair: -pair[1])


def guess_of(parse: Dict[str, Any], rule: FallbackRule | None = None) -> Guess:
    """Return the answer under the shared fallback rule, and the two guesses offered.

    The guesses are the buttons Puente's fallback would show
    (:func:`bot.suggestions.best_guesses`): labels it can offer, never
    ``out_of_scope`` or a greeting, so a guess the family could not tap is not
    counted as right.
    """
    rule = rule or FallbackRule.of()
    ranked = ranked_labels(parse) + [("", 0.0), ("", 0.0)]
    (first, p1), (_, p2) = ranked[0], ranked[1]
    unsure = (p1 < rule.threshold or p1 - p2 < rule.ambiguity
              or (first == OUT_OF_SCOPE and p1 < rule.out_of_scope))
    label = FALLBACK if unsure else first
    offered = best_guesses([{"name": name, "confidence": p} for name, p in ranked])
    return Guess(label, tuple(offered))


def score(
    examples: Sequence[Example], guesses: Sequence[Guess]
) -> Dict[str, Dict[str, str]]:
    """Per language, the printable figures of the module docstring."""
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for example, guess in zip(examples, guesses, strict=True):
        c = counts[example.language]
        if OUT_OF_SCOPE in example.labels:
            c["oos"] += 1
            c["away"] += guess.label in TURNED_AWAY
            continue
        right = guess.label in example.labels
        c["n"] += 1
        c["top1"] += right
        c["top2"] += bool(set(guess.top_two) & set(example.labels))
        c["fallback"] += guess.label == FALLBACK
        c["wrong"] += not right and guess.label != FALLBACK

    def pct(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "-"

    return {lang: {"top-1": pct(c["top1"], c["n"]), "top-2": pct(c["top2"], c["n"]),
                   "wrong": pct(c["wrong"], c["n"]),
                   "fallback": pct(c["fallback"], c["n"]),
                   "out of scope away": pct(c["away"], c["oos"])}
            for lang, c in sorted(counts.items())}


def by_kind(examples: Sequence[Example], guesses: Sequence[Guess]
            ) -> Iterator[Tuple[str, Dict[str, Dict[str, str]]]]:
    """:func:`score` for each kind of page, in the kinds' order.

    Issue 10's held-back figures are per kind (FAQ pages; forums and guides;
    everyday pages): these are the same cut of dev and test.
    """
    for kind in sorted({example.kind for example in examples}):
        chosen = [(e, g) for e, g in zip(examples, guesses, strict=True)
                  if e.kind == kind]
        yield kind, score([e for e, _ in chosen], [g for _, g in chosen])


def without_fallback_classifier(config: Path, work: Path) -> Path:
    """Copy ``config`` with a pipeline that leaves the fallback to :func:`guess_of`."""
    data = yaml.safe_load(config.read_text())
    data["pipeline"] = [
        c for c in data["pipeline"]
        if c["name"] not in ("FallbackClassifier", FALLBACK_COMPONENT)
    ]
    copy = work / f"{config.stem}-nofallback.yml"
    copy.write_text(yaml.safe_dump(data))
    return copy


def write_training_data(messages: Iterable[Message], directory: Path) -> Path:
    """Write ``messages`` as Rasa NLU files in ``directory``, one per block metadata.

    Rasa's writer makes one block per intent and gives it the metadata of any of
    its examples: a weight on the Spanish real out-of-scope questions
    (:func:`bot.bench.corpus.out_of_scope_weights`) would reach every
    out-of-scope example. Examples with different block metadata go to different
    files, so each keeps its own, as ``rasa train`` reads them from ``data/``.
    """
    groups: Dict[str, List[Message]] = {}
    for message in messages:
        key = json.dumps(block_metadata(message), sort_keys=True)
        groups.setdefault(key, []).append(message)
    directory.mkdir(parents=True, exist_ok=True)
    for number, group in enumerate(groups.values()):
        (directory / f"part-{number}.yml").write_text(
            RasaYAMLWriter().dumps(TrainingData(group)), encoding="utf-8")
    return directory


def _train(config: Path, messages: Iterable[Message], work: Path, name: str) -> Path:
    data = write_training_data(messages, work / f"{name}-training-data")
    result = train_nlu(str(config), str(data), str(work), fixed_model_name=name,
                       domain=str(PROJECT_ROOT / "domain.yml"))
    return Path(result)


def _parse(model: Path, texts: Sequence[str]) -> List[Dict[str, Any]]:
    agent = Agent.load(str(model))

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(t) for t in texts]

    return asyncio.run(parse_all())


#: Puente as shipped: it learns the dev questions too (``corpus.DEV_TRAINING``), so
#: only test measures it; opt-in (``--pipelines "Puente shipped"``).
SHIPPED = "Puente shipped"


def run(pipelines: Sequence[str] = ("Puente", "Rasa default")) -> Iterator[str]:
    """Train each pipeline once, score dev and test, yield report lines as measured.

    Puente first: Rasa's default DIET pipeline takes most of the time (about an
    hour here), and the first figures should not wait for it.
    """
    yield ""
    rule = FallbackRule.of()
    yield f"NLU on real questions ({rule}, for both pipelines)"
    splits = {split: questions(split) for split in ("dev", "test")}
    for split in ("dev", "test"):
        typed = as_typed(splits[split])
        yield (f"{split}-typed: {len(typed)} of the {len(splits[split])} {split} "
               "questions as typed on a phone (bot/bench/versions.py)")
        splits[f"{split}-typed"] = typed
    for split in ("dev", "test"):
        literal = as_literal_spanish(splits[split])
        yield (f"{split}-literal-es: its {len(literal)} English questions as Spanish "
               "FAQ pages print them, word for word (bot/bench/versions.py)")
        splits[f"{split}-literal-es"] = literal
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        default_config = work / "rasa_default.yml"
        default_config.write_text(RASA_DEFAULT_CONFIG)
        configs = {"Puente": PROJECT_ROOT / "config.yml",
                   SHIPPED: PROJECT_ROOT / "config.yml",
                   "Rasa default": default_config}
        for name in pipelines:
            config = without_fallback_classifier(configs[name], work)
            examples = (m for m, _ in training_examples(shipped=name == SHIPPED))
            model = _train(config, examples, work, config.stem)
            for split, asked in splits.items():
                if name == SHIPPED and split.startswith("dev"):
                    continue  # learned: no measure
                parses = _parse(model, [e.text for e in asked])
                guesses = [guess_of(p, rule) for p in parses]
                kinds = by_kind(asked, guesses) if split in ("dev", "test") else []
                for kind, figures in [("", score(asked, guesses)), *kinds]:
                    for lang, row in figures.items():
                        yield (f"{name:12} {split:14} {lang}  "
                               + (f"  {kind:9} " if kind else "")
                               + "  ".join(f"{k} {v}" for k, v in row.items()))
