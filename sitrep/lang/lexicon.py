"""A user lexicon: an analyst's own groups, places and words, in the packs' formats, no code.

    DIR/actors.toml          [[group]] name, aliases: named groups, in any language (as
                             sitrep/lang/shared/actors.toml; aliases are matched as written,
                             case-insensitively)
    DIR/places.toml          [[place]] name, aliases, kind, country, lat, lon: places the
                             gazetteer lacks (a village, a camp, a checkpoint, a neighbourhood),
                             resolved to these coordinates (sitrep/geo/user_places.py)
    DIR/<code>/<file>.toml   extends sitrep/lang/<code>/<file>.toml with the same keys, any of
                             them (triggers.toml [[trigger]] rows, casualties.toml `victims`, ...)

A word list extends the pack's list, a table the pack's table, an array of tables gets the rows
added; `pack.toml` is not extended. Every file is checked against the pack schema
(sitrep/lang/schema.py) with every key optional, and the merged pack against the schema itself;
`check_lexicon` lists each mistake with its file, line and key.

`load_lexicon(DIR)` reads the folder once; the Lexicon (plain data, so it travels to worker
processes and Ray tasks) is handed down to extraction by `using_lexicon`, and its `version` (a
hash of the folder's files) is stored with each document it coded.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sitrep.errors import PackError
from sitrep.lang import PACK_FILES, LanguagePack, available_languages, load_pack_file
from sitrep.lang.packset import PackSet
from sitrep.lang.schema import NUMBER, PACK_SCHEMA, STR, WORDS, INT, ListOf, Table, join_key, partial, problems
from sitrep.lang.scripts import fold_data
from sitrep.lang.toml_lines import key_lines, line_of

LEXICON_ENV = "SITREP_LEXICON"
# Pack files a lexicon may extend: every one but pack.toml (a pack's name and language codes).
EXTENDED_FILES = tuple(name for name in PACK_FILES if name != "pack")
# What each kind of place is, as a GeoNames feature code: every one a point (feature class P).
PLACE_KINDS = {
    "village": "PPL",
    "town": "PPL",
    "city": "PPL",
    "neighbourhood": "PPLX",
    "camp": "PPL",
    "checkpoint": "PPL",
    "site": "PPL",
}
# The weight of a town: a user place is believed without a cue ("in", "the village of").
USER_PLACE_POPULATION = 20_000

# The language-independent files, at the folder's top.
TOP_SCHEMA: dict[str, Table] = {
    "actors": Table({"group": ListOf(Table({"name": STR, "aliases": WORDS}))}),
    "places": Table(
        {
            "place": ListOf(
                Table(
                    {
                        "name": STR,
                        "aliases": WORDS,
                        "kind": STR,
                        "country": STR,
                        "lat": NUMBER,
                        "lon": NUMBER,
                        "population": INT,
                    },
                    optional=frozenset({"aliases", "kind", "population"}),
                )
            )
        }
    ),
}


@dataclass(frozen=True)
class Problem:
    """One mistake in a lexicon file, printed as FILE:LINE: key: reason."""

    file: str
    line: int
    key: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # a folder has no lines
        return f"{where}: {self.key}: {self.reason}"


class LexiconError(PackError):
    """A lexicon with mistakes: the first named, and how many more there are."""

    def __init__(self, found: list[Problem]) -> None:
        self.problems = found
        more = f" (and {len(found) - 1} more: sitrep lexicon check)" if len(found) > 1 else ""
        super().__init__(f"{found[0]}{more}")


@dataclass(frozen=True)
class UserPlace:
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str
    lat: float
    lon: float
    population: int = USER_PLACE_POPULATION

    @property
    def feature_code(self) -> str:
        return PLACE_KINDS[self.kind]


# eq=False: one lexicon is one object; caches key on `version`.
@dataclass(frozen=True, eq=False)
class Lexicon:
    folder: str
    version: str  # a hash of the folder's files: which lexicon coded a document
    packs: dict[str, dict[str, dict[str, Any]]]  # code -> pack file -> what extends it (folded)
    groups: dict[str, list[str]] = field(default_factory=dict)  # DIR/actors.toml: name -> patterns
    places: tuple[UserPlace, ...] = ()

    def extends(self, code: str, name: str) -> dict[str, Any] | None:
        """What this lexicon adds to pack `code`'s file `name`, or None."""
        extra = self.packs.get(code, {}).get(name)
        if name == "actors" and self.groups:
            return cast(dict[str, Any], merged({"groups": self.groups}, extra or {}))
        return extra


def merged(base: Any, extra: Any) -> Any:
    """`extra` laid into `base`: tables merged key by key, lists extended with the items they lack,
    anything else replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = merged(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def merged_file(code: str, name: str, base: dict[str, Any], lexicon: Lexicon) -> dict[str, Any]:
    """Pack `code`'s file `name` with the lexicon's words in, checked against the pack schema."""
    extra = lexicon.extends(code, name)
    if extra is None:
        return base
    data = cast(dict[str, Any], merged(base, extra))
    found = problems(data, PACK_SCHEMA[name], stop_at_first=True)
    if found:
        key, reason = found[0]
        raise PackError(f"{lexicon.folder}/{code}/{name}.toml merged into the {code} pack: {key}: {reason}")
    return data


# --- reading and checking ---------------------------------------------------------------------


def lexicon_version(folder: Path) -> str:
    """A hash of every TOML file of the folder, by its path within it: edited, a new version."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.toml")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def check_lexicon(folder: Path) -> list[Problem]:
    """Every mistake in the lexicon in `folder`, each with its file, line and key."""
    return _read(folder)[1]


def load_lexicon(folder: Path | str) -> Lexicon:
    """The lexicon in `folder`; LexiconError naming the first mistake (file, line, key)."""
    lexicon, found = _read(Path(folder))
    if found:
        raise LexiconError(found)
    return lexicon


def _read(folder: Path) -> tuple[Lexicon, list[Problem]]:
    if not folder.is_dir():
        where = str(folder)
        reason = "not a folder" if folder.exists() else "no such folder"
        return Lexicon(where, "", {}), [Problem(where, 0, "(folder)", reason)]
    found: list[Problem] = []
    top = {name: _file(folder / f"{name}.toml", TOP_SCHEMA[name], found) for name in TOP_SCHEMA}
    packs = _pack_files(folder, found)
    found += _unknown_files(folder)
    groups = {g["name"]: [_literal(a) for a in [g["name"], *g["aliases"]]] for g in top["actors"].get("group", [])}
    places = _places(folder / "places.toml", top["places"], found)
    try:
        version = lexicon_version(folder)
    except OSError as e:
        found.append(Problem(str(folder), 0, "(folder)", f"cannot read: {e.strerror or e}"))
        version = ""
    lexicon = Lexicon(str(folder), version, packs, cast(dict[str, list[str]], fold_data(groups)), places)
    if not found:
        found += _merge_problems(lexicon)
    return lexicon, found


def _file(path: Path, schema: Table, found: list[Problem], patterns: bool = False) -> dict[str, Any]:
    """A lexicon file's data ({} when absent), its mistakes added to `found`."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        found.append(Problem(str(path), 1, "(file)", f"cannot read: {e}"))
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line, reason = _syntax_error(str(e), text)
        found.append(Problem(str(path), line, "(file)", f"not TOML: {reason}"))
        return {}
    lines = key_lines(text)
    wrong = problems(data, schema)
    found += [Problem(str(path), line_of(lines, key), key, reason) for key, reason in wrong]
    if wrong:
        return {}
    if patterns:
        found += [Problem(str(path), line_of(lines, key), key, reason) for key, reason in _bad_patterns(data, "")]
    return data


def _syntax_error(message: str, text: str) -> tuple[int, str]:
    """tomllib's message ("Invalid value (at line 2, column 5)") as a line and a reason."""
    m = re.search(r"\s*\(at line (\d+), column \d+\)$", message)
    if m:
        return int(m.group(1)), message[: m.start()]
    if message.endswith("(at end of document)"):
        return max(1, len(text.splitlines())), message.removesuffix(" (at end of document)") + " at the end"
    return 1, message


def _bad_patterns(value: Any, key: str) -> Iterator[tuple[str, str]]:
    """Strings that are not regular expressions: a pack's word lists are patterns."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _bad_patterns(item, join_key(key, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _bad_patterns(item, f"{key}[{i}]")
    elif isinstance(value, str):
        try:
            re.compile(value)
        except re.error as e:
            yield key, f"not a regular expression ({e})"


def _pack_files(folder: Path, found: list[Problem]) -> dict[str, dict[str, dict[str, Any]]]:
    packs: dict[str, dict[str, dict[str, Any]]] = {}
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if sub.name not in available_languages():
            found.append(Problem(str(sub), 0, "(folder)", f"no language pack {sub.name!r} to extend"))
            continue
        files = {}
        for name in EXTENDED_FILES:
            path = sub / f"{name}.toml"
            data = _file(path, cast(Table, partial(PACK_SCHEMA[name])), found, patterns=True)
            if name == "triggers" and data:
                found += _bad_types(path, data)
            if data:
                files[name] = cast(dict[str, Any], fold_data(data))
        if files:
            packs[sub.name] = files
    return packs


def _bad_types(path: Path, data: dict[str, Any]) -> list[Problem]:
    """Trigger rows whose event or sub-event type is not ACLED's ("@attack": decided by the target)."""
    from sitrep.acled import ACLED_TYPES

    lines = key_lines(path.read_text("utf-8"))
    wrong = []
    for i, row in enumerate(data.get("trigger", [])):
        subs = ACLED_TYPES.get(row["event_type"])
        if subs is None:
            key, reason = f"trigger[{i}].event_type", f"not an ACLED event type (known: {', '.join(ACLED_TYPES)})"
        elif row["sub_event_type"] not in (*subs, "@attack"):
            key, reason = (
                f"trigger[{i}].sub_event_type",
                f"not a sub-event type of {row['event_type']} (known: {', '.join(subs)})",
            )
        else:
            continue
        wrong.append(Problem(str(path), line_of(lines, key), key, reason))
    return wrong


def _unknown_files(folder: Path) -> list[Problem]:
    known_top = {f"{name}.toml" for name in TOP_SCHEMA}
    known_pack = {f"{name}.toml" for name in EXTENDED_FILES}
    wrong = []
    for path in sorted(folder.rglob("*.toml")):
        inner = path.relative_to(folder).parts
        if len(inner) == 1 and path.name not in known_top:
            wrong.append(Problem(str(path), 1, "(file)", f"unknown file (known here: {', '.join(sorted(known_top))})"))
        elif len(inner) == 2 and inner[0] in available_languages() and path.name not in known_pack:
            wrong.append(
                Problem(str(path), 1, "(file)", f"no pack file to extend (known: {', '.join(EXTENDED_FILES)})")
            )
        elif len(inner) > 2:
            wrong.append(Problem(str(path), 1, "(file)", "too deep: DIR/<file>.toml or DIR/<code>/<file>.toml"))
    return wrong


def _places(path: Path, data: dict[str, Any], found: list[Problem]) -> tuple[UserPlace, ...]:
    from sitrep.geo.countries import country_rows

    countries = {row.iso2 for row in country_rows()}
    lines = key_lines(path.read_text("utf-8")) if data else {}
    places = []
    for i, row in enumerate(data.get("place", [])):
        kind = row.get("kind", "village")
        wrong = [
            ("lat", "a latitude is between -90 and 90") if not -90 <= row["lat"] <= 90 else None,
            ("lon", "a longitude is between -180 and 180") if not -180 <= row["lon"] <= 180 else None,
            ("country", "not an ISO 3166 country code (SY, AF, NG ...)") if row["country"] not in countries else None,
            ("kind", f"unknown kind (known: {', '.join(PLACE_KINDS)})") if kind not in PLACE_KINDS else None,
            ("name", "empty") if not row["name"].strip() else None,
        ]
        for key, reason in (w for w in wrong if w):
            found.append(Problem(str(path), line_of(lines, f"place[{i}].{key}"), f"place[{i}].{key}", reason))
        if not any(wrong):
            places.append(
                UserPlace(
                    row["name"],
                    tuple(row.get("aliases", ())),
                    kind,
                    row["country"],
                    float(row["lat"]),
                    float(row["lon"]),
                    row.get("population", USER_PLACE_POPULATION),
                )
            )
    return tuple(places)


def _merge_problems(lexicon: Lexicon) -> list[Problem]:
    """The merged packs checked against the pack schema itself."""
    found = []
    codes = set(lexicon.packs) | (set(available_languages()) if lexicon.groups else set())
    for code in sorted(codes):
        for name in EXTENDED_FILES:
            try:
                merged_file(code, name, load_pack_file(code, name), lexicon)
            except PackError as e:
                found.append(Problem(f"{lexicon.folder}/{code}/{name}.toml", 1, "(merged)", str(e)))
    return found


# --- the lexicon extraction reads with ----------------------------------------------------------

_active: list[Lexicon | None] = []
_lock = threading.Lock()


@contextmanager
def using_lexicon(lexicon: Lexicon | None) -> Iterator[None]:
    """Extraction in this process reads with `lexicon` (None: the packs alone) inside the block."""
    with _lock:
        _active.append(lexicon)
    try:
        yield
    finally:
        with _lock:
            _active.pop()


def active_lexicon() -> Lexicon | None:
    """The lexicon of the innermost `using_lexicon`; outside any, $SITREP_LEXICON's (read once)."""
    if _active:
        return _active[-1]
    folder = os.environ.get(LEXICON_ENV)
    return _environment_lexicon(folder) if folder else None


@functools.lru_cache(maxsize=4)
def _environment_lexicon(folder: str) -> Lexicon:
    return load_lexicon(folder)


def lexicon_from(option: str | None) -> Lexicon | None:
    """The lexicon a command names (--lexicon DIR), else $SITREP_LEXICON's, else None;
    LexiconError naming the first mistake."""
    folder = option or os.environ.get(LEXICON_ENV)
    return load_lexicon(folder) if folder else None


class LexiconPacks(PackSet):
    """The package's packs with a lexicon's words in: each pack merged when a text in its language
    first arrives (what a stage compiles from it is its own, not the bare pack's)."""

    def __init__(self, base: PackSet, lexicon: Lexicon) -> None:
        super().__init__(base.folder)
        self.base, self.lexicon = base, lexicon
        self._compiled = {}
        self._merged: dict[tuple[str, str], dict[str, Any]] = {}

    def __repr__(self) -> str:
        return f"LexiconPacks({self.base!r}, {self.lexicon.folder!r})"

    def get(self, code: str) -> LanguagePack:
        with self._lock:
            if code in self._loaded:
                return self._loaded[code]
        pack = self.base.get(code)
        if any(self.lexicon.extends(code, name) for name in EXTENDED_FILES):
            data = {name: merged_file(code, name, pack[name], self.lexicon) for name in PACK_FILES}
            pack = LanguagePack(code, data)
        with self._lock:
            return self._loaded.setdefault(code, pack)

    def file(self, code: str, name: str) -> dict[str, Any]:
        base = self.base.file(code, name)
        with self._lock:
            if (code, name) not in self._merged:
                self._merged[code, name] = merged_file(code, name, base, self.lexicon)
            return self._merged[code, name]


def _literal(alias: str) -> str:
    """An alias as a pattern that matches it as written (spaces as the packs' patterns write them)."""
    return re.escape(alias).replace("\\ ", " ")
