"""The FORMAT.md scorer on small synthetic sets (no ../shared needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import SitrepError
from sitrep.extract import actors
from sitrep.eval import (
    date_exact,
    dates_compatible,
    evaluate,
    format_report,
    location_level,
    match_document,
    normalise_name,
    score,
    trap_numbers,
)
from sitrep.lang import load_shared
from sitrep.records import Count, Event, Location, Place

DAMASCUS = (33.5138, 36.2765)
HOMS = (34.7308, 36.7094)  # ~150 km from Damascus
DOUMA = (33.5711, 36.4026)  # ~13 km from Damascus
ZABADANI = (33.7247, 36.1003)  # ~28 km from Damascus


def loc(
    name: str | None = "Damascus",
    country: str | None = "SY",
    admin1: str | None = None,
    xy: tuple[float, float] | None = None,
    alt: list[str] | None = None,
    precision: int = 1,
) -> dict:
    lat, lon = xy if xy else (None, None)
    return {
        "name": name,
        "alt_names": alt or [],
        "country": country,
        "admin1": admin1,
        "lat": lat,
        "lon": lon,
        "precision": precision,
    }


def gold(
    gid: str = "g1",
    doc: str = "d1",
    date: str | None = "2020-03-10",
    kind: str | None = None,
    optional: bool = False,
    **fields: Any,
) -> dict:
    event = {
        "id": gid,
        "doc_id": doc,
        "date": date,
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": None,
        "actor2": None,
        "claimed_by": None,
        "location": loc(),
        "fatalities": 3,
        "wounded": None,
        "optional": optional,
    }
    if kind:
        event["date_kind"] = kind
    return event | fields


def system(doc: str = "d1", date: str | None = "2020-03-10", **fields: Any) -> dict:
    event = {
        "doc_id": doc,
        "date": date,
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": None,
        "location": loc(),
        "fatalities": 3,
        "wounded": None,
    }
    return event | fields


def detection(golds: list[dict], systems: list[dict], **kw: Any) -> tuple[int, int, int]:
    c = score({g["doc_id"] for g in golds}, golds, systems, **kw)["counts"]
    return c["hits"], c["false_alarms"], c["missed"]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gold_date", "sys_date", "ok"),
    [
        ("2020-03-10", "2020-03-10", True),
        ("2020-03-10", "2020-03-11", True),
        ("2020-03-10", "2020-03-09", True),
        ("2020-03-10", "2020-03-12", False),
        ("2020-03-10", "2020-03-08", False),
        ("2020-03-31", "2020-04-01", True),  # across a month boundary
        ("2020-03", "2020-03-31", True),  # coarse gold: anywhere in the month
        ("2020-03", "2020-04-01", False),
        ("2020", "2020-12-31", True),
        ("2020", "2021-01-01", False),
        ("2020-03-10", "2020-03", True),  # coarse system: a period containing the gold day
        ("2020-03-10", "2020", True),
        ("2020-03-10", "2020-04", False),
        ("2020-03-01", "2020-02", False),  # +-1 day tolerance is for days, not for a coarse period
        ("2020-03", "2020", True),
        (None, "2020-03-10", True),
        ("2020-03-10", None, True),
    ],
)
def test_date_tolerance(gold_date: str | None, sys_date: str | None, ok: bool) -> None:
    assert dates_compatible({"date": gold_date}, {"date": sys_date}) is ok


@pytest.mark.parametrize(
    ("sys_date", "ok"),
    [
        ("1988-08-23", True),
        ("1988-08-24", True),
        ("1988-08-25", False),
        ("1988-07-23", True),
        ("1988-07-22", False),
        ("1988-07", True),
        ("1988-06", False),
    ],
)
def test_on_or_before_window(sys_date: str, ok: bool) -> None:
    g = {"date": "1988-08-23", "date_kind": "on_or_before"}
    assert dates_compatible(g, {"date": sys_date}) is ok


@pytest.mark.parametrize("kind", ["on_or_before", "range_end"])
@pytest.mark.parametrize(
    ("sys_date", "ok"),
    [
        ("1989-11-16", True),
        ("1989-11-17", True),
        ("1989-11-18", False),
        ("1989-11-10", True),
        ("1989-10-16", True),
        ("1989-10-15", False),
        ("1989-10", True),
    ],
)
def test_upper_bound_window(kind: str, sys_date: str, ok: bool) -> None:
    """FORMAT: an `on_or_before` or `range_end` date matches from 31 days before to 1 day after."""
    assert dates_compatible({"date": "1989-11-16", "date_kind": kind}, {"date": sys_date}) is ok


def test_coarse_upper_bound_reaches_31_days_before_its_period() -> None:
    g = {"date": "1989-11", "date_kind": "on_or_before"}
    assert dates_compatible(g, {"date": "1989-10-01"})
    assert dates_compatible(g, {"date": "1989-12-01"})
    assert not dates_compatible(g, {"date": "1989-09-30"})
    assert date_exact(g, {"date": "1989-10-01"}) and not date_exact(g, {"date": "1989-12-01"})


@pytest.mark.parametrize("kind", ["on_or_before", "range_end"])
@pytest.mark.parametrize(
    ("sys_date", "exact"),
    [
        ("1989-11-16", True),
        ("1989-11-01", True),
        ("1989-10-16", True),  # up to 31 days earlier
        ("1989-11-17", False),  # the day after matches, but is not exact (as for an exact gold day)
        ("1989-11", False),
        (None, False),
    ],
)
def test_upper_bound_counts_as_exact(kind: str, sys_date: str | None, exact: bool) -> None:
    assert date_exact({"date": "1989-11-16", "date_kind": kind}, {"date": sys_date}) is exact


def test_date_exact_elsewhere_is_the_same_date_at_the_same_precision() -> None:
    assert date_exact({"date": "2020-03-10"}, {"date": "2020-3-10"}) is True
    assert date_exact({"date": "2020-03-10"}, {"date": "2020-03-09"}) is False
    assert date_exact({"date": "2020-03-10", "date_kind": "exact"}, {"date": "2020-02-20"}) is False
    assert date_exact({"date": "2020-03"}, {"date": "2020-03"}) is True
    assert date_exact({"date": None}, {"date": "2020-03-10"}) is None


def test_date_exact_metric_counts_upper_bound_windows() -> None:
    golds = [
        gold("a", date="1989-11-16", kind="range_end"),
        gold("b", doc="d2", date="1988-08-23", kind="on_or_before"),
    ]
    systems = [system(date="1989-11-10"), system(doc="d2", date="1988-08-01")]
    report = score(["d1", "d2"], golds, systems)
    assert (report["metrics"]["date_exact"], report["metric_n"]["date_exact"]) == (1.0, 2)


def test_ranking_takes_a_date_inside_an_upper_bound_as_exact() -> None:
    golds = [gold("one_off", date="2020-03-11"), gold("bound", date="2020-03-30", kind="on_or_before")]
    assert match_document(golds, [system(date="2020-03-10")]) == [(1, 0)]


# ---------------------------------------------------------------- places


def test_within_50_km_when_both_have_coordinates() -> None:
    g = loc(xy=DAMASCUS)
    assert location_level(g, loc("Douma", xy=DOUMA)) is not None
    assert location_level(g, loc("Zabadani", xy=ZABADANI)) is not None
    # Coordinates decide alone: the same name 150 km away does not match.
    assert location_level(g, loc("Damascus", xy=HOMS)) is None


def test_name_alt_names_and_admin1() -> None:
    g = loc("Al-Hasakah", admin1="Hasakah Governorate", alt=["Hassakeh"])
    assert location_level(g, loc("hasakah")) == (0, 0.0)
    assert location_level(g, loc("El Hasakah")) == (0, 0.0)
    assert location_level(g, loc("HASSAKEH")) == (1, 0.0)
    assert location_level(g, loc("Qamishli", admin1="Hasakah Governorate")) == (1, 0.0)
    assert location_level(g, loc("Qamishli")) is None
    assert location_level(g, loc("Hasakah", country="IQ")) is None


def test_names_ignore_case_accents_and_article() -> None:
    assert normalise_name("Ciudad de Guatemala") == normalise_name("CIUDAD DE GUATEMALA")
    assert normalise_name("Usulután") == normalise_name("USULUTAN")
    assert normalise_name("al-Raqqa") == normalise_name("Raqqa") == normalise_name("Ar Raqqa".replace("Ar ", ""))
    assert normalise_name("Deir ez-Zor") == "deir ez zor"
    assert location_level(loc("San Miguel", country="SV"), loc("SAN MIGUEL", country="SV", xy=DAMASCUS)) == (0, 0.0)


def test_system_without_country_cannot_match_gold_with_one() -> None:
    assert location_level(loc("Damascus"), loc("Damascus", country=None)) is None
    assert location_level(loc("Damascus", country=None), loc("Damascus", country="SY")) == (0, 0.0)


def test_country_only_gold() -> None:
    nameless = loc(None, admin1="Deir ez-Zor", precision=3)
    assert location_level(nameless, loc("Anywhere")) == (2, 0.0)
    assert location_level(nameless, loc("Anywhere", country="IQ")) is None
    region = loc("Northern Syria", precision=3)
    assert location_level(region, loc("Manbij")) == (2, 0.0)
    # precision 3 but an admin1 is known: the name rule applies
    assert location_level(loc("Morazan", admin1="Morazan", precision=3), loc("Perquin")) is None


def test_gold_without_location_matches_nothing() -> None:
    empty = loc(None, country=None)
    assert location_level(empty, loc()) is None
    assert location_level(None, loc()) is None
    assert location_level(loc(), None) is None


# ---------------------------------------------------------------- matching and detection


def test_one_to_one_best_pairs_first() -> None:
    g1 = gold("g1", date="2020-03-10")
    g2 = gold("g2", date="2020-03-11")
    s_a = system(date="2020-03-11")  # matches both; exactly g2
    s_b = system(date="2020-03-10")  # matches both; exactly g1
    assert match_document([g1, g2], [s_a, s_b]) == [(0, 1), (1, 0)]
    # Three system events for one gold: one hit, two false alarms.
    assert detection([g1], [system(), system(), system()]) == (1, 2, 0)


def test_location_breaks_date_ties() -> None:
    golds = [gold("far", location=loc("Homs", xy=HOMS)), gold("near", location=loc(xy=DAMASCUS))]
    sys_douma = system(location=loc("Douma", xy=DOUMA))
    sys_homs = system(location=loc("Homs", xy=HOMS))
    assert match_document(golds, [sys_douma, sys_homs]) == [(0, 1), (1, 0)]


def test_event_type_breaks_ties() -> None:
    golds = [gold("a", event_type="Battles"), gold("b")]
    assert match_document(golds, [system()]) == [(1, 0)]


def test_matching_stays_inside_a_document() -> None:
    assert detection([gold(doc="d1")], [system(doc="d2")]) == (0, 1, 1)


def test_precision_recall_f1() -> None:
    golds = [gold("g1"), gold("g2", location=loc("Homs", xy=HOMS)), gold("g3", location=loc("Aleppo"))]
    systems = [system(), system(location=loc("Homs")), system(location=loc("Idlib"))]
    m = score(["d1"], golds, systems)["metrics"]
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)


def test_no_system_events_gives_na_precision() -> None:
    m = score(["d1"], [gold()], [])["metrics"]
    assert m["precision"] is None and m["recall"] == 0.0 and m["f1"] == 0.0
    assert score(["d1"], [], [])["metrics"]["f1"] is None  # nothing to find, nothing found


def test_optional_gold_neither_hit_nor_false_alarm() -> None:
    golds = [gold("bg", optional=True, date="2017")]
    report = score(["d1"], golds, [system(date="2017-05-02")])
    assert (report["counts"]["hits"], report["counts"]["false_alarms"], report["counts"]["missed"]) == (0, 0, 0)
    assert report["counts"]["ignored"] == 1 and report["counts"]["gold"] == 0
    # missing an optional event is not a miss either
    assert detection(golds, []) == (0, 0, 0)


def test_optional_gold_does_not_take_a_system_event_from_a_real_one() -> None:
    golds = [gold("bg", optional=True), gold("real")]
    assert detection(golds, [system()]) == (1, 0, 0)


def test_unscored_unmatched_types() -> None:
    systems = [system(event_type="Battles", location=loc("Homs")), system(location=loc("Homs"))]
    assert detection([gold()], systems, unscored_unmatched_types=["Battles"]) == (0, 1, 1)
    # a matched Battles event is still a hit
    assert detection([gold()], [system(event_type="Battles")], unscored_unmatched_types=["Battles"]) == (1, 0, 0)


# ---------------------------------------------------------------- field accuracies


def fake_aliases(name: str | None) -> str | None:
    """Stands in for the lead's alias table, so these tests do not move when it grows."""
    if not name:
        return None
    key = name.strip().casefold()
    return {"isis": "islamic state", "daesh": "islamic state"}.get(key, key)


def test_field_accuracies_on_matched_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actors, "normalise_actor", fake_aliases)
    golds = [
        gold("g1", fatalities=3, wounded=None, actor1="Islamic State", location=loc(xy=DAMASCUS)),
        gold(
            "g2",
            doc="d2",
            fatalities=None,
            wounded=5,
            actor1=None,
            event_type="Battles",
            sub_event_type="Armed clash",
            date="2020-03",
        ),
    ]
    systems = [
        system(fatalities=3, wounded=2, actor1="ISIS", location=loc("Zabadani", xy=ZABADANI), date="2020-03-11"),
        system(
            doc="d2",
            fatalities=None,
            wounded=5,
            actor1=None,
            event_type="Battles",
            sub_event_type="Attack",
            date="2020-03",
        ),
    ]
    report = score(["d1", "d2"], golds, systems)
    m, n = report["metrics"], report["metric_n"]
    assert m["fatalities_exact"] == 1.0  # null == null agrees: "no figure" was right
    assert m["wounded_exact"] == 0.5
    assert m["date_exact"] == 0.5  # '2020-03' == '2020-03'; the day is one off
    assert m["event_type_acc"] == 1.0 and m["sub_event_type_acc"] == 0.5
    assert m["actor1_acc"] == 1.0  # ISIS == Islamic State after aliases; both None agree
    assert (m["location_25km"], n["location_25km"]) == (0.0, 1)  # Zabadani is ~28 km away
    assert m["country_acc"] == 1.0


def test_actor1_uses_sitrep_normalise_actor() -> None:
    golds = [gold(actor1="FMLN")]
    same = score(["d1"], golds, [system(actor1="FMLN")])["metrics"]["actor1_acc"]
    other = score(["d1"], golds, [system(actor1="Shining Path")])["metrics"]["actor1_acc"]
    assert (same, other) == (1.0, 0.0)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Islamic State", "  islamic   STATE "),  # case and spacing
        ("Islamic State", "ISIL"),
        ("Daesh", "Islamic State group"),
        ("Military Forces of Iraq", "Iraq military"),
        ("Military Forces of Iraq (2014-)", "Iraq military"),  # a regime period in brackets
        ("Police Forces of Syria (2000-2024)", "Syria police"),
        ("Military Forces of the United States", "United States military"),
    ],
)
def test_actor1_forms_of_one_actor(a: str, b: str) -> None:
    assert actors.normalise_actor(a) == actors.normalise_actor(b) is not None


@pytest.mark.parametrize(
    "name",
    [
        "Unidentified Armed Group",
        "Unidentified Armed Group (Iraq)",
        "unknown gunmen",
        "Unidentified gunmen",
        "unknown attackers",
        "UNKNOWN  ASSAILANTS",
    ],
)
def test_unidentified_perpetrator_is_null(name: str) -> None:
    assert actors.normalise_actor(name) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Military Forces of Iraq", "Military Forces of Syria"),
        ("Iraq military", "Iraq police"),
        ("Islamic State", "Taliban"),
        ("Rioters (Nigeria)", "Rioters (Ghana)"),
        ("Military Forces of Iraq (2014-)", None),
    ],
)
def test_actor1_forms_of_different_actors(a: str, b: str | None) -> None:
    assert actors.normalise_actor(a) != actors.normalise_actor(b)


def test_actor1_accuracy_after_normalisation() -> None:
    golds = [gold("g1", actor1="Syria military"), gold("g2", doc="d2", actor1="Unidentified Armed Group")]
    systems = [system(actor1="Military Forces of Syria (2000-2024)"), system(doc="d2", actor1=None)]
    assert score(["d1", "d2"], golds, systems)["metrics"]["actor1_acc"] == 1.0


def test_field_accuracies_skip_optional_and_unknown_gold() -> None:
    golds = [gold("g1", date=None, location=loc("Damascus")), gold("bg", doc="d2", optional=True)]
    systems = [system(fatalities=9), system(doc="d2", fatalities=9)]
    report = score(["d1", "d2"], golds, systems)
    assert report["metric_n"]["fatalities_exact"] == 1  # the optional pair is not scored
    assert report["metrics"]["fatalities_exact"] == 0.0
    assert report["metrics"]["date_exact"] is None  # gold date unknown
    assert report["metrics"]["location_25km"] is None  # no coordinates on the gold side


# ---------------------------------------------------------------- traps


def test_trap_numbers() -> None:
    assert trap_numbers({"text": "5,200 US troops"}) == {5200}
    assert trap_numbers({"text": "8,089,320"}) == {8089320}
    assert trap_numbers({"text": "anywhere from 2,000 to 10,000 IS insurgents"}) == {2000, 10000}
    assert trap_numbers({"text": "seven women and five men", "number": 7}) == {7}
    assert trap_numbers({"text": "a 17-year-old student"}) == {17}


def test_traps_hit_by_fatalities_or_wounded_of_the_same_document() -> None:
    traps = [
        {"doc_id": "d1", "text": "5,200 US troops"},
        {"doc_id": "d1", "text": "seven cattle", "number": 7},
        {"doc_id": "d1", "text": "30 attacks"},
        {"doc_id": "d2", "text": "12 arrested"},
    ]
    systems = [system(fatalities=5200), system(wounded=7, location=loc("Homs")), system(doc="d3", fatalities=12)]
    report = score(["d1", "d2", "d3"], [], systems, traps=traps)
    assert report["metrics"]["traps_hit"] == 2
    assert report["traps"]["phrases"] == 4
    assert [h["text"] for h in report["traps"]["hits"]] == ["5,200 US troops", "seven cattle"]


# ---------------------------------------------------------------- evaluate and the report


def write_set(
    directory: Path, docs: list[dict], events: list[dict], traps: list[dict] | None = None, settings: dict | None = None
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (("documents", docs), ("events", events), ("traps", traps)):
        if rows is not None:
            (directory / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if settings is not None:
        (directory / "set.json").write_text(json.dumps(settings), encoding="utf-8")
    return directory


def test_evaluate_with_injected_extractor(tmp_path: Path) -> None:
    docs = [{"id": "d1", "text": "..."}, {"id": "d2", "text": "..."}]
    directory = write_set(
        tmp_path / "set",
        docs,
        [gold()],
        traps=[{"doc_id": "d1", "text": "40 soldiers"}],
        settings={"unscored_unmatched_types": ["Battles"]},
    )
    event = Event(
        "d1",
        None,
        None,
        "Violence against civilians",
        "Attack",
        location=Location(Place("Damascus", country="SY")),
        fatalities=Count.exact(40),
    )
    seen: list[Path] = []

    def fake_extract(path: Path) -> list[Any]:
        seen.append(path)
        return [event, system(doc="d2", event_type="Battles")]

    report = evaluate(directory, extract=fake_extract)
    assert seen == [directory / "documents.jsonl"]
    assert (report["counts"]["hits"], report["counts"]["false_alarms"], report["counts"]["documents"]) == (1, 0, 2)
    assert report["metrics"]["traps_hit"] == 1
    assert report["set"] == "set"
    json.dumps(report)  # the CLI prints it with --json
    text = format_report(report)
    assert "precision" in text and "traps_hit" in text


@pytest.mark.parametrize("missing", ["documents.jsonl", "events.jsonl"])
def test_missing_file_is_a_one_line_error(tmp_path: Path, missing: str) -> None:
    directory = write_set(tmp_path / "set", [{"id": "d1", "text": "x"}], [gold()])
    (directory / missing).unlink()
    with pytest.raises(SitrepError, match=missing) as info:
        evaluate(directory, extract=lambda path: [])
    assert "\n" not in str(info.value)


def test_malformed_line_names_file_and_line(tmp_path: Path) -> None:
    directory = write_set(tmp_path / "set", [{"id": "d1", "text": "x"}], [gold()])
    (directory / "events.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(SitrepError, match=r"events\.jsonl:1"):
        evaluate(directory, extract=lambda path: [])


def test_format_report_lists_worst_documents() -> None:
    report = score(["d1", "d2"], [gold(), gold("g2", doc="d2")], [system(doc="d2", location=loc("Homs"))])
    text = format_report(report)
    assert "worst documents" in text and "d2" in text
    (precision,) = [line for line in text.splitlines() if line.startswith("precision ")]
    assert precision.split() == ["precision", "0.000"]  # 0.0, not n/a


def test_actor1_forms_come_from_the_shared_table() -> None:
    """normalise_actor reads its words from lang/shared/actors.toml, every form of it."""
    shared = load_shared("actors")
    for name in [shared["sides"]["unidentified"], *shared["compare"]["unidentified"]]:
        assert actors.normalise_actor(name) is None, name
    for side in ("military", "police"):
        for form in [shared["sides"][side], *shared["compare"]["sides"][side]]:
            assert actors.normalise_actor(form.format(country="Iraq")) == f"{side}:IQ", form


def test_a_side_needs_a_real_country() -> None:
    """A group named like a side ("Army of the Poor") stays that group."""
    assert actors.normalise_actor("Army of the Poor") == "army of the poor"
    assert actors.normalise_actor("The Salvadoran Army") == actors.normalise_actor("Military Forces of El Salvador")
