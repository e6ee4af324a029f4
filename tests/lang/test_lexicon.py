"""The analyst's own lexicons (issue 16, sitrep/lang/lexicon.py): a folder of TOML files that
changes what `extract` and `ingest` find (a militia's alias, a village at the analyst's
coordinates, a trigger word, a victim word), checked with errors that name file, line and key."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.lang.lexicon import check_lexicon, load_lexicon, merged
from sitrep.lang.toml_lines import key_lines, line_of
from tests.lexicons import MILITIA_ARTICLE, TRIGGER_ARTICLE, VILLAGE, write_lexicon


def articles(folder: Path) -> str:
    path = folder / "articles.jsonl"
    rows = [
        {"id": "militia", "text": MILITIA_ARTICLE, "published": "2024-03-05", "language": "en"},
        {"id": "trigger", "text": TRIGGER_ARTICLE, "published": "2024-03-06", "language": "en"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def extracted(*args: str) -> dict[str, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exit_code == 0, result.output
    found: dict[str, list[dict[str, object]]] = {}
    for line in result.stdout.splitlines():
        event = json.loads(line)
        found.setdefault(str(event["doc_id"]), []).append(event)
    return found


def test_a_lexicon_changes_what_extract_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = articles(tmp_path)
    lexicon = write_lexicon(tmp_path / "lexicon")
    bare = extracted(path)
    assert "trigger" not in bare  # the word is no trigger of the English pack
    (militia,) = bare["militia"]
    assert militia["actor1"] != "Liwa Jabal Qarnas" and militia["fatalities"] is None
    assert militia["location"]["name"] != "Tal Zurayq"  # type: ignore[index]

    for given in (["--lexicon", str(lexicon)], []):
        if not given:
            monkeypatch.setenv("SITREP_LEXICON", str(lexicon))
        found = extracted(path, *given)
        (militia,) = found["militia"]
        assert militia["actor1"] == "Liwa Jabal Qarnas"
        assert militia["fatalities"] == 4  # goatherds are victims now
        place = militia["location"]
        assert (place["name"], place["country"], place["lat"], place["lon"]) == ("Tal Zurayq", "SY", *VILLAGE)  # type: ignore[index]
        (taken,) = found["trigger"]
        assert (taken["event_type"], taken["sub_event_type"]) == ("Violence against civilians", "Attack")
        assert taken["location"]["name"] == "Tal Zurayq"  # type: ignore[index]


def test_ingest_with_workers_reads_with_the_lexicon_and_stores_its_version(tmp_path: Path) -> None:
    lexicon = write_lexicon(tmp_path / "lexicon")
    db = tmp_path / "store.db"
    args = ["ingest", articles(tmp_path), "--db", str(db), "--workers", "2", "--quiet", "--lexicon", str(lexicon)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        versions = {row[0] for row in conn.execute("SELECT lexicon FROM documents")}
        events = conn.execute("SELECT actor1, location_name, lat, lon FROM events ORDER BY date").fetchall()
    assert versions == {load_lexicon(lexicon).version}
    assert events == [
        ("Liwa Jabal Qarnas", "Tal Zurayq", *VILLAGE),
        ("Unidentified Armed Group", "Tal Zurayq", *VILLAGE),
    ]


def test_the_version_follows_the_files(tmp_path: Path) -> None:
    first = load_lexicon(write_lexicon(tmp_path / "a")).version
    assert load_lexicon(write_lexicon(tmp_path / "b")).version == first  # the same files, anywhere
    assert load_lexicon(write_lexicon(tmp_path / "b", lat=36.0)).version != first


BAD_PLACES = """\
# the analyst's places
[[place]]
name = "Tal Zurayq"
country = "SY"
lat = 36.25
lon = 37.5

[[place]]
name = "Camp Seven"
kind = "camp"
country = "XX"
lat = 96.0
lon = 37.6
"""

BAD_TRIGGERS = """\
[[trigger]]
event_type = "Battles"
sub_event_type = "Armed clash"
patterns = ["skirmished"]

[[trigger]]
event_type = "Battles"
sub_event_type = "Armed clash"
strength = "high"
patterns = ["fought"]

[context]
irealis = ["might"]
"""

BAD_ACTORS = """\
[groups]
"Liwa Qarnas" = ["Qarnas (?:men", "Qarnas fighters"]
"""


def test_check_names_the_file_line_and_key_of_every_mistake(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    (folder / "en").mkdir(parents=True)
    (folder / "xx").mkdir()
    (folder / "places.toml").write_text(BAD_PLACES, encoding="utf-8")
    (folder / "en" / "triggers.toml").write_text(BAD_TRIGGERS, encoding="utf-8")
    (folder / "en" / "actors.toml").write_text(BAD_ACTORS, encoding="utf-8")
    (folder / "en" / "casualties.toml").write_text('victims = ["herders",\n  "goatherds"\n', encoding="utf-8")
    (folder / "notes.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "check", str(folder)])
    assert result.exit_code == 1
    lines = sorted(result.stdout.replace(str(folder), "DIR").splitlines())
    assert lines == sorted([
        "DIR/en/actors.toml:2: groups.\"Liwa Qarnas\"[0]: not a regular expression (missing ), unterminated subpattern"
        " at position 7)",
        "DIR/en/casualties.toml:2: (file): not TOML: Unclosed array at the end",
        "DIR/en/triggers.toml:1: trigger[0].strength: missing (expected a number)",
        "DIR/en/triggers.toml:13: context.irealis: unknown key (known: irrealis, generic, tally, legal, seized,"
        " denial, definite, anaphora, umbrella, gapped, irrealis_after, earlier)",
        "DIR/en/triggers.toml:9: trigger[1].strength: expected a number, got a string",
        "DIR/notes.toml:1: (file): unknown file (known here: actors.toml, places.toml)",
        "DIR/places.toml:11: place[1].country: not an ISO 3166 country code (SY, AF, NG ...)",
        "DIR/places.toml:12: place[1].lat: a latitude is between -90 and 90",
        "DIR/xx: (folder): no language pack 'xx' to extend",
    ])  # fmt: skip
    assert f"9 mistake(s) in the lexicon {folder}" in result.stderr


def test_a_good_lexicon_checks_clean(tmp_path: Path) -> None:
    folder = write_lexicon(tmp_path / "lexicon")
    assert check_lexicon(folder) == []
    result = CliRunner().invoke(main, ["lexicon", "check"], env={"SITREP_LEXICON": str(folder)})
    assert result.exit_code == 0, result.output
    assert "1 group(s), 2 place(s); extends en/triggers.toml, en/casualties.toml" in result.stdout


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "places.toml").write_text('[[place]]\nname = "A"\nlat = = 3\n', encoding="utf-8")
    (problem,) = check_lexicon(tmp_path)
    assert (problem.file, problem.line, problem.key) == (str(tmp_path / "places.toml"), 3, "(file)")
    assert problem.reason.startswith("not TOML: Invalid value")


def test_lists_extend_and_tables_merge() -> None:
    base = {"victims": ["people"], "roles": {"a": ["x"], "b": True}, "rows": [{"k": 1}]}
    extra = {"victims": ["goatherds", "people"], "roles": {"a": ["y"]}, "rows": [{"k": 2}]}
    assert merged(base, extra) == {"victims": ["people", "goatherds"], "roles": {"a": ["x", "y"], "b": True},
                                   "rows": [{"k": 1}, {"k": 2}]}  # fmt: skip


def test_key_lines_follow_tables_rows_and_long_values() -> None:
    text = """\
name = "x"   # a comment [with brackets
words = [
  "a", "b]",
  "c",
]
[groups]
"Liwa al-Quds" = ["one"]
plain = 1

[[trigger]]
strength = 1
[trigger.context]
gapped = []

[[trigger]]
patterns = ['p[']
"""
    lines = key_lines(text)
    assert lines["name"] == 1 and lines["words"] == 2
    assert lines['groups."Liwa al-Quds"'] == 7 and lines["groups.plain"] == 8
    assert lines["trigger[0]"] == 10 and lines["trigger[0].strength"] == 11
    assert lines["trigger[0].context.gapped"] == 13
    assert lines["trigger[1].patterns"] == 16
    assert line_of(lines, "trigger[1].strength") == 15  # missing: the row's header
    assert line_of(lines, "words[2]") == 2
    assert line_of(lines, "nothing.here") == 1


def test_watch_reads_with_the_lexicon(tmp_path: Path) -> None:
    lexicon = write_lexicon(tmp_path / "lexicon")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = articles(inbox)
    os.utime(path, (1_700_000_000, 1_700_000_000))  # written long ago: settled (run/sources.py)
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["watch", str(inbox), "--once", "--db", str(db), "--lexicon", str(lexicon)])
    assert result.exit_code == 0 and "2 new document(s)" in result.output, result.output
    with sqlite3.connect(db) as conn:
        events = conn.execute("SELECT actor1, location_name FROM events ORDER BY date").fetchall()
        versions = {row[0] for row in conn.execute("SELECT lexicon FROM documents")}
    assert events == [("Liwa Jabal Qarnas", "Tal Zurayq"), ("Unidentified Armed Group", "Tal Zurayq")]
    assert versions == {load_lexicon(lexicon).version}


def test_a_trigger_row_needs_acled_types(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    rows = '[[trigger]]\nevent_type = "Battles"\nsub_event_type = "Armed clash"\nstrength = 0.8\npatterns = ["x"]\n\n'
    rows += '[[trigger]]\nevent_type = "Battels"\nsub_event_type = "Armed clash"\nstrength = 0.8\npatterns = ["y"]\n\n'
    rows += '[[trigger]]\nevent_type = "Riots"\nsub_event_type = "Air/drone strike"\nstrength = 0.8\npatterns = ["z"]\n'
    (tmp_path / "en" / "triggers.toml").write_text(rows, encoding="utf-8")
    found = [(p.line, p.key, p.reason.split(" (")[0]) for p in check_lexicon(tmp_path)]
    assert found == [
        (8, "trigger[1].event_type", "not an ACLED event type"),
        (15, "trigger[2].sub_event_type", "not a sub-event type of Riots"),
    ]


def test_parquet_files_carry_the_lexicon_version_to_the_store(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    lexicon = write_lexicon(tmp_path / "lexicon")
    out, db = tmp_path / "extracted", tmp_path / "store.db"
    args = ["ingest", articles(tmp_path), "--out", str(out), "--workers", "1", "--quiet", "--lexicon", str(lexicon)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert CliRunner().invoke(main, ["load", str(out), "--db", str(db), "--quiet"]).exit_code == 0
    with sqlite3.connect(db) as conn:
        versions = {row[0] for row in conn.execute("SELECT lexicon FROM documents")}
        places = {row[0] for row in conn.execute("SELECT location_name FROM events")}
    assert (versions, places) == ({load_lexicon(lexicon).version}, {"Tal Zurayq"})
