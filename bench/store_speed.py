"""How fast is `sitrep ingest`? Articles per second into a fresh store, extraction included, then
the re-run of the same input (every document already stored), for SQLite and for PostgreSQL.

    python bench/store_speed.py                          # muc4-dev, SQLite in a temporary folder
    python bench/store_speed.py --pg postgresql://postgres@127.0.0.1:5432/postgres
    python bench/store_speed.py --path docs.jsonl --limit 300

Extraction is warmed up first (language packs, gazetteer, compiled patterns), so the figures
are the steady rate of a long ingest. With --pg a database sitrep_bench_<random> is created on
that server and dropped afterwards. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sitrep.extract import extract_document
from sitrep.read import read_inputs
from sitrep.records import Document
from sitrep.run import ingest_documents
from sitrep.store import open_store

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PATH = REPO.parent / "shared" / "benchmark" / "muc4-dev" / "documents.jsonl"


@contextmanager
def pg_database(server: str) -> Iterator[str]:
    import psycopg

    name = f"sitrep_bench_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def measure(url: str, docs: list[Document]) -> tuple[str, str]:
    with open_store(url) as store:
        first = ingest_documents(store, docs)
        again = ingest_documents(store, docs)
    return first.summary(), f"{again.rate:.0f} articles/s when every document is already stored"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--pg", help="a PostgreSQL server URL to measure too")
    args = parser.parse_args()
    docs = [d for d in read_inputs([str(args.path)]) if isinstance(d, Document)][: args.limit]
    for d in docs[:5]:
        extract_document(d)  # warm-up
    start = time.monotonic()
    for d in docs:
        extract_document(d)
    print(f"{len(docs)} articles from {args.path}; extraction alone: {len(docs) / (time.monotonic() - start):.0f}/s")
    with tempfile.TemporaryDirectory() as folder:
        for line in measure(str(Path(folder) / "bench.db"), docs):
            print(f"SQLite      {line}")
    if args.pg:
        with pg_database(args.pg) as url:
            for line in measure(url, docs):
                print(f"PostgreSQL  {line}")


if __name__ == "__main__":
    main()
