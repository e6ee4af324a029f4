"""Extraction speed per language: each pack on real news in its language, on one core.

    python bench/language_speed.py               # every pack with a benchmark set in ../shared
    python bench/language_speed.py --rounds 5
    python bench/language_speed.py --golden      # each pack on its golden articles (tests/golden/)

Articles differ in length between sets (a Wikinews story is longer than a MUC-4 cable), so the
comparison is in characters per second; articles per second is shown beside it. The sets also
differ in how densely they report violence (a short Wikinews story is all toll and claim), which
costs time per character: --golden times each pack on the golden articles written for its tests
instead, alike in kind and length in every language (no ../shared needed). Each pack is
compiled and warmed up on its own articles before timing, so the one-off loading cost is not
counted. The figure is the best of --rounds passes (the least disturbed by other work); the
languages take turns within each round. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import tomllib
from pathlib import Path

from extract_speed import load_documents, peak_memory_mib, pin_one_core

from sitrep.extract import extract_document
from sitrep.lang import available_languages
from sitrep.records import Document
from sitrep.table import fixed_width

BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmark"
GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"
# The news set each pack is timed on (the dev set of its language).
SETS = {
    "en": "wikinews-en",
    "nb": "opennews-nb",
    "fr": "wikinews-fr",
    "de": "wikinews-de",
    "es": "opennews-es",
    "pt": "opennews-pt",
    "sv": "opennews-sv",
    "ar": "opennews-ar",
    "fa": "opennews-fa",
    "tr": "opennews-tr",
    "uk": "opennews-uk",
}


def best_passes(sets: dict[str, list[Document]], rounds: int) -> dict[str, float]:
    """The best pass of each language's documents. The languages take turns within each round,
    so that a machine that slows down for a while slows every language alike."""
    for docs in sets.values():
        for doc in docs:  # warm-up: compile the pack, load the gazetteer
            extract_document(doc)
    best = dict.fromkeys(sets, float("inf"))
    for _ in range(rounds):
        for lang, docs in sets.items():
            start = time.process_time()
            for doc in docs:
                extract_document(doc)
            best[lang] = min(best[lang], time.process_time() - start)
    return best


def golden_documents(lang: str) -> list[Document]:
    """The pack's golden articles (tests/golden/<lang>/*.toml), read with its pack."""
    docs = []
    for path in sorted((GOLDEN / lang).glob("*.toml")):
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
        docs.append(Document(path.stem, case["text"], published, lang))
    return docs


def documents(lang: str, golden: bool) -> tuple[str, list[Document]] | None:
    """(what the pack is timed on, its documents), or None when there is none here."""
    if golden:
        docs = golden_documents(lang)
        return (f"golden/{lang}", docs) if docs else None
    path = BENCHMARK / SETS.get(lang, "") / "documents.jsonl"
    if lang not in SETS or not path.is_file():
        return None
    docs, _ = load_documents(path, None)
    return SETS[lang], [d for d in docs if d.lang in (None, lang)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes per language (the best is kept)")
    parser.add_argument("--golden", action="store_true", help="time each pack on its golden articles (tests/golden/)")
    args = parser.parse_args(argv)
    core = pin_one_core()
    rows, english, found = [], None, {}
    for lang in available_languages():
        found[lang] = documents(lang, args.golden)
        if found[lang] is None:
            print(f"language_speed: {lang}: no documents here, skipped", file=sys.stderr)
    timed = {lang: f for lang, f in found.items() if f is not None}
    best = best_passes({lang: docs for lang, (_, docs) in timed.items()}, args.rounds)
    for lang, (name, docs) in timed.items():
        seconds = best[lang]
        chars = sum(len(d.text) for d in docs)
        rate = chars / seconds / 1000
        english = rate if lang == "en" else english
        rows.append([lang, name, str(len(docs)), f"{len(docs) / seconds:.1f}", f"{rate:.0f}", rate])
    for row in rows:
        row[-1] = f"{100 * row[-1] / english - 100:+.0f} %" if english else "n/a"
    header = ["pack", "set", "articles", "articles / s", "k chars / s", "vs en"]
    print(f"one core ({core}), CPU time, best of {args.rounds}")
    print("\n".join(fixed_width(header, rows, right_aligned=header[2:])))
    print(f"peak memory {peak_memory_mib():.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
