"""How fast is extraction? Start-up time, then articles and events per second on one core.

    python bench/extract_speed.py                    # ../shared/benchmark/muc4-dev/documents.jsonl
    python bench/extract_speed.py --path docs.jsonl --limit 200

Start-up is timed in fresh subprocesses (import + the first extraction, which loads the
language packs and the gazetteer). Throughput is timed in this process after a warm-up, so
the one-off loading cost does not flatter or hurt it. Reading and parsing the input file is
not timed. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

# One core: pin before numeric libraries start thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PATH = REPO.parent / "shared" / "benchmark" / "muc4-dev" / "documents.jsonl"
STARTUP_CODE = "import sitrep; sitrep.extract('x', lang='en')"
WARMUP_DOCS = 5


def pin_one_core() -> str:
    """Run on one CPU so the numbers mean 'per core'; returns which, for the table."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"cpu {cpu}"


def startup_seconds(runs: int) -> float:
    """Median wall time of a fresh `import sitrep` + one tiny extraction."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", STARTUP_CODE], capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"start-up command failed: {last}")
    return statistics.median(times)


def load_documents(path: Path, limit: int | None) -> tuple[list, int]:
    """Documents read through sitrep.read (untimed); also the number of unreadable inputs."""
    from sitrep.errors import InputError
    from sitrep.read import read_inputs

    docs, bad = [], 0
    for item in read_inputs([str(path)]):
        if isinstance(item, InputError):
            bad += 1
        else:
            docs.append(item)
        if limit is not None and len(docs) >= limit + WARMUP_DOCS:
            break
    return docs, bad


def throughput(docs: list) -> tuple[int, int, float]:
    """(articles, events, seconds) over the documents after the warm-up ones."""
    from sitrep.extract import extract_document

    for doc in docs[:WARMUP_DOCS]:
        extract_document(doc)
    timed = docs[WARMUP_DOCS:] or docs  # tiny inputs: time them all, warm-up included
    events = 0
    start = time.perf_counter()
    for doc in timed:
        events += len(extract_document(doc))
    return len(timed), events, time.perf_counter() - start


def peak_memory_mib() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH, help="a documents.jsonl (default: muc4-dev)")
    parser.add_argument("--limit", type=int, default=None, help="time at most N articles (after warm-up)")
    parser.add_argument("--startup-runs", type=int, default=3, help="fresh processes to time start-up over")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"extract_speed: {args.path}: no such file (give --path DOCUMENTS.jsonl)", file=sys.stderr)
        return 2
    try:
        core = pin_one_core()
        startup = startup_seconds(args.startup_runs)
        docs, bad = load_documents(args.path, args.limit)
        if not docs:
            print(f"extract_speed: {args.path}: no readable documents", file=sys.stderr)
            return 2
        articles, events, seconds = throughput(docs)
    except (RuntimeError, NotImplementedError, OSError) as e:
        print(f"extract_speed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    rows = [
        ("input", str(args.path)),
        ("core", core),
        ("start-up (import + first extract)", f"{startup:.2f} s"),
        ("articles timed", f"{articles} (+{min(WARMUP_DOCS, len(docs))} warm-up, {bad} unreadable)"),
        ("articles / s", f"{articles / seconds:.1f}" if seconds else "inf"),
        ("events / s", f"{events / seconds:.1f}" if seconds else "inf"),
        ("events found", str(events)),
        ("ms / article", f"{1000 * seconds / articles:.2f}"),
        ("peak memory", f"{peak_memory_mib():.0f} MiB"),
    ]
    width = max(len(k) for k, _ in rows)
    print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
