"""Settings are read once per process; tests (and servers) pass their own down."""

from dataclasses import replace

from sqlalchemy import inspect

from bot.cli.main import main
from bot.db import make_engine
from bot.settings import load_settings, process_settings


def test_framework_started_code_reads_the_settings_once(monkeypatch):
    """The action server's actions ask process_settings on every message: the file
    and the environment are read on the first call only."""
    process_settings.cache_clear()
    try:
        first = process_settings()
        monkeypatch.setenv("PUENTE_SERVER_PAGES_PORT", str(first.pages_port + 1))
        assert process_settings() is first
        assert load_settings().pages_port == first.pages_port + 1
    finally:
        process_settings.cache_clear()


def test_the_puente_command_runs_with_the_settings_it_is_given(tmp_path, capsys):
    database = tmp_path / "given.db"
    settings = replace(load_settings(env={}), database_url=f"sqlite:///{database}")
    assert main(["migrate"], settings) == 0
    assert "up to date" in capsys.readouterr().out
    engine = make_engine(settings.database_url)
    try:
        assert "programs" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
