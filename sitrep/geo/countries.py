"""Countries, continents and news regions, and admin areas from the committed data/ (derived by
the developer tool scripts/derive_geo.py, see NOTICE for sources); demonyms from every language pack's
places.toml (of a PackSet's packs: an Extractor's own folder of packs).

Data files (UTF-8, tab-separated, first line a '#' header naming the columns):
    countries.tsv      iso2, iso3, name, capital, geonameid, lat, lon, population, continent
    country_names.tsv  iso2, lang, name    (CLDR names in many languages + press names; lang '*' any)
    regions.tsv        geonameid, name, other names (|), feature_code (CONT/RGN), lat, lon, countries (|)
    admin1.tsv         code, name, ascii_name, geonameid      ("SY.07", GeoNames admin1 codes)
    admin2.tsv.gz      code, name, ascii_name, geonameid      ("SY.07.123")
Empty fields are None. Readers are cached; admin_rows streams (admin2 has ~45,000 rows).
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.geo.normalize import fold, normalise
from sitrep.lang import LanguagePack, load_shared
from sitrep.lang.packset import PackSet, default_packs
from sitrep.records import Place

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class CountryRow:
    """One row of countries.tsv; lat/lon is the CIA World Factbook's whole-degree point of the
    country, which is GeoNames' own for most countries (scripts/derive_geo.py, README)."""

    iso2: str
    iso3: str
    name: str  # English short name as actor names use it ("Democratic Republic of Congo")
    capital: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    population: int
    continent: str  # GeoNames continent code: AF AS EU NA OC SA AN


@dataclass(frozen=True, slots=True)
class RegionRow:
    """One row of regions.tsv: a continent (feature_code CONT) or a large news region (RGN)."""

    geonameid: int | None
    name: str
    names: tuple[str, ...]  # other names, not repeating name
    feature_code: str
    lat: float | None
    lon: float | None
    countries: tuple[str, ...]  # ISO2 codes of the countries it spans; may be empty


def _records(file: str) -> Iterator[list[str]]:
    """The fields of each data line of a data/ file (.gz read through gzip), header skipped."""
    path = DATA / file
    with gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


@functools.cache
def country_rows() -> tuple[CountryRow, ...]:
    """Every country of countries.tsv (GeoNames' list, 252 rows incl. territories), by ISO2."""
    return tuple(
        CountryRow(iso2, iso3, name, capital, _int(gid), _float(lat), _float(lon), int(pop or 0), continent)
        for iso2, iso3, name, capital, gid, lat, lon, pop, continent in _records("countries.tsv")
    )


@functools.cache
def _by_iso() -> dict[str, CountryRow]:
    return {row.iso2: row for row in country_rows()}


@functools.cache
def _name_rows() -> tuple[tuple[str, str, str], ...]:
    """country_names.tsv: (iso2, lang, name)."""
    return tuple((iso2, lang, name) for iso2, lang, name in _records("country_names.tsv"))


@functools.cache
def country_names() -> dict[str, tuple[str, ...]]:
    """ISO2 -> every name of the country: its English name first, then the others in file order
    (CLDR names in many languages, press names), without duplicates. Do not mutate the result."""
    names: dict[str, list[str]] = {row.iso2: [row.name] for row in country_rows()}
    for iso2, _lang, name in _name_rows():
        known = names.setdefault(iso2, [])
        if name not in known:
            known.append(name)
    return {iso2: tuple(found) for iso2, found in names.items()}


@functools.cache
def foreign_country_names(language: str) -> dict[str, tuple[str, frozenset[str]]]:
    """A country's name, lower-cased as written ("suède") and as its lookup key ("suede"), that
    names it only in other languages than `language` (and than English and the press names,
    which news in any language uses) -> (its lookup key, the countries it so names): French
    "Grenade" for Grenada, in English. Only countries the table names in `language` are judged."""
    own: dict[str, set[str]] = {row.iso2: {normalise(row.name)} for row in country_rows()}
    judged = set()
    for iso2, lang, name in _name_rows():
        if lang in (language, "en", "*"):
            own.setdefault(iso2, set()).add(normalise(name))
        if lang == language:
            judged.add(iso2)
    out: dict[str, tuple[str, set[str]]] = {}
    for iso2, _lang, name in _name_rows():
        key = normalise(name)
        if iso2 in judged and key not in own[iso2]:
            for written in {name.lower(), key}:  # "suède", and "suede" as a word of another language
                out.setdefault(written, (key, set()))[1].add(iso2)
    return {written: (key, frozenset(isos)) for written, (key, isos) in out.items()}


@functools.cache
def region_rows() -> tuple[RegionRow, ...]:
    """The continents (CONT, GeoNames' ids and points) and the curated news regions (RGN)."""
    return tuple(
        RegionRow(
            _int(gid),
            name,
            tuple(n for n in others.split("|") if n),
            code,
            _float(lat),
            _float(lon),
            tuple(c for c in countries.split("|") if c),
        )
        for gid, name, others, code, lat, lon, countries in _records("regions.tsv")
    )


def admin_rows(level: int) -> Iterator[tuple[str, str, str, int | None]]:
    """(code, name, ascii_name, geonameid) of every first- (level 1, "SY.07") or second-level
    (level 2, "SY.07.123") GeoNames admin area, streamed from admin1.tsv or admin2.tsv.gz."""
    if level not in (1, 2):
        raise ValueError(f"admin level must be 1 or 2, not {level!r}")
    for code, name, ascii_name, gid in _records("admin1.tsv" if level == 1 else "admin2.tsv.gz"):
        yield code, name, ascii_name, _int(gid)


def admin2_points() -> dict[str, tuple[float, float, int]]:
    """'US.NJ.027' -> (lat, lon, population): the middle of a district's towns and their
    summed population, where known."""
    return {code: (float(lat), float(lon), int(pop)) for code, lat, lon, pop in _records("admin2_points.tsv.gz")}


def country_name(iso2: str) -> str | None:
    """English short name as actor names use it: 'IQ' -> 'Iraq', 'US' -> 'United States'."""
    row = _by_iso().get(iso2.upper())
    return row.name if row else None


def pack_demonyms(pack: LanguagePack) -> dict[str, str]:
    """Every inflected demonym form of one pack, folded -> ISO2 ('iraqis' -> 'IQ')."""
    return _demonym_forms(pack["places"])


def _demonym_forms(places: dict[str, Any]) -> dict[str, str]:
    suffixes = ["", *places["demonym_suffixes"]]
    forms: dict[str, str] = {}
    for iso, words in places["demonyms"].items():
        for word in words:
            for suffix in suffixes:
                forms.setdefault(fold(word + suffix), iso)
    return forms


def _all_demonyms(packs: PackSet) -> dict[str, str]:
    merged: dict[str, str] = {}
    # Only places.toml is read: a demonym lookup must not fail on another pack file's error.
    for code in packs.codes:
        for form, iso in _demonym_forms(packs.file(code, "places")).items():
            merged.setdefault(form, iso)
    return merged


def country_of_demonym(word: str, packs: PackSet | None = None) -> str | None:
    """ISO2 for a demonym in the language of any pack of `packs` (default: the package's), any
    case, plural too: 'Iraqis', 'syrisk' -> ..."""
    return (default_packs() if packs is None else packs).compiled(_all_demonyms).get(fold(word.strip()))


@functools.cache
def _codes_by_name() -> dict[str, str]:
    """normalise(name or code) -> ISO2. Codes first, then names: English and press names before
    Norwegian before the other languages, so the packs' own reading wins where names collide."""
    codes: dict[str, str] = {}
    for row in country_rows():
        for code in (row.iso2, row.iso3, row.name):
            codes.setdefault(normalise(code), row.iso2)
    # Which country a name means when languages disagree ("Kongo": nb DR Congo, pl Republic of Congo).
    order = load_shared("places")["country_name_languages"]
    rank = {lang: i for i, lang in enumerate(order)}
    ranked = sorted(_name_rows(), key=lambda r: rank.get(r[1], len(order)))  # stable: file order within
    for iso2, _lang, name in ranked:
        codes.setdefault(normalise(name), iso2)
    codes.pop("", None)
    return codes


def country_code(name: str) -> str | None:
    """ISO2 for a country name in any language of country_names.tsv, or an ISO2/ISO3 code; case,
    accents, apostrophes and hyphens do not matter: 'Iraq', 'Irak', 'IRQ', 'العراق' -> 'IQ'."""
    return _codes_by_name().get(normalise(name))


# How alike a misspelling and a name must be to be suggested (difflib's ratio: 'sirya' and
# 'syria' are 0.8, 'germny' and 'germany' 0.92; 'narnia' and 'ungaria' 0.77, no suggestion).
SUGGESTION_CUTOFF = 0.8


def close_country_names(name: str, limit: int = 3) -> list[str]:
    """The countries whose names, in any language known, are spelled most like `name`: their
    English names with their ISO2 codes ('Sirya' -> ['Syria (SY)']), closest first; [] when none
    is close."""
    import difflib  # only an unknown name needs it

    by_key = _codes_by_name()
    keys = difflib.get_close_matches(
        normalise(name), [k for k in by_key if len(k) > 3], n=limit * 4, cutoff=SUGGESTION_CUTOFF
    )
    codes = dict.fromkeys(by_key[key] for key in keys)
    return [f"{country_name(iso2)} ({iso2})" for iso2 in codes][:limit]


def country_place(iso2: str) -> Place:
    """The country as a place (its point of countries.tsv), for events placed only by country."""
    row = _by_iso().get(iso2.upper())
    if row is None:
        return Place(name=iso2, country=iso2)
    return Place(
        name=row.name, country=row.iso2, lat=row.lat, lon=row.lon, geonameid=row.geonameid, feature_code="PCLI"
    )
