"""API fixtures: the app over the store corpus (tests/store/corpus.py), on SQLite and PostgreSQL,
called in-process through Starlette's TestClient (no port).

`corpus_url` and `store_url` are the store tests' own fixtures, reused: the same articles, the
same fresh PostgreSQL database per module or test ($SITREP_TEST_PG_URL; skipped without it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.api.guard import HOSTS_ENV
from tests.store.conftest import corpus_url, store_url  # noqa: F401 - fixtures used by the API tests

TOKEN = "test-token-5f1c"
TEST_HOST = "testserver"  # the Host header Starlette's TestClient sends


@pytest.fixture(scope="session", autouse=True)
def test_client_host() -> Iterator[None]:
    """The API answers only the hosts it is told (sitrep/api/guard.py): the in-process clients'
    host is named here, for every app the API tests create (test_guard.py clears it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOSTS_ENV, TEST_HOST)
        yield


@pytest.fixture(scope="module")
def api(corpus_url: str) -> Iterator[TestClient]:  # noqa: F811 - the fixture imported above
    """A read-only client over the corpus store; writes disabled."""
    with TestClient(create_app(corpus_url, token="")) as client:
        yield client


@pytest.fixture
def writer(store_url: str) -> Iterator[TestClient]:  # noqa: F811 - the fixture imported above
    """A client over an empty store whose token is TOKEN."""
    with TestClient(create_app(store_url, token=TOKEN)) as client:
        yield client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
