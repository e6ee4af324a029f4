"""Batch runs: read, extract and store many documents, in one process, a process pool or on Ray.

Every engine runs the same stage functions (sitrep/run/stages.py over sitrep/run/prepare.py):
workers extract, and this process hands the results to the store's writer (Store.writer) in
input order, so a store receives the documents in the same order whatever the engine and the
number of workers, and holds the same events, ids and merges. The store is asked which
documents it holds before any is extracted, so a re-run over stored input compiles nothing.

    with open_store("events.db") as store:
        stats = ingest(store, ["news/", "wire.jsonl"], workers=4)              # a process pool
        stats = ingest_documents(store, read_inputs(["news/"]))                # this process, any Documents
        stats = ingest(store, ["docs.parquet"], engine="ray", address="auto")  # a Ray cluster
    extract_to_parquet(["news/"], Path("extracted/"), engine="ray")            # no store: Parquet files
    with open_store("events.db") as store:
        stats = load(store, Path("extracted/"))                                # then only the store part
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sitrep import settings
from sitrep.errors import SitrepError, needs_extra
from sitrep.read import read_units
from sitrep.run.local import InProcess, LocalPool, usable_cores
from sitrep.run.ordered import Backend, Ordered
from sitrep.run.prepare import AlreadyStored, already_stored, deliver, ingest_documents
from sitrep.run.stages import use_store
from sitrep.store import IngestStats, Store
from sitrep.store.writer import Progress

__all__ = ["ENGINES", "extract_to_parquet", "ingest", "ingest_documents", "load", "usable_cores"]

ENGINES = ("local", "ray")


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    published: dt.date | None = None,
    lang: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    store_url: str | None = None,
    on_progress: Progress | None = None,
    article_seconds: float | None = None,
) -> IngestStats:
    """Read, extract and store every input. workers: processes (default: the usable cores; 1:
    this process alone). store_url: how workers reach the store to skip files already stored
    (default: the store's own path or $SITREP_DB). article_seconds: how long an article may hang
    a worker before the worker is replaced and the article skipped (default:
    sitrep.run.ordered.ARTICLE_SECONDS; not for workers=1, which has no worker to replace)."""
    with (
        store.guard(),
        _backend(engine, workers, address, _worker_store(store, store_url)) as backend,
        _files_checked_against(store),
        store.writer(on_progress) as writer,
    ):
        ordered = Ordered(
            backend,
            lambda doc: already_stored(store, doc),
            backend.chunk,
            backend.window,
            on_wait=writer.flush,
            article_seconds=article_seconds,
        )
        for item, prepared in ordered.run(read_units(paths, published, lang, backend.reads_files)):
            deliver(writer, item, prepared)
    return writer.stats


def extract_to_parquet(
    paths: Sequence[str],
    folder: Path,
    *,
    published: dt.date | None = None,
    lang: str | None = None,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    on_progress: Progress | None = None,
    article_seconds: float | None = None,
) -> IngestStats:
    """Read and extract every input into Parquet files in `folder`, for `load` (no store)."""
    with needs_extra("parquet", "Writing Parquet files"):
        from sitrep.run.parquet import ParquetSink

    with ParquetSink(folder, on_progress) as sink, _backend(engine, workers, address, None) as backend:
        ordered = Ordered(backend, lambda doc: None, backend.chunk, backend.window, article_seconds=article_seconds)
        for item, prepared in ordered.run(read_units(paths, published, lang, backend.reads_files)):
            sink.write(item, prepared)
    return sink.stats


def load(store: Store, folder: Path, on_progress: Progress | None = None) -> IngestStats:
    """Store the documents `extract_to_parquet` wrote, in their order; stored ones are skipped."""
    with needs_extra("parquet", "Loading Parquet files"):
        from sitrep.run.parquet import read_extracted

    with store.guard(), store.writer(on_progress) as writer:
        for doc, extracted in read_extracted(folder):
            stored = store.stored_ids([extracted.doc_id])
            deliver(writer, doc, AlreadyStored(extracted.doc_id) if stored else extracted)
    return writer.stats


@contextmanager
def _files_checked_against(store: Store) -> Iterator[None]:
    """Files read in this process (one worker) are checked against this store's connection."""
    use_store(store)
    try:
        yield
    finally:
        use_store(None)


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
    # Nothing is loaded here: packs compile when a document needs them (a re-run of stored
    # input needs none); a pool loads those of its first task before forking (LocalPool.submit).
    return InProcess() if n == 1 else LocalPool(n, store)


def _worker_store(store: Store, given: str | None) -> str | None:
    """How a worker process opens this store (for reading): the URL it was opened with."""
    if given:
        return given
    if store.dialect == "sqlite":
        return store.target
    return settings.default_store()  # a PostgreSQL URL (the store's own target hides its password)
