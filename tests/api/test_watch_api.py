"""GET /api/watch: what `sitrep watch` has done over the store, for the dashboard: the last
cycles, each source's state and the alerts sent; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.run.sources import JSONL, Options, Source
from sitrep.run.watch import WatchConfig, run_cycle
from sitrep.store import open_store
from tests.run.sites import ARTICLES, free_port

ARTICLE = {"id": "herat", "published": ARTICLES["herat"][0], "text": ARTICLES["herat"][1]}


def test_the_watch_state_is_served_as_it_is_stored(store_url: str, tmp_path: Path) -> None:
    lines = tmp_path / "wire.jsonl"
    lines.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    down = f"http://watcher:secret@127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    config = WatchConfig((Source(str(lines), JSONL), Source(down, "feed")), read=Options(timeout=2.0))
    with open_store(store_url) as store:
        run_cycle(store, config, lambda line: None)
        run_cycle(store, config, lambda line: None)
    with TestClient(create_app(store_url, token="")) as client:
        answer = client.get("/api/watch")
    assert answer.status_code == 200
    state = answer.json()
    assert [(c["documents"], c["failures"]) for c in state["cycles"]] == [(0, 1), (1, 1)]  # newest first
    assert "Connection refused" in state["cycles"][0]["notes"][0]
    sources = {s["kind"]: s for s in state["sources"]}
    assert sources["jsonl"]["documents"] == 1 and sources["jsonl"]["error"] is None and sources["jsonl"]["ok_at"]
    assert sources["feed"]["source"].startswith("http://watcher:***@127.0.0.1:") and sources["feed"]["ok_at"] is None
    assert "Connection refused" in sources["feed"]["error"]
    assert (sources["jsonl"]["failures"], sources["feed"]["failures"]) == (0, 2)  # failed in both cycles
    assert state["alerts"] == []


def test_a_store_never_watched_has_an_empty_watch_state(store_url: str) -> None:
    open_store(store_url).close()
    with TestClient(create_app(store_url, token="")) as client:
        assert client.get("/api/watch").json() == {"cycles": [], "sources": [], "alerts": []}
