"""Program databases for the tests: a fresh SQLite file, and PostgreSQL when available.

The PostgreSQL tests skip only when ``PUENTE_TEST_POSTGRES_URL`` is unset; ``make
test`` always starts a private server and sets it. Each test gets empty tables.
"""

from __future__ import annotations

import os
from typing import Iterator

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine

from bot.db import make_engine, migrate, session_scope
from bot.programs.models import Program, UnmetDemand

POSTGRES_URL = os.environ.get("PUENTE_TEST_POSTGRES_URL")


def _empty(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        session.execute(delete(Program))
        session.execute(delete(UnmetDemand))
    return engine


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """Migrated, empty SQLite database."""
    url = f"sqlite:///{tmp_path / 'programs.db'}"
    migrate(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path) -> Iterator[Engine]:
    """The same tests on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'programs.db'}"
    else:
        if not POSTGRES_URL:
            pytest.skip("PUENTE_TEST_POSTGRES_URL is unset (make test sets it)")
        url = POSTGRES_URL
    migrate(url)
    engine = make_engine(url)
    yield _empty(engine)
    _empty(engine)
    engine.dispose()
