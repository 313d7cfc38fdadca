"""Databases for tests: SQLite files and the PostgreSQL server ``make test`` starts."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from bot.channels.database import Database
from bot.db import migrate


def server_url() -> str:
    """This test process's database on the PostgreSQL server (skipped without one).

    ``make test`` runs the tests in several processes (pytest-xdist): each gets a
    database of its own, so one process's rows and counts never meet another's.
    """
    url = os.environ.get("PUENTE_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PUENTE_TEST_POSTGRES_URL is unset (make test sets it)")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return _worker_database(url, worker) if worker else url


@cache
def _worker_database(base: str, worker: str) -> str:
    """Create the database of xdist worker ``worker`` (once per process)."""
    url = make_url(base)
    name = f"{url.database}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Puente's database on SQLite and on the real PostgreSQL server (shared)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'puente.db'}"
    return server_url()


@contextmanager
def postgres_database(prefix: str) -> Iterator[URL]:
    """Create an empty database, yield its URL, drop it (skip without a server)."""
    base = server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def migrated_database(url: str) -> Database:
    """The WhatsApp channel's database at ``url``, after ``puente migrate``'s work."""
    migrate(url)
    return Database(url)
