"""Each test process of `make test` (pytest-xdist) has a database of its own."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.databases import server_url


@pytest.mark.postgres
def test_each_test_process_gets_its_own_empty_database(monkeypatch):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw_check")
    mine = make_url(server_url())
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw_other")
    other = make_url(server_url())
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    shared = make_url(server_url())

    assert len({mine.database, other.database, shared.database}) == 3
    engine = create_engine(mine, future=True)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE only_here (n integer)"))
    engine.dispose()
    for url in (other, shared):
        engine = create_engine(url, future=True)
        with engine.connect() as connection:
            tables = connection.execute(text(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_name = 'only_here'")).scalar_one()
        engine.dispose()
        assert tables == 0
