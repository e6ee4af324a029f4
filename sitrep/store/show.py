"""Dataset events for a terminal or a spreadsheet: `sitrep events` (table, csv) and
`sitrep events show ID` (every field, the sources with their evidence, merge reasons, history).
Plain text, like sitrep/table.py."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from sitrep.records import Count, DatasetEvent, Document, Location, Report
from sitrep.store.queries import EventDetail
from sitrep.store.queue import QueueItem
from sitrep.store.review import Review
from sitrep.table import EMPTY, _count, fixed_width

HEADERS = ("id", "date", "type / sub-type", "actor1 → actor2", "place", "killed", "wounded", "sources")
MAX_WIDTHS = (15, 10, 59, 40, 30, 7, 7, 7)
RIGHT_ALIGNED = {"killed", "wounded", "sources"}


def events_table(events: Sequence[DatasetEvent]) -> str:
    """A header, a rule, one row per event and a count line; a single line when there are none."""
    if not events:
        return "No events found."
    lines = fixed_width(HEADERS, [_row(e) for e in events], MAX_WIDTHS, RIGHT_ALIGNED)
    lines.append(f"{len(events)} event{'s' * (len(events) != 1)}")
    return "\n".join(lines)


def queue_table(items: Sequence[QueueItem]) -> str:
    """The review queue as events_table shows events, with why each is there in a last column."""
    if not items:
        return "No events to review."
    rows = [(*_row(item.event), "; ".join(item.reasons)) for item in items]
    lines = fixed_width((*HEADERS, "why"), rows, (*MAX_WIDTHS, 70), RIGHT_ALIGNED)
    lines.append(f"{len(items)} event{'s' * (len(items) != 1)} to review")
    return "\n".join(lines)


def _row(e: DatasetEvent) -> tuple[str, ...]:
    kinds = " / ".join(p for p in (e.event_type, e.sub_event_type) if p) or EMPTY
    return (
        e.id,
        e.date_text() or EMPTY,
        kinds,
        f"{e.actor1 or '?'} → {e.actor2 or '?'}",
        place_text(e.location, short=True),
        _count(e.fatalities),
        _count(e.wounded),
        str(e.sources),
    )


def place_text(loc: Location | None, short: bool = False) -> str:
    """'Mayadin (SY, p2)', or in full 'near Mayadin, Deir ez-Zor, SY (35.01982, 40.45154), precision 2'."""
    if loc is None:
        return EMPTY
    p = loc.place
    if short:
        return f"{p.name} ({p.country or '??'}, p{loc.precision})"
    names = ", ".join(x for x in (p.name, p.admin2, p.admin1, p.country) if x)
    point = f" ({p.lat}, {p.lon})" if p.lat is not None else ""
    return f"{loc.relation} {names}{point}, precision {loc.precision}"


CSV_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "claimed_by",
    "location",
    "country",
    "admin1",
    "lat",
    "lon",
    "fatalities",
    "wounded",
    "sources",
    "confidence",
)


def events_csv(events: Sequence[DatasetEvent]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        d = e.to_dict()
        loc = d["location"] or {}
        writer.writerow(
            [
                d["id"],
                d["date"],
                d["date_precision"],
                d["event_type"],
                d["sub_event_type"],
                d["actor1"],
                d["actor2"],
                "; ".join(d["claimed_by"]),
                loc.get("name"),
                loc.get("country"),
                loc.get("admin1"),
                loc.get("lat"),
                loc.get("lon"),
                d["fatalities"],
                d["wounded"],
                d["sources"],
                d["confidence"],
            ]
        )
    return out.getvalue().rstrip("\n")


def detail_text(detail: EventDetail) -> str:
    """Every field of the event, then each report (source, merge decision, evidence), then history."""
    e = detail.event
    lines = [f"{e.id}  {e.date_text() or 'undated'} ({e.date_precision or '-'})", *_fields(e), "", "Reports"]
    for n, report in enumerate(e.reports, 1):
        lines += _report_lines(detail, report, n)
    lines += ["", "History"] + [
        f"  seq {h.seq:<6} {h.field:<11} {_value(h.value)}  (report {h.report_id}, {h.changed_at})"
        for h in detail.history
    ]
    if detail.reviews:
        lines += ["", "Review"] + [_review_line(r) for r in detail.reviews]
    return "\n".join(lines)


def _review_line(r: Review) -> str:
    """One action of the analysts' trail: what, the machine's value it covered, who, when, why."""
    if r.action == "set":
        what = f"set {r.field} = {_value(r.value) if r.value is not None else '(the machine value again)'}"
        what += f"  (machine: {_value(r.machine)})"
    elif r.action in ("merge", "split"):
        what = f"{r.action} {_value(r.value)}"
    else:
        what = r.action
    who = ", ".join(x for x in (r.reviewer, r.at) if x)
    return f"  {r.seq:<3} {what}  ({who})" + (f"  {r.note}" if r.note else "")


def explain_text(detail: EventDetail) -> str:
    """How each report's article reads with the current rules: the candidates of the incident
    the report came from, merged or dropped, and why (the article is read again from the store)."""
    from sitrep.extract import explain_document

    lines = ["How the articles read (current rules)"]
    for n, r in enumerate(detail.event.reports, 1):
        doc = detail.documents.get(r.doc_id)
        if doc is None:
            lines.append(f"  {n}. report {r.id}: its article is not in the store")
            continue
        article = Document(doc.id, doc.text, doc.published, doc.lang)
        _, explanation = explain_document(article)
        event = int(r.id.rsplit("-", 1)[1]) + 1  # a report id ends with its event's index in the article
        incident = explanation.incident_of(event)
        lines.append(f"  {n}. report {r.id}: incident {incident} of article {doc.name or doc.id}")
        if incident is not None:
            lines += [f"    {line}" for line in explanation.lines(doc.text, incident=incident)[1:]]
    return "\n".join(lines)


def _fields(e: DatasetEvent) -> list[str]:
    rows = [
        ("type", e.event_type),
        ("sub-type", e.sub_event_type),
        ("actor1", e.actor1),
        ("actor2", e.actor2),
        ("claimed by", "; ".join(e.claimed_by) or None),
        ("place", place_text(e.location)),
        ("killed", _count_range(e.fatalities)),
        ("wounded", _count_range(e.wounded)),
        ("confidence", f"{e.confidence:.3f}"),
        ("review", e.review_status or "not reviewed"),
        ("sources", f"{e.sources} ({len(e.reports)} reports)"),
    ]
    return [f"  {name:<11} {value or EMPTY}" for name, value in rows]


def _count_range(c: Count | None) -> str | None:
    return (
        None if c is None else f"{_count(c)} (low {_or_dash(c.low)}, best {_or_dash(c.best)}, high {_or_dash(c.high)})"
    )


def _or_dash(value: Any) -> str:
    return EMPTY if value is None else str(value)


def _report_lines(detail: EventDetail, r: Report, n: int) -> list[str]:
    doc = detail.documents.get(r.doc_id)
    decision = detail.decisions.get(r.id)
    verdict = (
        EMPTY
        if decision is None
        else (
            f"{'merged' if decision.same else 'new event'} (score {decision.score:.2f}): " + "; ".join(decision.reasons)
        )
    )
    lines = [
        f"  {n}. report {r.id} (seq {r.seq})",
        f"     document   {r.doc_id}" + (f" ({doc.name})" if doc and doc.name else ""),
        f"     outlet     {r.outlet or EMPTY}",
        f"     url        {r.url or EMPTY}",
        f"     published  {r.published.isoformat() if r.published else EMPTY}  lang {r.lang or EMPTY}",
    ]
    if r.duplicate_of:
        lines.append(f"     copy of    {r.duplicate_of}")
    if doc and doc.lexicon:  # coded with a user lexicon (sitrep/lang/lexicon.py): its version
        lines.append(f"     lexicon    {doc.lexicon}")
    lines.append(f"     decision   {verdict}")
    lines += [
        f"     {ev['field']:<11}[{ev['start']}:{ev['end']}] {json.dumps(ev['text'], ensure_ascii=False)}"
        for ev in detail.evidence(r)
    ]
    return lines


def _value(value: Any) -> str:
    if isinstance(value, dict):  # a Count
        return _count_range(Count.from_dict(value)) or EMPTY
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """'W,S,E,N' in degrees -> (west, south, east, north); ValueError saying what is wrong.
    West may exceed east: the box then crosses the antimeridian."""
    parts = text.split(",")
    if len(parts) != 4:
        raise ValueError(f"{text!r}: give four numbers West,South,East,North")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise ValueError(f"{text!r}: West,South,East,North must be numbers") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ValueError(f"{text!r}: longitudes lie in -180..180, latitudes in -90..90, South at most North")
    return west, south, east, north
