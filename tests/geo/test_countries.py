"""Committed country, region and admin data (sitrep/geo/data/) and the readers in sitrep.geo.countries."""

from __future__ import annotations

import gzip
import math
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import FrozenInstanceError

import pytest

from scripts import derive_geo as derive
from sitrep.geo import country_code, country_name, country_of_demonym, country_place
from sitrep.geo.countries import DATA, admin_rows, country_names, country_rows, region_rows
from sitrep.geo.normalize import normalise
from sitrep.lang import PACK_DIR, available_languages

ISO2 = re.compile(r"^[A-Z]{2}$")


def _text(value: str) -> bool:
    return bool(value) and value == value.strip() and "|" not in value


def _iso2(value: str) -> bool:
    return bool(ISO2.match(value))


def _int(value: str) -> bool:
    return bool(re.fullmatch(r"[1-9][0-9]*", value))


def _optional(check: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda value: value == "" or check(value)


def _number(low: float, high: float) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            return low <= float(value) <= high
        except ValueError:
            return False

    return check


def _iso2_list(value: str) -> bool:
    return value == "" or all(_iso2(code) for code in value.split("|"))


def _names(value: str) -> bool:
    return value == "" or all(_text(n) for n in value.split("|"))


LAT, LON = _number(-90, 90), _number(-180, 180)
# file -> (column name, check) per column; the header comment must name exactly these columns.
SCHEMAS: dict[str, list[tuple[str, Callable[[str], bool]]]] = {
    "countries.tsv": [
        ("iso2", _iso2),
        ("iso3", lambda v: bool(re.fullmatch(r"[A-Z]{3}", v))),
        ("name", _text),
        ("capital", lambda v: v == v.strip()),
        ("geonameid", _int),
        ("lat", LAT),
        ("lon", LON),
        ("population", lambda v: v.isdigit()),
        ("continent", lambda v: v in {"AF", "AS", "EU", "NA", "OC", "SA", "AN"}),
    ],
    "country_names.tsv": [
        ("iso2", _iso2),
        ("lang", lambda v: v == "*" or bool(re.fullmatch(r"[a-z]{2,3}", v))),
        ("name", _text),
    ],
    "regions.tsv": [
        ("geonameid", _optional(_int)),
        ("name", _text),
        ("other names", _names),
        ("feature_code", lambda v: v in {"CONT", "RGN", "OCN", "SEA", "GULF", "STRT"}),
        ("lat", LAT),
        ("lon", LON),
        ("countries", _iso2_list),
    ],
    "admin1.tsv": [
        ("code", lambda v: bool(re.fullmatch(r"[A-Z]{2}\.[0-9A-Za-z]+", v))),
        ("name", _text),
        ("ascii_name", _text),
        ("geonameid", _int),
    ],
    "admin2.tsv.gz": [
        ("code", lambda v: bool(re.fullmatch(r"[A-Z]{2}\.[0-9A-Za-z]+\.[0-9A-Za-z]+", v))),
        ("name", _text),
        ("ascii_name", _text),
        ("geonameid", _int),
    ],
    "admin2_points.tsv.gz": [
        ("code", lambda v: bool(re.fullmatch(r"[A-Z]{2}\.[0-9A-Za-z]+\.[0-9A-Za-z]+", v))),
        ("lat", LAT),
        ("lon", LON),
        ("population", lambda v: v.isdigit()),
    ],
}
# Columns whose values may not repeat within the file.
UNIQUE = {
    "countries.tsv": ("iso2", "iso3", "geonameid"),
    "admin1.tsv": ("code", "geonameid"),
    "admin2.tsv.gz": ("code", "geonameid"),
    "admin2_points.tsv.gz": ("code",),
    "regions.tsv": ("name",),
}


def _lines(file: str) -> list[str]:
    path = DATA / file
    raw = gzip.decompress(path.read_bytes()) if file.endswith(".gz") else path.read_bytes()
    return raw.decode("utf-8").split("\n")


def _table(file: str) -> list[dict[str, str]]:
    columns = [name for name, _check in SCHEMAS[file]]
    return [dict(zip(columns, line.split("\t"))) for line in _lines(file)[1:] if line]


@pytest.mark.parametrize("file", sorted(SCHEMAS))
def test_data_file_schema(file: str) -> None:
    lines = _lines(file)
    schema = SCHEMAS[file]
    assert lines[0] == "#" + "\t".join(name for name, _check in schema)
    assert lines[-1] == "" and all(lines[1:-1]), "one row a line, no blank lines, a final newline"
    seen: dict[str, set[str]] = {column: set() for column in UNIQUE.get(file, ())}
    for number, line in enumerate(lines[1:-1], start=2):
        fields = line.split("\t")
        assert len(fields) == len(schema), (file, number, line)
        for (column, check), value in zip(schema, fields):
            assert check(value), (file, number, column, value)
            if column in seen:
                assert value not in seen[column], (file, number, f"duplicate {column}", value)
                seen[column].add(value)


def test_data_files_agree_with_each_other() -> None:
    countries = {row["iso2"] for row in _table("countries.tsv")}
    assert len(countries) >= 250
    names = _table("country_names.tsv")
    pairs = [(row["iso2"], row["name"]) for row in names]
    assert len(pairs) == len(set(pairs)), "duplicate (iso2, name)"
    assert {row["iso2"] for row in names} == countries
    for row in _table("regions.tsv"):
        assert set(filter(None, row["countries"].split("|"))) <= countries, row["name"]
    for file in ("admin1.tsv", "admin2.tsv.gz"):
        assert {row["code"][:2] for row in _table(file)} <= countries | {"XK"}, file


def test_names_are_latin_or_arabic_script() -> None:
    for row in _table("country_names.tsv"):
        assert derive._usable(row["name"]), row
    for row in _table("regions.tsv"):
        assert all(derive._usable(n) for n in [row["name"], *filter(None, row["other names"].split("|"))]), row


def test_country_names_cover_the_languages() -> None:
    langs = {row["lang"] for row in _table("country_names.tsv")}
    assert set(derive.LANGS) | {"*"} <= langs | {"nn", "ms", "ku"}  # a language may add nothing new
    assert {"en", "nb", "*", "ar", "fa", "tr", "es", "so", "ha", "sw"} <= langs


def test_committed_data_is_small() -> None:
    for path in DATA.iterdir():
        assert path.stat().st_size < 5_000_000, path


def test_gzip_is_reproducible() -> None:
    # No file name or time stamp in the gzip header: rerunning derive leaves the file unchanged.
    header = (DATA / "admin2.tsv.gz").read_bytes()[:10]
    assert header[3] & 0x08 == 0 and header[4:8] == b"\0\0\0\0"


@pytest.mark.parametrize(
    "phrase, iso",
    [
        ("Iraq", "IQ"),
        ("Irak", "IQ"),
        ("IRAK", "IQ"),
        ("Iraque", "IQ"),
        ("Ciraaq", "IQ"),
        ("العراق", "IQ"),
        ("عراق", "IQ"),
        ("IRQ", "IQ"),
        ("iq", "IQ"),
        ("Syria", "SY"),
        ("Syrien", "SY"),
        ("Siria", "SY"),
        ("Suriye", "SY"),
        ("سوريا", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("Afghanistan", "AF"),
        ("Afganistán", "AF"),
        ("afganistan", "AF"),
        ("افغانستان", "AF"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Turquía", "TR"),
        ("Tyrkia", "TR"),
        ("Türkei", "TR"),
        ("Uturuki", "TR"),
        ("ترکیه", "TR"),
        ("Nigeria", "NG"),
        ("Nigéria", "NG"),
        ("Nijeriya", "NG"),
        ("نيجيريا", "NG"),
        ("Tyskland", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Niemcy", "DE"),
        ("Almanya", "DE"),
        ("Jerman", "DE"),
        ("ألمانيا", "DE"),
        ("Somalia", "SO"),
        ("Soomaaliya", "SO"),
        ("Jemen", "YE"),
        ("Yémen", "YE"),
        ("Libanon", "LB"),
        ("Liban", "LB"),
        ("Elfenbenskysten", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("Storbritannia", "GB"),
        ("UK", "GB"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("De forente stater", "US"),
        ("Hviterussland", "BY"),
        ("Belarus", "BY"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Birma", "MM"),
        ("Kongo", "CD"),
        ("DR Kongo", "CD"),
        ("Congo", "CD"),
        ("Democratic Republic of Congo", "CD"),
        ("Palestina", "PS"),
        ("Sør-Sudan", "SS"),
        ("South Sudan", "SS"),
        ("Nord-Korea", "KP"),
        ("Baghdad", None),
        ("Middle East", None),
        ("Midtøsten", None),
        ("", None),
        ("the", None),
        ("XX", None),
    ],
)
def test_country_code(phrase: str, iso: str | None) -> None:
    assert country_code(phrase) == iso


def test_every_country_name_finds_its_country() -> None:
    for row in country_rows():
        assert country_code(row.name) == row.iso2, row.name
        assert country_code(row.iso2) == row.iso2 and country_code(row.iso3) == row.iso2


@pytest.mark.parametrize(
    "iso, name",
    [
        ("IQ", "Iraq"),
        ("SY", "Syria"),
        ("RU", "Russia"),
        ("US", "United States"),
        ("sv", "El Salvador"),
        ("CD", "Democratic Republic of Congo"),
        ("PS", "Palestine"),
        ("MK", "North Macedonia"),
        ("XK", "Kosovo"),
        ("XX", None),
    ],
)
def test_country_name(iso: str, name: str | None) -> None:
    assert country_name(iso) == name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# GeoNames' own country points (allCountries.txt, PCLI).
@pytest.mark.parametrize(
    "iso, lat, lon",
    [("TR", 39, 35), ("NG", 10, 8), ("IQ", 33, 44), ("SY", 35, 38), ("AF", 33, 66), ("US", 39.76, -98.5)],
)
def test_country_place_is_near_the_geonames_point(iso: str, lat: float, lon: float) -> None:
    place = country_place(iso)
    assert place.lat is not None and place.lon is not None
    assert _km(place.lat, place.lon, lat, lon) < 50
    assert place.country == iso and place.feature_code == "PCLI" and place.name == country_name(iso)


def test_country_place() -> None:
    iraq = country_place("iq")
    assert (iraq.name, iraq.country, iraq.geonameid) == ("Iraq", "IQ", 99237)
    unknown = country_place("XX")
    assert (unknown.name, unknown.country, unknown.lat, unknown.geonameid) == ("XX", "XX", None, None)
    assert all(row.lat is not None and row.lon is not None for row in country_rows())


def test_country_rows() -> None:
    rows = country_rows()
    assert rows is country_rows()  # cached
    norway = next(row for row in rows if row.iso2 == "NO")
    assert (norway.iso3, norway.name, norway.capital, norway.continent) == ("NOR", "Norway", "Oslo", "EU")
    assert norway.geonameid == 3144096 and norway.population > 5_000_000
    with pytest.raises(FrozenInstanceError):
        norway.name = "Noreg"  # type: ignore[misc]


def test_country_names_english_first_without_duplicates() -> None:
    names = country_names()
    assert set(names) == {row.iso2 for row in country_rows()}
    for row in country_rows():
        assert names[row.iso2][0] == row.name
        assert len(names[row.iso2]) == len(set(names[row.iso2]))
    assert {"Norge", "Noreg", "Norwegen", "Norvège", "النرويج"} <= set(names["NO"])
    assert {"USA", "U.S.", "De forente stater"} <= set(names["US"])


def test_region_rows() -> None:
    rows = region_rows()
    continents = [r for r in rows if r.feature_code == "CONT"]
    regions = [r for r in rows if r.feature_code == "RGN"]
    assert len(continents) == 7 and all(r.geonameid for r in continents)
    assert 40 <= len(regions) <= 80
    by_name = {r.name: r for r in rows}
    assert by_name["Africa"].geonameid == 6255146 and "NG" in by_name["Africa"].countries
    assert "Afrika" in by_name["Africa"].names and "Europa" in by_name["Europe"].names
    assert "Midtøsten" in by_name["Middle East"].names and {"IQ", "SY"} <= set(by_name["Middle East"].countries)
    for name, norwegian in [
        ("North Africa", "Nord-Afrika"),
        ("West Africa", "Vest-Afrika"),
        ("East Africa", "Øst-Afrika"),
        ("Horn of Africa", "Afrikas Horn"),
        ("Central Asia", "Sentral-Asia"),
        ("South Asia", "Sør-Asia"),
        ("Southeast Asia", "Sørøst-Asia"),
        ("Latin America", "Latin-Amerika"),
        ("Balkans", "Balkan"),
        ("Caucasus", "Kaukasus"),
        ("Arabian Peninsula", "Den arabiske halvøy"),
        ("Persian Gulf", "Persiabukta"),
        ("Korean Peninsula", "Koreahalvøya"),
        ("Golan Heights", "Golanhøydene"),
        ("Crimea", "Krim"),
        ("Kashmir", "Kasjmir"),
    ]:
        assert norwegian in by_name[name].names, name
    assert "Arabian Gulf" in by_name["Persian Gulf"].names
    assert by_name["Crimea"].countries == ("UA",) and by_name["Sahel"].lat is not None
    # A lookup key names one region only, and never a country (a region's names may share one:
    # "کشمیر" and "كشمير" differ only in letters matching reads as one, sitrep/lang/scripts.py).
    keys = [k for r in regions for k in {normalise(n) for n in (r.name, *r.names)}]
    assert len(keys) == len(set(keys))
    assert not {country_code(n) for r in regions for n in (r.name, *r.names)} - {None}


def test_admin_rows() -> None:
    first = list(admin_rows(1))
    assert len(first) > 3_000 and ("SY.07", "Deir ez-Zor", "Deir ez-Zor", 170792) in first
    second = admin_rows(2)
    code, name, ascii_name, gid = next(second)
    assert code.count(".") == 2 and name and ascii_name and isinstance(gid, int)
    assert sum(1 for _ in second) > 40_000
    with pytest.raises(ValueError):
        next(admin_rows(3))


def test_run_time_needs_no_development_packages() -> None:
    code = (
        "import sys; from sitrep.geo import countries as c; c.country_code('Irak'); c.region_rows(); "
        "c.country_place('IQ'); next(c.admin_rows(2)); "
        "print(sorted(m for m in ('babel', 'countryinfo', 'scripts.derive_geo') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "name, usable",
    [
        ("Irak", True),
        ("Côte d’Ivoire", True),
        ("Iraƙi", True),
        ("العراق", True),
        ("خاورمیانه", True),
        ("Ирак", True),
        ("Ґорґани", True),
        ("伊拉克", False),
        ("Ιράκ", False),
        ("", False),
        ("a|b", False),
    ],
)
def test_derive_keeps_latin_arabic_and_cyrillic_script(name: str, usable: bool) -> None:
    assert derive._usable(name) is usable


def test_derive_helpers() -> None:
    assert [derive._num(x) for x in (39.0, -98.5, 31.783333, None)] == ["39", "-98.5", "31.78333", ""]
    assert derive._strip_parenthesis("Myanmar (Burma)") == "Myanmar"
    assert derive._strip_parenthesis("Cocos (Keeling) Islands") == "Cocos (Keeling) Islands"
    assert derive._unique(["Irak", "IRAK", " Iraq ", "Ιράκ"], taken=["iraq"]) == ["Irak"]


@pytest.mark.parametrize(
    "word, iso",
    [
        ("Iraqi", "IQ"),
        ("Iraqis", "IQ"),
        ("SYRIAN", "SY"),
        ("Afghan", "AF"),
        ("Afghans", "AF"),
        ("Salvadoran", "SV"),
        ("Colombian", "CO"),
        ("Peruvian", "PE"),
        ("Nicaraguan", "NI"),
        ("Ukrainian", "UA"),
        ("South Korean", "KR"),
        ("irakisk", "IQ"),
        ("irakiske", "IQ"),
        ("syrisk", "SY"),
        ("afghansk", "AF"),
        ("norsk", "NO"),
        ("nordmenn", "NO"),
        ("russiske", "RU"),
        ("Baghdad", None),
        ("the", None),
    ],
)
def test_country_of_demonym(word: str, iso: str | None) -> None:
    assert country_of_demonym(word) == iso


def test_places_files_share_one_schema() -> None:
    keys = []
    for code in available_languages():
        with (PACK_DIR / code / "places.toml").open("rb") as f:
            keys.append(sorted(tomllib.load(f)))
    assert keys and all(k == keys[0] for k in keys)
