"""Rate limits, counted in Puente's database: widget messages and review sign-ins.

Counters live in a table, not in memory, so several pages-server processes (or
replicas behind a load balancer) share them: a parent cannot get more by landing
on another process. A sliding window, estimated from one-minute counters: the
current minute's count plus the previous minute's, weighted by how much of it
still lies within the last 60 seconds. Plain fixed windows would let a burst
that straddles a minute boundary through at twice the limit. One UPDATE (or
INSERT) and one SELECT per message; old rows are deleted as we go.
Addresses are stored only as a keyed hash, never in clear.

When the database cannot count (missing, locked, down), messages are let through
and the trouble is logged: a limit protects the service from floods, and must not
be what stops every family from chatting.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from typing import Callable, Dict, Tuple

from sqlalchemy import Column, Integer, String, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot.db import Base, session_scope

WINDOW_SECONDS = 60
#: Counters are kept this many minutes: the longest window any limit looks at.
KEEP_MINUTES = 16

logger = logging.getLogger(__name__)


class RateCounter(Base):
    """How many times one key counted in one minute.

    A key is a conversation, or a hashed address or email.
    """

    __tablename__ = "web_rate_counters"

    key = Column(String(80), primary_key=True)
    minute = Column(Integer, primary_key=True, index=True)
    count = Column(Integer, nullable=False, default=0)


class Counters:
    """Per-minute counters in the database, shared by every process and replica.

    Keys are stored as a keyed hash (an address or an email never in clear). Rows
    older than :data:`KEEP_MINUTES` are deleted as counting goes.
    """

    def __init__(self, engine: Engine, secret: bytes,
                 clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._secret = secret
        self._clock = clock

    def now(self) -> float:
        """Return the current time in minutes (a fraction into the current one)."""
        return self._clock() / WINDOW_SECONDS

    def key(self, kind: str, value: str) -> str:
        """Return the stored key for ``value``: ``kind`` and a keyed hash of it."""
        digest = hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()
        return f"{kind}:{digest[:40]}"

    def hit(self, key: str) -> Dict[int, int]:
        """Add one to ``key`` for this minute; return its recent counts by minute."""
        minute = int(self.now())
        for _ in range(2):  # a concurrent INSERT of the same row: retry as UPDATE
            try:
                with session_scope(self._engine) as session:
                    session.execute(delete(RateCounter).where(
                        RateCounter.minute < minute - KEEP_MINUTES))
                    changed = session.execute(
                        update(RateCounter)
                        .where(RateCounter.key == key, RateCounter.minute == minute)
                        .values(count=RateCounter.count + 1)
                    ).rowcount
                    if not changed:
                        session.add(RateCounter(key=key, minute=minute, count=1))
                        session.flush()
                    return self._recent(session, key, minute)
            except IntegrityError:
                continue
        raise RuntimeError("rate counter could not be updated")

    def recent(self, key: str) -> Dict[int, int]:
        """``key``'s counts by minute, over the last :data:`KEEP_MINUTES`."""
        with session_scope(self._engine) as session:
            return self._recent(session, key, int(self.now()))

    def forget(self, key: str) -> None:
        """Remove every count of ``key``."""
        with session_scope(self._engine) as session:
            session.execute(delete(RateCounter).where(RateCounter.key == key))

    @staticmethod
    def _recent(session: Session, key: str, minute: int) -> Dict[int, int]:
        return dict(session.execute(
            select(RateCounter.minute, RateCounter.count).where(
                RateCounter.key == key, RateCounter.minute > minute - KEEP_MINUTES)
        ).all())


class RateLimiter:
    """Count messages per conversation and per client address."""

    def __init__(self, engine: Engine, secret: bytes, per_conversation: int,
                 per_address: int, clock: Callable[[], float] = time.time) -> None:
        self._counters = Counters(engine, secret, clock)
        self._per_conversation = per_conversation
        self._per_address = per_address

    def allow(self, conversation_id: str, address: str) -> bool:
        """Count one message; ``False`` when either limit is already used up.

        ``True`` when the counters cannot be reached (see the module docstring).
        """
        try:
            return self._count(conversation_id, address)
        except SQLAlchemyError as error:
            logger.warning("Rate limits not counted, message let through: %s",
                           type(error).__name__)
            return True

    def _count(self, conversation_id: str, address: str) -> bool:
        now = self._counters.now()
        weight = 1.0 - (now - int(now))  # how much of the previous minute still counts
        sliding = []
        for key in ("c:" + conversation_id[:70], self._counters.key("a", address)):
            counts = self._counters.hit(key)
            sliding.append(counts.get(int(now), 0)
                           + weight * counts.get(int(now) - 1, 0))
        by_conversation, by_address = sliding
        return by_conversation <= self._per_conversation and \
            by_address <= self._per_address


class LoginLimiter:
    """At most ``attempts`` failed sign-ins per ``minutes`` per address and per email.

    In the database like the chat limits, so an organizer's account cannot be
    guessed at faster by landing on another process or replica.
    """

    def __init__(self, engine: Engine, secret: bytes, attempts: int = 5,
                 minutes: int = 15, clock: Callable[[], float] = time.time) -> None:
        self._counters = Counters(engine, secret, clock)
        self._attempts = attempts
        self._minutes = min(minutes, KEEP_MINUTES)

    def _keys(self, address: str, email: str) -> Tuple[str, str]:
        return (self._counters.key("login-a", address),
                self._counters.key("login-e", email))

    def blocked(self, address: str, email: str) -> bool:
        """Whether the address or the email has used up its attempts."""
        since = int(self._counters.now()) - self._minutes
        return any(
            sum(n for minute, n in self._counters.recent(key).items() if minute > since)
            >= self._attempts
            for key in self._keys(address, email))

    def failed(self, address: str, email: str) -> None:
        """Count one failed sign-in against the address and the email."""
        for key in self._keys(address, email):
            self._counters.hit(key)

    def succeeded(self, address: str, email: str) -> None:
        """Forget the failures of an organizer who got in."""
        for key in self._keys(address, email):
            self._counters.forget(key)
