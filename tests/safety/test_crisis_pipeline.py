"""Every crisis message of the corpora is a crisis after the whole trained NLU pipeline.

The detector alone (``test_crisis.py``) is not enough: components after it can still
change the intent. Rasa's FallbackClassifier once turned "creo que abusan de mi hija"
into "sorry, I did not understand" because the topic classifier was also 98% sure
of "out of scope" and the two looked ambiguous.
"""

import asyncio

import pytest
from rasa.core.agent import Agent

from bot.safety.crisis_model import CORPORA
from bot.settings import PROJECT_ROOT
from tests.safety.corpora import rows

MODEL = PROJECT_ROOT / "models" / "puente.tar.gz"


@pytest.fixture(scope="module")
def agent():
    if not MODEL.exists():
        pytest.fail("no trained model: `make test` trains it first")
    return Agent.load(str(MODEL))


def test_every_crisis_message_is_a_crisis_after_the_pipeline(agent):
    texts = [row["text"] for path in sorted(CORPORA.glob("corpus_*.jsonl"))
             for row in rows(path) if row["label"] == "crisis"]

    async def intents():
        return [(await agent.parse_message(t))["intent"]["name"] for t in texts]

    found = asyncio.run(intents())
    missed = [t for t, intent in zip(texts, found, strict=True) if intent != "crisis"]
    assert not missed, "\n".join(missed)
