"""Exports: ACLED-named CSV columns and their values, JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analyse_factory import event
from sitrep.analyse.export import (
    ACLED_COLUMNS,
    COLUMNS,
    acled_row,
    write_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from sitrep.records import Count, DatasetEvent, Place

ACLED = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)


def sample() -> list:
    return [
        event(
            id="ev-1",
            killed=13,
            wounded=Count(4, 4, 6),
            claimed_by=("Islamic State",),
            outlets=("Reuters", "AFP", "Reuters"),
            relation="near",
            geo_precision=2,
        ),
        event(
            id="ev-2",
            date=dt.date(2020, 1, 1),
            precision="month",
            event_type="Protests",
            sub_event_type="Excessive force against protesters",
            actor1="Police Forces of Syria",
            actor2="Protesters",
            killed=Count(12, None, None),
            place=None,
            outlets=(),
        ),
    ]


def read_csv(events: list) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(events, out)
    out.seek(0)
    return list(csv.DictReader(out))


def test_csv_columns_acled_first() -> None:
    assert ACLED_COLUMNS == ACLED
    out = io.StringIO()
    write_csv(sample(), out)
    header = out.getvalue().splitlines()[0].split(",")
    assert tuple(header[: len(ACLED)]) == ACLED
    assert header[len(ACLED) :] == [
        "wounded",
        "fatalities_low",
        "fatalities_high",
        "wounded_low",
        "wounded_high",
        "claimed_by",
        "sources",
        "confidence",
        "sitrep_id",
        "review_status",
    ]


def test_csv_values() -> None:
    first, second = read_csv(sample())
    assert first["event_id_cnty"].startswith("SYR") and first["event_id_cnty"][3:].isdigit()
    assert (first["event_date"], first["year"], first["time_precision"]) == ("2020-01-14", "2020", "1")
    assert first["disorder_type"] == "Political violence"
    assert (first["iso"], first["country"], first["admin1"], first["location"]) == (
        "760",
        "Syria",
        "Deir ez-Zor",
        "Al Mayādīn",
    )
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == ("35.02", "40.45", "2")
    assert first["source"] == "Reuters; AFP"
    assert first["notes"].startswith("On 14 January 2020, Islamic State militants clashed with")
    assert (first["fatalities"], first["wounded"], first["wounded_high"]) == ("13", "4", "6")
    assert (first["claimed_by"], first["sources"], first["sitrep_id"]) == ("Islamic State", "3", "ev-1")
    # month precision, no place, a vague death toll, no outlet
    assert (second["event_id_cnty"][:3], second["time_precision"], second["iso"], second["country"]) == (
        "XXX",
        "3",
        "",
        "",
    )
    assert second["disorder_type"] == "Political violence; Demonstrations"
    assert (second["fatalities"], second["fatalities_low"], second["fatalities_high"]) == ("12", "12", "")
    assert second["latitude"] == "" and second["source"] == ""


def test_id_is_stable_and_distinct() -> None:
    a, b = acled_row(event(id="x")), acled_row(event(id="y"))
    assert a["event_id_cnty"] == acled_row(event(id="x"))["event_id_cnty"] != b["event_id_cnty"]


def test_no_fatalities_reported_is_zero() -> None:
    row = acled_row(event(killed=None))
    assert (row["fatalities"], row["fatalities_low"], row["wounded"]) == (0, None, None)


@pytest.mark.parametrize(
    ("event_type", "sub_type", "disorder"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Grenade", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Looting/property destruction", "Strategic developments"),
        (None, None, None),
    ],
)
def test_disorder_type(event_type: str | None, sub_type: str | None, disorder: str | None) -> None:
    assert acled_row(event(event_type=event_type, sub_event_type=sub_type))["disorder_type"] == disorder


def test_jsonl_is_to_dict_with_notes() -> None:
    out = io.StringIO()
    write_jsonl(sample(), out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [d["id"] for d in lines] == ["ev-1", "ev-2"]
    assert lines[0]["fatalities_count"] == {"low": 13, "best": 13, "high": 13} and lines[0]["notes"]


def test_geojson_points_and_null_geometry() -> None:
    out = io.StringIO()
    write_geojson(sample(), out)
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    located, unlocated = doc["features"]
    assert located["geometry"] == {"type": "Point", "coordinates": [40.45, 35.02]}  # lon, lat
    assert located["properties"]["event_id_cnty"].startswith("SYR") and located["id"] == "ev-1"
    assert unlocated["geometry"] is None


def test_parquet_schema_and_values(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    write_parquet(sample(), path)
    table = pq.read_table(path)
    assert table.column_names == [*COLUMNS, "location_json", "reports_json"]
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int64()
    assert table.schema.field("latitude").type == pa.float64()
    rows = table.to_pylist()
    assert rows[0]["event_date"] == dt.date(2020, 1, 14) and rows[0]["iso"] == 760
    assert json.loads(rows[0]["location_json"])["relation"] == "near"
    assert [r["outlet"] for r in json.loads(rows[0]["reports_json"])] == ["Reuters", "AFP", "Reuters"]
    assert rows[1]["location_json"] is None and rows[1]["latitude"] is None


def test_empty_exports(tmp_path: Path) -> None:
    write_parquet([], tmp_path / "none.parquet")
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0
    out = io.StringIO()
    write_geojson([], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


# Right-to-left names as the Arabic and Persian packs give them: a ZWNJ inside a Persian word,
# a right-to-left mark, Arabic-Indic digits and diacritics must reach every export unchanged.
QAMISHLI = Place("القامشلي", "SY", "الحسكة", None, 37.05, 41.22, 163345, "PPL")
RTL = {"actor1": "الدولة الإسلامية", "actor2": "نیروهای\u200cامنیتی \u200fسوریه", "outlet": "صوت أمريكا ٢٠٢١"}


def rtl_event() -> DatasetEvent:
    return event(actor1=RTL["actor1"], actor2=RTL["actor2"], place=QAMISHLI, outlets=(RTL["outlet"],))


def test_right_to_left_text_survives_csv_and_jsonl() -> None:
    [row] = read_csv([rtl_event()])
    assert (row["actor1"], row["actor2"], row["location"], row["admin1"]) == (
        RTL["actor1"],
        RTL["actor2"],
        "القامشلي",
        "الحسكة",
    )
    assert row["source"] == RTL["outlet"]
    out = io.StringIO()
    write_jsonl([rtl_event()], out)
    assert RTL["actor2"] in out.getvalue()  # written as text, not \u escapes
    assert json.loads(out.getvalue())["actor2"] == RTL["actor2"]


def test_right_to_left_text_survives_parquet(tmp_path: Path) -> None:
    path = tmp_path / "rtl.parquet"
    write_parquet([rtl_event()], path)
    [row] = pq.read_table(path).to_pylist()
    assert (row["actor1"], row["actor2"], row["location"], row["source"]) == (
        RTL["actor1"],
        RTL["actor2"],
        "القامشلي",
        RTL["outlet"],
    )
