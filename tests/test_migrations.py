"""The Alembic migrations build exactly the schema the models describe, on SQLite
and on PostgreSQL: a model changed without a migration fails here, not in a
family's conversation after an upgrade."""

import os
import subprocess
import sys
from contextlib import ExitStack

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import bot.channels.inbox  # noqa: F401  (every model registers on Base.metadata)
import bot.channels.seen  # noqa: F401
import bot.programs.models  # noqa: F401
import bot.review.models  # noqa: F401
import bot.web.limits  # noqa: F401
from bot.db import Base, make_engine, migrate
from bot.settings import PROJECT_ROOT
from tests.databases import postgres_database


def test_migrations_match_the_models(database_url):
    migrate(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection),
                                           Base.metadata)
            indexes = {i["name"] for i in inspect(connection).get_indexes("programs")}
    finally:
        engine.dispose()
    assert differences == []
    assert "ix_programs_lookup" in indexes


@pytest.mark.parametrize("dialect", ["sqlite", pytest.param("postgresql",
                                                            marks=pytest.mark.postgres)])
def test_replicas_starting_together_migrate_one_at_a_time(dialect, tmp_path):
    """Four `puente migrate` at once on an empty database: all succeed, one schema."""
    with ExitStack() as stack:
        url = (f"sqlite:///{tmp_path / 'puente.db'}" if dialect == "sqlite" else
               stack.enter_context(postgres_database("migrate"))
               .render_as_string(hide_password=False))
        env = {**os.environ, "PUENTE_DATABASE_URL": url}
        runs = [subprocess.Popen([sys.executable, "-m", "bot.cli.main", "migrate"],
                                 cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
                for _ in range(4)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0] * 4, outputs
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                assert compare_metadata(MigrationContext.configure(connection),
                                        Base.metadata) == []
        finally:
            engine.dispose()
