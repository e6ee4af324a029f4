"""`sitrep extract` over bad input: one clear stderr line per bad input, never a traceback,
the rest of the batch still processed; and the table output.

Exit status: 0 when the batch completed, even if some inputs were skipped (they are reported
on stderr, with a count); 1 when nothing could be read; click's 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep.cli
from sitrep.cli import main
from sitrep.records import Count, Document, Event, Location, Place, Span
from sitrep.table import events_table

ROOT = Path(__file__).parent.parent
GOOD_EN = (
    "KABUL, Oct 5 2019 (Reuters) - A suicide bomber blew himself up next to a bus in western "
    "Kabul on Saturday, killing nine people and wounding 24, officials said."
)
GOOD_NB = "OSLO (NTB): Tre personer ble drept da en bilbombe gikk av i byen mandag, opplyser politiet."
NO_BODY_HTML = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def bad_batch(folder: Path) -> dict[str, str]:
    """Write one file of each kind of bad input; {path: the reason expected on stderr}."""
    folder.mkdir(exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes(("Tre bilbomber gikk av, og IS hevder å stå bak. " * 4).encode("latin-1"))
    with (folder / "huge.txt").open("wb") as f:
        f.write(b"word " * (4 * 1024 * 1024))  # 20 MB of text
    (folder / "nav.html").write_text(NO_BODY_HTML)
    lines = [json.dumps({"id": "j1", "text": GOOD_EN}), "{this is not json}", json.dumps({"id": "j3", "text": GOOD_NB})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    return {
        str(folder / "empty.txt"): "empty file",
        str(folder / "binary.bin"): "binary file (contains NUL bytes), not text",
        str(folder / "latin1.txt"): "not valid UTF-8 text (byte ",
        str(folder / "huge.txt"): "file is 20.0 MB, over the 5 MB limit",
        str(folder / "nav.html"): "no article text found in the HTML",
        f"{folder / 'feed.jsonl'}:2": "line 2: not valid JSON (Expecting property name enclosed in double quotes)",
    }


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("sitrep: skipped ")]


def assert_one_line_per_bad_input(stderr: str, expected: dict[str, str]) -> None:
    assert "Traceback" not in stderr
    lines = error_lines(stderr)
    assert len(lines) == len(expected), stderr
    for source, reason in expected.items():
        assert any(line.startswith(f"sitrep: skipped {source}: {reason}") for line in lines), (source, stderr)
    assert f"sitrep: {len(expected)} input(s) skipped" in stderr


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[Document]:
    """Stand in for the extractor (built elsewhere, concurrently): record what reaches it."""
    docs: list[Document] = []

    def fake_extract(doc: Document) -> list[Event]:
        docs.append(doc)
        return [
            Event(doc.id, doc.published, "day", "Explosions/Remote violence", "Suicide bomb", fatalities=Count.exact(9))
        ]

    monkeypatch.setattr(sitrep.cli, "extract_document", fake_extract)
    return docs


def test_bad_inputs_are_reported_and_good_ones_processed(tmp_path: Path, seen: list[Document]) -> None:
    expected = bad_batch(tmp_path / "batch")
    (tmp_path / "batch" / "good.txt").write_text(GOOD_EN)
    (tmp_path / "batch" / "god.txt").write_text(GOOD_NB)
    missing = str(tmp_path / "missing.txt")
    expected[missing] = "no such file or folder"

    result = CliRunner().invoke(main, ["extract", str(tmp_path / "batch"), missing])

    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert_one_line_per_bad_input(result.stderr, expected)
    assert sorted((d.id, d.lang) for d in seen) == [("god", "nb"), ("good", "en"), ("j1", "en"), ("j3", "nb")]
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["j1", "j3", "god", "good"]


def test_all_good_inputs_print_no_errors(tmp_path: Path, seen: list[Document]) -> None:
    (tmp_path / "a.txt").write_text(GOOD_EN)
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "table"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "a  " in result.stdout and "2019-10-05" in result.stdout


def test_stdin_through_the_cli(seen: list[Document]) -> None:
    lines = json.dumps({"id": "s1", "text": GOOD_EN}) + "\n" + "[1, 2]\n"
    result = CliRunner().invoke(main, ["extract", "-"], input=lines)
    # Not every line is a JSON object, so stdin is one plain-text article.
    assert result.exit_code == 0 and result.stderr == ""
    assert [d.id for d in seen] == ["stdin"]


def test_published_and_lang_options(tmp_path: Path, seen: list[Document]) -> None:
    (tmp_path / "undated.txt").write_text(GOOD_NB)
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--published", "2021-05-06", "--lang", "en"])
    assert result.exit_code == 0
    assert [(d.published, d.lang) for d in seen] == [(dt.date(2021, 5, 6), "en")]


@pytest.mark.slow  # runs `sitrep extract` in a child process
def test_real_cli_in_a_subprocess(tmp_path: Path) -> None:
    """The installed entry point, its real stderr and exit status, bad inputs only (the
    extractor is not involved): every input skipped is exit status 1."""
    expected = bad_batch(tmp_path / "batch")
    del expected[f"{tmp_path / 'batch' / 'feed.jsonl'}:2"]
    (tmp_path / "batch" / "feed.jsonl").write_text("{this is not json}\n")
    expected[f"{tmp_path / 'batch' / 'feed.jsonl'}:1"] = "line 1: not valid JSON"
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "extract", str(tmp_path / "batch"), "--format", "table"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert_one_line_per_bad_input(proc.stderr, expected)
    assert proc.stderr.splitlines()[-1] == "sitrep: nothing was read: every input was skipped"
    assert proc.stdout == ""


@pytest.mark.slow  # extracts every example in a child process
def test_demo_over_the_bundled_examples() -> None:
    """`make demo`: the examples read cleanly and extraction finds events in both languages."""
    proc = subprocess.run(
        [sys.executable, "-m", "sitrep.cli", "extract", "examples/", "--format", "table"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "Islamic State" in proc.stdout and "Qāmishlī" in proc.stdout  # English and Norwegian articles
    assert "No events found" not in proc.stdout


# --- the table ------------------------------------------------------------------------------


def event(**fields: object) -> Event:
    base: dict[str, object] = {
        "doc_id": "wire-1",
        "date": dt.date(2020, 1, 14),
        "date_precision": "day",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
    }
    return Event(**{**base, **fields})  # type: ignore[arg-type]


def test_empty_table() -> None:
    assert events_table([]) == "No events found."


def test_table_rows() -> None:
    place = Location(Place("Mayadin", "SY", "Deir ez-Zor", lat=35.0, lon=40.4), precision=2, relation="near")
    events = [
        event(actor1="Islamic State", actor2="Syria military", location=place, fatalities=Count.exact(13)),
        event(
            doc_id="nrk-2",
            date=dt.date(2019, 11, 1),
            date_precision="month",
            event_type="Explosions/Remote violence",
            sub_event_type="Remote explosive/landmine/IED",
            actor1="Islamic State",
            claimed_by="Islamic State",
            wounded=Count(20, None, None),
            fatalities=Count(3, None, 5),
            evidence=(("fatalities", Span(0, 4)),),
        ),
        event(doc_id="x", date=None, event_type=None, sub_event_type=None),
    ]
    lines = events_table(events).splitlines()
    assert lines[0].split()[:3] == ["doc", "date", "type"]
    assert set(lines[1]) <= {"─", " "}
    assert "Islamic State → Syria military" in lines[2]
    assert "Mayadin (SY, p2)" in lines[2]
    assert lines[2].endswith("13        -")  # killed and wounded right-aligned
    assert "2019-11" in lines[3] and "Explosions/Remote violence / Remote explosive/landmine/IED" in lines[3]
    assert lines[3].rstrip().endswith("3-5      20+")
    assert lines[4].startswith("x ") and "? → ?" in lines[4]
    assert lines[-1] == "3 events in 3 documents"
    assert len({len(line) for line in lines[:2]}) == 1  # header and rule line up


def test_table_cuts_long_cells() -> None:
    text = events_table([event(actor1="A" * 100, doc_id="d" * 50)])
    row = text.splitlines()[2]
    assert "d" * 17 + "…" in row and "d" * 19 not in row
    assert len(row) < 200


# Written for these tests: languages no pack of issue 13 covers.
ITALIAN = (
    "Tre agenti di polizia sono stati uccisi quando uomini armati hanno attaccato un posto di blocco "
    "alla periferia della città, ha detto un portavoce dell'esercito."
)
DUTCH = (
    "Drie politieagenten zijn gedood toen gewapende mannen een controlepost aan de rand van de stad "
    "aanvielen, zei een woordvoerder van het leger."
)


def test_ingest_skips_and_counts_documents_without_a_pack(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "in" / "it.txt").write_text(ITALIAN, encoding="utf-8")
    rows = [{"id": "nl", "text": DUTCH}, {"id": "nb", "text": GOOD_NB}]
    (tmp_path / "in" / "more.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    args = ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--workers", "1", "--errors", str(errors)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert f"sitrep: skipped {tmp_path}/in/it.txt: no language pack for 'it' (Italian)" in lines
    assert f"sitrep: skipped {tmp_path}/in/more.jsonl:1: line 1: no language pack for 'nl' (Dutch)" in lines
    assert "sitrep: 2 input(s) skipped (2 with no language pack)" in lines
    assert "documents: 2 new, 0 unchanged, 0 near-duplicate, 2 skipped (2 with no language pack);" in result.stdout
    written = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted((e["source"], e["language"]) for e in written) == [
        (f"{tmp_path}/in/it.txt", "it"),
        (f"{tmp_path}/in/more.jsonl:1", "nl"),
    ]
    assert all(e["reason"].endswith(("(Italian)", "(Dutch)")) for e in written)


def test_ingest_out_counts_documents_without_a_pack(tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text(ITALIAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    args = ["ingest", str(tmp_path / "it.txt"), str(tmp_path / "en.txt"), "--out", str(tmp_path / "parts")]
    result = CliRunner().invoke(main, [*args, "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "1 skipped (1 with no language pack);" in result.stdout
