"""Geoparsing speed, and its share of extraction: each pack's dev set, and geo-gwn, on one core.

    python bench/geoparse_speed.py               # every set found in ../shared/benchmark
    python bench/geoparse_speed.py --rounds 5

For each set: toponyms a second and articles a second of `sitrep.geoparse` (recognition and
resolution, as `sitrep geoparse` runs them), and how long it takes against the whole extraction
of the same articles (`extract_document`, which geoparses inside). The figure is the best of
--rounds passes after a warm-up, CPU time; the two take turns within each round. A benchmark
script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from extract_speed import load_documents, pin_one_core
from language_speed import SETS

from sitrep.extract import extract_document
from sitrep.geo import geoparse
from sitrep.records import Document
from sitrep.table import fixed_width

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmark"


def best_passes(work: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    for run in work.values():
        run()  # warm-up: compile the pack, open the gazetteer
    best = dict.fromkeys(work, float("inf"))
    for _ in range(rounds):
        for name, run in work.items():
            start = time.process_time()
            run()
            best[name] = min(best[name], time.process_time() - start)
    return best


def row(name: str, lang: str, docs: list[Document], rounds: int) -> list[str]:
    toponyms = sum(len(geoparse(d.text, lang)) for d in docs)
    best = best_passes(
        {
            "geoparse": lambda: [geoparse(d.text, lang) for d in docs],
            "extract": lambda: [extract_document(d) for d in docs],
        },
        rounds,
    )
    geo, whole = best["geoparse"], best["extract"]
    rates = [f"{toponyms / geo:.0f}", f"{len(docs) / geo:.0f}", f"{geo / whole:.0%}"]
    return [name, str(len(docs)), str(toponyms), *rates]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes (the best is kept)")
    args = parser.parse_args(argv)
    core = pin_one_core()
    sets = {"geo-gwn": "en", **{name: lang for lang, name in SETS.items()}}
    rows = []
    for name, lang in sets.items():
        path = BENCHMARK / name / "documents.jsonl"
        if not path.is_file():
            print(f"geoparse_speed: {name}: not here, skipped", file=sys.stderr)
            continue
        docs, _ = load_documents(path, None)
        docs = [Document(d.id, d.text, d.published, lang) for d in docs if d.lang in (None, lang)]
        rows.append(row(name, lang, docs, args.rounds))
    header = ["set", "articles", "toponyms", "toponyms / s", "articles / s", "of extraction"]
    print(f"one core ({core}), CPU time, best of {args.rounds}")
    print("\n".join(fixed_width(header, rows, right_aligned=header[1:])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
