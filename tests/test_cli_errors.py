"""Every command with bad paths and bad values (issue 10, item 9): no traceback, one line naming
the input and the reason, a non-zero exit (1 an error or nothing read, 2 a usage error).

The cases are `sitrep` command lines with placeholders for files made once per module:
{db} a store holding one event, {article} a good article, {missing} a path that does not exist,
{no_folder} a path whose folder does not exist, {folder} an empty folder, {text} a text file
that is no store, Parquet part or benchmark set, {sqlite} a SQLite file of another program,
{proc} a folder no file can be created in (/proc). A test checks every command `sitrep --help`
lists (subcommands too) has cases here.
"""

from __future__ import annotations

import json
from typing import Any

import click
import pytest
from click.testing import CliRunner

from sitrep.cli import main

ARTICLE = {
    "id": "a",
    "text": "Gunmen killed three people in Kabul on Monday, police said.",
    "published": "2021-03-01",
    "language": "en",
}

# (command line, exit code, what the error line must hold: the input named, then the reason)
CASES: list[Any] = [
    # extract, geoparse: inputs
    ("extract {missing}", 1, "{missing}: no such file or folder"),
    ("extract {folder}", 1, "{folder}: folder contains no files"),
    ("extract {sqlite}", 1, "{sqlite}: binary file"),
    ("extract {article} --published 2021-02-30", 2, "'--published': '2021-02-30' is not a date"),
    ("extract {article} --published 0001-01-01", 2, "'--published': 0001-01-01 lies outside 1800-01-01..2999-12-31"),
    ("extract {article} --lang xx", 2, "'--lang': no language pack for 'xx'"),
    ("extract {article} --format xml", 2, "'--format': 'xml' is not one of"),
    ("geoparse {missing}", 1, "{missing}: no such file or folder"),
    ("geoparse {article} --published 99999-01-01", 2, "'--published': '99999-01-01' is not a date"),
    # eval, eval-geo: benchmark folders
    ("eval {missing}", 2, "'{missing}' does not exist"),
    ("eval {text}", 2, "'{text}' is a file"),
    ("eval {folder}", 1, "{folder}/documents.jsonl: missing"),
    ("eval-geo {missing}", 1, "{missing}: no such folder"),
    ("eval-geo {folder}", 1, "{folder}/documents.jsonl: missing"),
    # gazetteer
    ("gazetteer build --geonames {missing}", 2, "'{missing}' does not exist"),
    ("gazetteer build --geonames {text}", 1, "{text}: line 1 is not a GeoNames row"),
    ("gazetteer build --geonames {folder}", 2, "'{folder}' is a directory"),
    ("gazetteer build --alternate-names {text}", 2, "--alternate-names needs --geonames"),
    ("gazetteer search x --limit 0", 2, "'--limit': 0 is not in the range"),
    # ingest, load: inputs, stores, outputs
    ("ingest {missing} --db {new_db}", 1, "{missing}: no such file or folder"),
    ("ingest {article} --db {no_folder}/store.db", 1, "{no_folder}/store.db: cannot open database"),
    ("ingest {article} --db {text}", 1, "{text}: cannot open database: file is not a database"),
    ("ingest {article} --db {folder}", 1, "{folder}: cannot open database"),
    ("ingest {article} --db {new_db} --errors {no_folder}/errors.jsonl", 2, "{no_folder}/errors.jsonl: no such folder"),
    ("ingest {article} --db {new_db} --errors {folder}", 2, "'--errors': {folder}: is a folder"),
    (
        "ingest {article} --db {new_db} --errors {proc}/errors.jsonl",
        1,
        "{proc}/errors.jsonl: cannot write the errors report",
    ),
    ("ingest {article} --out {text}", 2, "'{text}' is a file"),
    ("ingest {article} --workers 0", 2, "'--workers': 0 is not in the range"),
    ("ingest {article} --published 2021-1-1", 2, "'--published': '2021-1-1' is not a date"),
    ("load {missing} --db {new_db}", 1, "{missing}: no part-*.parquet files here"),
    ("load {text} --db {new_db}", 1, "{text}: no part-*.parquet files here"),
    ("load {parts} --db {new_db}", 1, "{parts}/part-00000.parquet: not a readable Parquet file"),
    ("load {parts} --db {new_db} --errors {no_folder}/e.jsonl", 2, "{no_folder}/e.jsonl: no such folder"),
    # events, events show: stores and filters
    ("events --db {missing}", 1, "{missing}: no event store there yet"),
    ("events --db {text}", 1, "{text}: cannot open database: file is not a database"),
    ("events --db {folder}", 1, "{folder}: cannot open database"),
    pytest.param("events --db {sqlite}", 1, "{sqlite} is not a sitrep store"),
    ("events --db {db} --since 2021-02-30", 2, "'--since': '2021-02-30' is not a date"),
    ("events --db {db} --until 0001-01-01", 2, "'--until': 0001-01-01 lies outside"),
    ("events --db {db} --limit -1", 2, "'--limit': -1 is not in the range"),
    ("events --db {db} --min-fatalities -5", 2, "'--min-fatalities': -5 is not in the range"),
    ("events --db {db} --bbox 10,20,30", 2, "'--bbox': '10,20,30': give four numbers"),
    ("events --db {db} --country Narnia", 2, "'--country': 'Narnia' is not a country"),
    ("events --db {db} --type bombing", 2, "'--type': 'bombing' is not an ACLED event or sub-event type"),
    ("events --db {db} --ingested-since yesterday", 2, "'--ingested-since': 'yesterday' is not a time"),
    ("events --db {db} --rejected --reviewed", 2, "--reviewed and --rejected ask for different review states"),
    ("export --format csv --db {db} --unreviewed --review all", 2, "--unreviewed and --review all ask for different"),
    ("events show ev-0 --db {db}", 1, "no event 'ev-0' in the store"),
    ("events show ev-0 --db {missing}", 1, "{missing}: no event store there yet"),
    ("review ev-0 --db {db} --verify", 1, "no event 'ev-0' in the store"),
    ("review ev-0 --db {db} --set colour=red", 1, "'colour=red': give FIELD=VALUE"),
    ("review ev-0 --db {db}", 2, "give --set, --verify or --reject"),
    ("review ev-0 --db {text} --verify", 1, "{text}: cannot open database: file is not a database"),
    ("review-queue --db {missing}", 1, "{missing}: no event store there yet"),
    ("review-queue --db {db} --limit 0", 2, "'--limit': 0 is not in the range"),
    # trends, alerts
    ("trends --db {db} --since 0001-01-01", 2, "'--since': 0001-01-01 lies outside 1800-01-01..2999-12-31"),
    ("trends --db {db} --until 9999-12-31", 2, "'--until': 9999-12-31 lies outside"),
    ("trends --db {db} --plot {no_folder}/chart.png", 2, "{no_folder}/chart.png: no such folder"),
    ("trends --db {db} --plot {folder}", 2, "{folder}: the chart is written as .png, .svg or .html"),
    ("trends --db {db} --plot {text_folder}.png", 2, "{text_folder}.png: is a folder"),
    ("trends --db {db} --plot {proc}/chart.png", 1, "{proc}/chart.png: cannot write the chart"),
    ("trends --db {db} --baseline 0", 2, "'--baseline': 0 is not in the range"),
    ("trends --db {db} --by city", 2, "'--by': 'city' is not one of"),
    ("trends --db {missing}", 1, "{missing}: no event store there yet"),
    ("alerts --db {db} --until 0001-01-01", 2, "'--until': 0001-01-01 lies outside"),
    ("alerts --db {db} --alpha 1.5", 2, "'--alpha': 1.5 is not in the range"),
    ("alerts --db {db} --by country,city", 2, "'--by': city: choose from"),
    ("alerts --db {db} --min-count 0", 2, "'--min-count': 0 is not in the range"),
    ("alerts --db {text}", 1, "{text}: cannot open database: file is not a database"),
    # export
    ("export --format csv --db {db} -o {no_folder}/x.csv", 2, "{no_folder}/x.csv: no such folder"),
    ("export --format csv --db {db} -o {folder}", 2, "'-o' / '--output': {folder}: is a folder"),
    ("export --format csv --db {db} -o {text}/x.csv", 2, "{text}/x.csv: not a folder"),
    ("export --format csv --db {db} -o {proc}/x.csv", 1, "{proc}/x.csv: cannot write the export"),
    ("export --format parquet --db {db} -o {proc}/x.parquet", 1, "{proc}/x.parquet: cannot write the export"),
    ("export --format parquet --db {db}", 2, "--format parquet writes a binary file: give it with -o FILE"),
    ("export --format csv --db {missing}", 1, "{missing}: no event store there yet"),
    ("export --format csv --db {db} --since 1799-12-31", 2, "'--since': 1799-12-31 lies outside"),
    # watch: sources, intervals, sinks, stores
    ("watch {missing}", 2, "{missing}: not a feed URL, a folder or a JSON Lines file"),
    ("watch ftp://example.org/feed.xml", 2, "ftp://example.org/feed.xml: only http(s) feed URLs are followed"),
    ("watch {folder} --every 0", 2, "'--every': '0': the interval must be more than 0"),
    ("watch {folder} --every soon", 2, "'--every': 'soon' is not a duration"),
    ("watch {folder} --alert-file {no_folder}/alerts.jsonl", 2, "{no_folder}/alerts.jsonl: no such folder"),
    ("watch {folder} --smtp nowhere", 2, "'--smtp': 'nowhere': give HOST:PORT"),
    ("watch {folder} --smtp localhost:25", 2, "mail needs --smtp HOST:PORT, --mail-to ADDR and --mail-from ADDR"),
    ("watch {folder} --once --db {text}", 1, "{text}: cannot open database: file is not a database"),
    # serve: only what fails before it starts listening
    ("serve --port 0", 2, "'--port': 0 is not in the range"),
    ("serve --port 70000", 2, "'--port': 70000 is not in the range"),
    # the analyst's lexicons (issue 16): a bad one is one line naming its file, line and key
    ("lexicon check {missing}", 1, "mistake(s) in the lexicon {missing}"),
    ("lexicon check {bad_lexicon}", 1, "1 mistake(s) in the lexicon {bad_lexicon}"),
    ("lexicon check", 2, "name the lexicon folder, or set $SITREP_LEXICON"),
    ("extract {article} --lexicon {missing}", 1, "{missing}: (folder): no such folder"),
    ("extract {article} --lexicon {bad_lexicon}", 1, "{bad_lexicon}/places.toml:5: place[0].lat: a latitude is"),
    ("ingest {article} --db {new_db} --lexicon {bad_lexicon}", 1, "{bad_lexicon}/places.toml:5: place[0].lat"),
    ("watch {folder} --once --lexicon {bad_lexicon}", 1, "{bad_lexicon}/places.toml:5: place[0].lat"),
    ("serve --lexicon {bad_lexicon}", 1, "{bad_lexicon}/places.toml:5: place[0].lat"),
    ("reextract --db {missing}", 1, "{missing}: no event store there yet"),
    ("reextract --db {text}", 1, "{text}: cannot open database: file is not a database"),
    ("reextract --db {db} --since 2021-02-30", 2, "'--since': '2021-02-30' is not a date"),
    ("reextract --db {db} --lexicon {text}", 1, "{text}: (folder): not a folder"),
]

# A lexicon whose one mistake is a latitude out of range, on line 5 (tests/lang/test_lexicon.py
# has the rest).
BAD_LEXICON = """[[place]]
name = "Tal Zurayq"
kind = "village"
country = "SY"
lat = 136.25
lon = 37.5
"""


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("bad")
    article = root / "article.jsonl"
    article.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = root / "store.db"
    result = CliRunner().invoke(main, ["ingest", str(article), "--db", str(db), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    (root / "empty").mkdir()
    (root / "notes.txt").write_text("Not a store, a Parquet part or a benchmark set.\n", encoding="utf-8")
    (root / "folder-named-like-a-chart.png").mkdir()
    parts = root / "parts"
    parts.mkdir()
    (parts / "part-00000.parquet").write_text("not Parquet\n", encoding="utf-8")
    (root / "lexicon").mkdir()
    (root / "lexicon" / "places.toml").write_text(BAD_LEXICON, encoding="utf-8")
    import sqlite3

    with sqlite3.connect(root / "other.sqlite") as other:
        other.execute("CREATE TABLE customers (name TEXT)")
    return {
        "db": str(db),
        "article": str(article),
        "missing": str(root / "missing"),
        "no_folder": str(root / "no" / "such"),
        "folder": str(root / "empty"),
        "text": str(root / "notes.txt"),
        "sqlite": str(root / "other.sqlite"),
        "text_folder": str(root / "folder-named-like-a-chart"),
        "parts": str(parts),
        "proc": "/proc",
        "new_db": str(root / "new.db"),
        "bad_lexicon": str(root / "lexicon"),
    }


@pytest.mark.parametrize(("command", "code", "expected"), CASES)
def test_a_bad_path_or_value_is_one_line_and_a_non_zero_exit(
    places: dict[str, str], command: str, code: int, expected: str
) -> None:
    args = [part.format(**places) for part in command.split()]
    result = CliRunner().invoke(main, args)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}"
    )
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith(("Error: ", "sitrep: "))]
    assert any(expected.format(**places) in line for line in errors), result.stderr
    if code == 2:  # a usage error: click's three lines, the reason on one of them
        assert [line for line in errors if line.startswith("Error: ")] == [errors[-1]]


def _commands(group: click.Group, prefix: str = "") -> set[str]:
    names = set()
    for name, command in group.commands.items():
        names.add(f"{prefix}{name}")
        if isinstance(command, click.Group):
            names |= _commands(command, f"{prefix}{name} ")
    return names


def test_every_command_has_cases() -> None:
    lines = [case.values[0] if hasattr(case, "values") else case[0] for case in CASES]
    covered = {name for name in _commands(main) if any(f"{line} ".startswith(f"{name} ") for line in lines)}
    assert covered == _commands(main)


def test_every_help_ends_with_the_exit_codes() -> None:
    for name in sorted(_commands(main) | {""}):
        result = CliRunner().invoke(main, [*name.split(), "--help"], terminal_width=200)
        assert result.exit_code == 0
        assert "Exit codes: 0 success" in " ".join(result.stdout.split()), name
