"""Exit codes (issue 10, item 7; README "Exit codes"): 0 success, even with some inputs skipped
(each named on stderr); 1 an error, or nothing could be read; 2 a usage error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sitrep.cli import EXIT_CODES, NOTHING_READ, main

GOOD = json.dumps(
    {
        "id": "good",
        "text": "Gunmen killed three people in Kabul on Monday, police said.",
        "published": "2021-03-01",
        "language": "en",
    }
)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def command(name: str, tmp_path: Path) -> list[str]:
    """The command line that reads inputs, before its paths."""
    return {
        "extract": ["extract"],
        "geoparse": ["geoparse"],
        "ingest": ["ingest", "--db", str(tmp_path / "store.db"), "--workers", "1"],
        "ingest --out": ["ingest", "--out", str(tmp_path / "parts"), "--workers", "1"],
    }[name]


READERS = ["extract", "geoparse", "ingest", "ingest --out"]


@pytest.mark.parametrize("name", READERS)
def test_nothing_read_is_exit_1(tmp_path: Path, name: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run(*command(name, tmp_path), str(tmp_path / "nonexistent.txt"), str(tmp_path / "empty.txt"))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == NOTHING_READ
    assert f"sitrep: skipped {tmp_path / 'nonexistent.txt'}: no such file or folder" in result.stderr


@pytest.mark.parametrize("name", READERS)
def test_some_read_is_exit_0_and_the_rest_named(tmp_path: Path, name: str) -> None:
    (tmp_path / "good.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    result = run(*command(name, tmp_path), str(tmp_path / "good.jsonl"), str(tmp_path / "nonexistent.txt"))
    assert result.exit_code == 0, result.output
    assert f"sitrep: skipped {tmp_path / 'nonexistent.txt'}: no such file or folder" in result.stderr
    assert NOTHING_READ not in result.stderr


@pytest.mark.parametrize("name", ["extract", "geoparse", "ingest"])
def test_empty_stdin_is_exit_1(tmp_path: Path, name: str) -> None:
    result = run(*command(name, tmp_path), "-", stdin="")
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        ["sitrep: skipped stdin: no input", "sitrep: 1 input(s) skipped", NOTHING_READ],
    )


def test_a_rerun_of_stored_input_read_everything(tmp_path: Path) -> None:
    (tmp_path / "good.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    for _ in range(2):  # the second time every document is unchanged: read, not skipped
        assert run(*command("ingest", tmp_path), str(tmp_path / "good.jsonl")).exit_code == 0


def test_load_of_a_folder_with_nothing_to_load_is_exit_1(tmp_path: Path) -> None:
    result = run("load", str(tmp_path), "--db", str(tmp_path / "store.db"))
    assert result.exit_code == 1 and "no part-*.parquet files here" in result.stderr


def test_a_usage_error_is_exit_2() -> None:
    assert run("extract").exit_code == 2
    assert run("extract", "x.txt", "--no-such-option").exit_code == 2


def test_the_codes_are_in_the_help_and_the_readme() -> None:
    assert "Exit codes: 0 success" in " ".join(run("--help").stdout.split())
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert EXIT_CODES in readme
