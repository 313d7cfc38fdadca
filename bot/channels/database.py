"""Puente's database as the WhatsApp channel's stores share it: one engine a process.

The schema (made by ``puente migrate``) is checked on first use rather than at
import, so a Rasa server that never receives a WhatsApp message never touches the
database.
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from bot.db import make_engine, require_schema


class Database:
    """Lazily checked engine for ``url`` (SQLite or PostgreSQL), thread-safe."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def engine(self) -> Engine:
        """Return the engine, after checking the schema is up to date once a process.

        Blocking (migrations, connections): call it from a worker thread.
        """
        with self._lock:
            if self._engine is None:
                require_schema(self.url)
                self._engine = make_engine(self.url)
            return self._engine
