"""Crash safety: a real `sitrep ingest` process killed with SIGKILL in the middle of a batch loses
nothing it stored, and running the same command again finishes the job: the store then holds
exactly what one clean run stores, row for row, with no duplicate documents, reports or events."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from sitrep.read import read_inputs
from sitrep.store import open_store
from sitrep.run import ingest_documents
from tests.store.conftest import BACKENDS, backend_url
from tests.store.corpus import generated, write_jsonl

pytestmark = pytest.mark.slow  # kills a real ingest process

ARTICLES = 300
KILL_AFTER = 25  # documents stored before the kill: well into the batch, far from its end
TIMEOUT_S = 120


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("crash") / "batch.jsonl", generated(ARTICLES))


def ingest_command(batch: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", "ingest", str(batch), "--db", url, "--no-progress"]


def stored_documents(url: str) -> int:
    with open_store(url) as store:  # a reader beside the running ingest
        return int(store.db.value("SELECT COUNT(*) FROM documents"))


def kill_mid_batch(batch: Path, url: str) -> int:
    """Start an ingest, SIGKILL it once KILL_AFTER documents are stored; how many were stored."""
    proc = subprocess.Popen(ingest_command(batch, url), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while stored_documents(url) < KILL_AFTER:
            assert proc.poll() is None, f"ingest ended before the kill: {proc.communicate()}"
            assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    return stored_documents(url)


@pytest.mark.parametrize("kind", BACKENDS)
def test_a_killed_ingest_resumes_to_what_one_clean_run_stores(kind: str, batch: Path, tmp_path: Path) -> None:
    with (
        backend_url(kind, _folder(tmp_path, "crashed")) as crashed,
        backend_url(kind, _folder(tmp_path, "clean")) as clean,
    ):
        survived = kill_mid_batch(batch, crashed)
        assert KILL_AFTER <= survived < ARTICLES
        rerun = subprocess.run(
            ingest_command(batch, crashed), capture_output=True, text=True, timeout=TIMEOUT_S, check=True
        )
        counts = re.match(r"documents: (\d+) new, (\d+) unchanged, (\d+) near-duplicate", rerun.stdout)
        assert counts is not None, rerun.stdout
        new, unchanged, copies = map(int, counts.groups())
        assert (new + unchanged + copies, unchanged) == (ARTICLES, survived)
        with open_store(clean) as store:
            ingest_documents(store, read_inputs([str(batch)]))
        resumed, single = contents(crashed), contents(clean)
    assert no_duplicates(resumed)
    assert {t: len(rows) for t, rows in resumed.items()} == {t: len(rows) for t, rows in single.items()}
    assert resumed == single


def _folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


# Everything a store holds, minus the times rows were written (they differ between two runs).
QUERIES = {
    "documents": "SELECT id, seq, name, duplicate_of FROM documents",
    "reports": "SELECT id, doc_id, event_id, seq, event FROM reports",
    "events": "SELECT id, data, sources, first_seq FROM events",
    "merges": "SELECT report_id, event_id, decision FROM merges",
    "event_history": "SELECT event_id, seq, field, value, report_id FROM event_history",
    "doc_bands": "SELECT band, doc_id FROM doc_bands",
}


def contents(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with open_store(url) as store:
        return {t: sorted(tuple(r.values()) for r in store.db.rows(sql)) for t, sql in QUERIES.items()}


def no_duplicates(c: dict[str, list[tuple[Any, ...]]]) -> bool:
    names = [d[2] for d in c["documents"]]
    report_keys = [(r[1], r[3]) for r in c["reports"]]
    return len(set(names)) == len(names) == ARTICLES and len(set(report_keys)) == len(report_keys)
