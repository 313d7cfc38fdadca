"""Rasa's SQL tracker store, reading conversations back several times faster.

Every message makes Rasa read the conversation back from the tracker store and
turn each stored event into an ``Event``. Rasa 3.6 finds each event's class with
``Event.resolve_by_type``, which walks every ``Event`` subclass (and asks
``inspect.isabstract`` of each) once per event: for a 500-event conversation that
is about 18 ms of a message's time, against under 1 ms with the classes looked up
in a table built once. Only the ``data`` column is read (no ORM object per event). Measured by ``make bench PARTS=speed``. Storage, queries
and saving are Rasa's own; only the reading of events differs, and an event type
this table does not know goes through Rasa's own lookup.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text, Type

from rasa.core.tracker_store import SQLTrackerStore as RasaSQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses


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
    """Events from their stored dictionaries, as ``Event.from_parameters`` makes them."""
    classes = event_classes()
    events = []
    for parameters in stored:
        cls = classes.get(parameters.get("event"))
        event = (cls._from_parameters(parameters) if cls is not None
                 else Event.from_parameters(parameters))
        if event is not None:
            events.append(event)
    return events


class SQLTrackerStore(RasaSQLTrackerStore):
    """``type: bot.conversations.store.SQLTrackerStore`` in ``endpoints.yml``; same
    settings as Rasa's ``type: SQL`` (dialect, db, url, port, username, password)."""

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id,
                fetch_events_from_all_sessions=fetch_events_from_all_sessions,
            ).with_entities(self.SQLEvent.data).all()
            stored = [json.loads(data) for (data,) in rows]
        if not (self.domain and stored):
            return None
        return DialogueStateTracker.from_events(
            sender_id, deserialise_events(stored), self.domain.slots)
