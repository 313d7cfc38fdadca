"""The inbox of WhatsApp messages waiting for their answer, without a server, on
SQLite and PostgreSQL: received once, held by one process at a time, resumed where
it got to, dropped when stale, and the phone number never stored in clear."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from bot.channels.database import Database
from bot.channels.inbox import Inbox, LeaseLost, PendingMessage
from bot.channels.payload import Inbound
from bot.channels.sealed import seal, unseal
from bot.db import session_scope
from tests.databases import migrated_database

KEY = b"test-key"
HOUR = timedelta(hours=1)
#: A lease that has run out as soon as it is taken: as after a process died.
EXPIRED = timedelta(0)
WORDS = "¿Qué es la tutoría de alto impacto?"


def message(suffix: str = "", written: float | None = None) -> Inbound:
    """A message with an id no other test (or run, on the shared server) uses."""
    unique = f"{time.time_ns()}{suffix}"
    return Inbound(
        message_id=f"wamid.test.{unique}",
        phone=f"1650{unique[-9:]}",
        timestamp=int(time.time() if written is None else written),
        kind="text",
        text=WORDS,
        metadata={"location": {"zip_code": "90280"}},
    )


@pytest.fixture
def database(database_url: str) -> Database:
    return migrated_database(database_url)


def replicas(database: Database, count: int = 2, **options) -> list[Inbox]:
    """Inboxes of ``count`` processes sharing one database."""
    return [Inbox(database, KEY, **options) for _ in range(count)]


def test_a_message_is_received_once_across_replicas(database):
    first, second = replicas(database)
    inbound = message()
    assert first.receive(inbound) is not None
    assert second.receive(inbound) is None and first.receive(inbound) is None


def stored(database: Database, id_hash: str) -> bytes:
    """Everything the database holds for one message, as bytes (b"" once gone)."""
    with session_scope(database.engine()) as session:
        row = session.execute(
            select(PendingMessage.__table__).where(PendingMessage.id_hash == id_hash)
        ).first()
    values = row or ()
    return b"|".join(v if isinstance(v, bytes) else str(v).encode() for v in values)


def test_the_phone_number_and_words_are_sealed_and_gone_once_answered(database):
    inbox = Inbox(database, KEY)
    inbound = message()
    pending = inbox.receive(inbound)
    kept = stored(database, pending.id_hash)
    assert kept and inbound.phone.encode() not in kept
    assert WORDS.encode() not in kept and b"wamid" not in kept
    inbox.done(pending)
    assert stored(database, pending.id_hash) == b""
    assert inbox.receive(inbound) is None  # a redelivery afterwards is not answered


def test_a_sealed_value_opens_only_for_its_own_row():
    sealed = seal(KEY, "row-1", {"phone": "16505551234"})
    assert unseal(KEY, "row-1", sealed) == {"phone": "16505551234"}
    with pytest.raises(InvalidTag):
        unseal(KEY, "row-2", sealed)
    with pytest.raises(InvalidTag):
        unseal(b"another key", "row-1", sealed)


def test_a_held_message_is_not_due_until_its_lease_runs_out(database):
    held = Inbox(database, KEY).receive(message())
    assert held.id_hash not in Inbox(database, KEY).due(HOUR)
    dead = Inbox(database, KEY, lease=EXPIRED).receive(message())
    assert dead.id_hash in Inbox(database, KEY).due(HOUR)


def test_one_replica_takes_a_message_even_when_all_try_at_once(database):
    inbound = message()
    pending = Inbox(database, KEY, lease=EXPIRED).receive(inbound)
    contenders = replicas(database, 8)
    with ThreadPoolExecutor(len(contenders)) as pool:
        taken = list(
            pool.map(lambda inbox: inbox.take(pending.id_hash, HOUR), contenders)
        )
    [winner] = [t for t in taken if t is not None]
    assert winner.inbound == inbound and winner.owner != pending.owner


def test_a_message_taken_over_is_no_longer_the_first_holders(database):
    first, second = replicas(database, lease=EXPIRED)
    pending = first.receive(message())
    assert second.take(pending.id_hash, HOUR) is not None
    with pytest.raises(LeaseLost):
        first.answered(pending, [{"type": "text", "text": {"body": "Hi"}}])
    first.done(pending)  # not the holder: the message stays for its holder
    assert second.take(pending.id_hash, HOUR) is not None  # (its lease ran out)


def test_the_answer_and_what_was_delivered_are_resumed(database):
    first, second = replicas(database, lease=EXPIRED)
    answer = [{"type": "text", "text": {"body": f"Part {n}"}} for n in (1, 2)]
    pending = first.answered(first.receive(message()), answer)
    first.delivered(pending, 1)
    resumed = second.take(pending.id_hash, HOUR)
    assert (resumed.answer, resumed.delivered) == (answer, 1)


def test_a_stale_message_is_dropped_not_answered(database):
    inbox = Inbox(database, KEY, lease=EXPIRED)
    stale = inbox.receive(message(written=time.time() - 2 * 3600))
    assert inbox.take(stale.id_hash, HOUR) is None
    assert stale.id_hash not in inbox.due(HOUR)
    with session_scope(database.engine()) as session:
        assert session.get(PendingMessage, stale.id_hash) is None


def test_a_message_failing_every_try_is_given_up(database):
    inbox = Inbox(database, KEY, lease=EXPIRED, max_attempts=2)
    pending = inbox.receive(message())  # the first attempt
    assert inbox.take(pending.id_hash, HOUR) is not None  # the second
    assert inbox.take(pending.id_hash, HOUR) is None
    assert pending.id_hash not in inbox.due(HOUR)


def test_due_lists_the_oldest_first(database):
    inbox = Inbox(database, KEY, lease=EXPIRED)
    ids = [inbox.receive(message(str(n))).id_hash for n in range(3)]
    assert [i for i in inbox.due(HOUR) if i in ids] == ids


def test_a_released_message_is_due_again(database):
    inbox = Inbox(database, KEY)
    pending = inbox.receive(message())
    inbox.release(pending)
    assert pending.id_hash in inbox.due(HOUR)
