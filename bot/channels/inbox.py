"""WhatsApp messages received and not yet answered: nothing lost when a process dies.

Meta gets its 200 only once a message is recorded here, so a crash or a deploy at
any later point loses nothing: the message waits in Puente's database (shared by
the replicas) until it is answered, then its row is deleted. Each step is written
down as it completes -- received, Rasa's answer composed, how many of its WhatsApp
messages Meta accepted -- so whoever picks the message up again goes on from there
and the family never gets a message twice because of a restart (Meta's own
redeliveries are dropped by the message id, ``seen``).

A row is answered by one process at a time: the one holding its lease. The lease is
taken atomically (an ``UPDATE ... WHERE lease_until < now``: on SQLite and on
PostgreSQL one replica wins), renewed while answering, and runs out by itself when
its process dies; then any replica's periodic sweep (``due``, ``take``) answers it,
unless the family wrote too long ago or it failed too often.

Privacy: the phone number is the only address to answer, so it must be kept until
then -- sealed with the words (``sealed``: never in clear, not even in backups) and
only until the message is answered, given up or too old: the row is deleted then.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    String,
    and_,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.channels import seen
from bot.channels.database import Database
from bot.channels.payload import Inbound
from bot.channels.sealed import seal, unseal
from bot.db import Base, session_scope

logger = logging.getLogger(__name__)

#: How long a process holds a message without renewing: how soon after a crash
#: another process (or the restarted one) answers it.
LEASE = timedelta(seconds=15)
#: Takes of one message before it is given up: a message that crashes its process
#: must not crash every restart while it is fresh.
MAX_ATTEMPTS = 5
#: How often one process deletes expired message ids (seconds).
PRUNE_EVERY = 3600.0


class LeaseLost(Exception):
    """Another process took the message over: this one must stop answering it."""


class PendingMessage(Base):
    """A message received and not yet answered (sealed), and how far its answer got."""

    __tablename__ = "whatsapp_pending_messages"

    #: The message id's hash, as in ``whatsapp_seen_messages``.
    id_hash = Column(String(64), primary_key=True)
    #: When the family wrote (Meta's timestamp): too old, and it is not answered.
    written_at = Column(DateTime(timezone=True), nullable=False, index=True)
    received_at = Column(DateTime(timezone=True), nullable=False)
    lease_until = Column(DateTime(timezone=True), nullable=False, index=True)
    #: Who holds the lease: a random token per take, never a machine's name.
    owner = Column(String(32), nullable=False)
    attempts = Column(Integer, nullable=False)
    #: The sealed ``Inbound``: phone number, words, metadata.
    message = Column(LargeBinary, nullable=False)
    #: The sealed WhatsApp messages of the answer, once Rasa has answered.
    answer = Column(LargeBinary)
    #: How many of them Meta has accepted.
    delivered = Column(Integer, nullable=False)


@dataclass(frozen=True)
class Pending:
    """A message this process holds the lease of, with its answer so far."""

    id_hash: str
    owner: str
    inbound: Inbound
    answer: List[Dict[str, Any]] | None = None
    delivered: int = 0
    #: Takes so far: over 1, Rasa may have answered it before the process died.
    attempts: int = 1


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Inbox:
    """Messages waiting for their answer in Puente's database (SQLite or PostgreSQL).

    Every method is blocking (database I/O): call it from a worker thread.
    """

    def __init__(
        self,
        database: Database,
        key: bytes,
        lease: timedelta = LEASE,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self._database = database
        self._key = key
        self.lease = lease
        self._max_attempts = max_attempts
        self._pruned = 0.0

    def receive(self, inbound: Inbound) -> Pending | None:
        """Record a message, leased to the caller; None if it was received before."""
        now = _now()
        id_hash = seen.message_hash(self._key, inbound.message_id)
        pending = Pending(id_hash, uuid.uuid4().hex, inbound)
        written = (
            datetime.fromtimestamp(inbound.timestamp, timezone.utc)
            if inbound.timestamp
            else now
        )
        try:
            with session_scope(self._database.engine()) as session:
                session.add(seen.SeenMessage(id_hash=id_hash, seen_at=now))
                session.add(
                    PendingMessage(
                        id_hash=id_hash,
                        written_at=written,
                        received_at=now,
                        lease_until=now + self.lease,
                        owner=pending.owner,
                        attempts=1,
                        message=seal(self._key, id_hash, asdict(inbound)),
                        delivered=0,
                    )
                )
        except IntegrityError:
            return None
        return pending

    def due(self, max_age: timedelta) -> List[str]:
        """Return the messages nobody holds, oldest first.

        Drops first the ones written longer than ``max_age`` ago or tried too often.
        """
        now = _now()
        unheld = PendingMessage.lease_until < now
        with session_scope(self._database.engine()) as session:
            dropped = session.execute(
                delete(PendingMessage).where(
                    and_(
                        unheld,
                        or_(
                            PendingMessage.written_at < now - max_age,
                            PendingMessage.attempts >= self._max_attempts,
                        ),
                    )
                )
            ).rowcount
            if not self._pruned or time.monotonic() - self._pruned > PRUNE_EVERY:
                self._pruned = time.monotonic()
                seen.prune(session, now)
            due = session.execute(
                select(PendingMessage.id_hash)
                .where(unheld)
                .order_by(PendingMessage.received_at)
            )
            ids = list(due.scalars())
        if dropped:
            logger.warning(
                "%d WhatsApp message(s) dropped unanswered: written over %s ago, or "
                "failed %d times",
                dropped,
                max_age,
                self._max_attempts,
            )
        return ids

    def take(self, id_hash: str, max_age: timedelta) -> Pending | None:
        """Take the lease of a message nobody holds.

        None if another process did first, or it is answered, or too old by now.
        """
        now = _now()
        owner = uuid.uuid4().hex
        with session_scope(self._database.engine()) as session:
            taken = session.execute(
                update(PendingMessage)
                .where(
                    PendingMessage.id_hash == id_hash,
                    PendingMessage.lease_until < now,
                    PendingMessage.written_at >= now - max_age,
                    PendingMessage.attempts < self._max_attempts,
                )
                .values(
                    owner=owner,
                    lease_until=now + self.lease,
                    attempts=PendingMessage.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            ).rowcount
            if taken != 1:
                return None
            row = session.get(PendingMessage, id_hash)
            inbound = Inbound(**unseal(self._key, id_hash, row.message))
            answer = unseal(self._key, id_hash, row.answer) if row.answer else None
            return Pending(id_hash, owner, inbound, answer, row.delivered, row.attempts)

    def renew(self, pending: Pending) -> None:
        """Hold the message for another lease period (raises ``LeaseLost``)."""
        self._update(pending, lease_until=_now() + self.lease)

    def answered(self, pending: Pending, answer: List[Dict[str, Any]]) -> Pending:
        """Keep the answer's WhatsApp messages (sealed) before sending any."""
        self._update(pending, answer=seal(self._key, pending.id_hash, answer))
        return Pending(pending.id_hash, pending.owner, pending.inbound, answer, 0)

    def delivered(self, pending: Pending, count: int) -> None:
        """Note that Meta accepted the first ``count`` messages of the answer."""
        self._update(pending, delivered=count)

    def release(self, pending: Pending) -> None:
        """Let the next sweep (of any process) try the message again."""
        self._update(pending, lease_until=_now())

    def done(self, pending: Pending) -> None:
        """Forget the message: answered or given up. The phone number goes with it."""
        with session_scope(self._database.engine()) as session:
            session.execute(
                delete(PendingMessage).where(
                    PendingMessage.id_hash == pending.id_hash,
                    PendingMessage.owner == pending.owner,
                )
            )

    def _update(self, pending: Pending, **values: Any) -> None:
        """Change the row while ``pending`` holds its lease, else ``LeaseLost``."""
        with session_scope(self._database.engine()) as session:
            changed = session.execute(
                update(PendingMessage)
                .where(
                    PendingMessage.id_hash == pending.id_hash,
                    PendingMessage.owner == pending.owner,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            ).rowcount
        if changed != 1:
            raise LeaseLost(pending.id_hash)
