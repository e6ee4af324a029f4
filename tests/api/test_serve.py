"""`sitrep serve` for real: a server process on a free port, asked over HTTP, then stopped: by one
signal even while it ingests an upload, which also stops when its client leaves."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.store import open_store
from tests.store.corpus import generated

pytestmark = pytest.mark.slow  # starts `sitrep serve` processes

START_SECONDS = 60  # importing FastAPI and the store on a busy CI machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + START_SECONDS
    while True:
        assert server.poll() is None, server.communicate()
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_answers_over_http_and_stops(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()  # an empty store
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITREP_API_TOKEN"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        response = wait_for(f"http://127.0.0.1:{port}/api/health", server)
        assert response.status_code == 200 and response.json() == {"ok": True, "events": 0}
        assert httpx.get(f"http://127.0.0.1:{port}/api/events?page_size=9999").status_code == 400
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out and "writes disabled" in out
    # uvicorn shuts down cleanly, then re-raises the signal it caught (so the exit says why).
    assert server.returncode in (0, -signal.SIGTERM) and "Finished server process" in err, err


def test_serve_refuses_another_programs_database(tmp_path: Path) -> None:
    db = tmp_path / "shop.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    done = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "serve", "--port", str(free_port()), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, f"Error: {db} is not a sitrep store: it holds tables customers\n")


# --- stopping: one signal, an upload in flight, a client that leaves ------------------------------

TOKEN = "serve-test-token-3b7"
UPLOAD = generated(1500)  # seconds of ingest: a signal or a disconnect lands in the middle of it
EXIT_SECONDS = 60  # generous: the bug was minutes; a prompt stop takes a second or two


class Served:
    """`sitrep serve` with a token over `db`, its stderr collected line by line as it runs."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "SITREP_API_TOKEN": TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitrep.cli", "serve", "--port", str(self.port), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.log: list[str] = []
        self.reader = threading.Thread(target=lambda: self.log.extend(self.process.stderr or ()), daemon=True)
        self.reader.start()
        wait_for(self.url("/api/health"), self.process)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def post(self, body: bytes) -> http.client.HTTPConnection:
        """The upload, sent whole; the answer is read later (conn.getresponse())."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=EXIT_SECONDS)
        conn.request(
            "POST",
            "/api/articles",
            body=body,
            headers={"Content-Type": "application/x-ndjson", "Authorization": f"Bearer {TOKEN}"},
        )
        return conn

    def line(self, part: str) -> str:
        """The first log line holding `part`, once the server has written it."""
        deadline = time.monotonic() + EXIT_SECONDS
        while not (found := [line for line in list(self.log) if part in line]):
            assert time.monotonic() < deadline and self.process.poll() is None, "".join(self.log)
            time.sleep(0.1)
        return found[0]

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(EXIT_SECONDS)
        self.reader.join(EXIT_SECONDS)
        if self.process.stderr is not None:
            self.process.stderr.close()


def jsonl(articles: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles).encode()


def stored_ids(db: Path) -> set[str]:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM documents")}


def until_some_stored(db: Path, served: Served) -> None:
    """Wait for the first committed documents of the upload: the ingest is under way."""
    deadline = time.monotonic() + EXIT_SECONDS
    while not stored_ids(db):
        assert time.monotonic() < deadline and served.process.poll() is None, "".join(served.log)
        time.sleep(0.05)


def stop_during_upload(db: Path, sig: signal.Signals) -> tuple[int, dict[str, Any], int | None]:
    """Post UPLOAD, send `sig` once while it is being ingested; the answer's status and body, and
    the server's exit status."""
    open_store(db).close()
    with Served(db) as served, closing(served.post(jsonl(UPLOAD))) as conn:
        until_some_stored(db, served)
        served.process.send_signal(sig)
        response = conn.getresponse()
        answer = json.loads(response.read())
        served.process.wait(EXIT_SECONDS)  # by itself, after one signal (raises TimeoutExpired otherwise)
    return response.status, answer, served.process.returncode


def committed(answer: dict[str, Any]) -> set[str]:
    return {i["doc_id"] for i in answer["inputs"] if i["status"] in ("new", "near-duplicate")}


def test_one_sigterm_stops_the_server_during_an_upload_and_posting_again_finishes(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    status, answer, code = stop_during_upload(db, signal.SIGTERM)
    assert code in (0, -signal.SIGTERM)
    assert status == 503 and answer["detail"].startswith("the server is shutting down: the ingest stopped after ")
    # Stopped between documents: what the answer lists as stored is stored, and nothing else.
    assert 0 < len(committed(answer)) < len(UPLOAD)
    assert stored_ids(db) == committed(answer)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute(
            "SELECT COUNT(DISTINCT doc_id) FROM reports WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone() == (0,)
    # The same batch again stores the rest.
    with Served(db) as served:
        again = httpx.post(
            served.url("/api/articles"),
            content=jsonl(UPLOAD),
            timeout=600,
            headers={"Content-Type": "application/x-ndjson", "Authorization": f"Bearer {TOKEN}"},
        )
    assert again.status_code == 200, again.text
    assert again.json()["unchanged"] == len(committed(answer))
    assert again.json()["new"] + again.json()["near_duplicates"] == len(UPLOAD) - len(committed(answer))
    assert len(stored_ids(db)) == len(UPLOAD)


def test_one_ctrl_c_stops_the_server_during_an_upload(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    status, answer, code = stop_during_upload(db, signal.SIGINT)
    assert code in (0, -signal.SIGINT)
    assert status == 503 and 0 < len(committed(answer)) < len(UPLOAD)
    assert stored_ids(db) == committed(answer)


def test_an_upload_whose_client_disconnects_stops(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()
    with Served(db) as served:
        conn = served.post(jsonl(UPLOAD))
        until_some_stored(db, served)
        assert conn.sock is not None
        conn.sock.shutdown(socket.SHUT_RDWR)
        conn.close()
        line = served.line("the client disconnected")  # logged once the ingest has stopped
        stored = stored_ids(db)
        assert httpx.get(served.url("/api/health")).json()["ok"]  # the server goes on
    match = re.search(r"the ingest stopped after \d+ input\(s\), (\d+) stored", line)
    assert match, line
    # It stopped before the end, and the store holds what the log says, no more.
    assert int(match.group(1)) == len(stored) < len(UPLOAD)
