"""Backends on this machine: this process alone, or a pool of worker processes.

Workers are forked when the first task is sent, from a parent that has loaded the language packs
of that task's documents (none when they are files to read, or when every document was found
stored: a re-run compiles nothing) and opened nothing it shares: each worker reopens the
gazetteer (sitrep/geo/gazetteer.py checks the process id) and, for files it reads, its own
read connection to the store. A pack the parent did not load, a worker compiles on first use.
A task carries only its documents.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any

from sitrep.lang.lexicon import active_lexicon
from sitrep.records import Document
from sitrep.run.ordered import WorkerDied
from sitrep.run.stages import Result, Unit, init_worker, prepare_units, warm_up

# Units per task: a task of ~40 ms of extraction makes the cost of sending it (~0.1 ms) small,
# and a chunk that a crash must re-run unit by unit short.
CHUNK = 8
# Chunks in flight per worker: enough that a worker never waits for the parent, few enough that
# memory stays flat.
WINDOW_PER_WORKER = 4


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class InProcess:
    """Every task runs at once, here: the one-worker engine, with nothing to send or restart.
    Nor anything to replace: a document that hangs hangs this process, so this engine relies on
    extract_document's own time budget alone (sitrep/run/ordered.py: ARTICLE_SECONDS)."""

    chunk, window = 1, 0
    reads_files = True

    def submit(self, units: list[Unit]) -> list[Result]:
        return prepare_units(units, active_lexicon())

    def ready(self, handle: Any, timeout: float) -> bool:
        return True

    def result(self, handle: list[Result]) -> list[Result]:
        return handle

    def lost(self, handle: Any) -> bool:
        return False

    def stop(self, handle: Any) -> None:
        pass  # never called: a task here is done when submitted

    def restart(self) -> None:
        pass

    def close(self) -> None:
        pass


class LocalPool:
    """A process pool; a dead worker breaks the whole pool (BrokenProcessPool), so `restart`
    replaces it and every task in flight is lost. A task that hangs cannot be cancelled (a
    ProcessPoolExecutor only cancels tasks not yet started): `stop` kills every worker, which
    breaks the pool the same way."""

    reads_files = True

    def __init__(self, workers: int, store: str | None) -> None:
        self.workers, self.store = workers, store
        self.lexicon = active_lexicon()  # sent with each task: workers read with it, forked or spawned
        self.chunk, self.window = CHUNK, WINDOW_PER_WORKER * workers
        # fork: workers start at once and share the parent's loaded packs; macOS and Windows
        # cannot fork safely, and spawned workers load what they need on first use.
        self.context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self.generation, self.forked = 0, False  # forked: the pool has forked its workers (on its first task)
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self.generation += 1
        self.forked = False
        return ProcessPoolExecutor(
            self.workers, mp_context=self.context, initializer=_init, initargs=(self.store, os.getpid())
        )

    def submit(self, units: list[Unit]) -> tuple[int, Future[list[Result]]]:
        if not self.forked:
            # The packs of the documents there is work for, loaded before the workers fork
            # (ProcessPoolExecutor forks them all on the first submit), so they share them.
            warm_up(u.lang for u in units if isinstance(u, Document) and u.lang)
            self.forked = True
        return self.generation, self.pool.submit(prepare_units, units, self.lexicon)

    def ready(self, handle: tuple[int, Future[list[Result]]], timeout: float) -> bool:
        wait([handle[1]], timeout)
        return handle[1].done()

    def result(self, handle: tuple[int, Future[list[Result]]]) -> list[Result]:
        try:
            return handle[1].result()
        except BrokenProcessPool as e:
            raise WorkerDied(str(e)) from None

    def lost(self, handle: tuple[int, Future[list[Result]]]) -> bool:
        return handle[0] != self.generation

    def stop(self, handle: tuple[int, Future[list[Result]]]) -> None:
        # Every worker: which one runs the task is not known. Killed ones idle on the task queue
        # may leave its lock held, so the pool is not reused: `restart` starts a new one.
        kill_workers = getattr(self.pool, "kill_workers", None)  # Python 3.14
        if kill_workers is not None:
            kill_workers()
            return
        for process in list(self.pool._processes.values()):  # noqa: SLF001 - no public way before 3.14
            process.kill()

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _init(store: str | None, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the pool; workers should not
    # each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    init_worker(store)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """A parent killed with SIGKILL cannot stop its pool, and its idle workers would wait for
    tasks forever (holding its stdout open): on Linux, have the kernel kill them with it."""
    if sys.platform != "linux":
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
