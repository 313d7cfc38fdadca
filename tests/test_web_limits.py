"""Rate limits of the widget endpoint, counted in the database (SQLite and
PostgreSQL): two limiters on one database stand for two server processes."""

import uuid

import pytest
from sqlalchemy import select

from bot.db import make_engine, migrate, session_scope
from bot.web.limits import KEEP_MINUTES, RateCounter, RateLimiter


@pytest.fixture
def engine(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000 * 60.0

    def __call__(self) -> float:
        return self.now


def limiters(engine, clock, per_conversation=3, per_address=100):
    return [RateLimiter(engine, b"secret", per_conversation, per_address, clock)
            for _ in range(2)]


def test_processes_share_the_conversation_limit(engine):
    clock = Clock()
    one, two = limiters(engine, clock)
    conversation = f"web-{uuid.uuid4().hex}"
    address = f"10.0.0.{uuid.uuid4().int % 250}"
    assert [one.allow(conversation, address), two.allow(conversation, address),
            one.allow(conversation, address)] == [True, True, True]
    assert not two.allow(conversation, address)
    assert one.allow(f"web-{uuid.uuid4().hex}", address)  # another conversation
    clock.now += 120
    assert two.allow(conversation, address)  # the burst has left the window


def test_a_burst_across_a_minute_boundary_is_still_limited(engine):
    clock = Clock()
    clock.now += 58  # two seconds before the minute turns
    one, two = limiters(engine, clock)
    conversation = f"web-{uuid.uuid4().hex}"
    address = f"10.0.1.{uuid.uuid4().int % 250}"
    assert one.allow(conversation, address) and two.allow(conversation, address)
    clock.now += 3  # a new minute has begun
    assert one.allow(conversation, address)
    assert not two.allow(conversation, address)
    clock.now += 60  # a minute after the burst
    assert one.allow(conversation, address)


def test_address_limit_and_no_address_in_clear(engine):
    clock = Clock()
    one, two = limiters(engine, clock, per_conversation=100, per_address=2)
    address = f"192.0.2.{uuid.uuid4().int % 250}"
    assert one.allow(f"web-{uuid.uuid4().hex}", address)
    assert two.allow(f"web-{uuid.uuid4().hex}", address)
    assert not one.allow(f"web-{uuid.uuid4().hex}", address)
    with session_scope(engine) as session:
        keys = session.execute(select(RateCounter.key)).scalars().all()
    assert not any(address in key for key in keys)


def test_old_windows_are_deleted(engine):
    clock = Clock()
    one, _ = limiters(engine, clock)
    conversation = f"web-{uuid.uuid4().hex}"
    one.allow(conversation, "198.51.100.1")
    clock.now += (KEEP_MINUTES + 2) * 60  # past the longest window any limit reads
    one.allow(f"web-{uuid.uuid4().hex}", "198.51.100.1")
    with session_scope(engine) as session:
        minutes = session.execute(select(RateCounter.minute)).scalars().all()
    assert min(minutes) >= int(clock.now // 60) - KEEP_MINUTES
