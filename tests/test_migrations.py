"""The Alembic migrations build exactly the schema the models describe, on SQLite
and on PostgreSQL: a model changed without a migration fails here, not in a
family's conversation after an upgrade."""

import os
import subprocess
import sys
from contextlib import ExitStack

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect, text
from sqlalchemy.pool import Pool

import bot.channels.inbox  # noqa: F401  (every model registers on Base.metadata)
import bot.channels.seen  # noqa: F401
import bot.programs.alert_models  # noqa: F401
import bot.programs.models  # noqa: F401
import bot.review.models  # noqa: F401
import bot.web.limits  # noqa: F401
from bot.cli.main import main
from bot.db import Base, alembic_config, make_engine, migrate, require_schema
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


DIALECTS = pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])


def empty_database(dialect: str, stack: ExitStack, tmp_path) -> str:
    """The URL of an empty database on ``dialect`` (dropped when ``stack`` closes)."""
    if dialect == "sqlite":
        return f"sqlite:///{tmp_path / 'puente.db'}"
    return (stack.enter_context(postgres_database("migrate"))
            .render_as_string(hide_password=False))


def schema_differences(url: str) -> list:
    """What the database at ``url`` lacks or has beyond the models' schema."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection),
                                    Base.metadata)
    finally:
        engine.dispose()


@DIALECTS
def test_alembic_migrates_on_the_connection_holding_the_lock(dialect, tmp_path):
    """One connection per migration: the lock's. A second one would upgrade
    outside the lock (and fail where a role may open only one connection)."""
    opened = []

    def count(*_: object) -> None:
        opened.append(1)

    with ExitStack() as stack:
        url = empty_database(dialect, stack, tmp_path)
        event.listen(Pool, "connect", count)
        try:
            migrate(url)
        finally:
            event.remove(Pool, "connect", count)
        assert len(opened) == 1
        assert schema_differences(url) == []


@DIALECTS
def test_replicas_starting_together_migrate_one_at_a_time(dialect, tmp_path):
    """Four `puente migrate` at once on an empty database: all succeed, one schema."""
    with ExitStack() as stack:
        url = empty_database(dialect, stack, tmp_path)
        env = {**os.environ, "PUENTE_DATABASE_URL": url}
        runs = [subprocess.Popen([sys.executable, "-m", "bot.cli.main", "migrate"],
                                 cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True)
                for _ in range(4)]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        assert [run.returncode for run in runs] == [0] * 4, outputs
        assert schema_differences(url) == []


def test_a_server_never_migrates_and_says_to_run_puente_migrate(tmp_path):
    """The pages server on an empty database stops, naming the command to run."""
    url = f"sqlite:///{tmp_path / 'puente.db'}"
    env = {**os.environ, "PUENTE_DATABASE_URL": url, "PUENTE_DATA_DIR": str(tmp_path),
           "PUENTE_SECRET_KEY": "test-secret"}
    pages = subprocess.run([sys.executable, "-m", "bot.web.app"], cwd=PROJECT_ROOT,
                           env=env, capture_output=True, text=True, timeout=120)
    assert pages.returncode != 0
    assert "run `puente migrate` first" in pages.stderr
    assert not (tmp_path / "puente.db").exists()  # nothing created behind our back


def test_commands_check_the_schema_after_puente_migrate(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PUENTE_DATABASE_URL", f"sqlite:///{tmp_path / 'puente.db'}")
    assert main(["review", "refresh"]) == 2
    assert "run `puente migrate` first" in capsys.readouterr().err
    assert main(["migrate"]) == 0
    require_schema(f"sqlite:///{tmp_path / 'puente.db'}")  # up to date: no error


@DIALECTS
def test_a_training_label_from_before_two_labels_is_kept(dialect, tmp_path):
    """0013: the queue's one label per message becomes its first of two (not lost,
    and not counted as agreed); going back puts it in its column again."""
    with ExitStack() as stack:
        url = empty_database(dialect, stack, tmp_path)
        config = alembic_config(url)
        command.upgrade(config, "0012")
        engine = make_engine(url)
        stack.callback(engine.dispose)
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO review_training (sender_id, event_id, text, language, "
                "intent, added_by, added_at) VALUES "
                "('web-1', 7, 'y si no puedo pagar', 'es', 'faq/cost', 'a@x.org', 5.0),"
                "('web-1', 8, 'hola', 'es', NULL, 'a@x.org', 6.0)"))
        command.upgrade(config, "heads")
        with engine.connect() as connection:
            assert connection.execute(text(
                "SELECT item_id, labeler, label, at FROM review_training_labels"
            )).all() == [(1, "(label from before 2026-12-05)", "faq/cost", 5.0)]
        command.downgrade(config, "0012")
        with engine.connect() as connection:
            assert connection.execute(text(
                "SELECT event_id, intent FROM review_training ORDER BY event_id"
            )).all() == [(7, "faq/cost"), (8, None)]
