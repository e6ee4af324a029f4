"""Store fixtures: `store_url` runs a test against SQLite and against PostgreSQL.

PostgreSQL is a real server: $SITREP_TEST_PG_URL names one (.ci/run starts the local server and
sets it), else the local server of the ground rules is tried (tests/components.py). Each test
gets a database of its own, created fresh (sitrep_test_<random>) and dropped afterwards, so runs
never collide. Without a server the PostgreSQL cases are skipped, saying why.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.components import missing, pg_unavailable, pg_url

PG_URL = pg_url()
NO_PG = f"the PostgreSQL store tests need a server: {pg_unavailable()}"
BACKENDS = ["sqlite", "postgres"]


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """The URL of a new, empty database on the test server; dropped on exit."""
    import psycopg

    assert PG_URL is not None
    name = f"sitrep_test_{secrets.token_hex(6)}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")  # a name of our own making, not input
    try:
        yield _with_db(name)
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            # FORCE: a killed ingest's connection may not have been cleaned up yet.
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _with_db(name: str) -> str:
    """The test server URL with another database name (query string kept)."""
    from urllib.parse import urlsplit, urlunsplit

    assert PG_URL is not None
    parts = urlsplit(PG_URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def backend_url(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield str(folder / "store.db")
        return
    if not PG_URL:
        missing("postgresql", NO_PG)
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store: a SQLite file, or a fresh PostgreSQL database."""
    with backend_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS, scope="module")
def corpus_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store holding the articles of tests/store/corpus.py, ingested once per module and backend.
    Tests must only read it."""
    from sitrep.read import read_inputs
    from sitrep.store import open_store
    from sitrep.run import ingest_documents
    from tests.store.corpus import ARTICLES, write_jsonl

    folder = tmp_path_factory.mktemp(f"corpus-{request.param}")
    with backend_url(request.param, folder) as url:
        with open_store(url) as store:
            ingest_documents(store, read_inputs([str(write_jsonl(folder / "articles.jsonl", ARTICLES))]))
        yield url
