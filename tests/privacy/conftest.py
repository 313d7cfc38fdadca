"""The review app's real tracker stores (SQLite and PostgreSQL), for deletion."""

from tests.review.conftest import stores  # noqa: F401 (a fixture)
