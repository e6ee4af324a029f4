"""The merge rules of sitrep.store.dedup, on events written out field by field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sitrep.records import Count, Event, Location, Place, Report
from sitrep.store.dedup import best_match, coarse_dates, compare, merge_event, new_event_id, search_window

MAYADIN = Place("Al Mayadin", "SY", "Deir ez-Zor", lat=35.0198, lon=40.4515, geonameid=173480, feature_code="PPL")
VILLAGE = Place("Village near Mayadin", "SY", "Deir ez-Zor", lat=35.05, lon=40.50, geonameid=1, feature_code="PPL")
ALBU_KAMAL = Place("Albu Kamal", "SY", "Deir ez-Zor", lat=34.4529, lon=40.9186, geonameid=172515, feature_code="PPL")
PROVINCE = Place("Deir ez-Zor", "SY", "Deir ez-Zor", lat=35.1, lon=40.4, feature_code="ADM1")
HOMS = Place("Homs", "SY", "Homs", lat=34.7268, lon=36.7234, geonameid=169577, feature_code="PPL")

BASE = Event(
    "d",
    dt.date(2020, 1, 14),
    "day",
    "Battles",
    "Armed clash",
    "Islamic State",
    "Military Forces of Syria",
    None,
    Location(MAYADIN),
    Count.exact(13),
    None,
    confidence=0.7,
)


def report(doc: str, seq: int = 0, published: str = "2020-01-15", **fields: object) -> Report:
    return Report(f"{doc}-0", doc, replace(BASE, doc_id=doc, **fields), dt.date.fromisoformat(published), seq=seq)


def event_of(*reports: Report):  # noqa: ANN201 - DatasetEvent
    return merge_event(new_event_id(reports[0]), reports)


SAME = [
    ("the same event from another outlet", {}),
    ("a day apart with the same perpetrator", {"date": dt.date(2020, 1, 15)}),
    ("the province instead of the town", {"location": Location(PROVINCE, precision=3)}),
    ("a month-precise date that holds the day", {"date": dt.date(2020, 1, 1), "date_precision": "month"}),
    ("near the town, 6 km out", {"location": Location(VILLAGE, precision=2, relation="near")}),
    ("an ambush coded as an attack", {"event_type": "Violence against civilians", "sub_event_type": "Attack"}),
    ("a revised toll", {"fatalities": Count.exact(21)}),
]
DIFFERENT = [
    ("three days later in the same town", {"date": dt.date(2020, 1, 17)}, "3 days apart"),
    ("the same day 70 km away", {"location": Location(ALBU_KAMAL)}, "different places"),
    ("another province the same day", {"location": Location(HOMS)}, "different places"),
    (
        "a protest in the same town",
        {"event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": None},
        "different kinds of event",
    ),
    (
        "a day apart with nothing else in common",
        {"date": dt.date(2020, 1, 15), "actor1": None, "fatalities": None},
        "a day apart",
    ),
    ("another month", {"date": dt.date(2020, 2, 1), "date_precision": "month"}, "outside"),
    (
        "another country",
        {"location": Location(Place("Al Qaim", "IQ", "Anbar", lat=34.37, lon=41.09))},
        "different countries",
    ),
]


@pytest.mark.parametrize("why, fields", SAME, ids=[s[0] for s in SAME])
def test_reports_of_one_event_merge(why: str, fields: dict) -> None:
    decision = compare(report("b", 1, **fields), event_of(report("a")))
    assert decision.same, decision.reasons
    assert decision.reasons  # every merge says why


@pytest.mark.parametrize("why, fields, reason", DIFFERENT, ids=[d[0] for d in DIFFERENT])
def test_look_alikes_stay_apart(why: str, fields: dict, reason: str) -> None:
    decision = compare(report("b", 1, **fields), event_of(report("a")))
    assert not decision.same and any(reason in r for r in decision.reasons), decision.reasons


def test_two_events_of_one_article_never_merge() -> None:
    first = report("a")
    second = Report("a-1", "a", first.event, first.published, seq=1)
    assert "same article" in compare(second, event_of(first)).reasons[0]


def test_different_named_perpetrators_cost_the_merge() -> None:
    decision = compare(
        report("b", 1, actor1="Syrian Democratic Forces", sub_event_type="Attack"), event_of(report("a"))
    )
    assert not decision.same and any("different perpetrators" in r for r in decision.reasons)


def test_best_match_prefers_the_closer_event_and_explains_a_new_one() -> None:
    here, there = event_of(report("a")), event_of(report("c", location=Location(HOMS)))
    match, decision = best_match(report("b", 2), [there, here])
    assert match is here and decision.same
    none, why = best_match(report("d", 3, location=Location(ALBU_KAMAL)), [there, here])
    assert none is None and "not merged" in why.reasons[0]


def test_merged_fields_follow_the_documented_rules() -> None:
    vague = report(
        "a",
        0,
        published="2020-01-14",
        location=Location(PROVINCE, precision=3),
        date=dt.date(2020, 1, 1),
        date_precision="month",
        fatalities=Count.exact(9),
        actor1="Unidentified Armed Group",
    )
    precise = report("b", 1, published="2020-01-15", claimed_by="Islamic State", fatalities=Count(13, 13, 15))
    revised = report("c", 2, published="2020-01-16", fatalities=Count.exact(21), wounded=Count.exact(4))
    merged = event_of(vague, precise, revised)
    assert (merged.date, merged.date_precision) == (dt.date(2020, 1, 14), "day")  # the most precise date
    assert merged.location.place.name == "Al Mayadin"  # the most precise place
    assert merged.actor1 == "Islamic State"  # a named actor before an unidentified one
    assert merged.claimed_by == ("Islamic State",)
    assert merged.fatalities == Count(9, 21, 21)  # lowest, latest ("the toll rose to 21"), highest
    assert merged.wounded == Count(4, 4, 4) and merged.sources == 3


def test_syndicated_copies_count_once() -> None:
    original = report("a")
    copy = Report("b-0", "b", original.event, original.published, duplicate_of="a", seq=1)
    decision = compare(copy, event_of(original))
    assert decision.same and "syndicated copy" in decision.reasons[0]
    assert event_of(original, copy).sources == 1


@pytest.mark.parametrize(
    "precision, day, window",
    [
        ("day", dt.date(2020, 1, 14), (dt.date(2020, 1, 11), dt.date(2020, 1, 17))),
        ("month", dt.date(2020, 1, 1), (dt.date(2020, 1, 1), dt.date(2020, 1, 31))),
        ("year", dt.date(2020, 1, 1), (dt.date(2020, 1, 1), dt.date(2020, 12, 31))),
        (None, None, None),
    ],
)
def test_search_window(precision: str | None, day: dt.date | None, window: tuple | None) -> None:
    assert search_window(replace(BASE, date=day, date_precision=precision)) == window


def test_coarse_events_that_hold_the_date_are_candidates_too() -> None:
    assert coarse_dates(BASE) == (dt.date(2020, 1, 1), dt.date(2020, 1, 1))
    assert coarse_dates(replace(BASE, date=dt.date(2020, 5, 9))) == (dt.date(2020, 5, 1), dt.date(2020, 1, 1))


def test_event_ids_are_stable() -> None:
    assert new_event_id(report("a")) == new_event_id(report("a")) != new_event_id(report("b"))
