"""How long do the cheap stages take on a 2 KB article? Casualty phrases and dates (per language
pack) and language identification, in this process after a warm-up.

    python bench/stage_speed.py [--runs 200]

These were wall-clock assertions in the unit tests (casualties and dates "well under a
millisecond", language id under 5 ms an article); speed belongs here, where a slower machine
reports a number instead of failing a test. The pipeline's budget is about 5 ms an article on
one core, so each of these should stay a small share of it.
A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sitrep.extract.counts import find_casualties
from sitrep.extract.dates import find_dates
from sitrep.lang import available_languages, load_pack
from sitrep.lang.choose import detect_language

TABLES = Path(__file__).resolve().parents[1] / "tests" / "lang"
ARTICLE_CHARS = 2048
PUBLISHED = dt.date(2020, 1, 20)


def article(code: str) -> str:
    """A 2 KB article in the pack's language, from its test tables."""
    with (TABLES / code / "counts.toml").open("rb") as f:
        text = tomllib.load(f)["article"]
    return (text * (ARTICLE_CHARS // len(text) + 1))[:ARTICLE_CHARS]


def ms_per_call(work: Callable[[], object], runs: int) -> float:
    work()  # compile patterns, load tables
    start = time.perf_counter()
    for _ in range(runs):
        work()
    return (time.perf_counter() - start) / runs * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="calls timed per stage and language")
    args = parser.parse_args()
    rows = []
    for code in available_languages():
        pack, text = load_pack(code), article(code)
        rows.append((code, "casualties", ms_per_call(partial(find_casualties, text, pack), args.runs)))
        rows.append((code, "dates", ms_per_call(partial(find_dates, text, pack, PUBLISHED), args.runs)))
        rows.append((code, "language id", ms_per_call(partial(detect_language, text), args.runs)))
    print(f"{'pack':<5} {'stage':<12} ms / 2 KB article")
    for code, stage, ms in rows:
        print(f"{code:<5} {stage:<12} {ms:.3f}")


if __name__ == "__main__":
    main()
