"""First-level areas' points: the middle of their member places, strays left out, on a member place."""

from __future__ import annotations

import pytest

from sitrep.geo import build as builder
from sitrep.geo import gazetteer, geoparse
from sitrep.geo.distance import haversine_km

NANJING = (32.06, 118.78)  # Jiangsu's capital


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Floods in Jiangsu province killed 12 people on Monday, officials said.", "en"),
        ("Flom i Jiangsu-provinsen drepte 12 mennesker mandag, opplyser myndighetene.", "nb"),
    ],
)
def test_a_province_resolves_near_where_its_people_live(text: str, lang: str) -> None:
    # A town in Sichuan filed under Jiangsu once put the province's point 720 km west of Nanjing.
    (jiangsu,) = [m for m in geoparse(text, lang) if m.to_dict()["text"] == "Jiangsu"]
    place = jiangsu.to_dict()
    assert place["feature_code"] == "ADM1" and place["country"] == "CN"
    assert haversine_km(place["lat"], place["lon"], *NANJING) < 161


def test_an_area_point_lies_on_one_of_its_places_not_in_the_sea() -> None:
    # The middle of Florida's box is in the Gulf of Mexico.
    gaz = gazetteer.load()
    florida = next(e for e in gaz.names("Florida") if e.feature_code == "ADM1" and e.country == "US")
    nearest, km = gaz.near(florida.lat, florida.lon, km=5)[0]
    assert km < 0.1 and (nearest.country, nearest.admin1) == ("US", florida.admin1)


def test_a_stray_member_does_not_move_the_area() -> None:
    cluster = [(32.0 + i / 10, 119.0 + j / 10) for i in range(5) for j in range(5)]
    lat, lon = builder.area_point([*cluster, (29.0, 100.3)])  # one misfiled 1,800 km west
    assert (lat, lon) == (32.2, 119.2)


def test_an_area_point_is_the_member_nearest_the_middle() -> None:
    ring = [(0.0, 0.0), (0.0, 4.0), (4.0, 0.0), (4.0, 4.0), (2.5, 0.2)]  # the middle (2, 2) is empty
    assert builder.area_point(ring) == (2.5, 0.2)


def test_remote_islands_of_an_area_are_not_strays() -> None:
    mainland = [(61.0 + i / 5, -150.0 + j / 5) for i in range(5) for j in range(5)]
    islands = [(52.0, -175.0), (52.5, -172.0), (53.0, -168.0), (53.9, -166.5)]
    assert builder._without_strays([*mainland, *islands]) == [*mainland, *islands]
