"""The event store: documents, the reports extracted from them, and the dataset of events those
reports are merged into. One SQLite file (WAL) by default, or a PostgreSQL server.

    with open_store("events.db") as store:           # or "postgresql://user@host/db"
        stats = sitrep.run.ingest_documents(store, read_inputs(["news/"]))   # sitrep.run extracts
        for event in store.find_events(EventFilter(country="SY", since=date(2020, 1, 1))):
            print(event.id, event.date, event.fatalities, event.sources)

Writers serialise (SQLite's write lock, a PostgreSQL advisory lock); readers never wait for a
writer. Each Store holds one connection: open one per thread or process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from sitrep.errors import StoreError
from sitrep.records import DatasetEvent
from sitrep.store import queries
from sitrep.store import review as _review
from sitrep.store import writer as _writer
from sitrep.store.backends import Database, connect, first_line
from sitrep.store.migrations import NotAStore, OlderSchema, check_readable, migrate
from sitrep.store.queries import EventDetail, EventFilter, HistoryEntry, StoredDocument
from sitrep.store.writer import BatchWriter, IngestStats, Outcome, Progress, content_id

T = TypeVar("T")

__all__ = [
    "BatchWriter",
    "EventDetail",
    "EventFilter",
    "HistoryEntry",
    "IngestStats",
    "NotAStore",
    "Outcome",
    "Store",
    "StoreError",
    "StoredDocument",
    "content_id",
    "open_store",
]


class Store:
    """A connection to an event store whose schema is current."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @property
    def target(self) -> str:
        """What was opened: a SQLite file's path, a PostgreSQL URL without its password."""
        return self.db.target

    def writer(self, on_progress: Progress | None = None) -> BatchWriter:
        """The writer that stores extracted documents in input order (sitrep/store/writer.py); a
        context manager. One at a time per Store: it holds the connection's transaction."""
        return BatchWriter(self.db, on_progress)

    def stored_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Those of the documents' content ids (content_id) that the store holds: asked before
        extracting, so a re-run over stored input extracts (and compiles) nothing."""
        with self.guard():
            return _writer.stored_ids(self.db, doc_ids)

    def find_events(self, f: EventFilter) -> list[DatasetEvent]:
        with self.guard(), self.db.transaction(write=False):
            return queries.find_events(self.db, f)

    def count_events(self, f: EventFilter) -> int:
        """How many events match the filters (limit and offset ignored): a page's total."""
        with self.guard(), self.db.transaction(write=False):
            return queries.count_events(self.db, f)

    def event(self, event_id: str) -> EventDetail | None:
        with self.guard(), self.db.transaction(write=False):
            return queries.event_detail(self.db, event_id)

    def document(self, doc_id: str) -> StoredDocument | None:
        with self.guard():
            return queries.document(self.db, doc_id)

    def review(
        self,
        event_id: str,
        settings: dict[str, str] | None = None,
        status: str | None = None,
        note: str | None = None,
        reviewer: str | None = None,
    ) -> DatasetEvent:
        """An analyst's review of an event (sitrep/store/review.py): fields set (FIELD -> text; an
        empty text gives the machine's value back), verified or rejected. ReviewError when it
        cannot be made. Returns the event as now stored."""
        return self._write(lambda: _review.review(self.db, event_id, settings, status, note, reviewer))

    def merge_events(
        self, keep_id: str, other_id: str, note: str | None = None, reviewer: str | None = None
    ) -> DatasetEvent:
        """An analyst's merge: the reports of `other_id` join `keep_id`."""
        return self._write(lambda: _review.merge_events(self.db, keep_id, other_id, note, reviewer))

    def split_event(self, event_id: str, note: str | None = None, reviewer: str | None = None) -> list[str]:
        """An analyst's split: one event per report; their ids, the first `event_id`."""
        return self._write(lambda: _review.split_event(self.db, event_id, note, reviewer))

    def review_queue(self, limit: int = 20) -> list[DatasetEvent]:
        """Events no analyst has reviewed, those most worth a look first (review.queue_order)."""
        with self.guard(), self.db.transaction(write=False):
            found = queries.find_events(self.db, EventFilter(review="unreviewed"))
        return _review.queue_order(found)[:limit]

    def _write(self, action: Callable[[], T]) -> T:
        with self.guard(), self.db.transaction():
            result = action()
            _writer.bump_version(self.db)
        return result

    def version(self) -> int:
        """A number every committed write raises (and nothing else): two equal readings see the
        same data. Read it before the data it stands for, so data are never older than it."""
        with self.guard():
            return int(self.db.value("SELECT version FROM store_version WHERE id = 1"))

    def guard(self) -> _DriverErrors:
        """A context in which a driver's exception becomes a StoreError naming the store."""
        return _DriverErrors(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class _DriverErrors:
    """Turns a driver's exception (a lost connection, a locked file) into a StoreError naming the store."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if e is not None and isinstance(e, self.db.errors):
            raise StoreError(f"{self.db.target}: {first_line(e)}") from e


def open_store(url: str | Path | None = None, create: bool = True) -> Store:
    """The store at a PostgreSQL URL (postgresql://...), a SQLite file path or sqlite:///path;
    None: $SITREP_DB, else sitrep.db in the user data folder. The schema is created or upgraded.
    create=False (for readers): read-only; a SQLite file that does not exist is a StoreError, not
    a new store, and nothing is written (a read-only file, folder or SELECT-only role will do). A
    store with an older schema is upgraded first where it can be written, else it is a StoreError
    saying to run a writer once. Either way, another program's database is refused (NotAStore)
    and left untouched."""
    db = connect(url, write=create)
    try:
        with _DriverErrors(db):
            if create:
                migrate(db)
            else:
                check_readable(db)
    except OlderSchema as older:
        db.close()
        _upgrade(url, older)
        return open_store(url, create=False)
    except BaseException:
        db.close()
        raise
    return Store(db)


def _upgrade(url: str | Path | None, older: OlderSchema) -> None:
    """Run the missing migrations of a store a reader found older than this version (after an
    upgrade of sitrep, `sitrep events` should just work); `older` when it cannot be written."""
    try:
        writer = connect(url, write=True)
    except StoreError:
        raise older from None
    try:
        with _DriverErrors(writer):
            migrate(writer)
    except StoreError:  # a read-only file or folder, a role allowed SELECT alone
        raise older from None
    finally:
        writer.close()
