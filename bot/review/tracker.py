"""Rasa's SQL tracker store, seen from the review app.

The review app reads the ``events`` table Rasa writes (never its logs). Only two
things ever write to it from here: an admin deleting a conversation, and the
retention purge; every view reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Mapping

import yaml
from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, inspect
from sqlalchemy.engine import URL, Engine

from bot.settings import PROJECT_ROOT, Settings

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


def tracker_url(settings: Settings, env: Mapping[str, str] | None = None,
                endpoints: Path = PROJECT_ROOT / "endpoints.yml") -> str:
    """The SQLAlchemy URL of the tracker store the assistant writes to.

    ``PUENTE_TRACKER_URL`` wins; otherwise the ``tracker_store`` of
    ``endpoints.yml``: a relative SQLite file lives in the data folder, a server
    database is built from its host, port, db, username and password (``${VAR}``
    expanded as Rasa does).
    """
    env = os.environ if env is None else env
    if env.get("PUENTE_TRACKER_URL"):
        return env["PUENTE_TRACKER_URL"]
    store: Dict[str, Any] = {}
    if endpoints.exists():
        store = (yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}).get(
            "tracker_store") or {}
    dialect = str(store.get("dialect", "sqlite"))
    db = os.path.expandvars(str(store.get("db", "conversations.db")))
    if dialect == "sqlite":
        path = Path(db)
        if not path.is_absolute():
            path = settings.data_dir / path.name
        return f"sqlite:///{path}"
    port = store.get("port")
    return URL.create(
        drivername="postgresql" if dialect == "postgres" else dialect,
        username=_expand(store.get("username")),
        password=_expand(store.get("password")),
        host=_expand(store.get("url") or store.get("host")),
        port=int(_expand(port)) if port else None,
        database=db,
    ).render_as_string(hide_password=False)


def _expand(value: Any) -> str | None:
    return os.path.expandvars(str(value)) if value is not None else None


def has_events(tracker: Engine) -> bool:
    """Whether Rasa has created its events table yet (not before its first run)."""
    return inspect(tracker).has_table(EVENTS.name)


def event_data(raw: str | None) -> Dict[str, Any]:
    """The JSON an event row carries (an empty dict for a broken row)."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
