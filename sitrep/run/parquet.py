"""Extracted documents as Parquet: `sitrep ingest --out DIR` writes them, `sitrep load DIR` stores them.

Extraction is the slow part of an ingest and needs no database; the store part needs one
writer. So a cluster can extract into Parquet files and one process can load them into the
store later, doing only the store part. A row is one document: its fields, its content hash,
its MinHash signature and its events (the Event.to_dict list as JSON). Files are
DIR/part-00000.parquet, ... in input order, PART_ROWS rows each; a part is written under a
temporary name and renamed when complete, so a crashed run leaves no half file to load.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.errors import InputError, NoLanguagePack, SitrepError
from sitrep.records import Document, Event
from sitrep.run.prepare import AlreadyStored, Extracted, Failed, Prepared
from sitrep.store.writer import NEW, SKIPPED, UNCHANGED, IngestStats, Outcome, Progress

FORMAT = b"sitrep-extracted-2"  # in the schema metadata; bump when the columns change
# Formats this version loads: 1 had no `lexicon` column (the user lexicon's version).
READABLE = (b"sitrep-extracted-1", FORMAT)
SCHEMA = pa.schema(
    [
        ("name", pa.string()),
        ("doc_id", pa.string()),
        ("text", pa.string()),
        ("published", pa.string()),
        ("language", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("signature", pa.binary()),
        ("events", pa.string()),
        ("lexicon", pa.string()),
    ],
    metadata={b"format": FORMAT},
)
PART_ROWS = 10_000
GROUP_ROWS = 500  # rows buffered in memory before a row group is written
PART_GLOB = "part-*.parquet"


class ParquetSink:
    """Writes prepared documents in the order given; reports each outcome as it is buffered
    (a crashed run is re-run whole: nothing of it is loaded until its parts are complete)."""

    def __init__(self, folder: Path, on_progress: Progress | None = None) -> None:
        if folder.exists() and any(folder.glob(PART_GLOB)):
            raise SitrepError(f"{folder}: holds part files already; write to an empty or new folder")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.on_progress = folder, on_progress
        self.stats, self.parts = IngestStats(), 0
        self._rows: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None
        self._part_rows = 0
        self._start = time.monotonic()

    def write(self, item: Document | InputError, prepared: Prepared | None) -> None:
        outcome = self._outcome(item, prepared)
        self._report(replace(outcome, repairs=item.repairs) if isinstance(item, Document) else outcome)

    def _outcome(self, item: Document | InputError, p: Prepared | None) -> Outcome:
        if isinstance(item, InputError):
            no_pack = item.language if isinstance(item, NoLanguagePack) else None
            return Outcome(item.source, SKIPPED, item.reason, no_pack=no_pack)
        if isinstance(p, Failed):
            return Outcome(item.id, SKIPPED, p.reason)
        if isinstance(p, AlreadyStored) or p is None:  # not expected here: no store to consult
            return Outcome(item.id, UNCHANGED)
        self._rows.append(_row(item, p))
        if len(self._rows) >= GROUP_ROWS:
            self._write_group()
        return Outcome(item.id, NEW, doc_id=p.doc_id, reports=len(p.events))

    def _report(self, outcome: Outcome) -> None:
        self.stats = self.stats.counted(outcome, time.monotonic() - self._start)
        if self.on_progress is not None:
            self.on_progress(outcome, self.stats)

    def _write_group(self) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self._part(temporary=True), SCHEMA)
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=SCHEMA))
        self._part_rows += len(self._rows)
        self._rows = []
        if self._part_rows >= PART_ROWS:
            self._close_part()

    def _close_part(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._part(temporary=True).rename(self._part(temporary=False))
            self._writer, self._part_rows, self.parts = None, 0, self.parts + 1

    def _part(self, temporary: bool) -> Path:
        return self.folder / f"part-{self.parts:05d}.parquet{'.tmp' if temporary else ''}"

    def flush(self) -> None:
        """Nothing to do before waiting for workers: row groups are written by size."""

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        if e is None:
            if self._rows:
                self._write_group()
            self._close_part()
        elif self._writer is not None:
            self._writer.close()  # the .tmp part stays behind, never loaded


def _row(doc: Document, p: Extracted) -> dict[str, Any]:
    return {
        "name": doc.id,
        "doc_id": p.doc_id,
        "text": doc.text,
        "published": doc.published.isoformat() if doc.published else None,
        "language": doc.lang,
        "source": doc.source,
        "url": doc.url,
        "signature": p.signature,
        "events": json.dumps([e.to_dict() for e in p.events], ensure_ascii=False),
        "lexicon": p.lexicon,
    }


def read_extracted(folder: Path) -> Iterator[tuple[Document, Extracted]]:
    """The documents of DIR's part files, in the order they were written."""
    parts = sorted(folder.glob(PART_GLOB)) if folder.is_dir() else []
    if not parts:
        raise SitrepError(f"{folder}: no {PART_GLOB} files here (`sitrep ingest --out {folder}` writes them)")
    for part in parts:
        yield from _read_part(part)


def _read_part(part: Path) -> Iterator[tuple[Document, Extracted]]:
    try:
        table = pq.ParquetFile(part)
    except (pa.ArrowException, OSError) as e:
        raise SitrepError(f"{part}: not a readable Parquet file ({e})") from None
    if (table.schema_arrow.metadata or {}).get(b"format") not in READABLE:
        raise SitrepError(f"{part}: not written by this version of `sitrep ingest --out`")
    for batch in table.iter_batches(batch_size=GROUP_ROWS):
        for r in batch.to_pylist():
            doc = Document(
                r["name"],
                r["text"],
                dt.date.fromisoformat(r["published"]) if r["published"] else None,
                r["language"],
                r["source"],
                r["url"],
            )
            events = tuple(Event.from_dict(e) for e in json.loads(r["events"]))
            yield doc, Extracted(r["doc_id"], events, r["signature"], r.get("lexicon"))
