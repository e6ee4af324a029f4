"""What `sitrep watch` keeps in the store (schema migration 3): how far each source has been
read, which alerts each sink was sent, and the cycles run. A restart reads them back, so it
neither re-reads what was stored nor sends an alert twice.

    with open_store("events.db") as store:
        state = load_states(store).get(url) or SourceState(url, "feed")
        save_state(store, state.polled(ok=True))
        if not was_sent(store, key, "webhook"): ...; mark_sent(store, key, "webhook", payload)
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.store import Store

# The last cycles `watch_status` reports.
STATUS_CYCLES = 10


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SourceState:
    """One source's row: its conditional-GET validators, how far it was read (`position`, a JSON
    object whose keys depend on the kind: seen item keys, file offsets, file stamps), and its last
    poll: when, when it last succeeded, and why it last failed (None: it did not)."""

    source: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    position: dict[str, Any] = field(default_factory=dict)
    documents: int = 0  # documents read from it so far
    checked_at: str | None = None
    ok_at: str | None = None
    error: str | None = None

    def failed(self, reason: str) -> SourceState:
        return replace(self, checked_at=now(), error=reason)

    def succeeded(self) -> SourceState:
        stamp = now()
        return replace(self, checked_at=stamp, ok_at=stamp, error=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": shown_source(self.source),
            "kind": self.kind,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "documents": self.documents,
            "checked_at": self.checked_at,
            "ok_at": self.ok_at,
            "error": self.error,
        }


@dataclass(frozen=True)
class CycleRecord:
    started_at: str
    finished_at: str
    documents: int
    events_new: int
    events_merged: int
    alerts_sent: int
    failures: int
    notes: tuple[str, ...] = ()  # one line per failure

    def to_dict(self) -> dict[str, Any]:
        return {
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "documents": self.documents,
            "events_new": self.events_new,
            "events_merged": self.events_merged,
            "alerts_sent": self.alerts_sent,
            "failures": self.failures,
            "notes": list(self.notes),
        }


def shown_source(source: str) -> str:
    """A source as logged and shown (the API): a password in a feed URL hidden."""
    return re.sub(r"^([a-z]+://[^:/@]+):[^@/]*@", r"\1:***@", source)


def load_states(store: Store) -> dict[str, SourceState]:
    with store.guard(), store.db.transaction(write=False):
        rows = store.db.rows("SELECT * FROM watch_sources")
    return {
        r["source"]: SourceState(
            r["source"],
            r["kind"],
            r["etag"],
            r["last_modified"],
            json.loads(r["position"]),
            int(r["documents"]),
            r["checked_at"],
            r["ok_at"],
            r["error"],
        )
        for r in rows
    }


def save_state(store: Store, s: SourceState) -> None:
    values = (s.kind, s.etag, s.last_modified, json.dumps(s.position), s.documents, s.checked_at, s.ok_at, s.error)
    with store.guard(), store.db.transaction():
        store.db.execute("DELETE FROM watch_sources WHERE source = ?", (s.source,))
        store.db.execute(
            "INSERT INTO watch_sources (source, kind, etag, last_modified, position, documents, checked_at, ok_at,"
            " error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (s.source, *values),
        )


def sent_alerts(store: Store) -> set[tuple[str, str]]:
    """(alert key, sink name) of every alert sent."""
    with store.guard(), store.db.transaction(write=False):
        return {(r["alert"], r["sink"]) for r in store.db.rows("SELECT alert, sink FROM watch_alerts")}


def mark_sent(store: Store, alert: str, sink: str, payload: dict[str, Any]) -> None:
    with store.guard(), store.db.transaction():
        store.db.execute("DELETE FROM watch_alerts WHERE alert = ? AND sink = ?", (alert, sink))
        store.db.execute(
            "INSERT INTO watch_alerts (alert, sink, sent_at, payload) VALUES (?, ?, ?, ?)",
            (alert, sink, now(), json.dumps(payload, ensure_ascii=False)),
        )


def record_cycle(store: Store, c: CycleRecord) -> None:
    with store.guard(), store.db.transaction():
        number = int(store.db.value("SELECT COALESCE(MAX(id), 0) + 1 FROM watch_cycles"))
        store.db.execute(
            "INSERT INTO watch_cycles (id, started_at, finished_at, documents, events_new, events_merged,"
            " alerts_sent, failures, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                c.started_at,
                c.finished_at,
                c.documents,
                c.events_new,
                c.events_merged,
                c.alerts_sent,
                c.failures,
                json.dumps(list(c.notes), ensure_ascii=False),
            ),
        )


def watch_status(store: Store, cycles: int = STATUS_CYCLES) -> dict[str, Any]:
    """The last cycles (newest first), each source's state (with `failures`: the latest cycles in a
    row it failed in, counted among those) and the alerts sent (newest first)."""
    with store.guard(), store.db.transaction(write=False):
        cycle_rows = store.db.rows("SELECT * FROM watch_cycles ORDER BY id DESC LIMIT ?", (cycles,))
        alert_rows = store.db.rows(
            "SELECT alert, sink, sent_at FROM watch_alerts ORDER BY sent_at DESC, alert, sink LIMIT 100"
        )
    return {
        "cycles": [
            CycleRecord(
                r["started_at"],
                r["finished_at"],
                r["documents"],
                r["events_new"],
                r["events_merged"],
                r["alerts_sent"],
                r["failures"],
                tuple(json.loads(r["notes"])),
            ).to_dict()
            for r in cycle_rows
        ],
        "sources": [
            {**s.to_dict(), "failures": failed_cycles(s, cycle_rows)}
            for s in sorted(load_states(store).values(), key=lambda s: s.source)
        ],
        "alerts": alert_rows,
    }


def failed_cycles(state: SourceState, cycles: list[dict[str, Any]]) -> int:
    """How many of the latest cycles (newest first) in a row the source failed in, 0 when its
    last poll went well: each failure is a note of its cycle that starts with the source as shown."""
    if state.error is None:
        return 0
    said = shown_source(state.source) + ": "
    failed = 0
    for cycle in cycles:
        if not any(line.startswith(said) for line in json.loads(cycle["notes"])):
            break
        failed += 1
    return max(failed, 1)
