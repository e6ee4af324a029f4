"""A stored document coded again (`sitrep reextract`): its reports replaced by what extraction
gives now, and the events they belong to merged again, the analyst's overlay laid over them.

Each new event of the document takes the place of the old report told by the same trigger (the
same evidence span), else of the old report in the same position: a report keeps its id and its
event, so an event keeps its id and the review overlay made on it (sitrep/store/review.py) stays
on it. A new event with no old report is placed as an ingest places one (merged into a matching
event, or a new event); an old report with no new event is removed, and an event left with no
report goes with it. The document is marked with the lexicon version that coded it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.records import Event, Report, parse_date_text
from sitrep.store import Store, StoredDocument, dedup, queries, review
from sitrep.store.backends import Database
from sitrep.store.queries import load_reports
from sitrep.store.writer import _iso, _next, _place_report, bump_version, upsert_event


@dataclass(frozen=True)
class Recoded:
    """What coding one document again changed: the events whose values changed, were made or
    were removed, by id."""

    changed: frozenset[str]
    reports: int  # the document's reports now


def documents_since(store: Store, since: dt.date | None = None) -> list[StoredDocument]:
    """The stored documents, in ingest order, published on or after `since` (those with no
    publication date: ingested on or after it); every one when `since` is None."""
    with store.guard(), store.db.transaction(write=False):
        return queries.documents_since(store.db, since)


def recode(store: Store, doc_id: str, events: Sequence[Event], lexicon: str | None) -> Recoded:
    """Document `doc_id` coded again (`recode_document`), in one transaction of its own."""
    with store.guard(), store.db.transaction():
        recoded = recode_document(store.db, doc_id, events, lexicon)
        bump_version(store.db)  # in the transaction: readers see the new data and version together
    return recoded


def recode_document(db: Database, doc_id: str, events: Sequence[Event], lexicon: str | None) -> Recoded:
    """Replace document `doc_id`'s reports with `events` (inside a write transaction)."""
    old = _reports_of(db, doc_id)
    pairs, added, removed = _align(old, list(events))
    touched: set[str] = set()
    for report, event in pairs:
        if report.event.to_dict() != event.to_dict():
            _rewrite_report(db, report, event)
            touched.add(_event_of(db, report.id))
    for report in removed:
        touched.add(_event_of(db, report.id))
        _remove_report(db, report)
    before = {event_id: _stored_values(db, event_id) for event_id in touched}
    changed = {event_id for event_id in touched if _merge_again(db, event_id) != before[event_id]}
    changed |= _place_new(db, doc_id, added, max((r.event_id_k for r in old), default=-1) + 1)
    db.execute("UPDATE documents SET lexicon = ? WHERE id = ?", (lexicon, doc_id))
    return Recoded(frozenset(changed), len(events))


@dataclass(frozen=True)
class _Old:
    id: str
    event_id_k: int  # the report's position among its document's events when written
    event: Event


def _reports_of(db: Database, doc_id: str) -> list[_Old]:
    rows = db.rows("SELECT id, k, event FROM reports WHERE doc_id = ? ORDER BY k", (doc_id,))
    return [_Old(r["id"], r["k"], Event.from_dict(json.loads(r["event"]))) for r in rows]


def _trigger(event: Event) -> tuple[int, int] | None:
    span = dict(event.evidence).get("event_type")
    return (span.start, span.end) if span else None


def _align(old: list[_Old], new: list[Event]) -> tuple[list[tuple[_Old, Event]], list[Event], list[_Old]]:
    """(old report, new event) pairs: by the trigger's span first, then in order; the new events
    left over, and the old reports left over."""
    pairs: list[tuple[_Old, Event]] = []
    free = list(old)
    rest = []
    for event in new:
        same = next((r for r in free if _trigger(r.event) is not None and _trigger(r.event) == _trigger(event)), None)
        if same is None:
            rest.append(event)
        else:
            free.remove(same)
            pairs.append((same, event))
    paired = min(len(free), len(rest))
    pairs += list(zip(free[:paired], rest[:paired], strict=True))
    return pairs, rest[paired:], free[paired:]


def _event_of(db: Database, report_id: str) -> str:
    return str(db.value("SELECT event_id FROM reports WHERE id = ?", (report_id,)))


def _rewrite_report(db: Database, report: _Old, event: Event) -> None:
    country = event.location.place.country if event.location else None
    db.execute(
        "UPDATE reports SET event = ?, date = ?, country = ? WHERE id = ?",
        (json.dumps(event.to_dict(), ensure_ascii=False), _iso(event.date), country, report.id),
    )


def _remove_report(db: Database, report: _Old) -> None:
    for table in ("event_history", "merges"):  # table: a constant of this module
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", (report.id,))
    db.execute("DELETE FROM reports WHERE id = ?", (report.id,))


def _stored_values(db: Database, event_id: str) -> str | None:
    """The event's merged values as stored (its data less when it was written)."""
    data = db.value("SELECT data FROM events WHERE id = ?", (event_id,))
    return None if data is None else _values(json.loads(data))


def _values(data: dict[str, object]) -> str:
    return json.dumps({k: v for k, v in data.items() if k not in ("updated_at",)}, sort_keys=True, default=str)


def _merge_again(db: Database, event_id: str) -> str | None:
    """The event merged from the reports it has now, the overlay laid over it; removed when it
    has none left. Its values as stored, or None when removed."""
    reports = load_reports(db, [event_id]).get(event_id, ())
    if not reports:
        db.execute("DELETE FROM events WHERE id = ?", (event_id,))
        return None
    event = review.laid_over(db, dedup.merge_event(event_id, reports))
    upsert_event(db, event)
    return _stored_values(db, event_id)


def _place_new(db: Database, doc_id: str, events: list[Event], first_k: int) -> set[str]:
    """New reports for the events that took no old report's place, merged as an ingest merges."""
    if not events:
        return set()
    doc = db.row("SELECT published, outlet, url, lang, duplicate_of FROM documents WHERE id = ?", (doc_id,))
    assert doc is not None  # recode_document is called for stored documents only
    changed = set()
    for j, event in enumerate(events):
        k = first_k + j
        seq = _next(db, "reports")
        report = Report(
            f"{doc_id[:16]}-{k}",
            doc_id,
            event,
            parse_date_text(doc["published"]),
            doc["outlet"],
            doc["url"],
            doc["lang"],
            doc["duplicate_of"],
            seq,
        )
        _place_report(db, report, k, None)
        changed.add(_event_of(db, report.id))
    return changed
