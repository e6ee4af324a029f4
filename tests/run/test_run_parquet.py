"""Parquet: a documents table as input, and `ingest --out DIR` + `load DIR` (extraction apart from
the store part) storing exactly what a direct ingest stores."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.read import read_inputs
from sitrep.records import Document
from tests.store.corpus import ARTICLES, generated, write_jsonl
from tests.store.test_crash_resume import contents

CORPUS = ARTICLES + generated(20)


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def write_table(path: Path, articles: list[dict[str, object]], published_as_date: bool = False) -> Path:
    rows = [{k: a.get(k) for k in ("id", "text", "published", "language", "source", "url")} for a in articles]
    if published_as_date:
        rows = [
            {**r, "published": dt.date.fromisoformat(str(r["published"])) if r["published"] else None} for r in rows
        ]
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.mark.parametrize("as_date", [False, True])
def test_a_parquet_documents_table_reads_as_its_json_lines(tmp_path: Path, as_date: bool) -> None:
    table = write_table(tmp_path / "docs.parquet", CORPUS, published_as_date=as_date)
    jsonl = write_jsonl(tmp_path / "docs.jsonl", CORPUS)
    from_parquet = list(read_inputs([str(table)]))
    assert all(isinstance(d, Document) for d in from_parquet)
    assert from_parquet == list(read_inputs([str(jsonl)]))


def test_bad_rows_and_files_are_input_errors(tmp_path: Path) -> None:
    rows = [
        {"id": "ok", "text": "A bomb killed two people in Kabul.", "published": "2021-03-03"},
        {"id": "no-text", "text": None, "published": None},
        {"id": "bad-date", "text": "Text.", "published": "03/03/2021"},
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.Table.from_pylist([{"id": "x", "body": "no text column"}]), tmp_path / "other.parquet")
    items = list(read_inputs([str(tmp_path / n) for n in ("t.parquet", "fake.parquet", "other.parquet")]))
    assert isinstance(items[0], Document) and items[0].id == "ok" and items[0].published == dt.date(2021, 3, 3)
    errors = [(e.source.rsplit("/", 1)[-1], e.reason) for e in items[1:] if isinstance(e, InputError)]
    assert errors[:2] == [
        ("t.parquet:2", 'row 2: no "text" string field'),
        ("t.parquet:3", "row 3: \"published\" is not a YYYY-MM-DD date: '03/03/2021'"),
    ]
    assert errors[2][0] == "fake.parquet" and errors[2][1].startswith("not a readable Parquet file")
    assert errors[3] == ("other.parquet", 'no "text" column in the Parquet table')


def test_extract_to_parquet_then_load_stores_what_ingest_stores(tmp_path: Path) -> None:
    corpus = str(write_jsonl(tmp_path / "corpus.jsonl", CORPUS))
    direct = str(tmp_path / "direct.db")
    assert cli("ingest", corpus, "--db", direct, "--workers", "1").exit_code == 0
    out = tmp_path / "extracted"
    written = cli("ingest", corpus, "--out", str(out), "--workers", "2")
    assert written.exit_code == 0, written.output
    assert written.stdout.startswith(f"{len(CORPUS)} documents, ")
    assert [p.name for p in out.iterdir()] == ["part-00000.parquet"]
    loaded = str(tmp_path / "loaded.db")
    result = cli("load", str(out), "--db", loaded)
    assert result.exit_code == 0, result.output
    assert contents(loaded) == contents(direct)
    again = cli("load", str(out), "--db", loaded)
    assert again.stdout.startswith(f"documents: 0 new, {len(CORPUS)} unchanged")


def test_out_refuses_a_folder_with_parts_and_load_an_empty_one(tmp_path: Path) -> None:
    corpus = str(write_jsonl(tmp_path / "corpus.jsonl", CORPUS[:3]))
    assert cli("ingest", corpus, "--out", str(tmp_path / "out"), "--workers", "1").exit_code == 0
    again = cli("ingest", corpus, "--out", str(tmp_path / "out"), "--workers", "1")
    assert again.exit_code == 1 and "holds part files already" in again.stderr
    empty = cli("load", str(tmp_path / "nothing"), "--db", str(tmp_path / "s.db"))
    assert empty.exit_code == 1 and "no part-*.parquet files here" in empty.stderr
    both = cli("ingest", corpus, "--out", str(tmp_path / "o2"), "--db", str(tmp_path / "s.db"))
    assert both.exit_code == 2 and "--out writes Parquet files instead of the store" in both.stderr
