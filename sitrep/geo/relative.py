"""Locations relative to a named place, as analysts code them (ACLED geo-precision); the
relation is a value of sitrep.geo.relations whatever the article's language:

- "near X", "outside X" (relation "near"), "north of X": X's point, precision 2, anchor X;
- "20 km west of X", "20 km vest for X" (both "20 km west of"): the offset point, precision 2,
  anchor X (admin1 and country of the point from the nearest populated place, since 20 km may
  cross a provincial line);
- "200 km north of X" (farther than FAR_KM): the offset point, precision 3, named after the
  province (or else the country) the point lies in, never after X;
- "10 km from X", "a village 10 km outside X": near X, precision 2; farther than FAR_KM only X's
  country, precision 3;
- "between X and Y": the midpoint, precision 2, anchor X;
- "X province", "central X region", "in northern X": an area is precision 3;
- "the X border", "the X-Y border": the country, precision 3.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.geo import relations
from sitrep.geo.countries import country_name, country_place
from sitrep.geo.distance import midpoint, offset
from sitrep.geo.gazetteer import Entry, Gazetteer
from sitrep.geo.mentions import Raw
from sitrep.records import Location, Place

AREAS = frozenset({"PCLI", "ADM1", "CONT", "RGN", "OCN", "SEA", "GULF", "STRT"})
REVERSE_KM = 50.0
# Beyond this distance a relative location no longer lies "at" its anchor: ACLED codes a town
# only when the event is in or just around it (precision 2 covers the outskirts and nearby
# villages, a few tens of km). A direction word is an octant (+-22.5 degrees), so at 200 km the
# point may be 75 km off sideways and any town at the point would be made up: the point is
# kept for the map, but named only by its province (or country), precision 3.
FAR_KM = 50.0


def place_of(g: Gazetteer, e: Entry) -> Place:
    admin2 = e.name if e.feature_code == "ADM2" else g.admin_name(e.country, e.admin1, e.admin2) if e.admin2 else None
    return Place(
        name=e.name,
        country=e.country,
        admin1=g.admin_name(e.country, e.admin1),
        admin2=admin2,
        lat=e.lat,
        lon=e.lon,
        geonameid=e.geonameid,
        feature_code=e.feature_code,
    )


def relative_location(g: Gazetteer, raw: Raw, place: Place, partner: Place | None) -> Location:
    area = place.feature_code in AREAS or raw.admin_level > 0
    if raw.offset and place.lat is not None and place.lon is not None:
        lat, lon = offset(place.lat, place.lon, *raw.offset)
        if raw.offset[0] > FAR_KM:
            return Location(_region_at(g, place, lat, lon), 3, raw.relation, anchor=place)
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


def _region_at(g: Gazetteer, anchor: Place, lat: float, lon: float) -> Place:
    """The province of a far point, named after the province (else the country): the nearest
    populated place says which; with none within REVERSE_KM (a desert) only the anchor's country."""
    nearest = g.near(lat, lon, REVERSE_KM, limit=1)
    country, admin1 = (
        (nearest[0][0].country, g.admin_name(nearest[0][0].country, nearest[0][0].admin1))
        if nearest
        else (anchor.country, None)
    )
    name = admin1 or (country_name(country) if country else None) or anchor.name
    return Place(
        name=name,
        country=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        feature_code="ADM1" if admin1 else "PCLI" if country else None,
    )


def distance_from(anchor: Place, km: float) -> Location:
    """'10 km from X' (no direction): near X, precision 2; farther than FAR_KM the event could be
    anywhere on a circle around X, so only X's country is said (precision 3)."""
    if km <= FAR_KM or not anchor.country:
        return Location(anchor, 2, relations.NEAR, anchor=anchor)
    return Location(country_place(anchor.country), 3, relations.NEAR, anchor=anchor)


def _between(a: Place, b: Place) -> Place:
    lat, lon = midpoint(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    return Place(
        name=f"{a.name} – {b.name}",
        country=a.country,
        admin1=a.admin1 if a.admin1 == b.admin1 else None,
        lat=lat,
        lon=lon,
    )
