"""Counts of events and fatalities per week, month or year, overall or by country, admin1,
actor, claimant or type, with the change against the previous period and against a trailing
baseline.

Conventions (the README states them too):
- Which events count in which period: sitrep/analyse/periods.py (a month-precision event counts
  in monthly and yearly series, a year-precision one in yearly series only, an undated one in none).
- An event counts once in every group it belongs to: by actor, under actor1 and under actor2
  (ACLED's "events involving"); by claimant, under every group that claimed it. So group
  totals can add up to more than the number of events. An event without a value for the
  dimension counts under "(unknown)" ("(unclaimed)" by claimant).
- Fatalities are the best figure, or the low one when only that is known (ACLED's estimate for
  vague words: "dozens" -> 12), summed; unknown counts add nothing. `sitrep export` writes the
  same figure in its `fatalities` column, so the two agree.
- Every period from the first to the last is present, zeros filled, in every group. The
  trailing baseline of a period is the mean of up to `baseline` periods before it, reaching
  back before `since` (fewer at the start of the data; `baseline_periods` says how many).
- A period is `partial` when the reference day (`until`, or today) falls before its last day:
  "so far this month".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sitrep.analyse.periods import (
    check_period,
    event_period,
    is_partial,
    period_label,
    period_range,
    period_start,
    periods_before,
)
from sitrep.filters import DIMENSION_NAMES
from sitrep.records import DatasetEvent

GROUPINGS = DIMENSION_NAMES  # declared with the query vocabulary (sitrep/filters.py)
UNKNOWN = "(unknown)"
UNCLAIMED = "(unclaimed)"
TOTAL = "all"


@dataclass(frozen=True, slots=True)
class TrendRow:
    group: str  # the group's value ("Syria", "Islamic State"), or "all" without grouping
    period: str  # "2020-W03", "2020-01" or "2020"
    start: dt.date  # the period's first day
    events: int
    fatalities: int
    change: int | None  # events minus the previous period's; None for the first period
    change_pct: float | None  # percent; None when the previous period had no events
    baseline_mean: float | None  # mean events over the previous `baseline_periods` periods
    baseline_periods: int
    baseline_change: float | None  # events minus baseline_mean
    baseline_change_pct: float | None  # percent; None when the baseline mean is 0
    partial: bool  # the period is not over on the reference day

    def to_dict(self) -> dict[str, object]:
        return json_ready(self)


def json_ready(record: Any) -> dict[str, object]:
    """A row or alert record as a dict for JSON: its `start` date as YYYY-MM-DD."""
    d = asdict(record)
    d["start"] = record.start.isoformat()
    return d


@dataclass(frozen=True, slots=True)
class Series:
    """Counts per period of every group: `starts` are the period starts, first to last."""

    period: str
    starts: tuple[dt.date, ...]
    events: dict[str, list[int]]
    fatalities: dict[str, list[int]]


def group_values(event: DatasetEvent, by: str | None) -> tuple[str, ...]:
    """The groups an event counts in for the dimension `by` (see the module docstring)."""
    if by is None:
        return (TOTAL,)
    if by == "actor":
        return tuple(dict.fromkeys(a for a in (event.actor1, event.actor2) if a)) or (UNKNOWN,)
    if by == "claimant":
        return event.claimed_by or (UNCLAIMED,)
    return (_single_value(event, by) or UNKNOWN,)


def _single_value(event: DatasetEvent, by: str) -> str | None:
    place = event.location.place if event.location else None
    if by == "country":
        return _country(place.country) if place else None
    if by == "admin1":
        return f"{place.admin1}, {_country(place.country)}" if place and place.admin1 else None
    if by == "type":
        return event.event_type
    if by == "sub_type":
        return event.sub_event_type
    raise ValueError(f"cannot group by {by!r} (choose from {', '.join(GROUPINGS)})")


def _country(iso2: str | None) -> str:
    from sitrep.geo.countries import country_name

    return (country_name(iso2) or iso2) if iso2 else UNKNOWN


def series(
    events: Sequence[DatasetEvent],
    period: str,
    by: str | None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Series:
    """Events and fatalities per period per group, over every period from `since` (or the first
    event) to `until` (or the last event); empty when there is nothing to span."""
    _check_bounds(period, since, until)
    dated = [(e, p) for e in events if (p := event_period(e, period)) and _within(e.date, since, until)]
    first = since or min((p for _, p in dated), default=None)
    last = until or max((p for _, p in dated), default=None)
    if first is None or last is None:
        return Series(period, (), {}, {})
    starts = tuple(period_range(first, last, period))
    index = {s: i for i, s in enumerate(starts)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(starts))
    dead: dict[str, list[int]] = defaultdict(lambda: [0] * len(starts))
    for e, p in dated:
        for g in group_values(e, by):
            counts[g][index[p]] += 1
            dead[g][index[p]] += (e.fatalities.figure or 0) if e.fatalities else 0
    return Series(period, starts, dict(counts), dict(dead))


def _check_bounds(period: str, since: dt.date | None, until: dt.date | None) -> None:
    check_period(period)
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")


def _within(date: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    return date is not None and (since is None or date >= since) and (until is None or date <= until)


def trend(
    events: Sequence[DatasetEvent],
    period: str = "week",
    by: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    baseline: int = 8,
    today: dt.date | None = None,
) -> list[TrendRow]:
    """One row per group per period from `since` to `until`, groups with the most events first,
    periods in order. The baseline of the first periods reaches back before `since`: events
    there are read but get no row of their own."""
    if baseline < 1:
        raise ValueError(f"baseline must be at least 1 period, not {baseline}")
    _check_bounds(period, since, until)
    lead = periods_before(since, period, baseline) if since else None
    s = series(events, period, by, lead, until)
    reference = until or today or dt.date.today()
    first = period_start(since, period) if since else None
    shown = [i for i, start in enumerate(s.starts) if first is None or start >= first]
    order = sorted(s.events, key=lambda g: (-sum(s.events[g][i] for i in shown), g))
    return [_row(s, g, i, baseline, reference) for g in order for i in shown]


def _row(s: Series, group: str, i: int, baseline: int, reference: dt.date) -> TrendRow:
    counts, start = s.events[group], s.starts[i]
    previous = counts[i - 1] if i else None
    window = counts[max(0, i - baseline) : i]
    mean = sum(window) / len(window) if window else None
    return TrendRow(
        group,
        period_label(start, s.period),
        start,
        counts[i],
        s.fatalities[group][i],
        None if previous is None else counts[i] - previous,
        _percent(counts[i], previous),
        mean,
        len(window),
        None if mean is None else counts[i] - mean,
        _percent(counts[i], mean),
        is_partial(start, s.period, reference),
    )


def _percent(now: float, before: float | None) -> float | None:
    """The change from `before` to `now` in percent; None when `before` is None or 0."""
    return None if not before else (now - before) / before * 100.0
