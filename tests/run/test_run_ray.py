"""The Ray engine: the same events as the local engines, a worker crash or hang handled the same
way, and one line of advice when Ray is not installed. One small local Ray instance for the module (2 CPUs,
its files under the test's temporary folder, no dashboard, no usage statistics)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep import run
from sitrep.cli import main
from sitrep.run import ordered, ray_engine
from sitrep.run.ordered import WORKER_DIED, took_too_long
from sitrep.run.ray_engine import RAY_MISSING
from sitrep.run.stages import CRASH_MARKER_ENV, HANG_MARKER_ENV
from sitrep.store import open_store
from tests.store.corpus import ARTICLES, generated, write_jsonl
from tests.store.test_crash_resume import contents

MARKER = "ZZ-RAY-WORKER-CRASH-ZZ"
HANG_MARKER = "ZZ-RAY-WORKER-HANG-ZZ"
CORPUS = ARTICLES + generated(24)


@pytest.fixture(scope="module")
def ray_instance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'sitrep[ray]')")
    folder = tmp_path_factory.mktemp("ray")
    # Workers inherit the environment of the instance: the crash and hang hooks are armed for
    # them (they fire only on a document holding their marker).
    saved = {k: os.environ.get(k) for k in ("RAY_USAGE_STATS_ENABLED", "RAY_TMPDIR", CRASH_MARKER_ENV, HANG_MARKER_ENV)}
    os.environ.update(
        {
            "RAY_USAGE_STATS_ENABLED": "0",
            "RAY_TMPDIR": str(folder),
            CRASH_MARKER_ENV: MARKER,
            HANG_MARKER_ENV: HANG_MARKER,
        }
    )
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _temp_dir=str(folder),
        object_store_memory=80 * 1024 * 1024,
        logging_level="ERROR",
        log_to_driver=False,
    )
    try:
        yield ray
    finally:
        ray.shutdown()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def stored_by(engine: str, workers: int, corpus: Path, folder: Path) -> dict[str, Any]:
    url = str(folder / f"{engine}-{workers}.db")
    with open_store(url) as store:
        run.ingest(store, [str(corpus)], engine=engine, workers=workers)
    return contents(url)


@pytest.mark.slow  # starts Ray
def test_every_engine_stores_the_same_events(ray_instance: Any, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", CORPUS)
    local_1 = stored_by("local", 1, corpus, tmp_path)
    assert len(local_1["events"]) > 10 and len(local_1["merges"]) > len(local_1["events"])
    assert stored_by("local", 2, corpus, tmp_path) == local_1
    assert stored_by("ray", 2, corpus, tmp_path) == local_1


def ingest_skipping_the_culprit(batch: Path, db: Path, reason: str) -> None:
    """`sitrep ingest --engine ray`: exit 0, the document "culprit" skipped for `reason`, the rest stored."""
    result = CliRunner().invoke(main, ["ingest", str(batch), "--engine", "ray", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"sitrep: skipped culprit: {reason}" in result.stderr.splitlines()
    # Ray's raylet may write to stdout too, before the summary.
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("documents: ") and " 1 skipped;" in summary


@pytest.mark.slow  # starts Ray
def test_a_ray_worker_that_dies_is_reported_and_the_batch_goes_on(ray_instance: Any, tmp_path: Path) -> None:
    culprit = {**CORPUS[9], "id": "culprit", "text": f"{CORPUS[9]['text']}\n{MARKER}"}
    batch = write_jsonl(tmp_path / "batch.jsonl", [*CORPUS[:9], culprit, *CORPUS[9:]])
    ingest_skipping_the_culprit(batch, tmp_path / "s.db", WORKER_DIED)


@pytest.mark.slow  # starts Ray
def test_a_ray_worker_that_hangs_is_replaced_and_the_batch_goes_on(
    ray_instance: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_up = write_jsonl(tmp_path / "warm-up.jsonl", CORPUS[:8])  # workers load the packs on their first task
    assert (
        CliRunner().invoke(main, ["ingest", str(warm_up), "--engine", "ray", "--db", str(tmp_path / "w.db")]).exit_code
        == 0
    )
    # The hang is endless, so any limit catches it; 30 s per article is far more than a good one
    # takes, even in a fresh worker loading the packs. One article a task: its hang is its own.
    monkeypatch.setattr(ordered, "ARTICLE_SECONDS", 30.0)
    monkeypatch.setattr(ray_engine, "CHUNK", 1)
    culprit = {**CORPUS[9], "id": "culprit", "text": f"{CORPUS[9]['text']}\n{HANG_MARKER}"}
    good = CORPUS[:12]
    batch = write_jsonl(tmp_path / "batch.jsonl", [*good[:10], culprit, *good[10:]])
    ingest_skipping_the_culprit(batch, tmp_path / "s.db", took_too_long(30))
    with open_store(str(tmp_path / "s.db")) as store:
        names = {r["name"] for r in store.db.rows("SELECT name FROM documents")}
    assert names == {a["id"] for a in good}


def test_without_ray_one_line_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    corpus = write_jsonl(tmp_path / "c.jsonl", CORPUS[:2])
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--engine", "ray", "--db", str(tmp_path / "s.db")])
    assert (result.exit_code, result.stderr) == (1, f"Error: {RAY_MISSING}\n")
