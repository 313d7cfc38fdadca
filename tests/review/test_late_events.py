"""Several Rasa servers commit events out of id order; the review list loses none.

Rasa's events get their ids when inserted and become visible when committed: a
replica slow to commit a turn makes a hole below events already visible. The
summaries wait for it (bot/review/summaries.py) instead of reading past it.
"""

import json
import time
from typing import List

import pytest
from rasa.shared.core.events import Event
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from bot.db import session_scope
from bot.review.models import ConversationSummary
from bot.review.summaries import refresh
from bot.review.tracker import EVENTS
from tests.review.conftest import events_for


def _insert(connection: Connection, sender_id: str, events: List[Event]) -> None:
    """Write events as Rasa's SQL tracker store does, in the caller's transaction."""
    connection.execute(insert(EVENTS), [
        {"sender_id": sender_id, "type_name": event.type_name,
         "timestamp": event.timestamp, "intent_name": None, "action_name": None,
         "data": json.dumps(event.as_dict())} for event in events])


def _turns(stores) -> dict:
    """Each conversation in the review list: its sender and its number of turns."""
    with session_scope(stores.puente) as session:
        return dict(session.execute(select(ConversationSummary.sender_id,
                                           ConversationSummary.turns)).all())


async def test_an_event_committed_after_a_newer_one_is_not_skipped(stores):
    if stores.tracker.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer: commits cannot land out of id order")
    now = time.time()
    hello = [("hi", "greet", 0.99, None)]
    two_turns = [("hola", "greet", 0.99, None),
                 ("cuánto cuesta", "faq", 0.9, "faq/cost")]
    await stores.save("web-first", events_for(now, "en", hello))
    refresh(stores.puente, stores.tracker)
    with stores.tracker.connect() as slow, stores.tracker.connect() as quick:
        slow_save = slow.begin()  # one replica saves a turn, slowly
        _insert(slow, "web-slow", events_for(now, "es", two_turns))
        with quick.begin():  # another replica saves later ids and commits first
            _insert(quick, "wa-quick", events_for(now, "en", hello, "whatsapp"))
        assert refresh(stores.puente, stores.tracker) > 0
        assert _turns(stores) == {"web-first": 1, "wa-quick": 1}
        slow_save.commit()
    late = len(events_for(now, "es", two_turns))
    assert refresh(stores.puente, stores.tracker) == late
    assert _turns(stores) == {"web-first": 1, "wa-quick": 1, "web-slow": 2}
    assert refresh(stores.puente, stores.tracker) == 0  # nothing folded twice
    assert _turns(stores) == {"web-first": 1, "wa-quick": 1, "web-slow": 2}
