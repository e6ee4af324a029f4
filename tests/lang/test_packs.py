"""Every language pack fits the one schema (sitrep.lang.schema), a pack that does not is one
PackError naming the file and the key, and its patterns compile."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import PackError
from sitrep.geo import relations
from sitrep.lang import PACK_DIR, PACK_FILES, SHARED_DIR, available_languages, load_pack, load_shared, read_pack
from sitrep.lang.schema import PACK_SCHEMA, SHARED_SCHEMA

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
def test_pack_fits_the_schema(lang: str) -> None:
    pack = read_pack(PACK_DIR / lang)
    assert (pack.code, set(pack.data)) == (lang, set(PACK_FILES))


@pytest.mark.parametrize("lang", LANGS)
def test_pack_has_the_same_files_as_every_pack(lang: str) -> None:
    # The data files and a README.md saying what the pack covers, what it uses and its gaps.
    names = {p.name for p in (PACK_DIR / lang).iterdir() if not p.name.startswith((".", "_"))}
    assert names == {f"{f}.toml" for f in PACK_FILES} | {"README.md"}


def test_the_schema_covers_every_file() -> None:
    assert set(PACK_SCHEMA) == set(PACK_FILES)
    assert set(SHARED_SCHEMA) == {p.stem for p in SHARED_DIR.glob("*.toml")}


@pytest.mark.parametrize("name", sorted(SHARED_SCHEMA))
def test_shared_file_fits_the_schema(name: str) -> None:
    assert load_shared(name)


def _broken_pack(tmp_path: Path, file: str, edit: Callable[[str], str]) -> Path:
    """A copy of the English pack with one file edited; the edit must change something."""
    folder = tmp_path / "xx"
    shutil.copytree(PACK_DIR / "en", folder)
    path = folder / f"{file}.toml"
    text = path.read_text(encoding="utf-8")
    assert edit(text) != text
    path.write_text(edit(text), encoding="utf-8")
    return folder


def _with_rule(text: str) -> str:
    return text + '\n[[rules]]\nkind = "relative"\npatterns = ["the other day"]\nshift = "one"\n'


BROKEN = [  # file, edit, the message after the file's path
    (
        "pack",
        lambda t: t.replace('langid_codes = ["en", "eng"]', 'langid_codes = "en"'),
        "langid_codes: expected a list of strings, got a string",
    ),
    ("numbers", lambda t: t.replace("first = 1900", "first = true"), "years.first: expected an integer, got a boolean"),
    ("dates", _with_rule, f"rules[{len(load_pack('en')['dates']['rules'])}].shift: expected an integer, got a string"),
    ("places", lambda t: t.replace('and_words = ["and", "&"]', ""), "and_words: missing (expected a list of strings)"),
    (
        "pack",
        lambda t: t.replace("[sentences]\n", "[sentences]\nabreviations = []\n"),
        "sentences.abreviations: unknown key",
    ),
    (
        "casualties",
        lambda t: "own_placeholder = 3\n" + t,
        "own_placeholder: expected a list of strings, got an integer",
    ),
]


@pytest.mark.parametrize(("file", "edit", "message"), BROKEN, ids=[m.split(":")[0] for _f, _e, m in BROKEN])
def test_a_broken_pack_is_one_error_naming_the_file_and_key(
    tmp_path: Path, file: str, edit: Callable[[str], str], message: str
) -> None:
    folder = _broken_pack(tmp_path, file, edit)
    with pytest.raises(PackError, match=re.escape(f"{folder / file}.toml: {message}")):
        read_pack(folder)


def test_a_pack_may_add_its_own_casualty_word_lists(tmp_path: Path) -> None:
    """Every casualties.toml word list is a {placeholder} of its patterns, so a pack may add one."""
    folder = _broken_pack(tmp_path, "casualties", lambda t: 'own_placeholder = ["x"]\n' + t)
    assert read_pack(folder)["casualties"]["own_placeholder"] == ["x"]


def test_a_folder_without_pack_toml_is_no_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no pack.toml"):
        read_pack(tmp_path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("file", ["triggers", "actors", "claims"])
def test_pack_patterns_compile(lang: str, file: str) -> None:
    for pattern in _patterns(load_pack(lang)[file]):
        re.compile(pattern)


@pytest.mark.parametrize("lang", LANGS)
def test_trigger_types_are_acled_types(lang: str) -> None:
    acled = {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
        "@attack",
    }
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
