"""Rasa's SQL tracker store, reading and saving conversations faster.

Every message makes Rasa read the conversation back, turn each stored event into
an ``Event``, then count what is stored before saving the new events. Measured
with ``make bench PARTS=speed`` (py-spy on the Rasa server), three costs stood
out, and this store removes them while keeping Rasa's tables, settings and
semantics (only the latest conversation session is read and counted):

* Rasa 3.6 finds each event's class with ``Event.resolve_by_type``, which walks
  every ``Event`` subclass (asking ``inspect.isabstract`` of each) once per
  event: about 18 ms for a 500-event conversation, under 1 ms with the classes
  looked up in a table built once;
* the read and the count were ORM queries built anew for every message, loading
  one ORM object per event, and new events went through the ORM's unit of work:
  here two fixed SQL statements read only the ``data`` column (parsed with
  ujson, a Rasa dependency, twice as fast as json), and new events are written
  with one multi-row INSERT;
* on SQLite, connections are pooled (SQLAlchemy 1.4 reconnected for every
  session) and the database is switched to write-ahead logging, so the review app
  can read conversations while Rasa writes them. Commits still wait for the disk
  (``synchronous=FULL``, SQLite's default): a conversation a family had must
  survive a power cut;
* reading a conversation back was still 16% of Rasa's CPU in the mixed load (every
  event parsed and replayed on every message). The conversations saved last are
  kept in memory (:class:`Kept`), and a read first asks the database for the
  latest session's event count and newest id: when they are what this store saved
  and the kept conversation holds exactly those events, it is returned without
  reading its events. Anything else (another Rasa replica wrote, an organizer
  deleted the conversation, a turn failed before it was saved, a new session
  began) reads the events from the database as before. The database stays the
  only record; memory only spares re-reading what it already holds.

A conversation the family asked to delete (:mod:`bot.privacy.forget`) is deleted
here, when Rasa would save it, instead of being saved.
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List, Tuple, Type

import ujson
from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.db import make_engine
from bot.privacy.forget import asks_to_delete, delete_everything
from bot.settings import process_settings

_TABLE = RasaSQLTrackerStore.SQLEvent.__tablename__
#: The events of the latest session: those at or after its ``session_started``
#: event, or all of them when the conversation has none (Rasa's own rule).
_LATEST_SESSION = f"""
    FROM {_TABLE}, (SELECT max(timestamp) AS started FROM {_TABLE}
                    WHERE sender_id = :sender_id
                      AND type_name = '{SessionStarted.type_name}') AS latest
    WHERE sender_id = :sender_id
      AND (latest.started IS NULL OR timestamp >= latest.started)
"""
_READ_LATEST_SESSION = text(f"SELECT id, data {_LATEST_SESSION} ORDER BY id")
_MARK_LATEST_SESSION = text(f"SELECT count(*), max(id) {_LATEST_SESSION}")
_READ_ALL_SESSIONS = text(f"SELECT id, data FROM {_TABLE} WHERE sender_id = :sender_id "
                          "ORDER BY id")

#: Conversations kept in memory: more than a Rasa server talks with at once, under
#: 1 MB each (0.9 MB for a 476-event conversation, the longest of the mixed load).
KEEP = 32

#: What the database holds of a conversation's latest session: the number of
#: events and the newest event's id (None: no events).
Mark = Tuple[int, int | None]


@dataclass
class Kept:
    """A conversation as this store last saved or read it."""

    tracker: DialogueStateTracker
    mark: Mark
    domain: Domain

    def current(self, mark: Mark, domain: Domain) -> bool:
        """Whether the tracker is still exactly what the database holds.

        Rasa adds events to the tracker it was given: if it added some and did not
        save them (a turn that failed), or a new session began in memory, the
        tracker's events no longer match the stored count.
        """
        return (mark == self.mark and domain is self.domain
                and len(self.tracker.events) == mark[0])


@lru_cache(maxsize=1)
def event_classes() -> Dict[str, Type[Event]]:
    """Every concrete event class by its stored ``event`` name (built on first use).

    The first class of a name wins, as in ``Event.resolve_by_type``: a subclass
    that inherits its parent's name must not replace it.
    """
    classes: Dict[str, Type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def deserialise_events(stored: List[Dict[str, Any]]) -> List[Event]:
    """Events from their stored dictionaries, as ``Event.from_parameters`` makes them.

    An event name missing from the table goes through Rasa's own lookup.
    """
    classes = event_classes()
    events = []
    for parameters in stored:
        cls = classes.get(parameters.get("event", ""))
        event = (cls._from_parameters(parameters) if cls is not None
                 else Event.from_parameters(parameters))
        if event is not None:
            events.append(event)
    return events


class SQLTrackerStore(RasaSQLTrackerStore):
    """Rasa's SQL tracker store with faster reads and saves.

    ``type: bot.conversations.store.SQLTrackerStore`` in ``endpoints.yml``, with
    the settings of Rasa's ``type: SQL`` (dialect, db, url, port, username, ...).
    """

    engine: Engine  # set by Rasa's constructor, replaced for SQLite

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        #: Puente's own database (alerts, the review app's tables), made on the
        #: first deletion a family asks for; tests set their own.
        self.puente: Engine | None = None
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite_connections()

    def _pool_sqlite_connections(self) -> None:
        """Keep SQLite connections open between messages, in write-ahead logging.

        SQLAlchemy 1.4 opens and closes a file database's connection for every
        session (NullPool); closing the last connection of a WAL database also
        checkpoints it. Together a few milliseconds a message: pooled instead, as
        SQLAlchemy 2.0 does by default.
        """
        url = self.engine.url
        self.engine.dispose()
        self.engine = create_engine(url, poolclass=QueuePool,
                                    connect_args={"check_same_thread": False})
        self.sessionmaker = sessionmaker(bind=self.engine)
        with self.engine.connect() as connection:  # kept in the file
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        parameters = {"sender_id": sender_id}
        with self.session_scope() as session:
            if not fetch_events_from_all_sessions:
                kept = self._kept.get(sender_id)
                if kept is not None and self.domain is not None and kept.current(
                    self._mark(session, sender_id), self.domain
                ):
                    self._kept.move_to_end(sender_id)
                    return kept.tracker
            query = (_READ_ALL_SESSIONS if fetch_events_from_all_sessions
                     else _READ_LATEST_SESSION)
            rows = session.execute(query, parameters).all()
        if not (self.domain and rows):
            self._kept.pop(sender_id, None)
            return None
        stored = [ujson.loads(data) for _, data in rows]
        tracker = DialogueStateTracker.from_events(
            sender_id, deserialise_events(stored), self.domain.slots)
        if not fetch_events_from_all_sessions:
            self._keep(tracker, (len(rows), rows[-1][0]))
        return tracker

    @staticmethod
    def _mark(session: Session, sender_id: str) -> Mark:
        count, newest = session.execute(
            _MARK_LATEST_SESSION, {"sender_id": sender_id}).one()
        return int(count), newest

    def _keep(self, tracker: DialogueStateTracker, mark: Mark) -> None:
        """Keep ``tracker`` as the database holds it (``mark``), the oldest out."""
        if self.domain is None:
            return
        self._kept[tracker.sender_id] = Kept(tracker, mark, self.domain)
        self._kept.move_to_end(tracker.sender_id)
        while len(self._kept) > KEEP:
            self._kept.popitem(last=False)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events after those the latest session has stored (Rasa's columns).

        The count read first serves twice: which events are new, and, when none
        are, the mark the conversation is kept with. A conversation whose latest
        turn told the family it is deleted is deleted instead.
        """
        if asks_to_delete(tracker):
            self._delete(tracker.sender_id)
            return
        await self.stream_events(tracker)
        with self.session_scope() as session:
            mark = self._mark(session, tracker.sender_id)
            rows = [self._row(tracker.sender_id, event)
                    for event in itertools.islice(tracker.events, mark[0], None)]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
                mark = self._mark(session, tracker.sender_id)
            session.commit()
        self._keep(tracker, mark)

    def _delete(self, sender_id: str) -> None:
        """Delete the conversation and all Puente keeps of it, instead of saving it."""
        if self.puente is None:
            self.puente = make_engine(process_settings().database_url, create=False)
        self._kept.pop(sender_id, None)
        delete_everything(self.puente, self.engine, sender_id)

    @staticmethod
    def _row(sender_id: str, event: Event) -> Dict[str, Any]:
        """One ``events`` row, filled as Rasa's own ``save`` fills it."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": (data.get("parse_data", {}).get("intent", {})
                            .get(INTENT_NAME_KEY)),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }
