"""Batch runs: read, extract and store many documents, in one process, a process pool or on Ray.

Every engine runs the same stage functions (sitrep/run/stages.py over sitrep.store.ingest):
workers extract, and this process writes the results in input order, so a store receives the
documents in the same order whatever the engine and the number of workers, and holds the same
events, ids and merges.

    with open_store("events.db") as store:
        stats = ingest(store, ["news/", "wire.jsonl"], workers=4)              # a process pool
        stats = ingest(store, ["docs.parquet"], engine="ray", address="auto")  # a Ray cluster
    extract_to_parquet(["news/"], Path("extracted/"), engine="ray")            # no store: Parquet files
    with open_store("events.db") as store:
        stats = load(store, Path("extracted/"))                                # then only the store part
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sitrep.errors import SitrepError, StoreError, needs_extra
from sitrep.read import read_units
from sitrep.records import Document
from sitrep.run.local import InProcess, LocalPool, usable_cores
from sitrep.run.ordered import Backend, Ordered
from sitrep.run.stages import use_store, warm_up
from sitrep.store import Store
from sitrep.store.backends import first_line
from sitrep.store.ingest import AlreadyStored, BatchWriter, IngestStats, Prepared, Progress, content_id, stored

__all__ = ["ENGINES", "extract_to_parquet", "ingest", "load", "usable_cores"]

ENGINES = ("local", "ray")


def ingest(store: Store, paths: Sequence[str], *, published: dt.date | None = None, lang: str | None = None,
           workers: int | None = None, engine: str = "local", address: str | None = None,
           store_url: str | None = None, on_progress: Progress | None = None,
           article_seconds: float | None = None) -> IngestStats:
    """Read, extract and store every input. workers: processes (default: the usable cores; 1:
    this process alone). store_url: how workers reach the store to skip files already stored
    (default: the store's own path or $SITREP_DB). article_seconds: how long an article may hang
    a worker before the worker is replaced and the article skipped (default:
    sitrep.run.ordered.ARTICLE_SECONDS; not for workers=1, which has no worker to replace)."""
    with _driver_errors(store), _backend(engine, workers, address, _worker_store(store, store_url)) as backend, \
            _files_checked_against(store), BatchWriter(store.db, on_progress) as writer:
        ordered = Ordered(backend, lambda doc: _already_stored(store, doc), backend.chunk, backend.window,
                          on_wait=writer.flush, article_seconds=article_seconds)
        for item, prepared in ordered.run(read_units(paths, published, lang, backend.reads_files)):
            writer.write(item, prepared)
    return writer.stats


def extract_to_parquet(paths: Sequence[str], folder: Path, *, published: dt.date | None = None,
                       lang: str | None = None, workers: int | None = None, engine: str = "local",
                       address: str | None = None, on_progress: Progress | None = None,
                       article_seconds: float | None = None) -> IngestStats:
    """Read and extract every input into Parquet files in `folder`, for `load` (no store)."""
    with needs_extra("parquet", "Writing Parquet files"):
        from sitrep.run.parquet import ParquetSink

    with ParquetSink(folder, on_progress) as sink, _backend(engine, workers, address, None) as backend:
        ordered = Ordered(backend, lambda doc: None, backend.chunk, backend.window,
                          article_seconds=article_seconds)
        for item, prepared in ordered.run(read_units(paths, published, lang, backend.reads_files)):
            sink.write(item, prepared)
    return sink.stats


def load(store: Store, folder: Path, on_progress: Progress | None = None) -> IngestStats:
    """Store the documents `extract_to_parquet` wrote, in their order; stored ones are skipped."""
    with needs_extra("parquet", "Loading Parquet files"):
        from sitrep.run.parquet import read_extracted

    with _driver_errors(store), BatchWriter(store.db, on_progress) as writer:
        for doc, extracted in read_extracted(folder):
            writer.write(doc, AlreadyStored(extracted.doc_id) if stored(store.db, extracted.doc_id) else extracted)
    return writer.stats


@contextmanager
def _files_checked_against(store: Store) -> Iterator[None]:
    """Files read in this process (one worker) are checked against this store's connection."""
    use_store(store.db)
    try:
        yield
    finally:
        use_store(None)


def _already_stored(store: Store, doc: Document) -> Prepared | None:
    doc_id = content_id(doc)
    return AlreadyStored(doc_id) if stored(store.db, doc_id) else None


@contextmanager
def _backend(engine: str, workers: int | None, address: str | None, store: str | None) -> Iterator[Backend]:
    backend = _open_backend(engine, workers, address, store)
    try:
        yield backend
    finally:
        backend.close()


def _open_backend(engine: str, workers: int | None, address: str | None, store: str | None) -> Backend:
    if engine == "ray":
        from sitrep.run.ray_engine import RayTasks

        return RayTasks(workers, address)
    if engine != "local":
        raise SitrepError(f"no engine {engine!r} (choose from {', '.join(ENGINES)})")
    if address is not None:
        raise SitrepError("--address is for --engine ray")
    n = workers or usable_cores()
    warm_up()  # before forking: the workers share what the parent loaded
    return InProcess() if n == 1 else LocalPool(n, store)


def _worker_store(store: Store, given: str | None) -> str | None:
    """How a worker process opens this store (for reading): the URL it was opened with."""
    if given:
        return given
    if store.db.dialect == "sqlite":
        return store.db.target
    return os.environ.get("SITREP_DB")  # a PostgreSQL URL (the store's own target hides its password)


@contextmanager
def _driver_errors(store: Store) -> Iterator[None]:
    try:
        yield
    except store.db.errors as e:
        raise StoreError(f"{store.db.target}: {first_line(e)}") from e
