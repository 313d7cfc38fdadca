"""Inbound WhatsApp message ids already received, shared by every replica.

Meta delivers a notification again when it did not get a 200 in time, for up to 7
days. Each message id is inserted once on a unique key (``inbox`` does it, with the
message to answer, in one transaction): the replica whose insert succeeds answers,
every other delivery is dropped. Ids are kept 8 days (longer than Meta retries) and
stored hashed: a WhatsApp message id encodes the sender's phone number.

The same table remembers things to do at most once a period (the "please write in
text" reminder, once an hour per conversation), so that memory survives restarts
and is shared by replicas like the ids.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Column, DateTime, String, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.channels.database import Database
from bot.channels.identity import keyed_hash
from bot.db import Base, session_scope

#: Longer than Meta's 7 days of redelivery.
KEEP = timedelta(days=8)


class SeenMessage(Base):
    """One inbound message id (hashed) and when it was first seen."""

    __tablename__ = "whatsapp_seen_messages"

    id_hash = Column(String(64), primary_key=True)
    seen_at = Column(DateTime(timezone=True), nullable=False, index=True)


def message_hash(key: bytes, message_id: str) -> str:
    """Return the stored form of a WhatsApp message id (keyed hash)."""
    return keyed_hash(key, "wamid:" + message_id)


def prune(session: Session, now: datetime, keep: timedelta = KEEP) -> None:
    """Delete ids and reminders older than the keeping period."""
    session.execute(delete(SeenMessage).where(SeenMessage.seen_at < now - keep))


class SeenMessages:
    """Claims once-a-period reminders in Puente's database (SQLite or PostgreSQL)."""

    def __init__(self, database: Database, key: bytes) -> None:
        self._database = database
        self._key = key

    def claim_every(self, name: str, period: timedelta) -> bool:
        """Claim ``name``; True unless it was claimed in the last ``period``.

        A sliding window: a claim older than ``period`` is deleted, then an insert
        on the unique key races (one replica wins). Blocking: call it from a thread.
        """
        engine = self._database.engine()
        now = datetime.now(timezone.utc)
        id_hash = keyed_hash(self._key, "every:" + name)
        with session_scope(engine) as session:
            session.execute(
                delete(SeenMessage).where(
                    SeenMessage.id_hash == id_hash, SeenMessage.seen_at < now - period
                )
            )
        try:
            with session_scope(engine) as session:
                session.add(SeenMessage(id_hash=id_hash, seen_at=now))
        except IntegrityError:
            return False
        return True
