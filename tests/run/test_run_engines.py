"""Parallel ingest (sitrep/run): the store receives documents in input order, so any number of
workers stores exactly what one process stores; work in flight is bounded; a re-run adds nothing."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep import run
from sitrep.cli import main
from sitrep.errors import InputError
from sitrep.read import FileUnit
from sitrep.records import Document
from sitrep.run.local import InProcess
from sitrep.run.ordered import WAIT_BEFORE_COMMIT, Ordered
from sitrep.store import open_store
from tests.store.corpus import ARTICLES, generated, write_jsonl
from tests.store.test_crash_resume import contents

# The store test articles (a merge across outlets, a syndicated copy, a toll revision, Norwegian)
# then generated ones: enough for several chunks per worker.
CORPUS = ARTICLES + generated(60)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("engines") / "corpus.jsonl", CORPUS)


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    url = str(tmp_path_factory.mktemp("one") / "store.db")
    with open_store(url) as store:
        stats = run.ingest(store, [str(corpus)], workers=1)
    assert stats.new + stats.near_duplicates == len(CORPUS) and stats.events_merged > 0
    return contents(url)


def test_two_workers_store_what_one_process_stores(corpus: Path, one_worker: dict[str, Any], tmp_path: Path) -> None:
    url = str(tmp_path / "store.db")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", url, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert contents(url) == one_worker  # seqs, event ids, merges, history: row for row


def test_the_library_ingest_agrees(corpus: Path, one_worker: dict[str, Any], tmp_path: Path) -> None:
    from sitrep.read import read_inputs

    url = str(tmp_path / "store.db")
    with open_store(url) as store:
        run.ingest_documents(store, read_inputs([str(corpus)]))
    assert contents(url) == one_worker


def test_a_rerun_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    url = str(tmp_path / "store.db")
    with open_store(url) as store:
        run.ingest(store, [str(corpus)], workers=2)
        before = contents(url)
        again = run.ingest(store, [str(corpus)], workers=2)
    assert (again.unchanged, again.new, again.reports) == (len(CORPUS), 0, 0)
    assert contents(url) == before


def test_files_read_by_workers_are_skipped_there_when_stored(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for a in CORPUS[:12]:
        (folder / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    url = str(tmp_path / "store.db")
    with open_store(url) as store:
        first = run.ingest(store, [str(folder)], workers=2, published=None)
        again = run.ingest(store, [str(folder)], workers=2)
    assert first.new + first.near_duplicates == 12 and first.reports > 0
    assert (again.unchanged, again.reports) == (12, 0)


# --- the ordered runner, with a backend that finishes tasks out of order ----------------------


class Shuffled(InProcess):
    """Computes each task when it is collected, newest submitted first within the window."""

    chunk, window = 3, 4

    def __init__(self) -> None:
        self.in_flight, self.most = 0, 0

    def submit(self, units: list[Any]) -> list[Any]:
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        return units

    def ready(self, handle: Any, timeout: float) -> bool:
        return timeout > WAIT_BEFORE_COMMIT  # not at once (the writer commits then), but in time

    def result(self, handle: list[Any]) -> list[Any]:
        self.in_flight -= 1
        return [f"prepared {u.id}" for u in handle]


def documents(pulled: list[int]) -> Iterator[Document | InputError]:
    """An endless input that counts what was taken from it; every fifth input unreadable."""
    for n in itertools.count():
        pulled.append(n)
        yield InputError(f"bad-{n}", "empty file") if n % 5 == 4 else Document(f"d{n}", f"text {n}")


def test_results_come_in_input_order_with_bounded_work_in_flight() -> None:
    backend, pulled, waits = Shuffled(), [], []
    ordered = Ordered(backend, lambda doc: None, backend.chunk, backend.window, on_wait=lambda: waits.append(1))
    out = list(itertools.islice(ordered.run(documents(pulled)), 200))
    assert [item.id if isinstance(item, Document) else item.source for item, _ in out] == [
        f"d{n}" if n % 5 != 4 else f"bad-{n}" for n in range(200)
    ]
    assert all(p == f"prepared {item.id}" for item, p in out if isinstance(item, Document))
    assert all(p is None for item, p in out if isinstance(item, InputError))
    # Memory stays flat: what was read ahead of the output is at most the window of chunks.
    assert len(pulled) - 200 <= (backend.window + 1) * backend.chunk
    assert backend.most <= backend.window + 1
    assert waits  # the writer is told to commit before the runner blocks on a worker


def test_a_file_unit_expands_into_its_items(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A bomb killed two people in Kabul on Monday, police said.", encoding="utf-8")
    units = [FileUnit(str(tmp_path / "a.txt"), None, "en"), FileUnit(str(tmp_path / "gone.txt"), None, None)]
    out = list(Ordered(InProcess(), lambda doc: None, 1, 0).run(units))
    assert [type(item).__name__ for item, _ in out] == ["Document", "InputError"]
    assert out[0][0].id == "a" and out[0][1].events  # type: ignore[union-attr]
    assert out[1][0].reason.startswith("cannot read")  # type: ignore[union-attr]
