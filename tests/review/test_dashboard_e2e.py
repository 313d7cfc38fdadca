"""The dashboard's figures, from conversations had with the real assistant (issue 16).

Families talk to the real Rasa and action servers through the REST channel; the
review summaries are then folded from the events Rasa stored, and each figure is
checked against what the families were actually told.
"""

from __future__ import annotations

import uuid
from typing import Dict, List

import pytest

from bot.db import make_engine, migrate
from bot.review import queries
from bot.review.derive import NOT_ANSWERED
from bot.review.summaries import refresh
from tests.content import responses, variation
from tests.servers import assistant

pytestmark = pytest.mark.server
RESPONSES = responses()

#: Each family's messages, in order (the language is the one they write in).
FAMILIES: Dict[str, List[str]] = {
    "cost, in English": ["how much does tutoring cost?"],
    # The checklist asks "how many sessions a week?": "twice a week" answers it and
    # is no question about the schedule; gibberish gets "please tap Yes, No...".
    "checklist": ["is my child's tutoring high impact?", "twice a week",
                  "qwzx vbnm plkj"],
    "cost and gibberish, in Spanish": ["hola", "cuánto cuesta la tutoría",
                                       "qwzx vbnm plkj"],
    "another program's hours": ["What are Paper's tutor hours?"],
    # "Tell me more", then "Did this help?": 👍.
    "feedback": ["what is high-impact tutoring?", "tell me more", "/feedback_helpful"],
}


def _opening(name: str, language: str) -> str:
    return variation(RESPONSES[name], language)["text"].split("{")[0][:40]


def _told(texts: List[str], names: List[str]) -> int:
    """How many of the bot's messages are one of the responses ``names``."""
    openings = {_opening(n, lang) for n in names for lang in ("en", "es")}
    return sum(any(t.startswith(o) for o in openings) for t in texts)


@pytest.fixture(scope="module")
def told(tmp_path_factory) -> Dict[str, object]:
    """Talk to the assistant as the families above; fold the summaries."""
    work = tmp_path_factory.mktemp("dashboard")
    texts: List[str] = []
    with assistant(work) as bot:
        for messages in FAMILIES.values():
            sender = f"web-{uuid.uuid4().hex}"
            for message in messages:
                texts += [m.get("text", "") for m in bot.say(sender, message)]
    puente_url = f"sqlite:///{work / 'puente.db'}"
    migrate(puente_url)
    puente = make_engine(puente_url)
    refresh(puente, make_engine(f"sqlite:///{work / 'conversations.db'}"))
    return {"texts": texts, "figures": queries.dashboard(puente, queries.Filters()),
            "puente": puente}


def test_every_familys_message_is_counted(told):
    assert told["figures"].turns == sum(len(m) for m in FAMILIES.values())


def test_could_not_answer_counts_what_families_were_told(told):
    """The fallback, the checklist's "please tap" and the out-of-scope answer."""
    expected = _told(told["texts"], sorted(NOT_ANSWERED))
    assert expected >= 3, told["texts"]  # gibberish twice, another program's hours
    assert told["figures"].fallback_turns == expected


def test_topics_are_the_faq_answers_given_not_form_answers(told):
    figures = told["figures"]
    english = dict(figures.top_topics.get("en", []))
    spanish = dict(figures.top_topics.get("es", []))
    assert english.get("faq/cost") == 1 and spanish.get("faq/cost") == 1
    assert "faq/schedule" not in english, "'twice a week' answered the checklist"


def test_gave_feedback_flags_the_conversation_that_tapped_it(told):
    tapped, _ = queries.list_conversations(
        told["puente"], queries.Filters.from_args({"flag": ["gave_feedback"]}))
    assert len(tapped) == 1
    assert _told(told["texts"], ["utter_feedback_thanks"]) == 1
