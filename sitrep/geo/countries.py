"""Country names (committed data/countries.tsv) and demonyms (every language pack's places.toml)."""

from __future__ import annotations

import functools
import tomllib
from typing import Any

from sitrep.geo.gazetteer import DATA
from sitrep.geo.normalize import fold
from sitrep.lang import PACK_DIR, LanguagePack, available_languages
from sitrep.records import Place


@functools.cache
def _rows() -> tuple[tuple[str, ...], ...]:
    """countries.tsv: iso2, iso3, English name, Norwegian name, other names (|), capital."""
    lines = (DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()
    return tuple(tuple((line.split("\t") + [""] * 6)[:6]) for line in lines if line and not line.startswith("#"))


@functools.cache
def _english_names() -> dict[str, str]:
    return {row[0]: row[2] for row in _rows()}


def country_name(iso2: str) -> str | None:
    """English short name as actor names use it: 'IQ' -> 'Iraq', 'US' -> 'United States'."""
    return _english_names().get(iso2.upper())


def pack_demonyms(pack: LanguagePack) -> dict[str, str]:
    """Every inflected demonym form of one pack, folded -> ISO2 ('iraqis' -> 'IQ')."""
    return _demonym_forms(pack["places"])


def _demonym_forms(places: dict[str, Any]) -> dict[str, str]:
    suffixes = ["", *places.get("demonym_suffixes", [])]
    forms: dict[str, str] = {}
    for iso, words in places.get("demonyms", {}).items():
        for word in words:
            for suffix in suffixes:
                forms.setdefault(fold(word + suffix), iso)
    return forms


@functools.cache
def _all_demonyms() -> dict[str, str]:
    merged: dict[str, str] = {}
    # Only places.toml is read: a demonym lookup must not fail on another pack file's error.
    for code in available_languages():
        with (PACK_DIR / code / "places.toml").open("rb") as f:
            places = tomllib.load(f)
        for form, iso in _demonym_forms(places).items():
            merged.setdefault(form, iso)
    return merged


def country_of_demonym(word: str) -> str | None:
    """ISO2 for a demonym in any pack's language, any case, plural too: 'Iraqis', 'syrisk' -> ..."""
    return _all_demonyms().get(fold(word.strip()))


@functools.cache
def _codes_by_name() -> dict[str, str]:
    codes: dict[str, str] = {}
    for iso, iso3, english, norwegian, others, _capital in _rows():
        for name in (iso, iso3, english, norwegian, *others.split("|")):
            if name:
                codes.setdefault(fold(name), iso)
    return codes


def country_code(name: str) -> str | None:
    """ISO2 for a country name or code in English or Norwegian: 'Iraq', 'Irak', 'IRQ' -> 'IQ'."""
    return _codes_by_name().get(fold(name.strip()))


@functools.cache
def _country_records() -> dict[str, int]:
    from sitrep.geo.gazetteer import load

    g = load()
    return {cc: rid for rid, (cc, feature) in enumerate(zip(g.columns["country"], g.columns["feature"])) if feature == "PCLI"}


def country_place(iso2: str) -> Place:
    """The country as a place (its representative point), for events placed only by country."""
    from sitrep.geo.gazetteer import load

    rid = _country_records().get(iso2)
    if rid is None:
        return Place(name=country_name(iso2) or iso2, country=iso2)
    c = load().columns
    return Place(name=c["name"][rid], country=iso2, lat=c["lat"][rid], lon=c["lon"][rid], feature_code="PCLI")
