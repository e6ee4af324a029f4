"""The Ray backend: the same stage functions as Ray tasks, on a local Ray instance or a cluster.

The driver (this process) reads the input and sends documents with the tasks, so the workers
need no view of its files; results come back in input order (sitrep/run/ordered.py) and the
driver writes the store or Parquet files. A task is not retried by Ray (max_retries=0): a
worker that died is handled like a pool's, so the culprit document is found and reported; a
task that hangs is cancelled with its worker killed (ray.cancel(force=True)), and Ray starts
another worker.

Ray is optional: `pip install 'sitrep[ray]'`. Workers of a cluster need sitrep installed (the
same version) and build their gazetteer on first use in their own data folder.
"""

from __future__ import annotations

import logging
from typing import Any

from sitrep.errors import SitrepError
from sitrep.lang.lexicon import active_lexicon
from sitrep.run.ordered import WorkerDied
from sitrep.run.stages import Result, Unit, prepare_units

RAY_MISSING = "--engine ray needs Ray, which is not installed: pip install 'sitrep[ray]'"
# A Ray task costs more to send than a pool's (~1 ms: scheduling, the object store), so tasks are
# longer; chunk and window changed the rate little on 2 CPUs (212-228 articles/s).
CHUNK = 16
WINDOW_PER_CPU = 4


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise SitrepError(RAY_MISSING) from None
    return ray


class RayTasks:
    """Tasks on Ray. Joins the Ray instance this process already runs, else starts a local one
    (`address` None; `workers` CPUs, default all) or connects to a cluster (`address`)."""

    reads_files = False  # a cluster's workers may not see this machine's files

    def __init__(self, workers: int | None = None, address: str | None = None) -> None:
        self.ray = _ray()
        self.started = not self.ray.is_initialized()
        if self.started:
            self.ray.init(
                address=address,
                num_cpus=workers if address is None else None,
                include_dashboard=False,
                logging_level=logging.ERROR,
                log_to_driver=False,
            )
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.chunk, self.window = CHUNK, WINDOW_PER_CPU * (workers or cpus)
        self.task = self.ray.remote(max_retries=0)(prepare_units)
        # The user lexicon in use, put in Ray's object store once and handed to every task.
        self.lexicon = self.ray.put(active_lexicon())

    def submit(self, units: list[Unit]) -> Any:
        return self.task.remote(units, self.lexicon)

    def ready(self, handle: Any, timeout: float) -> bool:
        done, _ = self.ray.wait([handle], timeout=timeout)
        return bool(done)

    def result(self, handle: Any) -> list[Result]:
        try:
            return self.ray.get(handle)  # type: ignore[no-any-return]
        except (self.ray.exceptions.WorkerCrashedError, self.ray.exceptions.OutOfMemoryError) as e:
            raise WorkerDied(str(e).splitlines()[0] if str(e) else type(e).__name__) from None

    def lost(self, handle: Any) -> bool:
        return False  # one task dies with its worker; the others go on

    def stop(self, handle: Any) -> None:
        self.ray.cancel(handle, force=True)  # kills the worker process running it

    def restart(self) -> None:
        pass  # Ray starts a new worker itself

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()
