"""bulk_window(): where a timeline opens. Outliers at either end are left out (and counted) when
that shrinks the span a lot; evenly spread or short spans are shown whole."""

from __future__ import annotations

import datetime as dt

from sitrep.analyse.window import bulk_window

D = dt.date
SPRING_2021 = [D(2021, 3, day) for day in range(1, 29)]


def test_one_event_decades_earlier_is_left_out_and_counted() -> None:
    w = bulk_window([D(1966, 3, 12), *SPRING_2021])
    assert w is not None
    assert (w.first, w.last, w.since, w.until) == (D(1966, 3, 12), D(2021, 3, 28), D(2021, 3, 1), D(2021, 3, 28))
    assert (w.dated, w.before, w.after) == (29, 1, 0)
    assert w.to_dict()["since"] == "2021-03-01"


def test_outliers_at_both_ends() -> None:
    days = [D(1966, 1, 1), *SPRING_2021 * 2, D(2090, 1, 1)]  # 58 dates: 5 % allows two out
    w = bulk_window(days)
    assert w is not None and (w.since, w.until, w.before, w.after) == (D(2021, 3, 1), D(2021, 3, 28), 1, 1)


def test_as_few_left_out_as_will_do() -> None:
    """100 events allow five out; one outlier is all that goes."""
    days = [D(1966, 1, 1)] + [D(2021, 1, 1) + dt.timedelta(days=i) for i in range(99)]
    w = bulk_window(days)
    assert w is not None and (w.before, w.after, w.since) == (1, 0, D(2021, 1, 1))


def test_spans_shown_whole() -> None:
    evenly = [D(2000 + i, 6, 1) for i in range(20)]
    two_years = [D(2019, 6, 1), *SPRING_2021]
    two_events = [D(1966, 1, 1), D(2021, 1, 1)]  # nothing to call a bulk
    for days in (evenly, two_years, two_events):
        w = bulk_window(days)
        assert w is not None and (w.since, w.until, w.before, w.after) == (min(days), max(days), 0, 0)


def test_no_dates() -> None:
    assert bulk_window([]) is None
