"""Rasa's SQL tracker store, seen from the review app.

The review app reads the ``events`` table Rasa writes (never its logs). Only two
things ever write to it from here: an admin deleting a conversation, and the
retention purge; every view reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict

import yaml
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect
from sqlalchemy.engine import URL, Engine, make_url

from bot.settings import Settings

#: Rasa's ``events`` table (rasa.core.tracker_store.SQLTrackerStore.SQLEvent),
#: declared on its own metadata so Puente's migrations never touch it.
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def tracker_url(settings: Settings) -> str:
    """Return the SQLAlchemy URL of the tracker store the assistant writes to.

    Read from the ``tracker_store`` of ``settings.endpoints``, the file Rasa runs
    with: a relative SQLite file lives in the data folder (where ``make run`` puts
    it), a server database is built from its host, port, db, username and password
    (``${VAR}`` expanded as Rasa does).
    """
    store: Dict[str, Any] = {}
    if settings.endpoints.exists():
        store = (yaml.safe_load(settings.endpoints.read_text(encoding="utf-8"))
                 or {}).get("tracker_store") or {}
    dialect = str(store.get("dialect", "sqlite"))
    db = os.path.expandvars(str(store.get("db", "conversations.db")))
    if dialect == "sqlite":
        path = Path(db)
        if not path.is_absolute():
            path = settings.data_dir / path.name
        return f"sqlite:///{path}"
    port = _expand(store.get("port"))
    url: str = URL.create(
        drivername="postgresql" if dialect == "postgres" else dialect,
        username=_expand(store.get("username")),
        password=_expand(store.get("password")),
        host=_expand(store.get("url") or store.get("host")),
        port=int(port) if port else None,
        database=db,
    ).render_as_string(hide_password=False)
    return url


def tracker_store_for(url: str) -> Dict[str, Any]:
    """Return the ``tracker_store`` entry of an endpoints file for the database ``url``.

    The inverse of :func:`tracker_url`, for tools that make a database first and
    then start Rasa or the review app on it (tests, the bench).
    """
    parsed = make_url(url)
    store: Dict[str, Any] = {"type": "bot.conversations.store.SQLTrackerStore",
                             "dialect": parsed.get_backend_name(),
                             "db": parsed.database}
    if parsed.host:
        store.update(url=parsed.host, port=parsed.port, username=parsed.username,
                     password=parsed.password)
    return store


def _expand(value: Any) -> str | None:
    return os.path.expandvars(str(value)) if value is not None else None


def has_events(tracker: Engine) -> bool:
    """Whether Rasa has created its events table yet (not before its first run)."""
    return bool(inspect(tracker).has_table(EVENTS.name))


def event_data(raw: str | None) -> Dict[str, Any]:
    """Return the JSON an event row carries (an empty dict for a broken row)."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
