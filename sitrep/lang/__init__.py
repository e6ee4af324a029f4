"""Language packs: one folder of data files per language, the same file names in each.

Code reads packs through `load_pack`; it never branches on a language code. Adding a
language means adding a folder (spaCy's `spacy/lang/<code>/`, dateparser's data files).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from sitrep.errors import PackError
from sitrep.lang.schema import PACK_SCHEMA, SHARED_SCHEMA, Table, validate
from sitrep.lang.scripts import fold_data, tables_data

PACK_DIR = Path(__file__).parent
# Every pack has exactly these files. `pack.toml` holds the pack's name and language-id codes.
PACK_FILES = ("pack", "triggers", "casualties", "numbers", "dates", "actors", "claims", "places")
SHARED_DIR = PACK_DIR / "shared"


T = TypeVar("T")


# eq=False: packs hash by identity (load_pack returns one object per code).
@dataclass(frozen=True, eq=False)
class LanguagePack:
    code: str
    data: dict[str, dict[str, Any]]
    # What each stage compiled from this pack (`compiled`), keyed by the function that built it.
    _compiled: dict[Callable[[LanguagePack], Any], Any] = field(default_factory=dict, repr=False)

    def __getitem__(self, file: str) -> dict[str, Any]:
        return self.data[file]

    def compiled(self, build: Callable[[LanguagePack], T]) -> T:
        """What `build` makes of this pack (patterns, tables), built on first use and then shared
        by every stage: a language's rules are compiled only when a text in it arrives."""
        try:
            return cast(T, self._compiled[build])
        except KeyError:
            made = self._compiled[build] = build(self)
            return made

    @property
    def name(self) -> str:
        return str(self.data["pack"]["name"])


def available_languages() -> tuple[str, ...]:
    """Codes of the packs present, e.g. ('en', 'nb')."""
    return tuple(sorted(p.parent.name for p in PACK_DIR.glob("*/pack.toml")))


def _read_toml(path: Path, schema: Table) -> dict[str, Any]:
    """A pack file, checked against its schema (sitrep.lang.schema)."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise PackError(f"{path}: {e}") from e
    validate(data, schema, str(path))
    # Words are matched as sitrep/lang/scripts.py reads them, whichever variant the pack wrote.
    return cast(dict[str, Any], fold_data(data))


def read_pack(folder: Path) -> LanguagePack:
    """The pack in `folder` (its code is the folder's name), every file checked against the
    schema: a PackError naming the file and the key at the first mistake. Not cached: a pack
    from a folder of one's own (a toy pack in a test) is read afresh each time."""
    return LanguagePack(folder.name, {name: read_pack_file(folder, name) for name in PACK_FILES})


def read_pack_file(folder: Path, name: str) -> dict[str, Any]:
    """One data file of the pack in `folder` ("dates" -> dates.toml), checked against the schema."""
    if not (folder / "pack.toml").is_file():
        raise PackError(f"no language pack in {folder} (no pack.toml)")
    return _read_toml(folder / f"{name}.toml", PACK_SCHEMA[name])


@functools.cache
def load_pack(code: str) -> LanguagePack:
    return LanguagePack(code, {name: load_pack_file(code, name) for name in PACK_FILES})


@functools.cache
def load_pack_file(code: str, name: str) -> dict[str, Any]:
    """One data file of a pack ("dates" -> dates.toml), for readers that need only that one (the
    dateline reader, demonym lookup): an error in another file of the pack does not stop them."""
    if not (PACK_DIR / code / "pack.toml").is_file():
        raise PackError(f"no language pack {code!r} (have: {', '.join(available_languages())})")
    return read_pack_file(PACK_DIR / code, name)


@functools.cache
def load_shared(name: str) -> dict[str, Any]:
    """Language-independent tables, e.g. shared/actors.toml (IS/ISIS/ISIL/Daesh)."""
    if name == "scripts":  # the tables themselves, not read through them
        return tables_data()
    return _read_toml(SHARED_DIR / f"{name}.toml", SHARED_SCHEMA[name])


def lowered_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """An IGNORECASE pattern lower-cased, without IGNORECASE, to read the lower-cased text (where
    lower-casing keeps its length): the same matches, and much faster on alternations of words,
    which `re` can then reject by their first letter (extract/folded.py does the same for the packs'
    patterns). The patterns use lower-case escapes only (\\d \\s \\w \\b), which lower-casing keeps."""
    return re.compile(pattern.pattern.lower().replace("(?p<", "(?P<"))


def alternation(patterns: list[str]) -> str:
    """One regex alternative from a pack's pattern list, longest first so that the longest
    phrase wins where several start at the same place ("suicide car bomb" before "car bomb")."""
    return "|".join(sorted(patterns, key=len, reverse=True))


def figure_value(digits: str, group_marks: str, decimal_marks: str) -> float:
    """A figure as a pack writes it (numbers.toml `group_separators`, `decimal_marks`): "1,100" and
    "2.5" in English, "1.100", "1 100" and "2,5" in Norwegian. ValueError for anything else."""
    if group_marks:
        digits = re.sub(rf"[{re.escape(group_marks)}](?=\d{{3}}(?!\d))", "", digits)
    digits = digits.replace(" ", "")
    if decimal_marks:
        digits = re.sub(rf"[{re.escape(decimal_marks)}]", ".", digits)
    return float(digits)
