"""A fast bilingual intent and FAQ-topic classifier for Rasa's NLU pipeline.

Why not DIET + ResponseSelector: on the measured data (``make bench``) linear models
over lemma and character n-gram features, with a multilingual sentence encoder for
the messages they are unsure of, are more accurate on parents' real questions, in
milliseconds, where the two TensorFlow models take most of the assistant's time per
message and most of its training time (about an hour on this data).

The classifier predicts over *full* labels, FAQ topics included (``faq/cost``), and
writes Rasa's usual outputs: ``intent`` with the base name (``faq``),
``intent_ranking`` over full labels (so the fallback sees which topics compete), and
the ``response_selector`` block that ``utter_faq`` reads, in the shape Rasa's own
ResponseSelector writes, so stories, rules and ``rasa test`` work unchanged.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Sequence

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import second_question
from bot.nlu.guard import readable_question
from bot.nlu.model import (
    RETRIEVAL_SEPARATOR,
    MeaningSettings,
    TopicModel,
    train_topic_model,
)
from bot.nlu.other_services import JUDGED_PROGRAM_TOPIC, asks_to_judge_named_program
from bot.nlu.weights import example_weight

logger = logging.getLogger(__name__)

#: How a button's payload starts (Rasa's ``INTENT_MESSAGE_PREFIX``).
INTENT_PREFIX = "/"
#: The intent (or FAQ label) of a payload: up to its entities or confidence.
_PAYLOAD_INTENT = re.compile(r"[^{@]*")
_MODEL_FILE = "topic_model.pkl"
#: The code and data the trained model is made of: ``bot/nlu`` (model, spelling,
#: synonyms...) and ``bot/text.py`` (the question part of a message, folding).
_MODEL_SOURCES = (Path(__file__).parent, Path(__file__).parents[1] / "text.py")


def source_fingerprint(sources: Sequence[Path] = _MODEL_SOURCES) -> str:
    """Hash the files of ``sources``: files, and folders' ``.py`` and ``.yml``."""
    digest = hashlib.sha256()
    for source in sources:
        files = ([source] if source.is_file()
                 else sorted([*source.glob("*.py"), *source.glob("*.yml")]))
        for path in files:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Ranked:
    """One label with its confidence."""

    label: str
    confidence: float

    @property
    def base(self) -> str:
        """The Rasa intent of the label: ``faq`` for ``faq/cost``."""
        return self.label.split(RETRIEVAL_SEPARATOR, 1)[0]


def full_label(example: Message) -> str:
    """Return the label the topic model learns for a training example.

    The FAQ topic of a retrieval intent ("faq/cost"), else the intent ("greet").
    """
    label: str = example.get("intent_response_key") or example.get("intent")
    return label


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class TopicClassifier(GraphComponent, IntentClassifier):
    """Classify a message into an intent or an FAQ topic with one linear model."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """Defaults chosen on the dev split of the real questions (``make bench``).

        ``meaning_below``: ask the sentence encoder when the lexical model's best
        confidence is below this (0 turns the encoder off), for messages of at
        least ``meaning_min_words`` words, and always from ``meaning_long_words``
        words on; ``meaning_weight`` and ``neighbour_weight``: the shares of the
        average that its regression and its nearest training examples get
        (:class:`bot.nlu.model.MeaningSettings`).
        ``ranking_length``: enough for the two guesses the fallback offers
        (``bot.suggestions``); every stored message keeps its ranking, and Rasa
        sends the session's messages with every action call.
        """
        meaning = MeaningSettings()
        return {"C": 100.0, "ranking_length": 5, "meaning_below": meaning.below,
                "meaning_min_words": meaning.min_words,
                "meaning_long_words": meaning.long_words,
                "meaning_weight": meaning.weight,
                "neighbour_weight": meaning.neighbour_weight}

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> str:
        """Tell Rasa's training cache which code trained the model.

        Rasa fingerprints a component by its config alone, so after a change to
        ``bot/nlu`` (a new attribute of the model, say) any ``rasa train`` without
        ``--force``, the benchmark's for one, loaded the model pickled by the old
        code from its cache, and the first message failed.
        """
        return source_fingerprint()

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: TopicModel | None = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicClassifier:
        """Create an untrained classifier (Rasa's graph calls this before train)."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the model on every labelled example and store it with the model."""
        examples = training_data.intent_examples
        texts = [example.get("text") for example in examples]
        labels = [full_label(example) for example in examples]
        meaning = MeaningSettings(below=self._config["meaning_below"],
                                  min_words=self._config["meaning_min_words"],
                                  long_words=self._config["meaning_long_words"],
                                  weight=self._config["meaning_weight"],
                                  neighbour_weight=self._config["neighbour_weight"])
        self._model = train_topic_model(texts, labels, c=self._config["C"],
                                        meaning=meaning,
                                        weights=[example_weight(e) for e in examples])
        with self._model_storage.write_to(self._resource) as directory:
            (directory / _MODEL_FILE).write_bytes(pickle.dumps(self._model))
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicClassifier:
        """Load the model stored by :meth:`train`."""
        try:
            with model_storage.read_from(resource) as directory:
                model = pickle.loads((directory / _MODEL_FILE).read_bytes())
        except (ValueError, FileNotFoundError):
            logger.warning("No trained topic model found; predictions are empty.")
            model = None
        if model is not None and (missing := model.missing_attributes()):
            raise RuntimeError(
                "The topic model was trained by older code of bot/nlu (it has no "
                f"{', '.join(missing)}): train the model again (make train).")
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        """Write intent, ranking and FAQ-topic selection onto each message.

        Other questions the message asks about other FAQ topics ("cuanto
        cuesta y quien da las clases?") are written as entities
        (:mod:`bot.nlu.second_question`).
        """
        for message in messages:
            text = message.get("text") or ""
            ranking = self.rank(text)
            if ranking:
                self._write(message, ranking)
                more = second_question.more_topics(text, ranking[0].label,
                                                   self._best)
                if more:
                    message.set("entities", [
                        *message.get("entities", []),
                        *(second_question.entity(topic, text) for topic in more)],
                        add_to_output=True)
        return messages

    def _best(self, text: str) -> tuple[str, float]:
        """Return the best label for ``text`` and its confidence ("", 0 for none)."""
        ranking = self.rank(text)
        return (ranking[0].label, ranking[0].confidence) if ranking else ("", 0.0)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to training data (no features for later components)."""
        return training_data

    def rank(self, text: str) -> List[Ranked]:
        """Return labels ranked by confidence, best first.

        Empty if untrained or too long to read; a named program to judge is the
        not_hit topic, certain (:mod:`bot.nlu.other_services`).
        """
        if self._model is None or not text.strip():
            return []
        payload = text.strip()
        if payload.startswith(INTENT_PREFIX):
            # A button's payload ("/affirm", '/inform{"grade": "3"}'): Rasa's
            # RegexMessageHandler reads it after the pipeline, so the model (and the
            # sentence encoder, tens of ms for a payload it is unsure of) is skipped.
            name = _PAYLOAD_INTENT.match(payload[1:])
            if name and name.group(0).strip():
                return [Ranked(name.group(0).strip(), 1.0)]
        question = readable_question(text)
        if question is None:
            return []  # too long to read: MessageGuard answers it
        if asks_to_judge_named_program(question):
            return [Ranked(JUDGED_PROGRAM_TOPIC, 1.0)]
        scores = self._model.predict_proba([question])[0]
        order = np.argsort(-scores)[: self._config["ranking_length"]]
        return [Ranked(self._model.labels[i], float(scores[i])) for i in order]

    def _write(self, message: Message, ranking: List[Ranked]) -> None:
        top = ranking[0]
        message.set(
            "intent",
            {"name": top.base, "confidence": top.confidence},
            add_to_output=True,
        )
        message.set(
            "intent_ranking",
            [{"name": r.label, "confidence": r.confidence} for r in ranking],
            add_to_output=True,
        )
        assert self._model is not None  # rank() ranks nothing without a model
        retrieval_intents = self._model.retrieval_intents
        selector: Dict[str, Any] = {"all_retrieval_intents": retrieval_intents}
        for intent in retrieval_intents:
            topics = [r for r in ranking if r.base == intent]
            if not topics:
                continue
            best = topics[0]
            selector[intent] = {
                "response": {
                    "responses": None,
                    "confidence": best.confidence,
                    "intent_response_key": best.label,
                    "utter_action": f"utter_{best.label}",
                },
                "ranking": [
                    {"confidence": r.confidence, "intent_response_key": r.label}
                    for r in topics
                ],
            }
        message.set("response_selector", selector, add_to_output=True)
