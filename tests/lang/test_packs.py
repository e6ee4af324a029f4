"""Every language pack has the same data files with the same keys, and its patterns compile."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sitrep.geo import relations
from sitrep.lang import PACK_FILES, available_languages, load_pack, load_shared

LANGS = available_languages()


def _patterns(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [p for v in value.values() for p in _patterns(v)]
    if isinstance(value, list):
        return [p for v in value for p in _patterns(v)]
    return [value] if isinstance(value, str) else []


def test_english_and_norwegian_packs_exist() -> None:
    assert {"en", "nb"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("file", PACK_FILES)
def test_pack_file_has_the_reference_shape(lang: str, file: str) -> None:
    assert set(load_pack(lang)[file]) == set(load_pack("en")[file]), f"{lang}/{file}.toml keys differ from en"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("file", ["triggers", "actors", "claims"])
def test_pack_patterns_compile(lang: str, file: str) -> None:
    for pattern in _patterns(load_pack(lang)[file]):
        re.compile(pattern)


@pytest.mark.parametrize("lang", LANGS)
def test_trigger_types_are_acled_types(lang: str) -> None:
    acled = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
             "Strategic developments", "@attack"}
    for trigger in load_pack(lang)["triggers"]["trigger"]:
        assert trigger["event_type"] in acled
        assert 0 < trigger["strength"] <= 1


def test_shared_actor_names_are_unique() -> None:
    names = [g["name"] for g in load_shared("actors")["group"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", ["prepositions", "area_parts", "area_prefixes"])
def test_pack_relations_are_the_shared_vocabulary(lang: str, table: str) -> None:
    """A pack maps its locative words to sitrep.geo.relations' values, never to its own words."""
    words = load_pack(lang)["places"][table]
    assert isinstance(words, dict)
    assert {w: r for w, r in words.items() if not relations.is_relation(r)} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_pack_directions_are_compass_points(lang: str) -> None:
    points = load_pack(lang)["places"]["directions"]["words"]
    assert set(points.values()) <= set(relations.COMPASS)
