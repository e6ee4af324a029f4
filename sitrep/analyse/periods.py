"""Periods for time series: ISO weeks, calendar months and calendar years.

A week runs Monday to Sunday and is labelled by its ISO week ("2020-W03": ISO 8601, so the days
of 30 December 2019 fall in "2020-W01"); a month is labelled "2020-01", a year "2020". A period
is identified by its first day, so periods sort and subtract as dates. Years are for series over
decades, which weeks or months would stretch into thousands of periods.

An event is put in a period only when its date is at least as fine as the period:
- day precision: the week or month of its date;
- week precision: the week of its date, and the month of its date (the date sitrep keeps for a
  week is a day in it, so a week that straddles two months counts in the month of that day);
- month precision: monthly and yearly series; it is left out of weekly ones, since any week of
  the month would be a guess;
- year precision: yearly series only;
- no date: left out of all.
`left_out` counts what a series leaves out, so the output can say so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator

from sitrep.filters import PERIOD_NAMES
from sitrep.records import DatasetEvent

PERIODS = PERIOD_NAMES  # declared with the query vocabulary (sitrep/filters.py)
# The date precisions each period can hold (sitrep.records.PRECISIONS, finest first).
_HOLDS = {"week": ("day", "week"), "month": ("day", "week", "month"), "year": ("day", "week", "month", "year")}


def check_period(period: str) -> None:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")


def period_start(date: dt.date, period: str) -> dt.date:
    """The first day of the week (a Monday), month or year that holds `date`."""
    if period == "week":
        return date - dt.timedelta(days=date.weekday())
    if period == "year":
        return date.replace(month=1, day=1)
    return date.replace(day=1)


def next_start(start: dt.date, period: str) -> dt.date:
    """The first day of the period after the one starting on `start`."""
    if period == "week":
        return start + dt.timedelta(days=7)
    if period == "year":
        return start.replace(year=start.year + 1, month=1, day=1)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_start(start: dt.date, period: str) -> dt.date:
    return period_start(start - dt.timedelta(days=1), period)


def periods_before(date: dt.date, period: str, n: int) -> dt.date:
    """The start of the period `n` periods before the one holding `date`."""
    start = period_start(date, period)
    for _ in range(n):
        start = previous_start(start, period)
    return start


def period_label(start: dt.date, period: str) -> str:
    """ "2020-W03" for an ISO week, "2020-01" for a month, "2020" for a year."""
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "year":
        return f"{start.year:04d}"
    return f"{start.year:04d}-{start.month:02d}"


def period_range(first: dt.date, last: dt.date, period: str) -> Iterator[dt.date]:
    """The start of every period from the one holding `first` to the one holding `last`."""
    start, end = period_start(first, period), period_start(last, period)
    while start <= end:
        yield start
        start = next_start(start, period)


def event_period(event: DatasetEvent, period: str) -> dt.date | None:
    """The start of the period an event counts in; None when its date is missing or coarser."""
    if event.date is None or event.date_precision not in _HOLDS[period]:
        return None
    return period_start(event.date, period)


def left_out(events: Iterable[DatasetEvent], period: str) -> Counter[str]:
    """How many events a series at `period` leaves out, by reason ('undated', 'month', 'year')."""
    reasons: Counter[str] = Counter()
    for e in events:
        if e.date is None:
            reasons["undated"] += 1
        elif e.date_precision not in _HOLDS[period]:
            reasons[e.date_precision or "unknown precision"] += 1
    return reasons


def is_partial(start: dt.date, period: str, today: dt.date) -> bool:
    """Whether the period is not over on `today` (its last day is still to come)."""
    return today < next_start(start, period) - dt.timedelta(days=1)
