"""How much a training example counts: its block's metadata says, 1 otherwise.

A block of Rasa NLU training data may carry metadata (``metadata: {weight: 0.43}``
beside ``intent:``); :class:`bot.nlu.classifier.TopicClassifier` weighs each
example by it (:func:`bot.bench.corpus.out_of_scope_weights` says which blocks do
and why). Kept apart from the classifier so the corpus tools need not load Rasa's
training machinery to write it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict

from rasa.shared.nlu.constants import METADATA, METADATA_INTENT

if TYPE_CHECKING:
    from rasa.shared.nlu.training_data.message import Message

#: The key of a block's metadata that weighs its examples.
WEIGHT = "weight"


def block_metadata(example: Message) -> Dict[str, Any] | None:
    """Return the metadata of the block a training example was written in, if any."""
    metadata: Dict[str, Any] | None = (example.get(METADATA) or {}).get(METADATA_INTENT)
    return metadata


def example_weight(example: Message) -> float:
    """Return how much a training example counts in the topic model's regressions."""
    return float((block_metadata(example) or {}).get(WEIGHT, 1.0))
