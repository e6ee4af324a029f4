"""Trends and alerts kept per store version (sitrep/api/cache.py): any write makes the next answer
new, identical requests at once compute once. Nothing here is timed: computations are counted
(AnswerCache.computed, the X-Sitrep-Cache header), on SQLite and PostgreSQL, and over a real server
with real threads."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.api.app import CACHE_HEADER
from sitrep.api.cache import AnswerCache
from sitrep.read import read_inputs
from sitrep.store import EventFilter, open_store
from sitrep.run import ingest_documents
from tests.store.corpus import ARTICLES, KIRKUK_BOMB, MOGADISHU_HOTEL, write_jsonl
from tests.web.conftest import serving

WAIT_SECONDS = 60  # only a bound on a wait that a broken cache would make endless; nothing is timed


def ingest(url: str, folder: Path, articles: list[dict[str, Any]]) -> None:
    with open_store(url) as store:
        ingest_documents(
            store, read_inputs([str(write_jsonl(folder / f"batch-{len(list(folder.iterdir()))}.jsonl", articles))])
        )


def version(url: str) -> int:
    with open_store(url) as store:
        return store.version()


def test_the_store_version_rises_with_every_committed_write(store_url: str, tmp_path: Path) -> None:
    first = version(store_url)
    assert isinstance(first, int)
    ingest(store_url, tmp_path, [KIRKUK_BOMB])
    second = version(store_url)
    assert second is not None and second > first
    with open_store(store_url) as store:  # reading changes nothing
        store.find_events(EventFilter())
        store.count_events(EventFilter())
        assert store.version() == second
    ingest(store_url, tmp_path, [MOGADISHU_HOTEL])
    third = version(store_url)
    assert third is not None and third > second


def test_a_write_rolled_back_leaves_the_version(store_url: str) -> None:
    from sitrep.store.writer import bump_version

    with open_store(store_url) as store:
        before = store.version()
        with pytest.raises(RuntimeError), store.db.transaction():
            bump_version(store.db)
            raise RuntimeError("the write fails")
        assert store.version() == before


def test_answers_are_kept_until_a_write(store_url: str, tmp_path: Path) -> None:
    ingest(store_url, tmp_path, [KIRKUK_BOMB])
    app = create_app(store_url, token="")
    answers: AnswerCache = app.state.sitrep.answers
    with TestClient(app) as client:
        first = client.get("/api/trends?period=month")
        again = client.get("/api/trends?baseline=8&period=month")  # the same query, the default written out
        assert (first.headers[CACHE_HEADER], again.headers[CACHE_HEADER]) == ("miss", "hit")
        assert again.json() == first.json() and answers.computed == 1
        assert [r["period"] for r in first.json()["rows"]] == ["2021-03"]
        assert client.get("/api/trends?period=week").headers[CACHE_HEADER] == "miss"  # another query
        assert client.get("/api/alerts?by=country,type").headers[CACHE_HEADER] == "miss"
        assert client.get("/api/alerts?by=type,country").headers[CACHE_HEADER] == "hit"  # the same tests
        assert answers.computed == 3

        ingest(store_url, tmp_path, [MOGADISHU_HOTEL])  # another process's write, straight to the store
        after = client.get("/api/trends?period=month")
        assert after.headers[CACHE_HEADER] == "miss"
        assert [r["period"] for r in after.json()["rows"]] == ["2021-03", "2021-04"]
        assert client.get("/api/alerts?by=country,type").headers[CACHE_HEADER] == "miss"
        assert answers.computed == 5


def test_an_upload_through_the_api_changes_the_answer(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    with TestClient(create_app(db, token="t0ken")) as client:
        client.post("/api/articles", json=KIRKUK_BOMB, headers={"Authorization": "Bearer t0ken"}).raise_for_status()
        assert sum(r["events"] for r in client.get("/api/trends?period=month").json()["rows"]) == 1
        client.post("/api/articles", json=MOGADISHU_HOTEL, headers={"Authorization": "Bearer t0ken"}).raise_for_status()
        response = client.get("/api/trends?period=month")
        assert response.headers[CACHE_HEADER] == "miss"
        assert sum(r["events"] for r in response.json()["rows"]) == 2


def test_refusals_are_not_kept(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    ingest(db, tmp_path, [KIRKUK_BOMB])
    app = create_app(db, token="")
    with TestClient(app) as client:
        for _ in range(2):
            assert client.get("/api/trends?since=1900-01-01").status_code == 400  # 6,000 weeks
        assert app.state.sitrep.answers.computed == 0


def wait_until(condition: Any) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.01)


def test_identical_requests_at_once_compute_once() -> None:
    """Single flight: 19 requests arriving while the first computes wait for its answer."""
    cache = AnswerCache()
    release = threading.Event()
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        release.wait(WAIT_SECONDS)
        return {"answer": 42}

    results: list[tuple[Any, bool]] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("key", compute))) for _ in range(20)]
    threads[0].start()
    wait_until(lambda: calls)
    for t in threads[1:]:
        t.start()
    wait_until(lambda: cache.waiting == 19)  # all of them inside, waiting: none computes
    release.set()
    for t in threads:
        t.join(WAIT_SECONDS)
    assert len(calls) == 1 and cache.computed == 1
    assert len(results) == 20 and all(answer is results[0][0] for answer, _ in results)
    assert sorted(hit for _, hit in results) == [False] + [True] * 19


def test_an_error_reaches_every_waiter_and_is_not_kept() -> None:
    cache = AnswerCache()
    release = threading.Event()
    raised: list[BaseException] = []

    def failing() -> None:
        release.wait(WAIT_SECONDS)
        raise ValueError("no store")

    def ask() -> None:
        try:
            cache.get("key", failing)
        except ValueError as e:
            raised.append(e)

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    wait_until(lambda: cache.waiting == 2)
    release.set()
    for t in threads:
        t.join(WAIT_SECONDS)
    assert len(raised) == 3
    assert cache.get("key", lambda: "fine") == ("fine", False)


def test_the_cache_is_bounded() -> None:
    cache = AnswerCache(size=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda k=key: k)
    assert cache.get("c", lambda: "again") == ("c", True)
    assert cache.get("a", lambda: "again") == ("again", False)  # the oldest went first


def test_twenty_clients_at_once_over_http(tmp_path: Path) -> None:
    """20 threads ask a real server for the same trend at once: one computation, one answer."""
    db = str(tmp_path / "store.db")
    ingest(db, tmp_path, ARTICLES)
    with serving(db) as base:
        barrier = threading.Barrier(20)
        responses: list[httpx.Response] = []

        def ask() -> None:
            barrier.wait(WAIT_SECONDS)
            responses.append(httpx.get(f"{base}/api/trends?period=week&by=country", timeout=WAIT_SECONDS))

        threads = [threading.Thread(target=ask) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT_SECONDS)
        assert [r.status_code for r in responses] == [200] * 20
        assert sorted(r.headers[CACHE_HEADER] for r in responses) == ["hit"] * 19 + ["miss"]
        assert len({r.text for r in responses}) == 1
        assert httpx.get(f"{base}/api/health").json()["events"] > 0
