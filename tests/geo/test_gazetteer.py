from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.geo import build as builder
from sitrep.geo import gazetteer, geoparse

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - a generator fixture
    """A private data folder; the process-wide gazetteer is restored afterwards."""
    monkeypatch.setenv("SITREP_DATA", str(tmp_path))
    gazetteer.load.cache_clear()
    yield tmp_path
    gazetteer.load.cache_clear()


def test_build_is_cached_and_current() -> None:
    path = gazetteer.build_gazetteer()
    assert path.is_file() and path == gazetteer.cache_path()
    mtime = path.stat().st_mtime_ns
    assert gazetteer.build_gazetteer() == path and path.stat().st_mtime_ns == mtime  # reused


def test_schema_has_fts5_names_and_rtree_points() -> None:
    with sqlite3.connect(gazetteer.build_gazetteer()) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert {"places", "names", "names_fts", "places_rtree", "admin_names", "meta"} <= tables
        assert db.execute("SELECT count(*) FROM places").fetchone()[0] > 200_000
        assert db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()[0] == "bundled"


def test_lookup_returns_own_names_first_then_population() -> None:
    gaz = gazetteer.load()
    found = gaz.lookup(["baghdad", "no such place anywhere", "mayadeen"])
    assert "no such place anywhere" not in found
    assert {(e.country, e.feature_code) for e in found["baghdad"][:2]} == {("IQ", "PPLC"), ("IQ", "ADM1")}
    ranks = [(not e.own_name, -e.population) for e in found["baghdad"]]
    assert ranks == sorted(ranks)
    assert found["mayadeen"][0].country == "SY" and found["mayadeen"][0].kind == 1  # a press alias


@pytest.mark.parametrize(
    "name, country, feature",
    [
        ("Deir el-Zour", "SY", "PPL"),
        ("Deir el-Zour", "SY", "ADM1"),
        ("Salaheddine", "IQ", "ADM1"),
        ("Qamishlo", "SY", "PPL"),
        ("Serêkaniyê", "SY", "PPL"),
        ("Ras al-Ain", "SY", "PPL"),
        ("دمشق", "SY", "PPLC"),
        ("Bagdad", "IQ", "PPLC"),
        ("Irak", "IQ", "PCLI"),
        ("Syrien", "SY", "PCLI"),
        ("Midtøsten", None, "RGN"),
        ("Europe", None, "CONT"),
        ("US", "US", "PCLI"),
    ],
)
def test_names_in_many_languages_and_press_spellings(name: str, country: str | None, feature: str) -> None:
    assert (country, feature) in {(e.country, e.feature_code) for e in gazetteer.load().names(name)}


def test_admin_areas_have_a_representative_point_and_names() -> None:
    gaz = gazetteer.load()
    area = next(e for e in gaz.names("Deir ez-Zor") if e.feature_code == "ADM1")
    assert 34.0 < area.lat < 36.5 and 38.5 < area.lon < 41.5
    assert gaz.admin_name("SY", area.admin1) == "Deir ez-Zor"


def test_search_and_near() -> None:
    gaz = gazetteer.load()
    assert any(e.country == "SY" for e in gaz.search("mayad*"))
    near = gaz.near(33.3152, 44.3661, km=15)  # central Baghdad
    assert near and near[0][0].name == "Baghdad" and near[0][1] < 5
    assert all(d <= 15 for _, d in near)


def test_a_batch_lookup_finds_the_names_search_gave() -> None:
    # Speed is measured in bench/gazetteer_speed.py, not asserted here (machines differ).
    gaz = gazetteer.load()
    names = [e.name for e in gaz.search("al*", limit=1000)] + [e.name for e in gaz.search("san*", limit=1000)]
    gaz._remembered.clear()
    found = gaz.lookup(gazetteer.normalise(n) for n in names)
    assert len(found) > 500


@pytest.mark.slow  # rebuilds the gazetteer
def test_corrupt_cache_is_rebuilt_with_one_line(own_data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gazetteer.cache_path().write_bytes(b"not a gazetteer" * 100)
    gaz = gazetteer.load()
    assert gaz.names("Baghdad")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rebuilding" in err and "Traceback" not in err


@pytest.mark.slow  # rebuilds the gazetteer
def test_build_from_a_geonames_dump(own_data_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "gazetteer",
            "build",
            "--geonames",
            str(FIXTURES / "geonames-mini.txt"),
            "--alternate-names",
            str(FIXTURES / "alternateNames-mini.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    gaz = gazetteer.load()
    mayadin = gaz.names("Mayadeen")[0]
    assert (mayadin.geonameid, mayadin.feature_code, mayadin.admin1) == (9000001, "PPLA2", "07")
    assert gaz.names("Meyadin")[0].geonameid == 9000001  # from alternateNames
    assert gaz.names("Romsa")[0].geonameid == 9000005 and not gaz.names("12345")  # postal codes are not names
    assert not gaz.names("Some Mountain")  # mountains are not kept; populated places and areas are
    area = next(e for e in gaz.names("Deir ez-Zor Governorate"))
    assert (area.geonameid, area.lat) == (9000003, 35.0)  # the dump's own admin1 point wins
    assert gaz.names("Syria")[0].feature_code == "PCLI"  # countries come from the committed tables
    assert gaz.meta()["source"].startswith("geonames:")
    # A gazetteer built from a dump is kept: first use does not replace it with the bundled one.
    gazetteer.load.cache_clear()
    assert gazetteer.load().names("Mayadeen")[0].geonameid == 9000001


HAMLETS = [
    # (text, language, name as written, the fixture's geonameid): hamlets under 500 inhabitants,
    # which the bundled gazetteer lacks and a full GeoNames dump has.
    ("Fighters dug in at Baghuz, the last village they held, as jets struck on Sunday.", "en", "Baghuz", 9000008),
    ("Kampene i Baghuz fortsatte søndag, opplyser kilder i området.", "nb", "Baghuz", 9000008),
    ("Et skred stengte veien ved Kvænangsbotn natt til mandag.", "nb", "Kvænangsbotn", 9000009),
]


@pytest.mark.parametrize("name", sorted({name for _text, _lang, name, _gid in HAMLETS}))
def test_the_bundled_gazetteer_lacks_the_hamlets(name: str) -> None:
    assert not gazetteer.load().names(name)


@pytest.mark.slow  # rebuilds the gazetteer
def test_a_gazetteer_from_a_geonames_dump_resolves_hamlets(own_data_dir: Path) -> None:
    args = ["--geonames", str(FIXTURES / "geonames-mini.txt")]
    result = CliRunner().invoke(
        main, ["gazetteer", "build", *args, "--alternate-names", str(FIXTURES / "alternateNames-mini.txt")]
    )
    assert result.exit_code == 0, result.output
    for text, lang, name, geonameid in HAMLETS:
        found = {m.to_dict()["text"]: m.to_dict() for m in geoparse(text, lang)}
        assert found[name]["geonameid"] == geonameid, (text, found)
    assert gazetteer.load().names("الباغوز فوقاني")[0].geonameid == 9000008  # from alternateNamesV2
    assert not gazetteer.load().names("Euphrates")  # streams are not kept (rivers: issue 15)


BAD_ROWS = [
    ("1\tonly three\tcolumns\n", "not a GeoNames row"),
    ("\t".join(["x", "Name", "Name", "", "35.0", "40.0", "P", "PPL", "SY"] + [""] * 10) + "\n", "malformed"),
]


@pytest.mark.parametrize("content, reason", BAD_ROWS)
def test_bad_geonames_dump_is_one_line(own_data_dir: Path, content: str, reason: str) -> None:
    dump = own_data_dir / "bad.txt"
    dump.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["gazetteer", "build", "--geonames", str(dump)])
    assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output
    assert result.output.count("\n") == 1
    assert not list(own_data_dir.glob("*.tmp*"))  # no half-built file left behind


@pytest.mark.slow  # rebuilds the gazetteer
def test_first_use_builds_it_once_for_processes_starting_together(tmp_path: Path) -> None:
    code = "import sitrep; print(len(sitrep.geoparse('Bombs hit Kabul.', lang='en')))"
    env = {"SITREP_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert all(run.returncode == 0 and out.strip() == "1" for run, (out, _) in zip(runs, outputs)), outputs
    messages = sorted(err for _, err in outputs)
    assert messages[0] == "" and messages[1].count("\n") == 1 and "building the gazetteer" in messages[1]
    assert (tmp_path / gazetteer.FILE_NAME).is_file()


def test_search_command_prints_places_as_json_lines() -> None:
    import json

    result = CliRunner().invoke(main, ["gazetteer", "search", "qamishl*", "--limit", "3"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert 1 <= len(rows) <= 3 and rows[0]["country"] == "SY" and rows[0]["lat"] is not None


@pytest.mark.parametrize(
    "name, bare",
    [
        ("Norte de Santander Department", "Norte de Santander"),
        ("Provincia de la Costa Verde", "Costa Verde"),
        ("Region of Upper Vale", "Upper Vale"),
        ("Muhafazat Karbala'", "Karbala'"),
        ("County of Glenmoor", "Glenmoor"),  # GeoNames' Welsh and Croatian areas ("County of Ceredigion")
        ("Borough of Kettleby", "Kettleby"),
        ("Politischer Bezirk Waldhof", "Waldhof"),
        ("Lower Tamsk Oblast", "Lower Tamsk"),
        ("Capital Region", None),  # an everyday word bare: "IN THE CAPITAL" is no place
        ("Allen County", None),  # "County" is not stripped: "Allen" alone is a person
        ("Provincia de Io", None),  # too little left
        ("Soria", None),  # nothing to strip
    ],
)
def test_admin_areas_are_also_named_bare(name: str, bare: str | None) -> None:
    # The words come from shared/places.toml [admin_names], none from the build's code.
    assert builder.bare_admin_name(name) == bare


def test_the_fingerprint_covers_the_shared_place_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """shared/places.toml feeds the build (admin words, Arabic articles): editing it rebuilds the gazetteer."""
    before = gazetteer.bundled_fingerprint()
    text = (gazetteer.SHARED_DIR / "places.toml").read_text(encoding="utf-8")
    (tmp_path / "places.toml").write_text(text.replace("everyday_zipf = 4.0", "everyday_zipf = 4.5"), encoding="utf-8")
    monkeypatch.setattr(gazetteer, "SHARED_DIR", tmp_path)
    gazetteer.bundled_fingerprint.cache_clear()
    try:
        assert gazetteer.bundled_fingerprint() != before
    finally:
        gazetteer.bundled_fingerprint.cache_clear()
