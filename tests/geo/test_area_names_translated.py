"""Issue 13/15: first-level areas are found by their names in the packs' languages, which the
bundled GeoNames extract lacks ("Louisiane" is Louisiana); the names come from the ISO 3166-2
translations in pycountry when the gazetteer is built. Names that areas of several countries
bear ("Northern") and one-word translations that are everyday words are not added."""

from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import load
from tests.geo.conftest import found, places_pack


@pytest.mark.parametrize(
    ("code", "text", "name", "area"),
    [
        ("fr", "Trois policiers ont été tués dimanche à Bâton-Rouge, en Louisiane.", "Louisiane", ("US", "Louisiana")),
        ("fr", "Un incendie a détruit une école en Nouvelle-Écosse.", "Nouvelle-Écosse", ("CA", "Nova Scotia")),
        ("de", "In den Abruzzen bebte am Montag die Erde.", "Abruzzen", ("IT", "Abruzzo")),
        ("uk", "Вибух стався в Хузестан у понеділок.", "Хузестан", ("IR", "Khuzestan")),
    ],
)
def test_area_found_by_its_name_in_the_language(code: str, text: str, name: str, area: tuple[str, str]) -> None:
    place = found(text, places_pack(code))[name].location.place
    assert (place.country, place.admin1, place.feature_code) == (*area, "ADM1")


@pytest.mark.parametrize("word", ["Norra", "Kuzey", "Так", "Marken"])
def test_no_area_named_by_a_compass_word_or_an_everyday_word(word: str) -> None:
    # "Norra" (sv, "Northern": areas of many countries), "Так" (uk "yes": Tak, Thailand),
    # "Marken" (de "brands": Marche, Italy) name no first-level area.
    areas = [e for e in load().names(word) if e.feature_code == "ADM1"]
    assert areas == []
