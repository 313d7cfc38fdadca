"""Program databases for the tests: a fresh SQLite file, and PostgreSQL when available.

The PostgreSQL tests skip only when ``PUENTE_TEST_POSTGRES_URL`` is unset; ``make
test`` always starts a private server and sets it. Each test gets empty tables.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine

from bot.db import make_engine, migrate, session_scope
from bot.programs.alert_models import ProgramAlert, ProgramAlertEvent, ProgramAlertSent
from bot.programs.models import Program, UnmetDemand
from bot.settings import Settings, load_settings
from tests.channels.meta import FakeGraph


def _empty(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        for table in (Program, UnmetDemand, ProgramAlert, ProgramAlertSent,
                      ProgramAlertEvent):
            session.execute(delete(table))
    return engine


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """Migrated, empty SQLite database."""
    url = f"sqlite:///{tmp_path / 'programs.db'}"
    migrate(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(database_url) -> Iterator[Engine]:
    """The same tests on SQLite and on a real PostgreSQL server."""
    migrate(database_url)
    engine = make_engine(database_url)
    yield _empty(engine)
    _empty(engine)
    engine.dispose()


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    """Meta's Graph API, faked on loopback: where program alerts are sent."""
    running = FakeGraph().start()
    yield running
    running.stop()


@pytest.fixture
def settings(tmp_path) -> Settings:
    """puente.toml's settings with the data folder (and its databases) in tmp_path."""
    return load_settings(env={"PUENTE_DATA_DIR": str(tmp_path)})
