"""Period keys: ISO weeks, months, years, and which date precisions a period holds."""

from __future__ import annotations

import datetime as dt

import pytest

from analyse_factory import event
from sitrep.analyse.periods import (
    event_period,
    is_partial,
    left_out,
    next_start,
    period_label,
    period_range,
    period_start,
    previous_start,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "period", "start", "label"),
    [
        (D(2020, 1, 14), "week", D(2020, 1, 13), "2020-W03"),
        (D(2020, 1, 19), "week", D(2020, 1, 13), "2020-W03"),  # Sunday ends the ISO week
        (D(2019, 12, 31), "week", D(2019, 12, 30), "2020-W01"),  # ISO year differs from the calendar's
        (D(2021, 1, 3), "week", D(2020, 12, 28), "2020-W53"),
        (D(2020, 1, 14), "month", D(2020, 1, 1), "2020-01"),
        (D(2020, 12, 31), "month", D(2020, 12, 1), "2020-12"),
        (D(2020, 12, 31), "year", D(2020, 1, 1), "2020"),
        (D(1966, 3, 12), "year", D(1966, 1, 1), "1966"),
    ],
)
def test_start_and_label(day: dt.date, period: str, start: dt.date, label: str) -> None:
    assert period_start(day, period) == start
    assert period_label(start, period) == label


def test_next_and_previous_cross_years() -> None:
    assert next_start(D(2020, 12, 1), "month") == D(2021, 1, 1)
    assert next_start(D(2020, 1, 1), "month") == D(2020, 2, 1)
    assert next_start(D(2020, 12, 28), "week") == D(2021, 1, 4)
    assert previous_start(D(2021, 1, 1), "month") == D(2020, 12, 1)
    assert previous_start(D(2021, 1, 4), "week") == D(2020, 12, 28)
    assert next_start(D(2020, 1, 1), "year") == D(2021, 1, 1)
    assert previous_start(D(2021, 1, 1), "year") == D(2020, 1, 1)


def test_range_holds_every_period() -> None:
    assert list(period_range(D(2020, 11, 15), D(2021, 2, 2), "month")) == [
        D(2020, 11, 1),
        D(2020, 12, 1),
        D(2021, 1, 1),
        D(2021, 2, 1),
    ]
    assert len(list(period_range(D(2020, 1, 1), D(2020, 12, 31), "week"))) == 53
    assert list(period_range(D(1966, 3, 12), D(2021, 4, 16), "year")) == [D(y, 1, 1) for y in range(1966, 2022)]


@pytest.mark.parametrize(
    ("precision", "week", "month"),
    [
        ("day", D(2020, 1, 27), D(2020, 1, 1)),
        ("week", D(2020, 1, 27), D(2020, 1, 1)),  # a week counts in the month of its date
        ("month", None, D(2020, 1, 1)),  # left out of weekly series
        ("year", None, None),
    ],
)
def test_event_period_by_precision(precision: str, week: dt.date | None, month: dt.date | None) -> None:
    e = event(date=D(2020, 1, 29), precision=precision)
    assert event_period(e, "week") == week
    assert event_period(e, "month") == month
    assert event_period(e, "year") == D(2020, 1, 1)  # every dated event counts in its year


def test_left_out_counts_reasons() -> None:
    events = [event(date=None), event(precision="month"), event(precision="year"), event()]
    assert left_out(events, "week") == {"undated": 1, "month": 1, "year": 1}
    assert left_out(events, "month") == {"undated": 1, "year": 1}
    assert left_out(events, "year") == {"undated": 1}


def test_partial_until_the_last_day() -> None:
    assert is_partial(D(2020, 11, 1), "month", D(2020, 11, 20))
    assert not is_partial(D(2020, 11, 1), "month", D(2020, 11, 30))
    assert is_partial(D(2020, 1, 13), "week", D(2020, 1, 18))
    assert not is_partial(D(2020, 1, 13), "week", D(2020, 1, 19))
    assert not is_partial(D(2020, 1, 13), "week", D(2020, 3, 1))
