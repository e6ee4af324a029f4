"""`sitrep serve` for real: a server process on a free port, asked over HTTP, then stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sitrep.store import open_store

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
    server = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--port", str(port), "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
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
