"""What does start-up cost, and what does a re-run over stored input cost?

    python bench/startup.py                  # examples/, 3 runs of each, medians
    python bench/startup.py --path news/ --runs 5

Start-up: in fresh subprocesses, the CPU seconds of `import sitrep` (and of sitrep.run, which
an ingest imports), then of the first extraction of a short English text, then of the first
extraction of a short Norwegian text (each compiles its language's pack, and the first also
opens the gazetteer). Re-run: `sitrep ingest PATH` into a fresh store once (untimed), then again
over the same store, where every document is stored already: its wall time and the CPU time of
the process and its workers, with one worker and with the default number. The issue's target
(issue 12): a re-run costs no more than start-up. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENGLISH = "Gunmen killed six shepherds near Mayadeen on Monday, a monitor said."
NORWEGIAN = "Seks personer ble drept da en bilbombe gikk av i Qamishli mandag, opplyser kilder."
# Printed as JSON by a fresh interpreter: CPU seconds of each step, in order.
STARTUP_CODE = f"""
import json, time
t0 = time.process_time()
import sitrep, sitrep.run
t1 = time.process_time()
sitrep.extract({ENGLISH!r}, published="2020-01-15", lang="en")
t2 = time.process_time()
sitrep.extract({NORWEGIAN!r}, published="2020-01-15", lang="nb")
t3 = time.process_time()
sitrep.extract({ENGLISH!r}, published="2020-01-15", lang="en")
t4 = time.process_time()
print(json.dumps({{"import": t1 - t0, "first en": t2 - t1, "first nb": t3 - t2, "again en": t4 - t3}}))
"""


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # the command's process and its children (workers)


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


def run(command: list[str]) -> tuple[Timed, str]:
    """Run a command; its wall time, the CPU time of it and its children, and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment(), cwd=REPO)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {(done.stderr or done.stdout).strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(wall, cpu), done.stdout


def startup(runs: int) -> dict[str, float]:
    """Median CPU seconds of each start-up step over `runs` fresh interpreters."""
    steps: dict[str, list[float]] = {}
    for _ in range(runs):
        _, out = run([sys.executable, "-c", STARTUP_CODE])
        for step, seconds in json.loads(out.strip().splitlines()[-1]).items():
            steps.setdefault(step, []).append(seconds)
    return {step: statistics.median(values) for step, values in steps.items()}


def ingest(path: str, db: Path, workers: int | None) -> Timed:
    command = [sys.executable, "-m", "sitrep.cli", "ingest", path, "--db", str(db), "--quiet"]
    return run(command + (["--workers", str(workers)] if workers else []))[0]


def rerun(path: str, runs: int, workers: int | None) -> Timed:
    """Median wall and CPU time of re-running over a store that holds every document."""
    with tempfile.TemporaryDirectory(prefix="sitrep-startup-") as tmp:
        db = Path(tmp) / "store.db"
        ingest(path, db, workers)
        tries = [ingest(path, db, workers) for _ in range(runs)]
    return Timed(statistics.median(t.wall for t in tries), statistics.median(t.cpu for t in tries))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(REPO / "examples"), help="input to re-run (default: examples/)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (medians)")
    args = parser.parse_args()
    steps = startup(args.runs)
    print(f"start-up, CPU seconds (median of {args.runs} fresh interpreters):")
    for step, seconds in steps.items():
        print(f"  {step:<28} {seconds:6.2f}")
    print(f"  {'import + first en + first nb':<28} {steps['import'] + steps['first en'] + steps['first nb']:6.2f}")
    print(f"re-run of `sitrep ingest {args.path}` over a store holding it (median of {args.runs}):")
    for workers in (1, None):
        timed = rerun(args.path, args.runs, workers)
        label = f"--workers {workers}" if workers else "default workers"
        print(f"  {label:<28} {timed.wall:6.2f} s wall, {timed.cpu:6.2f} s CPU (with workers)")


if __name__ == "__main__":
    main()
