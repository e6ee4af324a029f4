"""Run stage functions over a stream of units on some workers, results in input order.

The stream is cut into chunks of a few units (one task each, so the cost of sending a task is
shared); at most `window` chunks are in flight, so memory stays flat however long the input.
Results come back in input order whatever order the workers finish in: the store must receive
documents in the order a single process would give them (seqs, event ids and merges follow it).

A worker process that dies (a crash in a C extension, the OOM killer) takes its task with it,
and in a process pool every task in flight. The backend is restarted, the lost chunks are sent
again, and the chunk being collected is re-run one unit at a time: a unit that kills its worker
again is the culprit, reported as failed, and the batch goes on.

A worker that hangs (a loop in C that extract_document's own time budget cannot interrupt) is
handled the same way: a task not done within the per-article limit times its units is stopped
(its worker processes killed), and its units re-run one at a time under the limit; the one
that hangs alone is reported ("took more than 120 s; its worker was replaced").
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sitrep.errors import InputError, SitrepError
from sitrep.extract import EXTRACTION_BUDGET_S
from sitrep.read import FileUnit
from sitrep.records import Document
from sitrep.run.prepare import Failed, Prepared
from sitrep.run.stages import Pair, Result, Unit

WORKER_DIED = "the worker process died while extracting it"
# How long the parent waits for a task before it calls on_wait (the writer commits then): not at
# once, or every wait would commit a small batch (commits cost about as much as a document).
WAIT_BEFORE_COMMIT = 0.1
# Documents that each killed or hung their worker, one after another, before the batch is given
# up: then the workers cannot run at all (they fail to start, memory is exhausted), whatever the input.
MAX_DEATHS_IN_A_ROW = 10
# The longest one article may take in a worker before the worker is taken for hung and replaced.
# extract_document has a time budget of its own that stops a slow article cooperatively (it is
# skipped with that reason, and no worker is lost), so this is the backstop for what a budget
# checked between steps cannot stop: a loop inside C code (a pathological regular expression), a
# deadlock. Twice that budget, so the budget always fires first (a stage running when it is spent
# still finishes); a task of n articles gets n times as long. Overridable
# (ingest(..., article_seconds=)), as tests do.
ARTICLE_SECONDS = 2 * EXTRACTION_BUDGET_S


class WorkerDied(Exception):
    """A task's worker process died before returning."""


def took_too_long(seconds: float) -> str:
    """The reason a unit that hung its worker is skipped."""
    return f"took more than {seconds:g} s; its worker was replaced"


class Backend(Protocol):
    """Where tasks run: `prepare_units` over a list of units. `chunk`: units per task; `window`:
    tasks in flight; `reads_files`: whether its workers can read this machine's files."""

    chunk: int
    window: int
    reads_files: bool

    def submit(self, units: list[Unit]) -> Any: ...

    def ready(self, handle: Any, timeout: float) -> bool:
        """Whether the task is done, waiting up to `timeout` seconds for it."""
        ...

    def result(self, handle: Any) -> list[Result]:
        """The task's results; raises WorkerDied."""
        ...

    def lost(self, handle: Any) -> bool:
        """True for a task the last restart dropped (a process pool loses all its tasks)."""
        ...

    def stop(self, handle: Any) -> None:
        """Stop a task that hangs: kill the worker process running it (a process pool kills all
        of its workers: it cannot stop one task; `restart` then replaces them)."""
        ...

    def restart(self) -> None: ...

    def close(self) -> None: ...


@dataclass
class _Chunk:
    """Consecutive inputs: those the parent settled (an unreadable input, a stored document) and
    those sent to a worker (`todo`, positions in `units`)."""

    units: list[Document | InputError | FileUnit] = field(default_factory=list)
    settled: dict[int, Prepared | None] = field(default_factory=dict)
    todo: list[int] = field(default_factory=list)
    handle: Any = None

    def work(self) -> list[Unit]:
        return [self.units[i] for i in self.todo]  # type: ignore[misc]


Precheck = Callable[[Document], Prepared | None]


class Ordered:
    """`run(units)` yields (input, prepared) pairs in input order; InputErrors pass through with
    None. `precheck` settles a document in the parent (already stored) or returns None to send
    it; `on_wait` runs before the parent blocks on a worker (a writer commits then);
    `article_seconds`: the per-article limit (default ARTICLE_SECONDS)."""

    def __init__(
        self,
        backend: Backend,
        precheck: Precheck,
        chunk: int,
        window: int,
        on_wait: Callable[[], None] = lambda: None,
        article_seconds: float | None = None,
    ) -> None:
        self.backend, self.precheck, self.chunk, self.window = backend, precheck, chunk, window
        self.on_wait = on_wait
        self.article_seconds = ARTICLE_SECONDS if article_seconds is None else article_seconds
        self.pending: deque[_Chunk] = deque()
        self.deaths = 0  # culprits found one after another

    def run(self, units: Iterable[Document | InputError | FileUnit]) -> Iterator[Pair]:
        for chunk in self._chunks(units):
            if chunk.todo:
                chunk.handle = self.backend.submit(chunk.work())
            self.pending.append(chunk)
            while len(self.pending) > self.window:
                yield from self._collect(self.pending.popleft())
        while self.pending:
            yield from self._collect(self.pending.popleft())

    def _chunks(self, units: Iterable[Document | InputError | FileUnit]) -> Iterator[_Chunk]:
        chunk = _Chunk()
        for unit in units:
            k = len(chunk.units)
            chunk.units.append(unit)
            settled = None if isinstance(unit, (InputError, FileUnit)) else self.precheck(unit)
            if isinstance(unit, InputError) or settled is not None:
                chunk.settled[k] = settled
            else:
                chunk.todo.append(k)
            if len(chunk.units) >= self.chunk:
                yield chunk
                chunk = _Chunk()
        if chunk.units:
            yield chunk

    def _collect(self, chunk: _Chunk) -> Iterator[Pair]:
        results = self._results(chunk) if chunk.todo else []
        done = dict(zip(chunk.todo, results, strict=True))
        for k, unit in enumerate(chunk.units):
            result = chunk.settled[k] if k in chunk.settled else done[k]
            if isinstance(unit, FileUnit):
                yield from result  # type: ignore[misc]  # a file: its (item, prepared) pairs
            else:
                yield unit, result  # type: ignore[misc]

    def _results(self, chunk: _Chunk) -> list[Result]:
        if not self._done_in_time(chunk.handle, len(chunk.todo)):
            self.backend.stop(chunk.handle)
            return self._rerun(chunk, hung=True)
        try:
            return self.backend.result(chunk.handle)
        except WorkerDied:
            return self._rerun(chunk, hung=False)

    def _done_in_time(self, handle: Any, units: int) -> bool:
        """Whether a task finishes within the per-article limit times its units. Counted from
        now: every task sent before it has been collected, and pools and Ray start tasks in the
        order sent, so it is running, or next to run once a worker is free."""
        if self.backend.ready(handle, WAIT_BEFORE_COMMIT):
            return True
        self.on_wait()
        return self.backend.ready(handle, units * self.article_seconds)

    def _rerun(self, chunk: _Chunk, hung: bool) -> list[Result]:
        """After a task's worker died or hung: restart, then its units alone in the restarted pool,
        one at a time, so a second death or hang can only be the unit's; the chunks the restart
        dropped are sent again afterwards. A task of one unit that hung was that unit's."""
        self._restart()
        units = chunk.work()
        if hung and len(units) == 1:
            results = [self._culprit(units[0], took_too_long(self.article_seconds), restart=False)]
        else:
            results = [self._alone(unit) for unit in units]
        for other in self.pending:
            if other.handle is not None and self.backend.lost(other.handle):
                other.handle = self.backend.submit(other.work())
        return results

    def _alone(self, unit: Unit) -> Result:
        handle = self.backend.submit([unit])
        if not self._done_in_time(handle, 1):
            self.backend.stop(handle)
            return self._culprit(unit, took_too_long(self.article_seconds))
        try:
            result = self.backend.result(handle)[0]
        except WorkerDied as e:
            return self._culprit(unit, WORKER_DIED, str(e))
        self.deaths = 0
        return result

    def _culprit(self, unit: Unit, reason: str, detail: str = "", restart: bool = True) -> Result:
        """The unit that killed or hung its worker alone: reported with `reason`, after the
        workers are replaced (unless that is done)."""
        self.deaths += 1
        if self.deaths >= MAX_DEATHS_IN_A_ROW:  # not the documents: the workers cannot run
            raise SitrepError(
                f"worker processes died or hung on {self.deaths} documents in a row ({detail or reason})"
            ) from None
        if restart:
            self._restart()
        if isinstance(unit, FileUnit):
            why = "the worker process died while reading or extracting it" if reason == WORKER_DIED else reason
            return [(InputError(unit.path, why), None)]
        return Failed(reason)

    def _restart(self) -> None:
        self.on_wait()  # commit before new worker processes are forked from this one
        self.backend.restart()
