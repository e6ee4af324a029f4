"""Ingest: documents in, reports and merged dataset events out, one transaction per document.

Per document: the content hash decides whether it is new; extraction and the MinHash signature
are computed before the transaction opens (they are slow and need no lock); inside it the
document, its band keys, and for each extracted event a report, its event (new or merged, see
sitrep/store/dedup.py), the merge decision and the changed values are written. A crash loses at
most the document in flight, and re-running the same input skips every stored document by its
hash, so it finishes the job without duplicates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from sitrep.errors import InputError
from sitrep.extract import extract_document
from sitrep.records import DatasetEvent, Decision, Document, Event, Report
from sitrep.store import dedup, neardup
from sitrep.store.backends import Database
from sitrep.store.queries import in_list, load_events

NEW, UNCHANGED, NEAR_DUPLICATE, SKIPPED = "new", "unchanged", "near-duplicate", "skipped"
NO_CANDIDATES = Decision(False, 0.0, ("no event of the dataset in the search window",))


@dataclass(frozen=True)
class Outcome:
    """What happened to one input: status is new, unchanged, near-duplicate or skipped."""

    name: str
    status: str
    reason: str | None = None
    doc_id: str | None = None
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0


@dataclass(frozen=True)
class IngestStats:
    new: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    skipped: int = 0
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
        return replace(self, **{status: getattr(self, status) + 1}, reports=self.reports + o.reports,
                       events_new=self.events_new + o.events_new,
                       events_merged=self.events_merged + o.events_merged, seconds=seconds)

    def summary(self) -> str:
        return (f"documents: {self.new} new, {self.unchanged} unchanged, {self.near_duplicates} near-duplicate, "
                f"{self.skipped} skipped; reports: {self.reports}; events: {self.events_new} new, "
                f"{self.events_merged} merged; {self.rate:.1f} articles/s")


Progress = Callable[[Outcome, IngestStats], None]


def ingest(db: Database, items: Iterable[Document | InputError], on_progress: Progress | None = None) -> IngestStats:
    stats, start = IngestStats(), time.monotonic()
    for item in items:
        outcome = ingest_one(db, item)
        stats = stats.counted(outcome, time.monotonic() - start)
        if on_progress is not None:
            on_progress(outcome, stats)
    return stats


@dataclass(frozen=True)
class _Prepared:
    """A document with everything computed that needs no database."""

    doc: Document
    doc_id: str
    events: tuple[Event, ...]
    signature: bytes


def ingest_one(db: Database, item: Document | InputError) -> Outcome:
    """Store one input. A bad input, or an article whose extraction or merging fails, is
    skipped with the reason (its transaction rolled back); database errors propagate."""
    if isinstance(item, InputError):
        return Outcome(item.source, SKIPPED, item.reason)
    doc_id = content_id(item)
    if _stored(db, doc_id):  # cheap check first: a re-run skips extraction
        return Outcome(item.id, UNCHANGED, doc_id=doc_id)
    try:
        prepared = _prepare(item, doc_id)
        with db.transaction():
            if _stored(db, doc_id):  # another process stored it meanwhile
                return Outcome(item.id, UNCHANGED, doc_id=doc_id)
            return _store(db, prepared)
    except db.errors:
        raise
    except Exception as e:  # noqa: BLE001 - one bad article must not stop the batch
        return Outcome(item.id, SKIPPED, f"{type(e).__name__}: {e}", doc_id)


_SPACE = re.compile(r"\s+")


def content_id(doc: Document) -> str:
    """sha256 of the text with Unicode and white space normalised, and of the URL when given:
    the same article re-read is the same document; the same text at another URL is another
    (syndicated) document, stored and marked as a near-copy."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", doc.text)).strip()
    key = text if not doc.url else f"{text}\n{doc.url}"
    return hashlib.sha256(key.encode()).hexdigest()


def _stored(db: Database, doc_id: str) -> bool:
    return db.value("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None


def _prepare(doc: Document, doc_id: str) -> _Prepared:
    # Events go through their stored form here, so a report reads the same now as when it is
    # loaded again later (to_dict rounds the confidence and keeps less of an anchor place).
    events = tuple(Event.from_dict(e.to_dict()) for e in extract_document(doc))
    return _Prepared(doc, doc_id, events, neardup.signature(doc.text))


def _store(db: Database, p: _Prepared) -> Outcome:
    duplicate_of = _same_url(db, p.doc) or _near_copy(db, p.signature)
    _insert_document(db, p, duplicate_of)
    first_seq = _next(db, "reports")
    merged = 0
    for k, event in enumerate(p.events):
        d = p.doc
        report = Report(f"{p.doc_id[:16]}-{k}", p.doc_id, event, d.published, d.source, d.url, d.lang,
                        duplicate_of, first_seq + k)
        merged += _place_report(db, report, k)
    status = NEAR_DUPLICATE if duplicate_of else NEW
    n = len(p.events)
    return Outcome(p.doc.id, status, None, p.doc_id, n, n - merged, merged)


def _next(db: Database, table: str) -> int:
    # Only ever called inside a write transaction, which holds the store's write lock.
    return int(db.value(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}"))  # table: a constant of this module


def _insert_document(db: Database, p: _Prepared, duplicate_of: str | None) -> None:
    d = p.doc
    db.execute(
        "INSERT INTO documents (id, seq, name, url, outlet, lang, published, text, signature, duplicate_of, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (p.doc_id, _next(db, "documents"), d.id, d.url, d.source, d.lang, _iso(d.published), d.text,
         p.signature, duplicate_of, _now()),
    )
    db.executemany("INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)",
                   [(band, p.doc_id) for band in neardup.bands(p.signature)])


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


def _place_report(db: Database, report: Report, k: int) -> int:
    """Write the report into a matching event or a new one; 1 when it merged."""
    candidates = _candidates(db, report.event)
    match, decision = dedup.best_match(report, candidates) if candidates else (None, NO_CANDIDATES)
    event_id = match.id if match else dedup.new_event_id(report)
    _insert_report(db, report, event_id, k)
    event = dedup.merge_event(event_id, [*(match.reports if match else ()), report])
    _upsert_event(db, event)
    db.execute("INSERT INTO merges (report_id, event_id, decision) VALUES (?, ?, ?)",
               (report.id, event_id, json.dumps(decision.to_dict(), ensure_ascii=False)))
    _record_history(db, match, event, report)
    return int(match is not None)


def _candidates(db: Database, event: Event) -> list[DatasetEvent]:
    window = dedup.search_window(event)
    if window is None:
        return []
    country = event.location.place.country if event.location else None
    month, year = dedup.coarse_dates(event) or window
    # In the order the events began: dedup breaks ties by order, and both backends must agree.
    return load_events(db, "((e.date >= ? AND e.date <= ?) OR (e.date_precision = 'month' AND e.date = ?)"
                           " OR (e.date_precision = 'year' AND e.date = ?)) AND (e.country = ? OR e.country IS NULL)",
                       [window[0].isoformat(), window[1].isoformat(), month.isoformat(), year.isoformat(), country],
                       "ORDER BY e.first_seq")


def _insert_report(db: Database, r: Report, event_id: str, k: int) -> None:
    country = r.event.location.place.country if r.event.location else None
    db.execute(
        "INSERT INTO reports (id, doc_id, event_id, seq, k, date, country, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (r.id, r.doc_id, event_id, r.seq, k, _iso(r.event.date), country,
         json.dumps(r.event.to_dict(), ensure_ascii=False)),
    )


EVENT_COLUMNS = (
    "id", "date", "date_precision", "country", "admin1", "location_name", "lat", "lon", "event_type",
    "sub_event_type", "actor1", "actor2", "claimed_by", "fatalities_low", "fatalities_best", "fatalities_high",
    "wounded_low", "wounded_best", "wounded_high", "sources", "confidence", "first_seq", "data", "updated_at",
)
_UPSERT_EVENT = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({_marks(list(EVENT_COLUMNS))})"
    f" ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in EVENT_COLUMNS[1:])}"
)


def _upsert_event(db: Database, e: DatasetEvent) -> None:
    db.execute(_UPSERT_EVENT, _event_row(e))


def _event_row(e: DatasetEvent) -> tuple[Any, ...]:
    place = e.location.place if e.location else None
    f, w = e.fatalities, e.wounded
    return (
        e.id, _iso(e.date), e.date_precision, place and place.country, place and place.admin1, place and place.name,
        place and place.lat, place and place.lon, e.event_type, e.sub_event_type, e.actor1, e.actor2,
        "; ".join(e.claimed_by) or None, f and f.low, f and f.best, f and f.high, w and w.low, w and w.best,
        w and w.high, e.sources, e.confidence, min(r.seq for r in e.reports),
        json.dumps(e.to_dict(), ensure_ascii=False), _now(),
    )


def tracked(e: DatasetEvent) -> dict[str, Any]:
    """The fields whose changes make an event's history (toll revisions above all)."""
    d = e.to_dict()
    return {"fatalities": d["fatalities_count"], "wounded": d["wounded_count"], "date": d["date"],
            "location": d["location"]["name"] if d["location"] else None,
            "event_type": d["event_type"], "claimed_by": d["claimed_by"] or None}


def _record_history(db: Database, before: DatasetEvent | None, after: DatasetEvent, report: Report) -> None:
    """The first values of a new event, then each value a report changes."""
    old = tracked(before) if before else {}
    rows = [(after.id, report.seq, name, json.dumps(value, ensure_ascii=False), report.id, _now())
            for name, value in tracked(after).items() if value is not None and old.get(name) != value]
    db.executemany("INSERT INTO event_history (event_id, seq, field, value, report_id, changed_at)"
                   " VALUES (?, ?, ?, ?, ?, ?)", rows)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
