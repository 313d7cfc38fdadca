"""Rate limits for the widget endpoint, counted in Puente's database.

Counters live in a table, not in memory, so several pages-server processes (or
replicas behind a load balancer) share them: a parent cannot get more by landing
on another process. A sliding window, estimated from one-minute counters: the
current minute's count plus the previous minute's, weighted by how much of it
still lies within the last 60 seconds. Plain fixed windows would let a burst
that straddles a minute boundary through at twice the limit. One UPDATE (or
INSERT) and one SELECT per message; rows older than the previous minute are
deleted as we go.
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
from typing import Callable

from sqlalchemy import Column, Integer, String, delete, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.db import Base, session_scope

WINDOW_SECONDS = 60

logger = logging.getLogger(__name__)


class RateCounter(Base):
    """How many messages one key (conversation or hashed address) sent in a window."""

    __tablename__ = "web_rate_counters"

    key = Column(String(80), primary_key=True)
    minute = Column(Integer, primary_key=True, index=True)
    count = Column(Integer, nullable=False, default=0)


class RateLimiter:
    """Count messages per conversation and per client address."""

    def __init__(self, engine: Engine, secret: bytes, per_conversation: int,
                 per_address: int, clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._secret = secret
        self._per_conversation = per_conversation
        self._per_address = per_address
        self._clock = clock

    def _address_key(self, address: str) -> str:
        digest = hmac.new(self._secret, address.encode(), hashlib.sha256).hexdigest()
        return "a:" + digest[:40]

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
        now = self._clock() / WINDOW_SECONDS
        window = int(now)
        weight = 1.0 - (now - window)  # how much of the previous minute still counts
        by_conversation = self._hit("c:" + conversation_id[:70], window, weight)
        by_address = self._hit(self._address_key(address), window, weight)
        return by_conversation <= self._per_conversation and \
            by_address <= self._per_address

    def _hit(self, key: str, window: int, previous_weight: float) -> float:
        """Add one to ``key``'s counter for ``window``; return the sliding count."""
        for _ in range(2):  # a concurrent INSERT of the same row: retry as UPDATE
            try:
                with session_scope(self._engine) as session:
                    session.execute(delete(RateCounter).where(
                        RateCounter.minute < window - 1))
                    changed = session.execute(
                        update(RateCounter)
                        .where(RateCounter.key == key, RateCounter.minute == window)
                        .values(count=RateCounter.count + 1)
                    ).rowcount
                    if not changed:
                        session.add(RateCounter(key=key, minute=window, count=1))
                        session.flush()
                    counts = dict(session.execute(
                        select(RateCounter.minute, RateCounter.count).where(
                            RateCounter.key == key,
                            RateCounter.minute.in_((window - 1, window)))
                    ).all())
                    return counts[window] + previous_weight * counts.get(window - 1, 0)
            except IntegrityError:
                continue
        raise RuntimeError("rate counter could not be updated")
