"""Text that cannot be encoded never loses a batch (issue 10, item 1).

A lone surrogate escape in a JSON record ("\\ud83d": half an emoji, common in scraped social-media
text) decodes to a str that UTF-8 cannot encode. Reading replaces it by U+FFFD (offsets hold) and
says so in one line naming the record; the batch is stored whole. A Document a library caller
builds with such text is skipped by the store with a one-line reason, never a crash of the batch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import sitrep
from sitrep.records import Document
from sitrep.store import open_store
from sitrep.run import ingest_documents
from tests.store.conftest import store_url  # noqa: F401 - the fixture: SQLite and PostgreSQL

ROOT = Path(__file__).parent.parent
KABUL = "Gunmen killed three people in Kabul on Monday, police said."
HERAT = "A roadside bomb killed two soldiers in Herat on Tuesday, officials said."
MOSUL = "A car bomb killed four people in Mosul on Wednesday, police said."
KANDAHAR = "Gunmen killed five people in Kandahar on Thursday, officials said."


def feed(path: Path) -> Path:
    """Good, a lone surrogate in the text, one in the id, a broken line, good: as a scraper writes them."""
    lines = [
        json.dumps({"id": "kabul", "text": KABUL, "published": "2021-03-01", "language": "en"}),
        json.dumps({"id": "herat", "text": "\ud83d " + HERAT, "published": "2021-03-02", "language": "en"}),
        json.dumps({"id": "mosul\udc00", "text": MOSUL, "published": "2021-03-03", "language": "en"}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "kandahar", "text": KANDAHAR, "published": "2021-03-04", "language": "en"}),
    ]
    assert "\\ud83d" in lines[1] and "\\udc00" in lines[2]  # escapes, as JSON carries them
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def sitrep_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command: its stdout is a UTF-8 stream that refuses a lone surrogate."""
    return subprocess.run(
        [sys.executable, "-m", "sitrep.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=300, check=False
    )


def expected_lines(path: Path) -> list[str]:
    return [
        f"sitrep: repaired {path}:2: text: 1 lone surrogate replaced by U+FFFD",
        f"sitrep: repaired {path}:3: id: 1 lone surrogate replaced by U+FFFD",
        f"sitrep: skipped {path}:4: line 4: not valid JSON (Expecting value)",
        "sitrep: 1 input(s) skipped",
    ]


@pytest.mark.slow  # runs `sitrep ingest` in child processes
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_stores_every_good_record_and_names_the_repaired_ones(tmp_path: Path, workers: str) -> None:
    path, db = feed(tmp_path / "feed.jsonl"), str(tmp_path / "store.db")
    first = sitrep_cli("ingest", str(path), "--db", db, "--workers", workers)
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines() == expected_lines(path)
    assert first.stdout.startswith("documents: 4 new, 0 unchanged, 0 near-duplicate, 1 skipped;")
    with open_store(db, create=False) as store:
        names = {row["name"] for row in store.db.rows("SELECT name FROM documents")}
    assert names == {"kabul", "herat", "mosul\ufffd", "kandahar"}
    again = sitrep_cli("ingest", str(path), "--db", db, "--workers", workers)
    assert again.returncode == 0 and again.stdout.startswith("documents: 0 new, 4 unchanged,"), again.stderr


@pytest.mark.slow  # runs `sitrep extract` in a child process
def test_extract_prints_every_good_record(tmp_path: Path) -> None:
    path = feed(tmp_path / "feed.jsonl")
    result = sitrep_cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == expected_lines(path)
    doc_ids = [json.loads(line)["doc_id"] for line in result.stdout.splitlines()]
    assert sorted(set(doc_ids)) == ["herat", "kabul", "kandahar", "mosul\ufffd"]


@pytest.mark.slow  # runs `sitrep ingest` in a child process
def test_ingest_writes_the_repairs_to_parquet_too(tmp_path: Path) -> None:
    path = feed(tmp_path / "feed.jsonl")
    result = sitrep_cli("ingest", str(path), "--out", str(tmp_path / "out"), "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == expected_lines(path)


def test_a_document_a_library_caller_builds_is_skipped_alone(store_url: str) -> None:  # noqa: F811
    """Defence in depth: the store turns what one document raises into a skip with a one-line
    reason. A lone surrogate cannot be hashed; a NUL is refused by PostgreSQL (a DataError) and
    stored by SQLite."""
    docs = [
        Document("kabul", KABUL, lang="en"),
        Document("half", "\ud83d " + HERAT, lang="en"),
        Document("nul", MOSUL.replace(" ", "\x00", 1), lang="en"),
        Document("kandahar", KANDAHAR, lang="en"),
    ]
    outcomes = []
    with open_store(store_url) as store:
        stats = ingest_documents(store, docs, on_progress=lambda o, _s: outcomes.append(o))
        stored = {row["name"] for row in store.db.rows("SELECT name FROM documents")}
    reasons = {o.name: o.reason for o in outcomes if o.status == "skipped"}
    assert (
        reasons["half"] == "UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud83d' in position 0: "
        "surrogates not allowed"
    )
    if store_url.startswith("postgresql"):
        assert reasons["nul"] == "DataError: PostgreSQL text fields cannot contain NUL (0x00) bytes"
    assert stored == {"kabul", "kandahar"} | ({"nul"} if "nul" not in reasons else set())
    assert stats.new == len(stored) and stats.skipped == len(reasons)


def test_the_library_extract_sanitises_its_text() -> None:
    (event,) = sitrep.extract("\ud83d " + KABUL, published="2021-03-01", lang="en", doc_id="x\udc00")
    json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8")  # serialisable
    assert event.doc_id == "x\ufffd" and event.location is not None and event.location.place.name == "Kabul"
