"""Puente's tracker store keeps Rasa's tables and meaning, on SQLite and PostgreSQL:
what Rasa's own SQL store wrote, ours reads the same, and the other way round, so
existing conversations survive switching stores and a parent's conversation reads
back exactly as it happened."""

from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import text

from bot.conversations.store import SQLTrackerStore
from tests.databases import postgres_database

DOMAIN = Domain.load(str(Path(__file__).parents[1] / "domain.yml"))


@contextmanager
def two_stores(dialect: str, tmp_path: Path, first: type, second: type) -> Iterator:
    """Two tracker stores (of the classes given) on one SQLite or PostgreSQL
    database, in the settings ``endpoints.yml`` gives them."""
    with ExitStack() as stack:
        if dialect == "sqlite":
            settings = {"dialect": "sqlite", "db": str(tmp_path / "conversations.db")}
        else:
            url = stack.enter_context(postgres_database("store"))
            settings = {"dialect": "postgresql", "host": url.host, "port": url.port,
                        "db": url.database, "username": url.username,
                        "password": url.password}
        pair = (first(domain=DOMAIN, **settings), second(domain=DOMAIN, **settings))
        yield pair
        for store in pair:
            store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    """Rasa's store and ours on one database."""
    with two_stores(request.param, tmp_path, RasaSQLTrackerStore,
                    SQLTrackerStore) as pair:
        yield pair


def session(text_en: str, intent: str, answer: str, start: float) -> list:
    """One conversation session: start, a parent's message, the answer, a slot."""
    return [
        ActionExecuted("action_session_start", timestamp=start),
        SessionStarted(timestamp=start + 0.1),
        ActionExecuted("action_listen", timestamp=start + 0.2),
        UserUttered(text_en, {"name": intent, "confidence": 0.97},
                    parse_data={"intent": {"name": intent, "confidence": 0.97},
                                "entities": [], "text": text_en},
                    timestamp=start + 1),
        SlotSet("language", "es", timestamp=start + 1.1),
        ActionExecuted("utter_faq", timestamp=start + 2),
        BotUttered(answer, {"elements": None}, timestamp=start + 2.1),
        ActionExecuted("action_listen", timestamp=start + 2.2),
    ]


async def save_in_turns(store, sender_id, events):
    """As Rasa does: per message, read the conversation back, add the turn, save."""
    for turn in (events[:4], events[4:8], events[8:12], events[12:]):
        tracker = (await store.retrieve(sender_id)
                   or DialogueStateTracker(sender_id, DOMAIN.slots))
        for event in turn:
            tracker.update(event)
        await store.save(tracker)


@pytest.mark.parametrize("writer, reader", [(0, 1), (1, 0), (1, 1)])
async def test_what_one_store_writes_the_other_reads(stores, writer, reader):
    first = session("¿Cuánto cuesta?", "faq", "Es gratis en la escuela.", 1000.0)
    second = session(
        "¿Quiénes son los tutores?", "faq", "Maestros capacitados.", 5000.0
    )
    await save_in_turns(stores[writer], "parent-1", first + second)

    latest = await stores[reader].retrieve("parent-1")
    # from the latest session start, as Rasa reads it
    assert list(latest.events) == second[1:]
    assert latest.get_slot("language") == "es"
    assert latest.latest_message.text == "¿Quiénes son los tutores?"
    everything = await stores[reader].retrieve_full_tracker("parent-1")
    assert list(everything.events) == first + second
    assert await stores[reader].retrieve("someone-else") is None


async def test_saving_what_was_read_stores_nothing_twice(stores):
    rasa, ours = stores
    events = session("hola", "greet", "¡Hola!", 1000.0)
    await ours.save(DialogueStateTracker.from_events("parent-2", events, DOMAIN.slots))
    await ours.save(await ours.retrieve("parent-2"))
    with ours.session_scope() as db:
        rows = db.execute(text(
            "SELECT type_name, intent_name, action_name FROM events "
            "WHERE sender_id = 'parent-2' ORDER BY id")).all()
    assert len(rows) == len(events)
    assert ("user", "greet", None) in rows and ("action", None, "utter_faq") in rows
    assert list((await rasa.retrieve("parent-2")).events) == events[1:]


def test_sqlite_conversations_use_write_ahead_logging(tmp_path):
    store = SQLTrackerStore(domain=DOMAIN, dialect="sqlite",
                            db=str(tmp_path / "conversations.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.engine.dispose()


class Reads:
    """Counts the statements that read events' data on a store's engine."""

    def __init__(self, store: SQLTrackerStore) -> None:
        self.count = 0
        sqlalchemy_event.listen(store.engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany):
        self.count += "SELECT id, data" in statement


@pytest.fixture(params=["sqlite", "postgresql"])
def replicas(request, tmp_path):
    """Two of our stores on one database, as two Rasa replicas have."""
    with two_stores(request.param, tmp_path, SQLTrackerStore, SQLTrackerStore) as pair:
        yield pair


async def test_a_conversation_is_read_back_from_memory_only_while_it_is_current(
    replicas,
):
    ours, other = replicas
    events = session("¿Cuánto cuesta?", "faq", "Es gratis en la escuela.", 1000.0)
    await save_in_turns(ours, "parent-3", events)
    reads = Reads(ours)
    kept = await ours.retrieve("parent-3")
    assert reads.count == 0 and list(kept.events) == events[1:]

    # A turn that failed: Rasa added an event and never saved it.
    kept.update(UserUttered("hola", {"name": "greet", "confidence": 0.9}))
    assert list((await ours.retrieve("parent-3")).events) == events[1:]
    assert reads.count == 1

    # Another replica answered the next message.
    turn = (await other.retrieve("parent-3"))
    turn.update(UserUttered("¿Y los tutores?", {"name": "faq", "confidence": 0.9},
                            timestamp=1010.0))
    await other.save(turn)
    again = await ours.retrieve("parent-3")
    assert again.latest_message.text == "¿Y los tutores?"
    assert len(again.events) == len(events)

    # An organizer deleted the conversation.
    with ours.session_scope() as db:
        db.execute(text("DELETE FROM events WHERE sender_id = 'parent-3'"))
        db.commit()
    assert await ours.retrieve("parent-3") is None
