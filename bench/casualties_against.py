"""Casualty phrases and their CPU time, this checkout against another (e.g. a copy of main):

    python bench/casualties_against.py /tmp/main-copy [--rounds 3] [--limit 400]

1. Every phrase `find_casualties` gives (all fields, aggregates kept and not) over the benchmark
   sets in ../shared/benchmark is compared between the two checkouts: any difference is listed.
2. CPU seconds (time.process_time) of `find_casualties` over the first --limit documents of
   muc4-dev, each checkout in a fresh interpreter, interleaved, best of three per interpreter.
A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
BENCHMARK = HERE.parent / "shared" / "benchmark"
SETS = [
    ("muc4-dev", "en"),
    ("wikinews-en", "en"),
    ("muc4-tst12", "en"),
    ("wikievents-dev", "en"),
    ("opennews-nb", "nb"),
]

# Runs in the subprocess, with the checkout first on sys.path: argv is checkout, mode, limit, sets.
PROBE = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from sitrep.extract.counts import find_casualties
from sitrep.lang import load_pack
mode, limit, sets = sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
if mode == "phrases":
    out = {}
    for path, lang in sets:
        pack = load_pack(lang)
        out[path] = [[d["id"], agg, repr(cm)] for d in map(json.loads, open(path, encoding="utf-8"))
                     for agg in (False, True) for cm in find_casualties(d["text"], pack, keep_aggregates=agg)]
    print(json.dumps(out))
else:
    path, lang = sets[0]
    docs = [json.loads(line)["text"] for line in open(path, encoding="utf-8")][:limit]
    pack = load_pack(lang)
    find_casualties(docs[0], pack)
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for text in docs:
            find_casualties(text, pack)
        best = min(best, time.process_time() - start)
    print(json.dumps(best))
"""


def probe(checkout: Path, mode: str, limit: int, sets: list[tuple[str, str]]) -> object:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(checkout), mode, str(limit), json.dumps(sets)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=400)
    args = parser.parse_args()
    sets = [(str(BENCHMARK / name / "documents.jsonl"), lang) for name, lang in SETS]
    sets = [(path, lang) for path, lang in sets if Path(path).is_file()]
    mine, theirs = (probe(c, "phrases", 0, sets) for c in (HERE, args.other))
    assert isinstance(mine, dict) and isinstance(theirs, dict)
    for path, _ in sets:
        a, b = mine[path], theirs[path]
        diff = [row for row in a if row not in b] + [row for row in b if row not in a]
        print(f"{Path(path).parent.name}: {len(a)} phrases here, {len(b)} there, {len(diff)} different")
        for row in diff[:10]:
            print("  ", row)
    times: dict[str, list[float]] = {"here": [], "there": []}
    for _ in range(args.rounds):
        for name, checkout in (("there", args.other), ("here", HERE)):
            seconds = probe(checkout, "cpu", args.limit, sets[:1])
            assert isinstance(seconds, float)
            times[name].append(seconds)
    for name, values in times.items():
        print(f"find_casualties, {args.limit} documents of muc4-dev, {name}: " + " ".join(f"{v:.3f}" for v in values))


if __name__ == "__main__":
    main()
