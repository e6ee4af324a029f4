"""A batch under load: bad files of every kind, a document that kills its worker process and one
that hangs it. The batch completes, every good document is stored, and the bad ones are listed
with their reasons at the end and in the --errors report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep import run
from sitrep.cli import main
from sitrep.run import local, ordered
from sitrep.run.ordered import WORKER_DIED, took_too_long
from sitrep.run.stages import CRASH_MARKER_ENV, HANG_MARKER_ENV
from sitrep.store import open_store
from tests.store.corpus import ARTICLES, generated, write_jsonl
from tests.store.test_crash_resume import contents

MARKER = "ZZ-CRASH-THIS-WORKER-ZZ"
HANG_MARKER = "ZZ-HANG-THIS-WORKER-ZZ"
GOOD_TEXT = "KABUL, March 3, 2021 - A car bomb killed three people at a market in Kabul on Wednesday, police said."
GOOD_HTML = (
    "<!doctype html><html><head><title>Mopti</title><meta property='article:published_time' "
    "content='2021-03-09'></head><body><article><h1>Convoy attacked near Mopti</h1><p>Gunmen ambushed an "
    "army convoy near Mopti in central Mali on Tuesday, killing five soldiers, the army said in a "
    "statement.</p><p>The attackers fled on motorbikes towards the border, officials said.</p></article>"
    "</body></html>"
)
MB = 1024 * 1024


@pytest.fixture
def crash_marker(monkeypatch: pytest.MonkeyPatch) -> str:
    """Worker processes forked from now on die on a document holding the marker."""
    monkeypatch.setenv(CRASH_MARKER_ENV, MARKER)
    return MARKER


@pytest.mark.slow  # worker processes crash or hang and are replaced
def test_a_worker_that_dies_is_replaced_and_the_culprit_reported(crash_marker: str, tmp_path: Path) -> None:
    articles = ARTICLES + generated(30)
    culprit = {**articles[12], "id": "culprit", "text": articles[12]["text"] + f"\n{crash_marker}"}
    batch = write_jsonl(tmp_path / "batch.jsonl", [*articles[:20], culprit, *articles[20:]])
    outcomes = []
    with open_store(str(tmp_path / "crashed.db")) as store:
        stats = run.ingest(store, [str(batch)], workers=2, on_progress=lambda o, s: outcomes.append(o))
    assert [(o.name, o.reason) for o in outcomes if o.status == "skipped"] == [("culprit", WORKER_DIED)]
    assert stats.new + stats.near_duplicates == len(articles)
    # Everything else went on as if the culprit had never been in the input.
    clean = tmp_path / "clean.db"
    with open_store(str(clean)) as store:
        run.ingest(store, [str(write_jsonl(tmp_path / "clean.jsonl", articles))], workers=1)
    assert contents(str(tmp_path / "crashed.db")) == contents(str(clean))


@pytest.mark.slow  # worker processes crash or hang and are replaced
def test_a_worker_that_hangs_is_replaced_and_the_culprit_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The hang is endless, so any limit catches it; the good articles take milliseconds each, and
    # a limit of seconds per article leaves them a thousandfold margin on a slow, busy machine.
    monkeypatch.setenv(HANG_MARKER_ENV, HANG_MARKER)
    monkeypatch.setattr(ordered, "ARTICLE_SECONDS", 5.0)
    monkeypatch.setattr(local, "CHUNK", 2)  # tasks of 2: the culprit shares its task with a good article
    articles = ARTICLES + generated(20)
    culprit = {**articles[12], "id": "culprit", "text": articles[12]["text"] + f"\n{HANG_MARKER}"}
    batch = write_jsonl(tmp_path / "batch.jsonl", [*articles[:13], culprit, *articles[13:]])
    result = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(tmp_path / "hung.db"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"sitrep: skipped culprit: {took_too_long(5)}", "sitrep: 1 input(s) skipped"]
    assert " 1 skipped;" in result.stdout
    # Every good document is stored, as if the culprit had never been in the input.
    clean = tmp_path / "clean.db"
    with open_store(str(clean)) as store:
        run.ingest(store, [str(write_jsonl(tmp_path / "clean.jsonl", articles))], workers=1)
    assert contents(str(tmp_path / "hung.db")) == contents(str(clean))


@pytest.fixture
def mixed_folder(tmp_path: Path, crash_marker: str) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "b-good.html").write_text(GOOD_HTML, encoding="utf-8")
    (folder / "c-binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "d-empty.txt").write_bytes(b"")
    (folder / "e-latin1.txt").write_bytes(
        "Bomben drepte fem på torget i Mopti, sa politiet. Ærlig talt.".encode("latin-1") * 3
    )
    with (folder / "f-huge.txt").open("w", encoding="utf-8") as f:  # 20 MB: a dump, not an article
        f.write((GOOD_TEXT + "\n") * (20 * MB // (len(GOOD_TEXT) + 1) + 1))
    (folder / "g-broken.html").write_text("<html><head><title>x</head><body><div><p>Home <a href=/>", encoding="utf-8")
    lines = [
        json.dumps({"id": "line-good", "text": GOOD_TEXT.replace("Kabul", "Herat"), "language": "en"}),
        '{"id": "line-broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "x"}),
        json.dumps({"id": "bad-date", "text": GOOD_TEXT, "published": "yesterday"}),
    ]
    (folder / "h-lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "i-crash.txt").write_text(f"{GOOD_TEXT.replace('Kabul', 'Mosul')}\n{crash_marker}", encoding="utf-8")
    (folder / "j-good.txt").write_text(GOOD_TEXT.replace("Kabul", "Kandahar"), encoding="utf-8")
    return folder


EXPECTED_SKIPS = {
    "c-binary.dat": "binary file (contains NUL bytes), not text",
    "d-empty.txt": "empty file",
    "e-latin1.txt": "not valid UTF-8 text (byte 19)",
    "f-huge.txt": "file is 20.0 MB, over the 5 MB limit",
    "g-broken.html": "no article text found in the HTML",
    "h-lines.jsonl:2": "line 2: not valid JSON (Unterminated string starting at)",
    "h-lines.jsonl:3": "line 3: not a JSON object",
    "h-lines.jsonl:4": 'line 4: no "text" string field',
    "h-lines.jsonl:5": "line 5: \"published\" is not a YYYY-MM-DD date: 'yesterday'",
    "i-crash.txt": "the worker process died while reading or extracting it",
}


def test_a_batch_of_good_and_bad_files_completes(mixed_folder: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        main,
        ["ingest", str(mixed_folder), "--db", str(tmp_path / "store.db"), "--workers", "2", "--errors", str(errors)],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("documents: 4 new, 0 unchanged, 0 near-duplicate, 10 skipped;")
    listed = result.stderr.splitlines()
    assert listed[-1] == "sitrep: 10 input(s) skipped"
    reported = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert [_short(r["source"], mixed_folder) for r in reported] == list(EXPECTED_SKIPS)  # in input order
    for r in reported:
        assert r["reason"].startswith(EXPECTED_SKIPS[_short(r["source"], mixed_folder)].split(" (Unterminated")[0])
        assert f"sitrep: skipped {r['source']}: {r['reason']}" in listed
    with open_store(str(tmp_path / "store.db")) as store:
        names = sorted(r["name"] for r in store.db.rows("SELECT name FROM documents"))
    assert names == ["a-good", "b-good", "j-good", "line-good"]


def _short(source: str, folder: Path) -> str:
    return source.removeprefix(f"{folder}/")


@pytest.mark.slow  # worker processes crash or hang and are replaced
def test_workers_that_die_on_everything_stop_the_batch_with_one_line(crash_marker: str, tmp_path: Path) -> None:
    articles = [{**a, "text": f"{a['text']}\n{crash_marker}"} for a in generated(12)]
    batch = write_jsonl(tmp_path / "batch.jsonl", articles)
    result = CliRunner().invoke(main, ["ingest", str(batch), "--db", str(tmp_path / "s.db"), "--workers", "2"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # Those skipped before (committed with their batch) are still listed.
    assert lines[:-1] == [f"sitrep: skipped gen-{n:04d}: {WORKER_DIED}" for n in range(len(lines) - 1)]
    assert lines[-1].startswith("Error: worker processes died or hung on 10 documents in a row (")


def test_a_long_list_of_skips_is_cut_but_the_errors_file_has_them_all(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sitrep.store import progress
    from sitrep.store.writer import SKIPPED, IngestStats, Outcome

    monkeypatch.setattr(progress, "MAX_LISTED", 2)
    with progress.IngestProgress(show=False, errors_file=tmp_path / "errors.jsonl") as bar:
        for n in range(5):
            bar.update(Outcome(f"in-{n}", SKIPPED, "empty file"), IngestStats())
    assert capsys.readouterr().err.splitlines() == [
        "sitrep: skipped in-0: empty file",
        "sitrep: skipped in-1: empty file",
        f"sitrep: ... and 3 more (all of them in {tmp_path / 'errors.jsonl'})",
    ]
    assert len((tmp_path / "errors.jsonl").read_text().splitlines()) == bar.skipped == 5
