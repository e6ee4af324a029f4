"""The review queue: the events no analyst has reviewed, those most worth a look first, each with
why it is in the queue.

What makes an event worth a look (each adds to its worth):
- the machine unsure: 1 - its confidence;
- a large toll, where a mistake costs most: log10(1 + killed) / 2 (ten killed 0.5, a hundred 1);
- sources that disagree: a toll whose low and high figures differ (reports gave different
  numbers): 0.5;
- a surge: the event counts towards a surge alert (sitrep/analyse/alerts.py, the `alerts`
  defaults) of the latest period: 0.5; surges are what a desk reports first.
Ties: the newest first.

The worth is computed by the database, which returns the first `limit` events in order: the
queue never reads every unreviewed event. Only the surge test reads events, those of the latest
period and its baseline (the events an alert depends on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sitrep.filters import ALERT_DIMENSIONS
from sitrep.records import DatasetEvent
from sitrep.store.backends import Database
from sitrep.store.queries import EventFilter, filter_sql, find_events, load_events

UNSURE_BELOW = 0.5  # a confidence under this is named as a reason
LARGE_TOLL = 10  # killed; at least this many is named as a reason
SURGE_PERIOD, SURGE_BASELINE = "week", 8  # as `sitrep alerts` by default

_TOLL = "COALESCE(e.fatalities_best, e.fatalities_low, 0)"
_WORTH = (
    f"(1.0 - COALESCE(e.confidence, 0)) + log10(1.0 + {_TOLL}) / 2"
    " + CASE WHEN e.fatalities_high > e.fatalities_low THEN 0.5 ELSE 0 END"
)


@dataclass(frozen=True)
class QueueItem:
    event: DatasetEvent
    reasons: tuple[str, ...]  # why it is in the queue this high, most telling first

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event.to_dict(), "reasons": list(self.reasons)}


def review_queue(db: Database, limit: int) -> list[QueueItem]:
    """The first `limit` unreviewed events by worth (module docstring), with their reasons."""
    surges = surge_members(db)
    worth, params = _WORTH, []
    if surges:
        worth += f" + CASE WHEN e.id IN ({', '.join('?' * len(surges))}) THEN 0.5 ELSE 0 END"
        params = list(surges)
    rows = db.rows(
        f"SELECT e.id FROM events e WHERE e.review_status IS NULL"
        f" ORDER BY {worth} DESC, COALESCE(e.date, '') DESC, e.id LIMIT ?",
        [*params, limit],
    )
    ids = [r["id"] for r in rows]
    found = {e.id: e for e in load_events(db, f"e.id IN ({', '.join('?' * len(ids))})", ids)} if ids else {}
    return [QueueItem(found[i], reasons(found[i], surges.get(i))) for i in ids if i in found]


def reasons(e: DatasetEvent, surge: str | None) -> tuple[str, ...]:
    """Why an event is worth a look, in words; "not reviewed yet" when nothing stands out."""
    killed = e.fatalities
    toll = (killed.best or killed.low or 0) if killed else 0
    found = []
    if surge:
        found.append(surge)
    if killed and killed.low is not None and killed.high is not None and killed.high > killed.low:
        found.append(f"sources disagree: {killed.low}-{killed.high} killed")
    if toll >= LARGE_TOLL:
        found.append(f"large toll: {toll} killed")
    if e.confidence < UNSURE_BELOW:
        found.append(f"low confidence: {e.confidence:.2f}")
    return tuple(found) or ("not reviewed yet",)


def surge_members(db: Database) -> dict[str, str]:
    """Unreviewed events that count towards a surge alert of the latest period: id -> the surge
    in words. Reads the events of that period and its baseline only."""
    from sitrep.analyse.alerts import surge_alerts
    from sitrep.analyse.periods import event_period, period_start, periods_before
    from sitrep.analyse.trends import group_values

    where, params = filter_sql(EventFilter())  # rejected events make no surge
    latest = db.value(f"SELECT MAX(e.date) FROM events e WHERE {where}", params)
    if not latest:
        return {}
    start = periods_before(period_start(dt.date.fromisoformat(latest), SURGE_PERIOD), SURGE_PERIOD, SURGE_BASELINE)
    events = find_events(db, EventFilter(since=start))
    members: dict[str, str] = {}
    for alert in surge_alerts(events, SURGE_PERIOD, ALERT_DIMENSIONS, SURGE_BASELINE):
        for e in events:
            if e.review_status is None and event_period(e, SURGE_PERIOD) == alert.start:
                if alert.value in group_values(e, alert.dimension):
                    members.setdefault(e.id, f"surge: {alert.value} ({alert.dimension}, {alert.period})")
    return members
