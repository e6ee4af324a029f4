"""Analyst review: an event verified, corrected or rejected, as an overlay on the machine's values.

The machine's values are never overwritten. A dataset event is merged from its reports
(dedup.merge_event) each time it is written, and the analyst's overlay (event_reviews: a status
and the values set) is laid on top before the row is stored: when a review is made, and when a
new report merges into the event. So a correction survives re-ingest and new reports, and
setting a field to nothing (`--set fatalities=`) gives the machine's value back. Every action is
kept in `reviews` with who, when, why and the machine's value it covered: the audit trail that
`sitrep events show` and the dashboard's detail panel show.

    review(db, "ev-1a2b", settings={"fatalities": "7"}, note="hospital figure", reviewer="ana")
    review(db, "ev-1a2b", status=VERIFIED)
    merge_events(db, "ev-1a2b", "ev-3c4d")     # the second event's reports join the first
    split_event(db, "ev-1a2b")                 # one event per report again
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.acled import EVENT_TYPES, SUB_EVENT_TYPES
from sitrep.records import Count, DatasetEvent
from sitrep.store import dedup
from sitrep.store.backends import Database

VERIFIED, CORRECTED, REJECTED = "verified", "corrected", "rejected"
STATUSES = (VERIFIED, CORRECTED, REJECTED)
# The review states a filter can ask for: the statuses, "reviewed" (verified or corrected),
# "unreviewed", and "all" (rejected events included; every other filter leaves them out).
REVIEW_FILTERS = (*STATUSES, "reviewed", "unreviewed", "all")


Action = tuple[str, str | None, Any, Any]  # action, field, value, the machine's value


class ReviewError(ValueError):
    """A review that cannot be made: an unknown event or field, a value that does not parse."""


def _count(text: str) -> dict[str, int | None]:
    if not text.isdigit():
        raise ValueError("a toll is a whole number, 0 or more")
    n = int(text)
    return Count(n, n, n).to_dict()


def _date(text: str) -> str:
    return dt.date.fromisoformat(text).isoformat()


def _one_of(names: tuple[str, ...]) -> Callable[[str], str]:
    by_key = {n.casefold(): n for n in names}

    def read(text: str) -> str:
        if text.casefold() not in by_key:
            raise ValueError(f"choose from {', '.join(names)}")
        return by_key[text.casefold()]

    return read


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split(";") if n.strip()]


# The fields an analyst may set, each with how its text is read (into the event's JSON form).
FIELDS: Mapping[str, Callable[[str], Any]] = {
    "fatalities": _count,
    "wounded": _count,
    "date": _date,
    "event_type": _one_of(EVENT_TYPES),
    "sub_event_type": _one_of(SUB_EVENT_TYPES),
    "actor1": str.strip,
    "actor2": str.strip,
    "claimed_by": _names,  # several names separated by ";"
}


@dataclass(frozen=True)
class Review:
    """One action of the audit trail: `set` (a field's value, and the machine's it covers),
    `verify`, `reject`, `merge` (value: the event merged in) or `split` (value: the new events)."""

    seq: int
    action: str
    field: str | None
    value: Any
    machine: Any
    note: str | None
    reviewer: str | None
    at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "action": self.action,
            "field": self.field,
            "value": self.value,
            "machine": self.machine,
            "note": self.note,
            "reviewer": self.reviewer,
            "at": self.at,
        }


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """["fatalities=7", "actor1=Islamic State"] -> {field: text}; ReviewError naming a bad one."""
    out = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        field = field.strip()
        if not sep or field not in FIELDS:
            raise ReviewError(f"{pair!r}: give FIELD=VALUE, FIELD one of {', '.join(FIELDS)}")
        out[field] = value.strip()
    return out


def overlay(event: DatasetEvent, status: str | None, corrections: Mapping[str, Any]) -> DatasetEvent:
    """The event with the analyst's values laid over the machine's."""
    if not corrections and status is None:
        return event
    d = {**event.to_dict(), "review_status": status}
    for field, value in corrections.items():
        if field in ("fatalities", "wounded"):
            d[f"{field}_count"], d[field] = value, value["best"]
        elif field == "date":
            d["date"], d["date_precision"] = value, "day"
        else:
            d[field] = value
    return DatasetEvent.from_dict(d, event.reports)


def laid_over(db: Database, event: DatasetEvent) -> DatasetEvent:
    """The stored overlay of the event, if any, laid over it (the writer calls this for every
    event it writes)."""
    row = db.row("SELECT status, corrections FROM event_reviews WHERE event_id = ?", (event.id,))
    return event if row is None else overlay(event, row["status"], json.loads(row["corrections"]))


def review(
    db: Database,
    event_id: str,
    settings: Mapping[str, str] | None = None,
    status: str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> DatasetEvent:
    """Set fields (an empty text gives the machine's value back) and/or a status (verified or
    rejected; a correction alone makes an event "corrected"); the event as now stored."""
    machine = _machine_event(db, event_id)
    row = db.row("SELECT status, corrections FROM event_reviews WHERE event_id = ?", (event_id,))
    current, corrections = (row["status"], json.loads(row["corrections"])) if row else (None, {})
    machine_values = machine.to_dict()
    actions: list[Action] = []
    for field, text in (settings or {}).items():
        value = _read(field, text) if text else None
        if value is None:
            corrections.pop(field, None)
        else:
            corrections[field] = value
        actions.append(("set", field, value, _machine_value(machine_values, field)))
    if status is not None:
        if status not in (VERIFIED, REJECTED):
            raise ReviewError(f"status {status!r}: choose verified or rejected")
        actions.append(({VERIFIED: "verify", REJECTED: "reject"}[status], None, None, None))
    if not actions:
        raise ReviewError("nothing to review: set a field, verify or reject")
    kept = current if current in (VERIFIED, REJECTED) else None  # a correction keeps a verdict
    new_status = status or kept or (CORRECTED if corrections else None)
    _save_overlay(db, event_id, new_status, corrections)
    _log(db, event_id, actions, note, reviewer)
    return _store(db, machine)


def merge_events(
    db: Database, keep_id: str, other_id: str, note: str | None = None, reviewer: str | None = None
) -> DatasetEvent:
    """The reports of `other_id` join `keep_id`, which keeps its own review; `other_id` is gone
    (its trail stays, ending in the merge)."""
    if keep_id == other_id:
        raise ReviewError("an event cannot be merged into itself")
    _machine_event(db, other_id)
    _machine_event(db, keep_id)
    for table in ("reports", "merges", "event_history"):
        db.execute(f"UPDATE {table} SET event_id = ? WHERE event_id = ?", (keep_id, other_id))
    db.execute("DELETE FROM events WHERE id = ?", (other_id,))
    db.execute("DELETE FROM event_reviews WHERE event_id = ?", (other_id,))
    _log(db, other_id, [("merge", None, keep_id, None)], note, reviewer)
    _log(db, keep_id, [("merge", None, other_id, None)], note, reviewer)
    return _store(db, _machine_event(db, keep_id))


def split_event(db: Database, event_id: str, note: str | None = None, reviewer: str | None = None) -> list[str]:
    """One event per report again (the first keeps the event's id and review); the ids."""
    reports = _machine_event(db, event_id).reports
    if len(reports) < 2:
        raise ReviewError(f"{event_id} has one report: nothing to split")
    ids = [event_id]
    for report in reports[1:]:
        new_id = dedup.new_event_id(report)
        db.execute("UPDATE reports SET event_id = ? WHERE id = ?", (new_id, report.id))
        db.execute("UPDATE merges SET event_id = ? WHERE report_id = ?", (new_id, report.id))
        _store(db, dedup.merge_event(new_id, [report]))
        ids.append(new_id)
    _log(db, event_id, [("split", None, ids[1:], None)], note, reviewer)
    _store(db, dedup.merge_event(event_id, reports[:1]))
    return ids


def trail(db: Database, event_id: str) -> tuple[Review, ...]:
    rows = db.rows(
        "SELECT seq, action, field, value, machine, note, reviewer, at FROM reviews WHERE event_id = ? ORDER BY seq",
        (event_id,),
    )
    return tuple(
        Review(r["seq"], r["action"], r["field"], _loads(r["value"]), _loads(r["machine"]), *_who(r)) for r in rows
    )


def _who(row: Any) -> tuple[str | None, str | None, str]:
    return row["note"], row["reviewer"], row["at"]


def _read(field: str, text: str) -> Any:
    try:
        return FIELDS[field](text)
    except ValueError as e:
        raise ReviewError(f"{field}={text!r}: {e}") from None


def _machine_value(values: Mapping[str, Any], field: str) -> Any:
    return values.get(f"{field}_count") if field in ("fatalities", "wounded") else values.get(field)


def _machine_event(db: Database, event_id: str) -> DatasetEvent:
    """The event as its reports tell it, without any review."""
    from sitrep.store.queries import load_reports

    reports = load_reports(db, [event_id]).get(event_id)
    if not reports:
        raise ReviewError(f"no event {event_id!r} in the store")
    return dedup.merge_event(event_id, reports)


def _store(db: Database, machine: DatasetEvent) -> DatasetEvent:
    from sitrep.store.writer import upsert_event

    event = laid_over(db, machine)
    upsert_event(db, event)
    return event


def _save_overlay(db: Database, event_id: str, status: str | None, corrections: Mapping[str, Any]) -> None:
    db.execute("DELETE FROM event_reviews WHERE event_id = ?", (event_id,))
    if status is not None or corrections:
        db.execute(
            "INSERT INTO event_reviews (event_id, status, corrections, updated_at) VALUES (?, ?, ?, ?)",
            (event_id, status or CORRECTED, json.dumps(corrections, ensure_ascii=False), _now()),
        )


def _log(db: Database, event_id: str, actions: list[Action], note: str | None, reviewer: str | None) -> None:
    seq = int(db.value("SELECT COALESCE(MAX(seq), 0) FROM reviews WHERE event_id = ?", (event_id,)))
    db.executemany(
        "INSERT INTO reviews (event_id, seq, action, field, value, machine, note, reviewer, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (event_id, seq + k, action, field, _dumps(value), _dumps(machine), note, reviewer, _now())
            for k, (action, field, value, machine) in enumerate(actions, 1)
        ],
    )


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


__all__ = [
    "FIELDS",
    "REVIEW_FILTERS",
    "STATUSES",
    "Review",
    "ReviewError",
    "laid_over",
    "merge_events",
    "overlay",
    "parse_settings",
    "review",
    "split_event",
    "trail",
]
