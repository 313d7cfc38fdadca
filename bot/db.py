"""Puente's database: one engine per URL, one short session per unit of work.

SQLite by default (a file under the data folder), PostgreSQL in production: the
same code runs on both (SQLAlchemy 1.4 in 2.0 style: ``future=True``, ``select()``,
bound parameters only). Tables are created and changed only by Alembic migrations
(``bot/migrations``), applied by :func:`migrate` (``puente migrate``) and by
nothing else: servers only check, with :func:`require_schema`, that it was run.
"""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Tuple

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session, declarative_base

MIGRATIONS = Path(__file__).with_name("migrations")

#: Constraint names Alembic can rely on in both SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: The declarative base of every Puente table.
Base = declarative_base(metadata=MetaData(naming_convention=NAMING))


def make_engine(url: str, *, create: bool = True) -> Engine:
    """Make an engine for ``url``; SQLite files get their folder created.

    ``create=False`` is for servers that use a database made at start-up: if its
    SQLite file goes missing, the engine fails (and the caller copes) instead of
    leaving an empty database where the families' data used to be.
    """
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///"))
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif "?" not in url:
            url = f"sqlite:///file:{path}?mode=rw&uri=true"
    return create_engine(url, future=True, pool_pre_ping=True)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Open a session that commits if the block succeeds and rolls back if it fails."""
    with Session(engine, future=True) as session:
        with session.begin():
            yield session


def alembic_config(url: str) -> Config:
    """Alembic's configuration for ``url`` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


#: The PostgreSQL advisory lock migrations hold ("puente" in ASCII).
MIGRATION_LOCK = 0x7075656E7465


def migrate(url: str) -> None:
    """Bring the database at ``url`` up to the newest schema (every branch head).

    Serialized: several servers or replicas starting together would otherwise race
    to create the same tables. On PostgreSQL an advisory lock is held for the
    upgrade, on SQLite a lock on a file beside the database; whoever comes second
    finds the schema up to date and changes nothing. Alembic runs on the very
    connection that holds the lock (``bot/migrations/env.py``): one connection per
    migration, so a database that allows one connection per role can migrate too.
    """
    engine = make_engine(url)  # creates the SQLite folder if needed
    try:
        with engine.connect() as connection, _migration_lock(connection):
            config = alembic_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
    finally:
        engine.dispose()


class SchemaBehind(RuntimeError):
    """The database is not at the newest schema: ``puente migrate`` was not run."""


def require_schema(url: str) -> None:
    """Raise :class:`SchemaBehind` unless the database at ``url`` is fully migrated.

    Servers call this instead of migrating: a deploy runs ``puente migrate`` once,
    before any replica starts, so replicas never race on the schema nor change
    it behind the operator's back. A server started against an old or empty
    database then stops with an error that says what to run.
    """
    script = ScriptDirectory.from_config(alembic_config(url))
    current: Tuple[str, ...] = ()
    database = make_url(url).database or ""
    if not url.startswith("sqlite:///") or Path(database).exists():
        engine = make_engine(url, create=False)
        try:
            with engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_heads()
        finally:
            engine.dispose()
    # Applied: the recorded heads and all they stand on (``depends_on`` included:
    # Alembic records only the heads that nothing applied depends on).
    applied = {r.revision for r in script.iterate_revisions(current, "base")}
    missing = sorted({r.revision for r in script.walk_revisions()} - applied)
    if missing:
        where = make_url(url).render_as_string(hide_password=True)
        raise SchemaBehind(
            f"Puente's database ({where}) lacks migration(s) {', '.join(missing)}: "
            "run `puente migrate` first.")


@contextmanager
def _migration_lock(connection: Connection) -> Iterator[None]:
    """Hold the migration lock of ``connection``'s database while the block runs."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_lock(:key)"),
                           {"key": MIGRATION_LOCK})
        connection.commit()  # the lock outlives this; Alembic begins its own
        try:
            yield
        finally:
            connection.rollback()  # a failed upgrade leaves its transaction open
            connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                               {"key": MIGRATION_LOCK})
            connection.commit()
        return
    database = connection.engine.url.database
    if connection.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
