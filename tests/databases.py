"""A fresh database on the PostgreSQL server ``make test`` starts, per test."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url


@contextmanager
def postgres_database(prefix: str) -> Iterator[URL]:
    """Create an empty database, yield its URL, drop it (skip without a server)."""
    base = os.environ.get("PUENTE_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PUENTE_TEST_POSTGRES_URL is unset (make test sets it)")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
