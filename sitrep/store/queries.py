"""Reading the store: dataset events by filter, one event with its sources and history, a document.

Every filter value travels as a query parameter; LIKE patterns escape their own wildcards, so
`--actor "100%"` means the text "100%". Text filters ignore case (`lower` folds every letter in
both backends: see backends.SqliteDatabase).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sitrep import filters
from sitrep.records import DatasetEvent, Decision, Event, Report, parse_date_text
from sitrep.store.backends import Database, Row
from sitrep.store.review import Review, trail

Bbox = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class EventFilter:
    """Which dataset events to list. Text fields ignore case: actor and claimed_by match a part
    of a name, country an ISO2 code, admin1 a whole province name, event_type the event or the
    sub-event type, text a part of any source article or of the place name."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    claimed_by: str | None = None
    event_type: str | None = None
    text: str | None = None
    min_fatalities: int | None = None
    min_sources: int | None = None  # reported by at least this many distinct articles
    bbox: Bbox | None = None
    review: str | None = None  # a REVIEW_FILTERS state; None: every event but the rejected
    # Events whose first report came from an article stored at or after this time (UTC ISO 8601,
    # as filters.timestamp_filter writes it): the events new since then.
    ingested_since: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = filters.DEFAULT_SORT  # a key of SORTS: newest first unless asked otherwise

    def __post_init__(self) -> None:
        if (self.limit is not None and self.limit < 0) or self.offset < 0:
            raise ValueError(f"limit and offset cannot be negative (limit {self.limit}, offset {self.offset})")
        if self.order not in SORTS:
            raise ValueError(f"cannot sort by {self.order!r} (choose from {', '.join(SORTS)})")


@dataclass(frozen=True)
class StoredDocument:
    id: str
    name: str | None
    url: str | None
    outlet: str | None
    lang: str | None
    published: dt.date | None
    text: str
    duplicate_of: str | None
    ingested_at: str
    lexicon: str | None = None  # the version of the user lexicon that coded it (sitrep/lang/lexicon.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "outlet": self.outlet,
            "lang": self.lang,
            "published": _iso(self.published),
            "duplicate_of": self.duplicate_of,
            "ingested_at": self.ingested_at,
            "lexicon": self.lexicon,
            "text": self.text,
        }


@dataclass(frozen=True)
class HistoryEntry:
    """A tracked field's value from the report `seq` on (the first values of the event included)."""

    seq: int
    field: str
    value: Any
    report_id: str
    changed_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "field": self.field,
            "value": self.value,
            "report_id": self.report_id,
            "changed_at": self.changed_at,
        }


@dataclass(frozen=True)
class EventDetail:
    """A dataset event with why each report joined it, how its values changed, and its sources."""

    event: DatasetEvent
    decisions: dict[str, Decision]  # report id -> decision
    history: tuple[HistoryEntry, ...]
    documents: dict[str, StoredDocument]  # doc id -> document
    reviews: tuple[Review, ...] = ()  # the analysts' actions, in order (sitrep/store/review.py)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.event.to_dict(),
            "reports": [self._source(r) for r in self.event.reports],
            "history": [h.to_dict() for h in self.history],
            "reviews": [r.to_dict() for r in self.reviews],
        }

    def _source(self, r: Report) -> dict[str, Any]:
        doc = self.documents.get(r.doc_id)
        decision = self.decisions.get(r.id)
        return {
            "report_id": r.id,
            "doc_id": r.doc_id,
            "name": doc.name if doc else None,
            "outlet": r.outlet,
            "url": r.url,
            "published": _iso(r.published),
            "lang": r.lang,
            "duplicate_of": r.duplicate_of,
            "lexicon": doc.lexicon if doc else None,
            "seq": r.seq,
            "decision": decision.to_dict() if decision else None,
            "evidence": self.evidence(r),
            "event": r.event.to_dict(),
        }

    def evidence(self, r: Report) -> list[dict[str, Any]]:
        """Each evidence span of the report with the text it covers in its article."""
        doc = self.documents.get(r.doc_id)
        return [
            {"field": name, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end] if doc else None}
            for name, s in r.event.evidence
        ]


# --- loading ------------------------------------------------------------------------------------


def load_events(
    db: Database, where: str, params: list[Any], tail: str = "", known: dict[str, Report] | None = None
) -> list[DatasetEvent]:
    """Dataset events (alias e) matching a WHERE clause, each with its reports (`known`: see load_reports)."""
    rows = db.rows(f"SELECT e.id, e.data FROM events e WHERE {where} {tail}", params)
    reports = load_reports(db, [r["id"] for r in rows], known)
    return [DatasetEvent.from_dict(json.loads(r["data"]), reports.get(r["id"], ())) for r in rows]


def load_reports(
    db: Database, event_ids: list[str], known: dict[str, Report] | None = None
) -> dict[str, tuple[Report, ...]]:
    """event id -> its reports in ingest order. Reports and their documents are read in two
    indexed lookups rather than a join, whose plan a planner without statistics (a PostgreSQL
    table filled by this very ingest) may turn into a scan of every document.
    `known`: reports decoded before, by id, used again and added to. A report never changes once
    written, so an ingest, which looks up the candidate events of every new report, decodes
    each report's JSON once instead of at every lookup."""
    if known is None:
        order = in_list(db, "SELECT id, doc_id, event_id, seq, event FROM reports WHERE event_id IN ({})", event_ids)
        decoded = _decoded(db, order)
    else:
        order = in_list(db, "SELECT id, event_id, seq FROM reports WHERE event_id IN ({})", event_ids)
        missing = [r["id"] for r in order if r["id"] not in known]
        known.update(
            _decoded(db, in_list(db, "SELECT id, doc_id, event_id, seq, event FROM reports WHERE id IN ({})", missing))
        )
        decoded = known
    found: dict[str, list[Report]] = defaultdict(list)
    for row in sorted(order, key=lambda r: r["seq"]):
        found[row["event_id"]].append(decoded[row["id"]])
    return {k: tuple(v) for k, v in found.items()}


def _decoded(db: Database, rows: list[Row]) -> dict[str, Report]:
    docs = {
        d["id"]: d
        for d in in_list(
            db,
            "SELECT id, published, outlet, url, lang, duplicate_of FROM documents WHERE id IN ({})",
            list({r["doc_id"] for r in rows}),
        )
    }
    return {row["id"]: _report(row, docs[row["doc_id"]]) for row in rows}


def in_list(db: Database, sql: str, values: list[Any], chunk: int = 500) -> list[Row]:
    """The rows of `sql` whose `IN ({})` takes the values, as parameters, a chunk at a time
    (SQLite allows a limited number of parameters in one statement)."""
    rows: list[Row] = []
    for i in range(0, len(values), chunk):
        part = values[i : i + chunk]
        rows += db.rows(sql.format(", ".join("?" * len(part))), part)
    return rows


def _report(row: Row, doc: Row) -> Report:
    return Report(
        row["id"],
        row["doc_id"],
        Event.from_dict(json.loads(row["event"])),
        parse_date_text(doc["published"]),
        doc["outlet"],
        doc["url"],
        doc["lang"],
        doc["duplicate_of"],
        row["seq"],
    )


# --- filters ------------------------------------------------------------------------------------


def figure_sql(count: str) -> str:
    """Count.figure (best, else low) of the event columns of a count ('fatalities') in SQL."""
    return f"COALESCE(e.{count}_best, e.{count}_low)"


_NEWEST = "(e.date IS NULL), e.date DESC, e.id"  # newest first, undated last
_FATALITIES = figure_sql("fatalities")  # the figure min_fatalities, trends and exports use
# The column each sort key of the vocabulary (sitrep/filters.py SORT_KEYS) orders by.
_SORT_COLUMNS = {"date": "e.date", "fatalities": _FATALITIES, "sources": "e.sources"}


def _order_by(order: str) -> str:
    """ORDER BY for a sort of the vocabulary: missing values last either way, ties newest first."""
    key = order.removeprefix("-")
    column, ties = _SORT_COLUMNS[key], "e.id" if key == "date" else _NEWEST
    return f"ORDER BY ({column} IS NULL), {column}{' DESC' if order.startswith('-') else ''}, {ties}"


# EventFilter.order -> ORDER BY, for every sort of the vocabulary (a missing column is a KeyError at import).
SORTS = {order: _order_by(order) for order in filters.SORTS}
NO_LIMIT = 2**62


def find_events(db: Database, f: EventFilter) -> list[DatasetEvent]:
    where, params = filter_sql(f)
    tail = SORTS[f.order]
    if f.limit is not None or f.offset:
        tail += " LIMIT ? OFFSET ?"
        params += [NO_LIMIT if f.limit is None else f.limit, f.offset]
    return load_events(db, where, params, tail)


def count_events(db: Database, f: EventFilter) -> int:
    """How many events match the filters, whatever the limit and offset."""
    where, params = filter_sql(f)
    return int(db.value(f"SELECT COUNT(*) FROM events e WHERE {where}", params))


def filter_sql(f: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause over events (alias e) and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.since:
        add("e.date >= ?", f.since.isoformat())
    if f.until:
        add("e.date <= ?", f.until.isoformat())
    if f.country:
        add("e.country = ?", f.country.upper())
    if f.admin1:
        add("lower(e.admin1) = ?", f.admin1.lower())
    _text_filters(f, add)
    if f.min_fatalities is not None:
        # A vague toll ("dozens") has no best figure; its conventional floor counts (ACLED: dozens -> 12).
        add(f"{_FATALITIES} >= ?", f.min_fatalities)
    if f.min_sources is not None:
        add("e.sources >= ?", f.min_sources)
    if f.bbox:
        _bbox(f.bbox, add)
    _review(f.review, add)
    if f.ingested_since:
        add(
            "EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.doc_id"
            " WHERE r.seq = e.first_seq AND d.ingested_at >= ?)",
            f.ingested_since,
        )
    return " AND ".join(clauses) or "1 = 1", params


def _review(state: str | None, add: Any) -> None:
    if state is None:
        add("(e.review_status IS NULL OR e.review_status <> ?)", "rejected")
    elif state == "reviewed":
        add("e.review_status IN (?, ?)", "verified", "corrected")
    elif state == "unreviewed":
        add("e.review_status IS NULL")
    elif state != "all":
        add("e.review_status = ?", state)


LIKE = "LIKE ? ESCAPE '\\'"


def _text_filters(f: EventFilter, add: Any) -> None:
    if f.actor:
        add(f"(lower(e.actor1) {LIKE} OR lower(e.actor2) {LIKE})", _contains(f.actor), _contains(f.actor))
    if f.claimed_by:
        add(f"lower(e.claimed_by) {LIKE}", _contains(f.claimed_by))
    if f.event_type:
        add("(lower(e.event_type) = ? OR lower(e.sub_event_type) = ?)", f.event_type.lower(), f.event_type.lower())
    if f.text:
        add(
            f"(lower(e.location_name) {LIKE} OR EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.doc_id"
            f" WHERE r.event_id = e.id AND lower(d.text) {LIKE}))",
            _contains(f.text),
            _contains(f.text),
        )


def _contains(value: str) -> str:
    """A LIKE pattern for 'contains value', ignoring case, with its own wildcards escaped."""
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _bbox(bbox: Bbox, add: Any) -> None:
    west, south, east, north = bbox
    add("e.lat BETWEEN ? AND ?", south, north)
    if west <= east:
        add("e.lon BETWEEN ? AND ?", west, east)
    else:  # a box across the antimeridian (west 170, east -170)
        add("(e.lon >= ? OR e.lon <= ?)", west, east)


# --- one event, one document --------------------------------------------------------------------


def event_detail(db: Database, event_id: str) -> EventDetail | None:
    found = load_events(db, "e.id = ?", [event_id])
    if not found:
        return None
    event = found[0]
    decisions = {
        r["report_id"]: Decision.from_dict(json.loads(r["decision"]))
        for r in db.rows("SELECT report_id, decision FROM merges WHERE event_id = ?", (event_id,))
    }
    history = tuple(
        HistoryEntry(r["seq"], r["field"], json.loads(r["value"]), r["report_id"], r["changed_at"])
        for r in db.rows(
            "SELECT seq, field, value, report_id, changed_at FROM event_history WHERE event_id = ? ORDER BY seq, field",
            (event_id,),
        )
    )
    docs = {d: doc for d in dict.fromkeys(r.doc_id for r in event.reports) if (doc := document(db, d))}
    return EventDetail(event, decisions, history, docs, trail(db, event_id))


_DOCUMENT_COLUMNS = "id, name, url, outlet, lang, published, text, duplicate_of, ingested_at, lexicon"


def document(db: Database, doc_id: str) -> StoredDocument | None:
    row = db.row(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
    if row is None:
        return None
    return StoredDocument(**{**row, "published": parse_date_text(row["published"])})


def documents_since(db: Database, since: dt.date | None) -> list[StoredDocument]:
    """Stored documents in ingest order, published on or after `since` (undated ones: ingested
    on or after it); all when None. Dates are ISO text, so they compare as text on both servers."""
    where, params = "", []
    if since is not None:
        day = since.isoformat()
        where = " WHERE published >= ? OR (published IS NULL AND ingested_at >= ?)"
        params = [day, day]
    rows = db.rows(f"SELECT {_DOCUMENT_COLUMNS} FROM documents{where} ORDER BY seq", params)
    return [StoredDocument(**{**r, "published": parse_date_text(r["published"])}) for r in rows]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
