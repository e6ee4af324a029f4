"""trend(): zero-filled periods, changes against the previous period and the trailing baseline,
grouping, fatalities, partial periods."""

from __future__ import annotations

import datetime as dt

import pytest

from analyse_factory import MAYADEEN, event, weekly_events
from sitrep.analyse.trends import TrendRow, group_values, trend
from sitrep.records import Count, Place

D = dt.date
HOMS = Place("Homs", "SY", "Homs", None, 34.73, 36.71)
MOSUL = Place("Mosul", "IQ", "Nineveh", None, 36.34, 43.13)


def rows_of(rows: list[TrendRow], group: str = "all") -> list[TrendRow]:
    return [r for r in rows if r.group == group]


def test_weeks_are_zero_filled_with_changes() -> None:
    rows = trend(weekly_events([2, 0, 4, 1]), "week", today=D(2030, 1, 1))
    assert [(r.period, r.events) for r in rows] == [("2020-W02", 2), ("2020-W03", 0), ("2020-W04", 4), ("2020-W05", 1)]
    assert [r.change for r in rows] == [None, -2, 4, -3]
    assert [r.change_pct for r in rows] == [None, -100.0, None, -75.0]  # None: nothing the week before
    assert [r.baseline_mean for r in rows] == [None, 2.0, 1.0, 2.0]
    assert [r.baseline_periods for r in rows] == [0, 1, 2, 3]
    assert rows[2].baseline_change == 3.0 and rows[2].baseline_change_pct == 300.0
    assert not any(r.partial for r in rows)


def test_baseline_is_trailing_window() -> None:
    rows = trend(weekly_events([1, 1, 1, 1, 5, 5, 9]), baseline=2, today=D(2030, 1, 1))
    assert rows[-1].baseline_mean == 5.0 and rows[-1].baseline_periods == 2
    assert rows[-1].baseline_change_pct == 80.0


def test_partial_latest_period() -> None:
    events = [
        event(id="a", date=D(2020, 10, 20)),
        event(id="b", date=D(2020, 11, 3)),
        event(id="c", date=D(2020, 11, 4)),
    ]
    rows = trend(events, "month", until=D(2020, 11, 10))
    assert [(r.period, r.events, r.partial) for r in rows] == [("2020-10", 1, False), ("2020-11", 2, True)]
    assert rows[-1].change_pct == 100.0  # "so far in November, up 100%"
    assert trend(events, "month", today=D(2020, 11, 30))[-1].partial is False


def test_since_until_span_and_filter() -> None:
    events = weekly_events([1, 1, 1, 1])
    rows = trend(events, since=D(2020, 1, 13), until=D(2020, 1, 26))
    assert [(r.period, r.events) for r in rows] == [("2020-W03", 1), ("2020-W04", 1)]
    # An empty stretch is still spanned when the bounds are given.
    rows = trend(events, since=D(2019, 12, 30), until=D(2020, 1, 12))
    assert [(r.period, r.events) for r in rows] == [("2020-W01", 0), ("2020-W02", 1)]
    assert trend([]) == []


def test_month_precision_counts_monthly_only() -> None:
    events = [
        event(id="a", date=D(2020, 1, 1), precision="month"),
        event(id="b", date=D(2020, 1, 14)),
        event(id="c", date=D(2020, 1, 1), precision="year"),
        event(id="d", date=None),
    ]
    assert sum(r.events for r in trend(events, "week", today=D(2030, 1, 1))) == 1
    assert sum(r.events for r in trend(events, "month", today=D(2030, 1, 1))) == 2


def test_fatalities_best_else_low_none_safe() -> None:
    events = [
        event(id="a", killed=13),
        event(id="b", killed=Count(12, None, None)),
        event(id="c", killed=None),
        event(id="d", killed=Count(None, None, None)),
    ]
    assert trend(events, "week", today=D(2030, 1, 1))[0].fatalities == 25


def test_groups_most_events_first() -> None:
    events = [
        event(id="a", place=HOMS),
        event(id="b", place=MOSUL),
        event(id="c", place=MOSUL),
        event(id="d", place=None),
        event(id="e", date=D(2020, 1, 21), place=HOMS),
    ]
    rows = trend(events, by="country", today=D(2030, 1, 1))
    assert [(r.group, r.period, r.events) for r in rows] == [
        ("Iraq", "2020-W03", 2),
        ("Iraq", "2020-W04", 0),
        ("Syria", "2020-W03", 1),
        ("Syria", "2020-W04", 1),
        ("(unknown)", "2020-W03", 1),
        ("(unknown)", "2020-W04", 0),
    ]


@pytest.mark.parametrize(
    ("by", "fields", "groups"),
    [
        ("country", {}, ("Syria",)),
        ("admin1", {}, ("Deir ez-Zor, Syria",)),
        ("admin1", {"place": Place("Somewhere", "SY")}, ("(unknown)",)),
        ("actor", {}, ("Islamic State", "Military Forces of Syria")),
        ("actor", {"actor2": "Islamic State"}, ("Islamic State",)),
        ("actor", {"actor1": None, "actor2": None}, ("(unknown)",)),
        ("claimant", {"claimed_by": ("Islamic State", "JNIM")}, ("Islamic State", "JNIM")),
        ("claimant", {}, ("(unclaimed)",)),
        ("type", {}, ("Battles",)),
        ("sub_type", {}, ("Armed clash",)),
        (None, {}, ("all",)),
    ],
)
def test_group_values(by: str | None, fields: dict[str, object], groups: tuple[str, ...]) -> None:
    assert group_values(event(**fields), by) == groups  # type: ignore[arg-type]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="period"):
        trend([event()], "day")
    with pytest.raises(ValueError, match="group by"):
        trend([event()], by="colour")
    with pytest.raises(ValueError, match="after"):
        trend([event()], since=D(2020, 2, 1), until=D(2020, 1, 1))
    with pytest.raises(ValueError, match="baseline"):
        trend([event()], baseline=0)


def test_row_to_dict_is_json_ready() -> None:
    d = trend([event(place=MAYADEEN)], today=D(2030, 1, 1))[0].to_dict()
    assert d["start"] == "2020-01-13" and d["period"] == "2020-W03" and d["events"] == 1


def test_baseline_reaches_back_before_since() -> None:
    events = weekly_events([4, 4, 4, 4, 8])
    rows = trend(events, since=D(2020, 2, 3), baseline=4, today=D(2030, 1, 1))
    assert [(r.period, r.events, r.baseline_mean, r.baseline_periods) for r in rows] == [("2020-W06", 8, 4.0, 4)]
    assert rows[0].change == 4  # against the week before `since`


def test_groups_only_before_since_have_zero_rows() -> None:
    events = weekly_events([3, 0], prefix="a", actor1="Old") + weekly_events([0, 1], prefix="b", actor1="New")
    rows = trend(events, by="actor", since=D(2020, 1, 13), today=D(2030, 1, 1))
    assert [(r.group, r.events) for r in rows][:2] == [("Military Forces of Syria", 1), ("New", 1)]


def test_years_hold_every_precise_enough_event_over_decades() -> None:
    events = [
        event(id="old", date=D(1966, 3, 12), killed=30),
        event(id="year-only", date=D(1990, 1, 1), precision="year"),
        *weekly_events([1, 2], first_monday=D(2021, 3, 1)),
    ]
    rows = trend(events, "year", today=D(2030, 1, 1))
    assert [r.period for r in rows] == [str(y) for y in range(1966, 2022)]
    counts = {r.period: r.events for r in rows}
    assert (counts["1966"], counts["1990"], counts["2021"], sum(counts.values())) == (1, 1, 3, 5)
    assert rows[0].fatalities == 30 and rows[0].start == D(1966, 1, 1)


@pytest.mark.parametrize(
    ("count", "figure"),
    [(Count(3, 5, 8), 5), (Count(12, None, None), 12), (Count(0, 0, 0), 0), (Count(None, None, 4), None)],
)
def test_a_tolls_single_figure_is_best_else_low(count: Count, figure: int | None) -> None:
    """One home for the figure trends, exports and the store's min_fatalities use (records.Count.figure)."""
    assert count.figure == figure
