"""How fast is `sitrep ingest` end to end, and how does it grow with workers?

    python bench/ingest_speed.py                          # 2,000 documents, 1 worker and all usable cores
    python bench/ingest_speed.py --docs 20000 --workers 1 2 4 8 16

Builds a corpus of --docs documents from the benchmark sets (../shared/benchmark/*/documents.jsonl,
1,841 articles in English and Norwegian, most of them MUC-4 wire transcripts), then runs
`sitrep ingest CORPUS --db FRESH.db --workers N` in a subprocess for each N: read, extract,
geocode, deduplicate, store in SQLite. Articles/s is the command's own figure (from its first
document to its last commit, start-up not included); wall time includes start-up. Peak memory
is that of every process of the run together: proportional set size (PSS: a page shared by
the forked workers counts once, split between them) sampled every 250 ms from /proc, and the
sum of their resident sizes (shared pages counted in each) beside it. CPU seconds are split
between the parent (reading, dispatching, and the store: deduplication and SQLite writes, in
input order) and the workers (extraction), to show which stage holds the rate back. With
--repeat N each worker count runs N times and the run with the median rate is shown (other
processes on the machine make single runs noisy).

Corpus: the benchmark articles in a fixed order, then copies of them. A copy is the article
with a last line "(copy N)" added: a new document for the store (its content hash differs),
but a near-duplicate of the original (MinHash similarity ~0.97), so the store marks it as a
syndicated copy and its events merge into the original's, as the same wire story published
again would. Copies therefore exercise the near-copy lookup and the merging path, and an
event gathers one report per copy: the corpus is at most 1,841 distinct articles. A benchmark
script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARK = REPO.parent / "shared" / "benchmark"
SETS = ("muc4-dev", "muc4-tst12", "wikievents-dev", "geo-gwn", "ner-norne-nb-dev")
SAMPLE_SECONDS = 0.25
SUMMARY = re.compile(
    r"documents: (\d+) new, (\d+) unchanged, (\d+) near-duplicate, (\d+) skipped; "
    r"reports: (\d+); events: (\d+) new, (\d+) merged; ([\d.]+) articles/s"
)


def benchmark_records(folder: Path) -> list[dict[str, object]]:
    records = []
    for name in SETS:
        path = folder / name / "documents.jsonl"
        if path.is_file():
            with path.open(encoding="utf-8") as f:
                records += [json.loads(line) for line in f if line.strip()]
    return records


def corpus(records: list[dict[str, object]], docs: int) -> Iterator[dict[str, object]]:
    """`docs` records: the originals, then numbered copies (a distinct last line each)."""
    for n in range(docs):
        record, copy = records[n % len(records)], n // len(records)
        if copy:
            record = {**record, "id": f"{record['id']}-copy{copy}", "text": f"{record['text']}\n(copy {copy})"}
        yield record


def write_corpus(path: Path, records: list[dict[str, object]], docs: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for record in corpus(records, docs):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


# --- memory of a process tree (Linux /proc) ---------------------------------------------------


def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def memory_kib(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in KiB; zeros when it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(Pss|Rss):\s+(\d+) kB", text, re.MULTILINE))
    return int(values.get("Pss", 0)), int(values.get("Rss", 0))


class Sampler(threading.Thread):
    """Samples a process tree until stopped: the peaks of its summed PSS and RSS, and the CPU
    time each process had used when last seen (where the time goes: parent or workers)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.pss, self.rss = pid, 0, 0
        self.cpu: dict[int, float] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            pids = tree(self.pid)
            sizes = [memory_kib(p) for p in pids]
            self.pss = max(self.pss, sum(s[0] for s in sizes))
            self.rss = max(self.rss, sum(s[1] for s in sizes))
            for p in pids:
                seconds = cpu_seconds(p)
                if seconds is not None:
                    self.cpu[p] = seconds
            time.sleep(SAMPLE_SECONDS)

    @property
    def parent_cpu(self) -> float:
        return self.cpu.get(self.pid, 0.0)

    @property
    def workers_cpu(self) -> float:
        return sum(v for p, v in self.cpu.items() if p != self.pid)


# --- runs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    workers: int
    documents: int
    reports: int
    events: int
    merged: int
    near_duplicates: int
    rate: float
    wall: float
    pss_mib: float
    rss_mib: float
    parent_cpu: float
    workers_cpu: float

    @property
    def events_rate(self) -> float:
        """Extracted events (reports) per second, at the command's own rate."""
        return self.reports * self.rate / self.documents if self.documents else 0.0


def ingest(corpus_path: Path, workers: int, folder: Path) -> Run:
    db = folder / f"workers-{workers}.db"
    for old in folder.glob(f"{db.name}*"):  # a fresh store for every run
        old.unlink()
    command = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "ingest",
        str(corpus_path),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--no-progress",
    ]
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.monotonic() - start
    sampler.running = False
    sampler.join()
    m = SUMMARY.search(out)
    if proc.returncode != 0 or m is None:
        raise RuntimeError(f"ingest with {workers} worker(s) failed: {(err or out).strip()[-500:]}")
    new, _unchanged, copies, skipped, reports, events, merged, rate = m.groups()
    documents = int(new) + int(copies) + int(skipped)
    return Run(
        workers,
        documents,
        int(reports),
        int(events),
        int(merged),
        int(copies),
        float(rate),
        wall,
        sampler.pss / 1024,
        sampler.rss / 1024,
        sampler.parent_cpu,
        sampler.workers_cpu,
    )


def table(runs: list[Run]) -> str:
    base = runs[0].rate
    rows = [
        (
            "workers",
            "articles/s",
            "events/s",
            "speed-up",
            "wall s",
            "CPU s parent",
            "CPU s workers",
            "peak PSS MiB",
            "peak RSS MiB",
        )
    ]
    for r in runs:
        rows.append(
            (
                str(r.workers),
                f"{r.rate:.0f}",
                f"{r.events_rate:.0f}",
                f"{r.rate / base:.2f}x",
                f"{r.wall:.1f}",
                f"{r.parent_cpu:.1f}",
                f"{r.workers_cpu:.1f}",
                f"{r.pss_mib:.0f}",
                f"{r.rss_mib:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows)


def main(argv: list[str] | None = None) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus (default 2000)")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=sorted({1, cores}),
        help=f"worker counts to run, the first is the base of the speed-up (default: 1 {cores})",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count; the median is shown")
    parser.add_argument("--benchmark", type=Path, default=BENCHMARK, help="the shared benchmark folder")
    args = parser.parse_args(argv)
    records = benchmark_records(args.benchmark)
    if not records:
        print(f"ingest_speed: no documents.jsonl under {args.benchmark}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="sitrep-ingest-speed-") as tmp:
        folder = Path(tmp)
        corpus_path = folder / "corpus.jsonl"
        write_corpus(corpus_path, records, args.docs)
        print(
            f"corpus: {args.docs} documents ({min(args.docs, len(records))} distinct articles), {cores} usable cores",
            flush=True,
        )
        runs = []
        for workers in args.workers:
            tries = sorted((ingest(corpus_path, workers, folder) for _ in range(args.repeat)), key=lambda r: r.rate)
            r = tries[len(tries) // 2]
            runs.append(r)
            print(
                f"  {workers} worker(s): {', '.join(f'{t.rate:.0f}' for t in tries)} articles/s; {r.reports} "
                f"reports, {r.events} events ({r.merged} merged, {r.near_duplicates} near-duplicate documents)",
                flush=True,
            )
    print(table(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
