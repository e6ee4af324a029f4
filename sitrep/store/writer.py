"""The store's writer: prepared documents in, reports and merged dataset events out, in input order.

What a document gives without a database (its content hash, events and MinHash signature) is
computed in sitrep/run (prepare.py), in this process, in worker processes or in Ray tasks.
`BatchWriter` stores the results in input order in this process: per document the hash decides
whether it is new; then the document, its band keys, and for each extracted event a report,
its event (new or merged, see sitrep/store/dedup.py), the merge decision and the changed values
are written. `content_id` is the hash: a caller asks the store (Store.stored_ids) which
documents it holds before extracting anything.

Several documents share one transaction (at most BATCH_DOCS, or BATCH_SECONDS of work): each
commit rewrites the index pages the document touched, many of them the same from one document
to the next. Each document is a savepoint, so a document whose merging fails is undone alone, and a
document is stored whole or not at all. Outcomes are reported only once their transaction has
committed, so what a progress callback was told is stored survives a crash or `kill -9`; the
batch in flight is lost, and re-running the same input skips every stored document by its hash,
so it finishes the job without duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

from sitrep.errors import printable
from sitrep.records import DatasetEvent, Decision, Document, Event, Report
from sitrep.store import dedup, neardup, review
from sitrep.store.backends import Database, first_line
from sitrep.store.queries import in_list, load_events

NEW, UNCHANGED, NEAR_DUPLICATE, SKIPPED = "new", "unchanged", "near-duplicate", "skipped"
NO_CANDIDATES = Decision(False, 0.0, ("no event of the dataset in the search window",))
# A transaction holds at most this many documents or this much time of work: what a crash can
# lose, and how long another writer may wait for the lock. Measured on 2,000 articles (SQLite,
# store part alone): 1.48 ms per document with a commit each, 1.31 with 64 to a commit.
BATCH_DOCS = 64
BATCH_SECONDS = 0.5
# Decoded reports a writer keeps for its candidate lookups (queries.load_reports), ~1.5 KB each;
# past this many they are dropped and decoded again as needed.
KNOWN_REPORTS = 20_000


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: status is new, unchanged, near-duplicate or skipped; repairs:
    what reading changed in it to make it storable (Document.repairs); no_pack: the language of
    an input skipped because no language pack covers it ('it')."""

    name: str
    status: str
    reason: str | None = None
    doc_id: str | None = None
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    repairs: tuple[str, ...] = ()
    no_pack: str | None = None


@dataclass(frozen=True)
class IngestStats:
    new: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    # Of the skipped, those in a language no pack covers.
    no_language_pack: int = 0
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.new + self.unchanged + self.near_duplicates + self.skipped

    @property
    def rate(self) -> float:
        """Inputs per second, every input counted (a re-run of stored input is fast)."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def counted(self, o: Outcome, seconds: float) -> IngestStats:
        status = {NEW: "new", UNCHANGED: "unchanged", NEAR_DUPLICATE: "near_duplicates", SKIPPED: "skipped"}[o.status]
        return replace(
            self,
            **{status: getattr(self, status) + 1},
            reports=self.reports + o.reports,
            events_new=self.events_new + o.events_new,
            events_merged=self.events_merged + o.events_merged,
            no_language_pack=self.no_language_pack + (o.no_pack is not None),
            seconds=seconds,
        )

    def summary(self) -> str:
        return (
            f"documents: {self.new} new, {self.unchanged} unchanged, {self.near_duplicates} near-duplicate, "
            f"{self.skipped} skipped{self.no_pack_note()}; reports: {self.reports}; events: {self.events_new} new, "
            f"{self.events_merged} merged; {self.rate:.1f} articles/s"
        )

    def no_pack_note(self) -> str:
        """' (2 with no language pack)' after a count of skipped inputs, when there are such."""
        return f" ({self.no_language_pack} with no language pack)" if self.no_language_pack else ""


Progress = Callable[[Outcome, IngestStats], None]


class BatchWriter:
    """Stores documents in the order given, BATCH_DOCS or BATCH_SECONDS to a transaction, each
    document in a savepoint; reports outcomes once they are committed. Open one with
    Store.writer() and use it as a context manager: leaving it commits the last batch (or, on an
    exception, rolls it back). Each input is told once, in input order: `add` (extracted, to be
    stored), `unchanged` (found stored before extraction) or `skip` (unreadable, or extraction
    failed). Database errors propagate (the store is in trouble, not the document), except a
    driver's DataError, which is about the document's values (PostgreSQL refuses a NUL in text):
    that, and anything else a document raises, skips the document with a one-line reason and the
    batch goes on. Documents reach here from read.py sanitised, but a library caller may build its own."""

    def __init__(
        self,
        db: Database,
        on_progress: Progress | None = None,
        max_docs: int = BATCH_DOCS,
        max_seconds: float = BATCH_SECONDS,
    ) -> None:
        self.db, self.on_progress = db, on_progress
        self.max_docs, self.max_seconds = max_docs, max_seconds
        self.stats, self.start = IngestStats(), time.monotonic()
        self._tx: AbstractContextManager[None] | None = None
        self._opened = 0.0
        self._done: list[Outcome] = []  # outcomes of the open transaction, reported at commit
        self._known: dict[str, Report] = {}  # only reports of committed or live savepoints

    def add(
        self, doc: Document, doc_id: str, events: Sequence[Event], signature: bytes, lexicon: str | None = None
    ) -> None:
        """A document and what extraction gave (content_id, events, neardup.signature): stored,
        its events merged into the dataset; unchanged where the store holds it already.
        `lexicon`: the version of the user lexicon extraction read with (None: none)."""
        try:
            outcome = self._store(doc, doc_id, tuple(events), signature, lexicon)
        except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
            if isinstance(e, self.db.errors) and not isinstance(e, self.db.data_errors):
                raise  # the store is in trouble, not the document
            outcome = Outcome(printable(doc.id), SKIPPED, failure(e))
        self._told(outcome, doc.repairs)

    def unchanged(self, doc: Document, doc_id: str) -> None:
        """A document the store held before it was extracted (Store.stored_ids)."""
        self._told(Outcome(doc.id, UNCHANGED, doc_id=doc_id), doc.repairs)

    def skip(self, name: str, reason: str, repairs: tuple[str, ...] = (), no_pack: str | None = None) -> None:
        """An input not stored: unreadable, in a language no pack covers (`no_pack`, its code), or
        its extraction failed."""
        self._told(Outcome(printable(name), SKIPPED, reason, no_pack=no_pack), repairs)

    def _told(self, outcome: Outcome, repairs: tuple[str, ...]) -> None:
        self._done.append(replace(outcome, repairs=repairs) if repairs else outcome)
        if len(self._done) >= self.max_docs or (self._tx and time.monotonic() - self._opened >= self.max_seconds):
            self.flush()

    def _store(
        self, doc: Document, doc_id: str, events: tuple[Event, ...], signature: bytes, lexicon: str | None
    ) -> Outcome:
        if self._tx is None:
            self._begin()
        if stored(self.db, doc_id):  # stored by another process, or earlier in this input
            return Outcome(doc.id, UNCHANGED, doc_id=doc_id)
        if len(self._known) > KNOWN_REPORTS:
            self._known.clear()
        try:
            with self.db.savepoint():
                return store_document(self.db, doc, doc_id, events, signature, self._known, lexicon)
        except BaseException:
            self._known.clear()  # it may hold reports its savepoint has just undone
            raise

    def _begin(self) -> None:
        tx = self.db.transaction()
        tx.__enter__()
        self._tx, self._opened = tx, time.monotonic()

    def flush(self) -> None:
        """Commit the open transaction and report its outcomes (also: before waiting for work)."""
        if self._tx is not None:
            tx, self._tx = self._tx, None
            bump_version(self.db)  # in the transaction: readers see the new data and version together
            tx.__exit__(None, None, None)
        done, self._done = self._done, []
        for outcome in done:
            self.stats = self.stats.counted(outcome, time.monotonic() - self.start)
            if self.on_progress is not None:
                self.on_progress(outcome, self.stats)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: Any) -> None:
        if e is None:
            self.flush()
        elif self._tx is not None:
            tx, self._tx = self._tx, None
            self._known.clear()
            tx.__exit__(kind, e, tb)  # rolls back: nothing of this batch was reported stored


_SPACE = re.compile(r"\s+")


def content_id(doc: Document) -> str:
    """sha256 of the text with Unicode and white space normalised, and of the URL when given:
    the same article re-read is the same document; the same text at another URL is another
    (syndicated) document, stored and marked as a near-copy."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", doc.text)).strip()
    key = text if not doc.url else f"{text}\n{doc.url}"
    return hashlib.sha256(key.encode()).hexdigest()


def bump_version(db: Database) -> None:
    """Raise the store's version (schema.add_store_version): cached reads of it are now stale."""
    db.execute("UPDATE store_version SET version = version + 1 WHERE id = 1")


def stored(db: Database, doc_id: str) -> bool:
    return db.value("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None


def stored_ids(db: Database, doc_ids: Iterable[str]) -> set[str]:
    """Those of `doc_ids` (content_id) that the store holds."""
    return {r["id"] for r in in_list(db, "SELECT id FROM documents WHERE id IN ({})", list(dict.fromkeys(doc_ids)))}


def failure(e: BaseException) -> str:
    """An exception as the one-line reason a document was skipped."""
    return printable(f"{type(e).__name__}: {first_line(e)}")


def store_document(
    db: Database,
    d: Document,
    doc_id: str,
    events: tuple[Event, ...],
    signature: bytes,
    known: dict[str, Report] | None = None,
    lexicon: str | None = None,
) -> Outcome:
    """Write a new document and merge its events into the dataset (inside a transaction).
    `known`: reports decoded by earlier calls (queries.load_reports); `lexicon`: the version of
    the user lexicon that coded it."""
    duplicate_of = _same_url(db, d) or _near_copy(db, signature)
    _insert_document(db, d, doc_id, signature, duplicate_of, lexicon)
    first_seq = _next(db, "reports")
    merged = 0
    for k, event in enumerate(events):
        report = Report(
            f"{doc_id[:16]}-{k}", doc_id, event, d.published, d.source, d.url, d.lang, duplicate_of, first_seq + k
        )
        merged += _place_report(db, report, k, known)
    status = NEAR_DUPLICATE if duplicate_of else NEW
    n = len(events)
    return Outcome(d.id, status, None, doc_id, n, n - merged, merged)


def _next(db: Database, table: str) -> int:
    # Only ever called inside a write transaction, which holds the store's write lock.
    return int(db.value(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}"))  # table: a constant of this module


def _insert_document(
    db: Database, d: Document, doc_id: str, signature: bytes, duplicate_of: str | None, lexicon: str | None
) -> None:
    db.execute(
        "INSERT INTO documents"
        " (id, seq, name, url, outlet, lang, published, text, signature, duplicate_of, ingested_at, lexicon)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            _next(db, "documents"),
            d.id,
            d.url,
            d.source,
            d.lang,
            _iso(d.published),
            d.text,
            signature,
            duplicate_of,
            _now(),
            lexicon,
        ),
    )
    db.executemany(
        "INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)", [(band, doc_id) for band in neardup.bands(signature)]
    )


def _same_url(db: Database, doc: Document) -> str | None:
    """A new text at a URL already stored is a revision of that article: one source, whose
    changed figures enter the events' history."""
    if not doc.url:
        return None
    row = db.row("SELECT id, duplicate_of FROM documents WHERE url = ? ORDER BY seq LIMIT 1", (doc.url,))
    return None if row is None else row["duplicate_of"] or row["id"]


def _near_copy(db: Database, signature: bytes) -> str | None:
    """The original of the most similar stored document sharing a band key, when similar enough."""
    keys = neardup.bands(signature)
    if not keys:
        return None
    # Two indexed lookups, not a join: see queries.load_reports.
    ids = [r["doc_id"] for r in db.rows(f"SELECT DISTINCT doc_id FROM doc_bands WHERE band IN ({_marks(keys)})", keys)]
    rows = in_list(db, "SELECT id, seq, signature, duplicate_of FROM documents WHERE id IN ({})", ids)
    scored = [(neardup.similarity(signature, bytes(r["signature"])), -r["seq"], r) for r in rows]
    best = max((s for s in scored if s[0] >= neardup.THRESHOLD), default=None, key=lambda s: s[:2])
    return None if best is None else best[2]["duplicate_of"] or best[2]["id"]


def _marks(values: list[Any]) -> str:
    """'?, ?, ?' for an IN list: the values still travel as parameters."""
    return ", ".join("?" * len(values))


def _place_report(db: Database, report: Report, k: int, known: dict[str, Report] | None) -> int:
    """Write the report into a matching event or a new one; 1 when it merged."""
    candidates = _candidates(db, report.event, known)
    match, decision = dedup.best_match(report, candidates) if candidates else (None, NO_CANDIDATES)
    event_id = match.id if match else dedup.new_event_id(report)
    _insert_report(db, report, event_id, k)
    # An analyst's corrections stay laid over the machine's values (sitrep/store/review.py).
    event = review.laid_over(db, dedup.merge_event(event_id, [*(match.reports if match else ()), report]))
    upsert_event(db, event)
    db.execute(
        "INSERT INTO merges (report_id, event_id, decision) VALUES (?, ?, ?)",
        (report.id, event_id, json.dumps(decision.to_dict(), ensure_ascii=False)),
    )
    _record_history(db, match, event, report)
    return int(match is not None)


def _candidates(db: Database, event: Event, known: dict[str, Report] | None) -> list[DatasetEvent]:
    window = dedup.search_window(event)
    if window is None:
        return []
    country = event.location.place.country if event.location else None
    month, year = dedup.coarse_dates(event) or window
    # In the order the events began: dedup breaks ties by order, and both backends must agree.
    return load_events(
        db,
        "((e.date >= ? AND e.date <= ?) OR (e.date_precision = 'month' AND e.date = ?)"
        " OR (e.date_precision = 'year' AND e.date = ?)) AND (e.country = ? OR e.country IS NULL)",
        [window[0].isoformat(), window[1].isoformat(), month.isoformat(), year.isoformat(), country],
        "ORDER BY e.first_seq",
        known,
    )


def _insert_report(db: Database, r: Report, event_id: str, k: int) -> None:
    country = r.event.location.place.country if r.event.location else None
    db.execute(
        "INSERT INTO reports (id, doc_id, event_id, seq, k, date, country, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            r.id,
            r.doc_id,
            event_id,
            r.seq,
            k,
            _iso(r.event.date),
            country,
            json.dumps(r.event.to_dict(), ensure_ascii=False),
        ),
    )


EVENT_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "country",
    "admin1",
    "location_name",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "claimed_by",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
    "sources",
    "confidence",
    "first_seq",
    "data",
    "updated_at",
    "review_status",
)
_UPSERT_EVENT = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({_marks(list(EVENT_COLUMNS))})"
    f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in EVENT_COLUMNS[1:])}"
)


def upsert_event(db: Database, e: DatasetEvent) -> None:
    db.execute(_UPSERT_EVENT, _event_row(e))


def _event_row(e: DatasetEvent) -> tuple[Any, ...]:
    place = e.location.place if e.location else None
    f, w = e.fatalities, e.wounded
    return (
        e.id,
        _iso(e.date),
        e.date_precision,
        place and place.country,
        place and place.admin1,
        place and place.name,
        place and place.lat,
        place and place.lon,
        e.event_type,
        e.sub_event_type,
        e.actor1,
        e.actor2,
        "; ".join(e.claimed_by) or None,
        f and f.low,
        f and f.best,
        f and f.high,
        w and w.low,
        w and w.best,
        w and w.high,
        e.sources,
        e.confidence,
        min(r.seq for r in e.reports),
        json.dumps(e.to_dict(), ensure_ascii=False),
        _now(),
        e.review_status,
    )


def tracked(e: DatasetEvent) -> dict[str, Any]:
    """The fields whose changes make an event's history (toll revisions above all)."""
    d = e.to_dict()
    return {
        "fatalities": d["fatalities_count"],
        "wounded": d["wounded_count"],
        "date": d["date"],
        "location": d["location"]["name"] if d["location"] else None,
        "event_type": d["event_type"],
        "claimed_by": d["claimed_by"] or None,
    }


def _record_history(db: Database, before: DatasetEvent | None, after: DatasetEvent, report: Report) -> None:
    """The first values of a new event, then each value a report changes."""
    old = tracked(before) if before else {}
    rows = [
        (after.id, report.seq, name, json.dumps(value, ensure_ascii=False), report.id, _now())
        for name, value in tracked(after).items()
        if value is not None and old.get(name) != value
    ]
    db.executemany(
        "INSERT INTO event_history (event_id, seq, field, value, report_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)", rows
    )


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
