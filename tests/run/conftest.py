"""Fixtures the run tests share with the store tests."""

from tests.store.conftest import store_url  # noqa: F401 - an empty store, over SQLite and PostgreSQL
