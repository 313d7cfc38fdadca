"""Alembic environment: run migrations on the connection bot.db passes in.

``bot.db.migrate`` passes the connection that holds the migration lock (in
``config.attributes["connection"]``), so the upgrade runs under that lock on one
connection. Alembic's own command line (``alembic revision --autogenerate``)
passes none: then a connection to ``sqlalchemy.url`` is opened here.
"""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from bot.db import Base

config = context.config


def upgrade_on(connection: Connection) -> None:
    """Run the migrations on ``connection``, in a transaction of their own."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Run migrations online (Puente always has a live connection)."""
    locked = config.attributes.get("connection")
    if locked is not None:
        upgrade_on(locked)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"), future=True)
    with engine.connect() as connection:
        upgrade_on(connection)
    engine.dispose()


run()
