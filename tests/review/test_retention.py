"""`puente retention purge` and `puente users add`, run as the command line."""

import argparse
import time

import pytest
from sqlalchemy import func, select

from bot.cli.main import main
from bot.cli.retention import parse_age
from bot.review import queries, training
from bot.review.accounts import authenticate
from bot.review.models import ConversationSummary, ReviewNote, TrainingItem
from bot.review.summaries import refresh
from bot.review.tracker import EVENTS
from bot.settings import PROJECT_ROOT
from tests.review.conftest import events_for

DAY = 86400


@pytest.fixture
def cli_env(stores, monkeypatch):
    """The `puente` command pointed at this test's databases."""
    monkeypatch.setenv("PUENTE_DATA_DIR", str(stores.settings.data_dir))
    monkeypatch.setenv("PUENTE_DATABASE_URL", stores.settings.database_url)
    monkeypatch.setenv("PUENTE_RASA_ENDPOINTS", str(stores.settings.endpoints))
    return stores


def _count(engine, column, sender):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).where(column == sender)).scalar()


async def test_purge_deletes_old_conversations_everywhere(cli_env, capsys):
    stores = cli_env
    now = time.time()
    await stores.save("web-old", events_for(now - 200 * DAY, "es", [
        ("no sé qué hacer", "nlu_fallback", 0.2, None)]))
    await stores.save("web-new", events_for(now - 10 * DAY, "en", [
        ("hello", "greet", 0.99, None)]))
    refresh(stores.puente, stores.tracker)
    queries.save_review(stores.puente, "web-old", "ana@example.org", True, "old", "")
    training.queue_for_training(stores.puente, stores.tracker, "web-old", [],
                                "ana@example.org")
    assert _count(stores.puente, TrainingItem.sender_id, "web-old") == 1

    assert main(["retention", "purge", "--older-than", "180d"]) == 0
    assert "Deleted 1 conversation(s) older than 180 days." in capsys.readouterr().out

    assert _count(stores.tracker, EVENTS.c.sender_id, "web-old") == 0
    for model in (ConversationSummary, ReviewNote, TrainingItem):
        assert _count(stores.puente, model.sender_id, "web-old") == 0
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-new") > 0
    assert _count(stores.puente, ConversationSummary.sender_id, "web-new") == 1


async def test_purge_default_comes_from_settings(cli_env, capsys):
    stores = cli_env
    await stores.save("web-170", events_for(time.time() - 170 * DAY, "en", [
        ("hello", "greet", 0.99, None)]))
    assert main(["retention", "purge"]) == 0  # retention_days = 180 in puente.toml
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-170") > 0
    assert main(["retention", "purge", "--older-than", "90d"]) == 0
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-170") == 0


@pytest.mark.postgres
async def test_production_review_and_purge_read_the_production_tracker_store(
    stores, monkeypatch, capsys
):
    """``endpoints.production.yml``, its variables set, and nothing else: the review
    refresh and the purge find Rasa's conversations in PostgreSQL."""
    if stores.tracker.dialect.name != "postgresql":
        pytest.skip("the production endpoints name PostgreSQL")
    url = stores.tracker.url
    monkeypatch.setenv("PUENTE_DATA_DIR", str(stores.settings.data_dir))
    monkeypatch.setenv("PUENTE_DATABASE_URL", stores.settings.database_url)
    monkeypatch.setenv("PUENTE_RASA_ENDPOINTS",
                       str(PROJECT_ROOT / "endpoints.production.yml"))
    for name, value in (("HOST", url.host), ("PORT", url.port), ("NAME", url.database),
                        ("USER", url.username), ("PASSWORD", url.password)):
        monkeypatch.setenv(f"PUENTE_TRACKER_DB_{name}", str(value or ""))
    await stores.save("web-old", events_for(time.time() - 200 * DAY, "es", [
        ("no sé qué hacer", "nlu_fallback", 0.2, None)]))
    await stores.save("web-new", events_for(time.time(), "en", [
        ("hello", "greet", 0.99, None)]))
    assert main(["review", "refresh"]) == 0
    assert _count(stores.puente, ConversationSummary.sender_id, "web-new") == 1
    assert main(["retention", "purge"]) == 0
    assert "Deleted 1 conversation(s)" in capsys.readouterr().out
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-old") == 0
    assert _count(stores.tracker, EVENTS.c.sender_id, "web-new") > 0


def test_ages():
    assert parse_age("180d") == 180 * DAY
    assert parse_age("12h") == 12 * 3600
    assert parse_age("30") == 30 * DAY
    with pytest.raises(argparse.ArgumentTypeError):
        parse_age("six months")


def test_users_add_reads_the_password_from_the_environment(cli_env, monkeypatch,
                                                           capsys):
    monkeypatch.setenv("PUENTE_NEW_PASSWORD", "a long enough password")
    assert main(["users", "add", "Ana@Example.org", "--role", "admin"]) == 0
    assert "ana@example.org can sign in" in capsys.readouterr().out
    user = authenticate(cli_env.puente, "ana@example.org", "a long enough password")
    assert user is not None and user.is_admin
    monkeypatch.setenv("PUENTE_NEW_PASSWORD", "short")
    assert main(["users", "add", "b@example.org"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    assert authenticate(cli_env.puente, "b@example.org", "short") is None


def test_users_add_gives_an_organizer_the_programs_right(cli_env, monkeypatch,
                                                         capsys):
    monkeypatch.setenv("PUENTE_NEW_PASSWORD", "a long enough password")
    assert main(["users", "add", "lu@example.org", "--programs"]) == 0
    assert "as organizer and manage programs." in capsys.readouterr().out
    user = authenticate(cli_env.puente, "lu@example.org", "a long enough password")
    assert user is not None and user.may_manage_programs and not user.is_admin
    assert main(["users", "add", "lu@example.org"]) == 0  # reset: the right goes
    user = authenticate(cli_env.puente, "lu@example.org", "a long enough password")
    assert user is not None and not user.may_manage_programs


async def test_review_refresh_command(cli_env, capsys):
    await cli_env.save("web-1", events_for(time.time(), "es", [
        ("hola", "greet", 0.99, None)]))
    assert main(["review", "refresh"]) == 0
    assert "Read 7 new event(s)." in capsys.readouterr().out
    assert main(["review", "refresh"]) == 0
    assert "Read 0 new event(s)." in capsys.readouterr().out
    assert _count(cli_env.puente, ConversationSummary.sender_id, "web-1") == 1
