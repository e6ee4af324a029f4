"""`sitrep ingest`, `sitrep events` and `sitrep events show` on SQLite and PostgreSQL: summary and
progress, bad input as one line, filters, output formats, and one-line errors, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sitrep.cli import main
from tests.store.corpus import ARTICLES, KIRKUK_BOMB, MAIDUGURI_NB, write_jsonl


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "articles.jsonl", ARTICLES)


def test_ingest_prints_one_summary_line(store_url: str, articles: Path) -> None:
    result = run("ingest", str(articles), "--db", store_url)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # not a terminal: no progress bar
    (line,) = result.stdout.splitlines()
    assert line.startswith("documents: 6 new, 0 unchanged, 1 near-duplicate, 0 skipped; reports: ")
    assert "articles/s" in line and "merged" in line
    again = run("ingest", str(articles), "--db", store_url)
    assert again.stdout.startswith("documents: 0 new, 7 unchanged, 0 near-duplicate, 0 skipped; reports: 0;")


def test_quiet_prints_nothing(store_url: str, articles: Path) -> None:
    result = run("ingest", str(articles), "--db", store_url, "--quiet", "--progress")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_progress_can_be_forced(store_url: str, articles: Path) -> None:
    result = run("ingest", str(articles), "--db", store_url, "--progress")
    assert result.exit_code == 0
    assert "ingest: 7 docs" in result.stderr and "docs/s" in result.stderr and "new 6" in result.stderr


def test_bad_input_is_one_line_and_the_batch_goes_on(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-empty.txt").write_text("")
    (folder / "b-good.txt").write_text(MAIDUGURI_NB["text"])
    result = run("ingest", str(folder), str(tmp_path / "missing.txt"), "--db", store_url, "--published", "2021-03-09")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"sitrep: skipped {folder / 'a-empty.txt'}: empty file",
        f"sitrep: skipped {tmp_path / 'missing.txt'}: no such file or folder",
        "sitrep: 2 input(s) skipped",
    ]
    assert result.stdout.startswith("documents: 1 new, 0 unchanged, 0 near-duplicate, 2 skipped;")


def test_events_table(corpus_url: str) -> None:
    result = run("events", "--db", corpus_url)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "date", "type"]
    assert lines[-1] == "4 events"
    kirkuk = next(line for line in lines if "Kirkuk" in line)
    assert kirkuk.split()[-3:] == ["6", "7", "3"]  # killed, wounded, sources


def test_events_jsonl_and_filters(corpus_url: str) -> None:
    result = run("events", "--db", corpus_url, "--country", "IQ", "--since", "2021-03-01", "--format", "jsonl")
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert event["location"]["name"] == "Kirkuk" and event["sources"] == 3 and len(event["documents"]) == 4
    claimed = run("events", "--db", corpus_url, "--claimed-by", "shabaab", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["location"]["name"] for line in claimed] == ["Mogadishu"]


@pytest.mark.parametrize(
    "args",
    [
        ["--type", "battles"],
        ["--actor", "Nobody"],
        ["--admin1", "Oslo"],
        ["--min-fatalities", "100"],
        ["--bbox", "0,0,1,1"],
        ["--text", "no such words"],
        ["--until", "2000-01-01"],
        ["--country", "Norway"],  # a value that is no country is an error: tests/test_cli_filters.py
    ],
)
def test_filters_that_match_nothing(corpus_url: str, args: list[str]) -> None:
    result = run("events", "--db", corpus_url, *args)
    assert (result.exit_code, result.stdout.strip()) == (0, "No events found."), result.output


def test_events_csv(corpus_url: str) -> None:
    result = run("events", "--db", corpus_url, "--format", "csv", "--limit", "2", "--offset", "1")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2 and rows[0]["location"] == "Mogadishu" and rows[0]["claimed_by"] == "Al-Shabaab"


def test_events_show(corpus_url: str) -> None:
    event_id = json.loads(run("events", "--db", corpus_url, "--text", "Kirkuk", "--format", "jsonl").stdout)["id"]
    assert run("events", "--db", corpus_url, "--min-sources", "2", "--format", "ids").stdout.split() == [event_id]
    text = run("events", "--db", corpus_url, "show", event_id)
    assert text.exit_code == 0, text.output
    out = text.stdout
    assert out.startswith(f"{event_id}  2021-03-03 (day)")
    assert "killed      6 (low 4, best 6, high 6)" in out
    assert KIRKUK_BOMB["url"] in out and "Gulf Post" in out and "copy of" in out
    assert "fatalities [" in out and '"killed four policemen' in out  # an evidence span and its text
    assert "decision   merged (score" in out and "new event (score" in out
    assert "History" in out and "6 (low 4, best 6, high 6)" in out.split("History")[1]
    as_json = json.loads(run("events", "show", event_id, "--db", corpus_url, "--json").stdout)
    assert as_json["id"] == event_id and len(as_json["reports"]) == 4
    assert as_json["reports"][1]["decision"]["same"] is True
    assert all(ev["text"] for r in as_json["reports"] for ev in r["evidence"])


def test_events_show_unknown_id(corpus_url: str) -> None:
    result = run("events", "show", "ev-nothing", "--db", corpus_url)
    assert result.exit_code == 1 and result.stderr == "Error: no event 'ev-nothing' in the store\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--db", "mysql://localhost/x"], "not a database this store knows"),
        (["events", "--db", "/no/such/folder/x.db"], "folder /no/such/folder does not exist"),
        (["events", "--db", "no-such-store.db"], "no-such-store.db: no event store there yet"),
        (["events", "show", "ev-1", "--db", "no-such-store.db"], "no event store there yet"),
        (["ingest", "x.txt", "--db", "postgresql://nobody@127.0.0.1:1/none"], "cannot connect"),
        (["events", "--since", "2021-02-30"], "'2021-02-30' is not a date (day is out of range for month)"),
        (["events", "--bbox", "1,2,3"], "give four numbers"),
        (["events", "--bbox", "a,b,c,d"], "must be numbers"),
        (["events", "--bbox", "0,10,5,-10"], "South at most North"),
        (["events", "--limit", "-1"], "--limit"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # click's exit, not an error escaping


def test_events_show_explain_reads_each_source_again(corpus_url: str) -> None:
    event_id = json.loads(run("events", "--db", corpus_url, "--text", "Kirkuk", "--format", "jsonl").stdout)["id"]
    out = run("events", "show", event_id, "--db", corpus_url, "--explain").stdout
    explained = out.split("How the articles read (current rules)")[1]
    assert explained.count(". report ") == 4
    assert "new incident 1: its own" in explained and "event 1: a reported incident" in explained
