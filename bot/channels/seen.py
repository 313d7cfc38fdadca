"""Inbound WhatsApp message ids already handled, shared by every replica.

Meta delivers a notification again when it did not get a 200 in time, for up to 7
days. Each message id is claimed once with an insert on a unique key: the replica
whose insert succeeds answers, every other delivery is dropped. Ids are kept 8 days
(longer than Meta retries) and stored hashed: a WhatsApp message id encodes the
sender's phone number.

The same table remembers things to do at most once a period (the "please write in
text" reminder, once an hour per conversation), so that memory survives restarts
and is shared by replicas like the ids.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import Column, DateTime, String, delete
from sqlalchemy.exc import IntegrityError

from bot.channels.identity import keyed_hash
from bot.db import Base, make_engine, migrate, session_scope

#: Longer than Meta's 7 days of redelivery.
KEEP = timedelta(days=8)
#: How often one process deletes expired ids.
PRUNE_EVERY = 3600.0


class SeenMessage(Base):
    """One inbound message id (hashed) and when it was first seen."""

    __tablename__ = "whatsapp_seen_messages"

    id_hash = Column(String(64), primary_key=True)
    seen_at = Column(DateTime(timezone=True), nullable=False, index=True)


class SeenMessages:
    """Claims message ids in Puente's database (SQLite or PostgreSQL)."""

    def __init__(self, database_url: str, key: bytes, keep: timedelta = KEEP) -> None:
        self._url = database_url
        self._key = key
        self._keep = keep
        self._engine = None
        self._lock = threading.Lock()
        self._pruned = 0.0

    def _ready_engine(self):
        """Return the engine, after bringing the schema up to date once per process."""
        with self._lock:
            if self._engine is None:
                migrate(self._url)
                self._engine = make_engine(self._url)
            return self._engine

    def claim(self, message_id: str) -> bool:
        """Return True the first time any replica sees ``message_id``, else False.

        Blocking (database I/O): call it from a worker thread.
        """
        return self._claim("wamid:" + message_id, None)

    def claim_every(self, name: str, period: timedelta) -> bool:
        """Claim ``name``; True unless it was claimed in the last ``period``.

        A sliding window: a claim older than ``period`` is deleted, then the insert
        races like ``claim`` (one replica wins). Blocking: call it from a thread.
        """
        return self._claim("every:" + name, period)

    def _claim(self, name: str, period: timedelta | None) -> bool:
        """Insert ``name`` (hashed); False when present and younger than ``period``."""
        engine = self._ready_engine()
        now = datetime.now(timezone.utc)
        self._prune(engine, now)
        id_hash = keyed_hash(self._key, name)
        if period is not None:
            with session_scope(engine) as session:
                session.execute(
                    delete(SeenMessage).where(
                        SeenMessage.id_hash == id_hash,
                        SeenMessage.seen_at < now - period,
                    )
                )
        try:
            with session_scope(engine) as session:
                session.add(SeenMessage(id_hash=id_hash, seen_at=now))
        except IntegrityError:
            return False
        return True

    def _prune(self, engine, now: datetime) -> None:
        """Delete ids older than the keeping period, at most once an hour."""
        if time.monotonic() - self._pruned < PRUNE_EVERY and self._pruned:
            return
        self._pruned = time.monotonic()
        with session_scope(engine) as session:
            session.execute(
                delete(SeenMessage).where(SeenMessage.seen_at < now - self._keep)
            )
