"""The Alembic migrations build exactly the schema the models describe, on SQLite
and on PostgreSQL: a model changed without a migration fails here, not in a
family's conversation after an upgrade."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import bot.channels.inbox  # noqa: F401  (every model registers on Base.metadata)
import bot.channels.seen  # noqa: F401
import bot.programs.models  # noqa: F401
import bot.review.models  # noqa: F401
import bot.web.limits  # noqa: F401
from bot.db import Base, make_engine, migrate


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
