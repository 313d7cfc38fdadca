"""Intent accuracy per language: Puente's pipeline against Rasa's default one.

Two measures for each pipeline, both trained on the same data in the same run:

* real questions: ``../shared/eval/real_questions_dev.jsonl``, copied from public
  parent FAQs and never used for training; a prediction is right when it is the
  label or one of its ``also`` labels, and an out-of-scope question is right when it
  is rejected (``out_of_scope``) or sent to the fallback (``nlu_fallback``);
* cross-validation on the training data (stratified folds).
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Sequence, Tuple

from rasa.core.agent import Agent
from rasa.model_training import train_nlu
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.settings import PROJECT_ROOT

EVAL_FILE = PROJECT_ROOT.parent / "shared" / "eval" / "real_questions_dev.jsonl"
LANGUAGES = ("en", "es")
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"

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


@dataclass(frozen=True)
class Example:
    """A text with its language and the labels that count as right."""

    text: str
    language: str
    labels: Tuple[str, ...]


def training_examples() -> List[Tuple[Message, str]]:
    """Every training example with its language (from ``data/nlu/<lang>/``)."""
    examples = []
    for language in LANGUAGES:
        data = load_data(str(PROJECT_ROOT / "data" / "nlu" / language))
        examples += [(m, language) for m in data.intent_examples]
    return examples


def label_of(message: Message) -> str:
    """The full label of a training example (``faq/cost``, ``greet``)."""
    return message.get("intent_response_key") or message.get("intent")


def real_questions(path: Path = EVAL_FILE) -> List[Example]:
    """The held-out real questions."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [Example(r["question"], r["lang"], (r["label"], *r.get("also", [])))
            for r in rows]


def predicted_label(parse: Dict) -> str:
    """The full label a parse result predicts, FAQ topic included."""
    intent = (parse.get("intent") or {}).get("name") or ""
    selector = parse.get("response_selector") or {}
    chosen = selector.get(intent) or selector.get("default")
    if intent in selector.get("all_retrieval_intents", []) and chosen:
        return chosen["response"]["intent_response_key"]
    return intent


def is_right(predicted: str, labels: Sequence[str]) -> bool:
    """Top-1 correctness; rejecting an out-of-scope question is right."""
    if OUT_OF_SCOPE in labels and predicted in (OUT_OF_SCOPE, FALLBACK):
        return True
    return predicted in labels


def _train(config: Path, messages: Iterable[Message], work: Path, name: str) -> Path:
    data_file = work / f"{name}.yml"
    data_file.write_text(RasaYAMLWriter().dumps(TrainingData(list(messages))))
    result = train_nlu(str(config), str(data_file), str(work), fixed_model_name=name,
                       domain=str(PROJECT_ROOT / "domain"))
    return Path(result)


def _predict(model: Path, texts: Sequence[str]) -> List[str]:
    agent = Agent.load(str(model))

    async def parse_all() -> List[str]:
        return [predicted_label(await agent.parse_message(t)) for t in texts]

    return asyncio.run(parse_all())


def accuracy(examples: Sequence[Example], predictions: Sequence[str]) -> Dict[str, str]:
    """Accuracy per language as printable ``right/total (pct)``."""
    right: Dict[str, int] = defaultdict(int)
    total: Dict[str, int] = defaultdict(int)
    for example, predicted in zip(examples, predictions):
        total[example.language] += 1
        right[example.language] += is_right(predicted, example.labels)
    return {lang: f"{right[lang]}/{total[lang]} ({100 * right[lang] / total[lang]:.1f}%)"
            for lang in sorted(total)}


def cross_validate(config: Path, folds: int, work: Path) -> Dict[str, str]:
    """Stratified ``folds``-fold cross-validation, accuracy per language."""
    by_label: Dict[str, List[Tuple[Message, str]]] = defaultdict(list)
    for message, language in training_examples():
        by_label[label_of(message)].append((message, language))
    rng = random.Random(13)
    fold_of: Dict[int, int] = {}
    for items in by_label.values():
        rng.shuffle(items)
        for i, (message, _) in enumerate(items):
            fold_of[id(message)] = i % folds
    everything = [item for items in by_label.values() for item in items]
    examples, predictions = [], []
    for fold in range(folds):
        train = [m for m, _ in everything if fold_of[id(m)] != fold]
        test = [(m, lang) for m, lang in everything if fold_of[id(m)] == fold]
        model = _train(config, train, work, f"{config.stem}-fold{fold}")
        predictions += _predict(model, [m.get("text") for m, _ in test])
        examples += [Example(m.get("text"), lang, (label_of(m),)) for m, lang in test]
    return accuracy(examples, predictions)


def run(folds: int = 3) -> Iterator[str]:
    """Train both pipelines, evaluate both ways, yield report lines as measured.

    Real questions first (one training per pipeline), then cross-validation:
    Rasa's default DIET pipeline takes most of the time, and the first figures
    should not wait for it.
    """
    yield ""
    yield "NLU intent accuracy, top-1 (same training data, same run)"
    questions = real_questions()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        default_config = work / "rasa_default.yml"
        default_config.write_text(RASA_DEFAULT_CONFIG)
        pipelines = (("Puente", PROJECT_ROOT / "config.yml"),
                     ("Rasa default", default_config))
        for name, config in pipelines:
            model = _train(config, (m for m, _ in training_examples()), work,
                           f"{config.stem}-full")
            real = accuracy(questions, _predict(model, [q.text for q in questions]))
            for language in LANGUAGES:
                yield f"{name:14} {language}  real questions {real[language]:>16}"
        for name, config in pipelines:
            cv = cross_validate(config, folds, work)
            for language in LANGUAGES:
                yield f"{name:14} {language}  {folds}-fold CV {cv[language]:>18}"
