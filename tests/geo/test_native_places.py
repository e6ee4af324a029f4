"""Places and countries named in Cyrillic, Persian and Arabic script and in Turkish spelling
resolve through the built gazetteer (GeoNames' alternate names, the CLDR country names and the
curated aliases of sitrep/geo/data). Names and points written for these tests."""

from __future__ import annotations

import pytest

from sitrep.visible import VisibleText
from sitrep.geo import build as builder
from sitrep.geo import gazetteer, geoparse
from sitrep.geo.countries import DATA
from sitrep.geo.distance import haversine_km
from sitrep.geo.normalize import normalise

# (name, country, lat, lon): the first entry under the name is that place (within 50 km).
PLACES = [
    # Ukrainian and Russian
    ("Харків", "UA", 49.99, 36.23),
    ("Харьков", "UA", 49.99, 36.23),
    ("Донецьк", "UA", 48.00, 37.80),
    ("Бахмут", "UA", 48.60, 38.00),
    ("Київ", "UA", 50.45, 30.52),
    ("Киев", "UA", 50.45, 30.52),
    ("Запоріжжя", "UA", 47.84, 35.14),
    ("Маріуполь", "UA", 47.10, 37.55),
    ("Одеса", "UA", 46.48, 30.73),
    ("Одесса", "UA", 46.48, 30.73),
    ("Миколаїв", "UA", 46.97, 32.00),
    ("Слов'янськ", "UA", 48.85, 37.60),  # GeoNames files it under Nikopol too: an alias
    ("Слов’янськ", "UA", 48.85, 37.60),  # the typographic apostrophe
    ("Славянск", "UA", 48.85, 37.60),
    ("Часів Яр", "UA", 48.59, 37.85),
    ("Бєлгород", "RU", 50.60, 36.59),
    ("Курск", "RU", 51.73, 36.19),
    ("Дамаск", "SY", 33.51, 36.29),
    ("Мосул", "IQ", 36.34, 43.13),
    # Persian and Dari
    ("کابل", "AF", 34.53, 69.17),
    ("مزار شریف", "AF", 36.71, 67.11),
    ("لشکرگاه", "AF", 31.59, 64.37),
    ("پلخمری", "AF", 35.94, 68.71),
    ("تهران", "IR", 35.69, 51.42),
    ("قامشلی", "SY", 37.05, 41.22),
    ("کوبانی", "SY", 36.89, 38.35),
    ("کرکوک", "IQ", 35.47, 44.39),
    ("صنعا", "YE", 15.35, 44.21),
    # Arabic
    ("دير الزور", "SY", 35.34, 40.14),
    ("القامشلي", "SY", 37.05, 41.22),
    ("الموصل", "IQ", 36.34, 43.13),
    ("البوكمال", "SY", 34.45, 40.92),
    ("الخرطوم", "SD", 15.55, 32.53),
    ("كابول", "AF", 34.53, 69.17),  # also an Arab town in Israel; the press means Afghanistan's
    # Turkish
    ("Halep", "SY", 36.20, 37.16),
    ("Musul", "IQ", 36.34, 43.13),
    ("Kerkük", "IQ", 35.47, 44.39),
    ("Münbiç", "SY", 36.53, 37.95),
    ("Kamışlı", "SY", 37.05, 41.22),  # a Turkish village's name too
    ("Resulayn", "SY", 36.85, 40.07),  # Ceylanpınar's old name too
    ("Cerablus", "SY", 36.82, 38.01),
    ("Mezar-ı Şerif", "AF", 36.71, 67.11),
]

# (name, ISO2 of the country it names)
COUNTRIES = [
    ("Сирія", "SY"),
    ("Сирия", "SY"),
    ("Україна", "UA"),
    ("Россия", "RU"),
    ("Афганістан", "AF"),
    ("США", "US"),
    ("سوریه", "SY"),
    ("افغانستان", "AF"),
    ("ایران", "IR"),
    ("سورية", "SY"),
    ("العراق", "IQ"),
    ("Suriye", "SY"),
    ("Irak", "IQ"),
    ("Afganistan", "AF"),
]

# (name, feature code, country or None for regions spanning several)
AREAS = [
    ("هلمند", "ADM1", "AF"),
    ("نينوى", "ADM1", "IQ"),
    ("الضفة الغربية", "ADM1", "PS"),
    ("Сектор Газа", "ADM1", "PS"),
    ("Донбас", "RGN", "UA"),
    ("Крим", "RGN", "UA"),
    ("Чорне море", "SEA", None),
    ("دریای سیاه", "SEA", None),
    ("Karadeniz", "SEA", None),
]


@pytest.mark.parametrize("name, country, lat, lon", PLACES)
def test_native_place_names_resolve(name: str, country: str, lat: float, lon: float) -> None:
    top = gazetteer.load().names(name)[0]
    assert top.country == country and top.lat is not None and top.lon is not None
    assert haversine_km(lat, lon, top.lat, top.lon) <= 50


@pytest.mark.parametrize("name, country", COUNTRIES)
def test_native_country_names(name: str, country: str) -> None:
    top = gazetteer.load().names(name)[0]
    assert (top.country, top.feature_code) == (country, "PCLI")


@pytest.mark.parametrize("name, feature, country", AREAS)
def test_native_area_names(name: str, feature: str, country: str | None) -> None:
    top = gazetteer.load().names(name)[0]
    assert (top.feature_code, top.country) == (feature, country)


def test_every_alias_names_a_place_of_its_country() -> None:
    """A row whose gazetteer name matches nothing is skipped by the build: none may be."""
    gaz = gazetteer.load()
    for row in (DATA / "aliases.tsv").read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            alias, _name, country, kind = row.split("\t")
            key, feature = normalise(alias), builder.ALIAS_KINDS[kind].rstrip("%")
            named = gaz.lookup([key]).get(key, ())
            assert any(e.own_name and e.country == country and e.feature_code.startswith(feature) for e in named), row


@pytest.mark.parametrize(
    "name, ok",
    [
        ("Харків", True),
        ("Ґорґани", True),  # Ukrainian ґ
        ("Євпаторія", True),  # є, і
        ("Куп'янськ", True),
        ("Кам’янське", True),
        ("جلال‌آباد", True),  # Persian letters and the zero-width non-joiner
        ("پل خمری", True),
        ("ژاپن", True),
        ("گرگان", True),
        ("چابهار", True),
        ("Şırnak", True),
        ("東京", False),  # other scripts cost size and no pack reads them
        ("Αθήνα", False),
    ],
)
def test_usable_scripts(name: str, ok: bool) -> None:
    assert builder.usable(name) is ok


def test_a_name_with_a_non_joiner_is_stored_as_the_finder_reads_it() -> None:
    # The finder reads a non-joiner between Arabic letters as a space (shared/scripts.toml).
    keys = builder.name_keys("جلال\u200cآباد")
    assert {normalise(VisibleText.of("جلال\u200cآباد").text), normalise("جلال آباد")} <= keys


def test_native_names_inline_in_a_text_are_found_and_placed() -> None:
    # A caseless name of two words in English text needs a locative word ("in") before it.
    text = "Shelling was reported near Бахмут, and blasts hit a market in جلال\u200cآباد and Kamışlı."
    found = {text[m.span.start : m.span.end]: m.location.place.country for m in geoparse(text, "en")}
    assert found == {"Бахмут": "UA", "جلال\u200cآباد": "AF", "Kamışlı": "SY"}
