"""Rasa graph components that wrap Puente's language, entity and guard rules.

The rules live in plain modules (:mod:`bot.lang.detect`, :mod:`bot.nlu.entities`,
:mod:`bot.nlu.guard`) and are tested there; these classes only move their results
onto Rasa messages.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.lang.detect import Detection, detect
from bot.nlu import second_question
from bot.nlu.entities import find_entities
from bot.nlu.guard import (
    no_topic_matter,
    special_intent,
    thanks_in_parting,
    unfounded_control,
)
from bot.nlu.other_services import needs_other_help_too
from bot.nlu.second_question import FAQ_INTENT, OTHER_NEEDS
from bot.safety import ANSWERED_FIRST
from bot.safety.crisis import crisis_model

#: Message property holding the language detection: ``{"code": "es", "strong": true}``.
LANGUAGE_PROPERTY = "language"


class _Stateless(GraphComponent):
    """A component with no training and no configuration."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Create the component (it holds no state), ready for its first message."""
        cls.warm_up()
        return cls()

    @classmethod
    def warm_up(cls) -> None:
        """Do now what the first message must not wait for (by default nothing)."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave training data as it is."""
        return training_data


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False
)
class LanguageDetector(_Stateless):
    """Write each message's language detection onto it (read by LanguagePolicy)."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Detect the language of each message."""
        for message in messages:
            detection = detect(message.get("text") or "")
            message.set(
                LANGUAGE_PROPERTY,
                {"code": detection.language, "strong": detection.strong},
                add_to_output=True,
            )
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class RuleEntityExtractor(_Stateless, EntityExtractorMixin):
    """Add the entities found by :func:`bot.nlu.entities.find_entities`."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Extract entities from each message."""
        for message in messages:
            found = [
                e.as_rasa(self.name) for e in find_entities(message.get("text") or "")
            ]
            if found:
                message.set(
                    "entities", message.get("entities", []) + found, add_to_output=True
                )
        return messages


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class MessageGuard(_Stateless):
    """Override the intent for crises, children writing and unreadable input."""

    @classmethod
    def warm_up(cls) -> None:
        """Train the crisis model now (a few seconds), not at the first message.

        A family in crisis must not wait for it.
        """
        crisis_model()

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the special intent, alone and certain, where one applies.

        Nothing else stays in the ranking: Rasa's FallbackClassifier, next in the
        pipeline, calls a prediction unsure when the second label comes within its
        ambiguity threshold of the first, and a crisis must never become "sorry, I
        did not understand" because the classifier was also sure of something else.
        A message answered first (:data:`~bot.safety.ANSWERED_FIRST`) keeps no
        entities, so it fills no form's answer.
        """
        for message in messages:
            language = message.get(LANGUAGE_PROPERTY) or {}
            detection = Detection(language.get("code"), bool(language.get("strong")))
            text = message.get("text") or ""
            classified = message.get("intent") or {}
            ranking = message.get("intent_ranking") or [{}]
            intent = special_intent(text, detection) or no_topic_matter(
                text, ranking[0].get("name"), classified.get("confidence", 0.0))
            if intent is None:
                if unfounded_control(classified.get("name"), text):
                    self._second_guess(message)
                elif thanks_in_parting(classified.get("name"), text):
                    message.set("intent", {**classified, "name": "goodbye"},
                                add_to_output=True)
                self._note_other_need(message, text)
                continue
            certain = {"name": intent, "confidence": 1.0}
            message.set("intent", certain, add_to_output=True)
            message.set("intent_ranking", [certain], add_to_output=True)
            if intent in ANSWERED_FIRST:  # "kinder, pero mi esposo le pega": no grade
                message.set(ENTITIES, [], add_to_output=True)
        return messages

    @staticmethod
    def _note_other_need(message: Message, text: str) -> None:
        """Mark 211's answer to follow a FAQ answer, for a need told beside it.

        Only a topic's answer is followed by others (``action_second_answer``), so
        other messages skip the check: it runs on the hot path.
        """
        if ((message.get("intent") or {}).get("name") == FAQ_INTENT
                and needs_other_help_too(text)):
            message.set(ENTITIES, [*(message.get(ENTITIES) or []),
                                   second_question.entity(OTHER_NEEDS, text)],
                        add_to_output=True)

    @staticmethod
    def _second_guess(message: Message) -> None:
        """Take the classifier's next guess (the fallback judges how sure it is)."""
        ranking = (message.get("intent_ranking") or [])[1:]
        best = ranking[0] if ranking else {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME,
                                         "confidence": 0.0}
        message.set("intent", best, add_to_output=True)
        message.set("intent_ranking", ranking, add_to_output=True)
