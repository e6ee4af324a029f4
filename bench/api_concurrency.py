"""How long do 20 clients asking `sitrep serve` for the same trend at once wait? Median and
slowest answer, first when nothing is kept (after a write), then again (the kept answer).

    python bench/api_concurrency.py                      # muc4-dev into a temporary SQLite store
    python bench/api_concurrency.py --db events.db --query 'period=month&by=country'

The server is a real `sitrep serve` process on a free local port; the clients are threads here,
released together by a barrier. Each round asks /api/trends and /api/alerts; between rounds one
article is ingested, which raises the store's version, so the first round after it computes
afresh. A benchmark script, not a test: it asserts nothing. Run it with PYTHONPATH pointing at
another checkout to compare (the script uses only the CLI and HTTP).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PATH = REPO.parent / "shared" / "benchmark" / "muc4-dev" / "documents.jsonl"
CLIENTS = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sitrep(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "sitrep.cli", *args], check=True, stdout=subprocess.DEVNULL)


def round_of(url: str) -> tuple[list[float], list[str]]:
    """Seconds each of CLIENTS simultaneous requests took (the body read, not decoded), and their
    status and cache headers."""
    barrier = threading.Barrier(CLIENTS)
    seconds: list[float] = []
    headers: list[str] = []

    def ask() -> None:
        barrier.wait()
        start = time.monotonic()
        response = httpx.get(url, timeout=600)
        seconds.append(time.monotonic() - start)
        headers.append(f"{response.status_code} {response.headers.get('x-sitrep-cache', '-')}")

    threads = [threading.Thread(target=ask) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seconds, headers


def report(label: str, seconds: list[float], headers: list[str]) -> None:
    kinds = {h: headers.count(h) for h in sorted(set(headers))}
    print(f"{label:<34} median {statistics.median(seconds):7.3f} s   slowest {max(seconds):7.3f} s   {kinds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: --path ingested into a temporary one)")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--query", default="period=week", help="what the dashboard asks, by default")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    db = args.db or str(folder / "bench.db")
    if not args.db:
        sitrep("ingest", "--quiet", "--db", db, str(args.path))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SITREP_API_TOKEN"}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--port", str(port), "--db", db],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                events = httpx.get(f"{base}/api/health", timeout=5).json()["events"]
                break
            except httpx.TransportError:
                time.sleep(0.2)
        print(f"{events} events; {CLIENTS} clients at once; {args.query}")
        for n in range(2):
            for path in ("/api/trends", "/api/alerts"):
                url = f"{base}{path}?{args.query}"
                report(f"{path}, after a write", *round_of(url))
                report(f"{path}, again", *round_of(url))
            # A new article in the store's latest week: the store changes, its span does not.
            latest = httpx.get(f"{base}/api/events?page_size=1").json()["events"][0]["date"][:10]  # newest first
            note = {
                "id": f"bench-{n}-{time.time()}",
                "language": "en",
                "published": latest,
                "source": "Bench",
                "text": f"Gunmen killed {n + 3} people in Kabul today, police said. Dispatch {time.time()}.",
            }
            (folder / "one.jsonl").write_text(json.dumps(note) + "\n", encoding="utf-8")
            sitrep("ingest", "--quiet", "--db", db, str(folder / "one.jsonl"))
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
