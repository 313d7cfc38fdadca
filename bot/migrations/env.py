"""Alembic environment: run migrations against the URL bot.db passes in."""

from alembic import context
from sqlalchemy import create_engine

from bot.db import Base

config = context.config


def run() -> None:
    """Run migrations online (Puente always has a live connection)."""
    engine = create_engine(config.get_main_option("sqlalchemy.url"), future=True)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run()
