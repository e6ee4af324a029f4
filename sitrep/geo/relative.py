"""Locations relative to a named place, as analysts code them (ACLED geo-precision); the
relation is a value of sitrep.geo.relations whatever the article's language:

- "near X", "outside X" (relation "near"), "north of X": X's point, precision 2, anchor X;
- "20 km west of X", "20 km vest for X" (both "20 km west of"): the offset point, precision 2,
  anchor X (admin1 and country of the point from the nearest populated place, since 20 km may
  cross a provincial line);
- "between X and Y": the midpoint, precision 2, anchor X;
- "X province", "central X region", "in northern X": an area is precision 3;
- "the X border", "the X-Y border": the country, precision 3.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.geo import relations
from sitrep.geo.distance import midpoint, offset
from sitrep.records import Location, Place

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Entry, Gazetteer
    from sitrep.geo.places import Raw

AREAS = frozenset({"PCLI", "ADM1", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT"})
REVERSE_KM = 50.0


def place_of(g: Gazetteer, e: Entry) -> Place:
    admin2 = e.name if e.feature_code == "ADM2" else g.admin_name(e.country, e.admin1, e.admin2) if e.admin2 else None
    return Place(name=e.name, country=e.country, admin1=g.admin_name(e.country, e.admin1), admin2=admin2,
                 lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature_code=e.feature_code)


def relative_location(g: Gazetteer, raw: Raw, place: Place, partner: Place | None) -> Location:
    area = place.feature_code in AREAS or raw.admin_level > 0
    if raw.offset and place.lat is not None and place.lon is not None:
        lat, lon = offset(place.lat, place.lon, *raw.offset)
        return Location(_at(g, place, lat, lon), 2, raw.relation, anchor=place)
    if raw.between and partner is not None and None not in (place.lat, place.lon, partner.lat, partner.lon):
        return Location(_between(place, partner), 2, relations.BETWEEN, anchor=place)
    if raw.border:
        return Location(place, 3 if area else 2, raw.relation, anchor=place)
    precision = 3 if area else raw.precision
    return Location(place, precision, raw.relation, anchor=place if raw.precision == 2 else None)


def _at(g: Gazetteer, anchor: Place, lat: float, lon: float) -> Place:
    """The anchor's name at a new point; country and admin1 of the point where known."""
    nearest = g.near(lat, lon, REVERSE_KM, limit=1)
    shifted = replace(anchor, lat=lat, lon=lon, geonameid=None, feature_code=None)
    if nearest:
        e = nearest[0][0]
        shifted = replace(shifted, country=e.country, admin1=g.admin_name(e.country, e.admin1))
    return shifted


def _between(a: Place, b: Place) -> Place:
    lat, lon = midpoint(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    return Place(name=f"{a.name} – {b.name}", country=a.country,
                 admin1=a.admin1 if a.admin1 == b.admin1 else None, lat=lat, lon=lon)
