"""How well does event deduplication tell the same event from look-alikes? Pairwise precision and
recall over the hand-written report pairs in tests/store/dedup_pairs.toml.

    python bench/dedup_pairs.py                 # scores, confusion counts, one line per wrong pair
    python bench/dedup_pairs.py --all           # a line for every pair
    python bench/dedup_pairs.py --path other.toml

A pair in a language that has no pack in this checkout (a French-English pair before the French
pack is there) is skipped, with a line that says so.

For each pair, the events extracted from article a become dataset events (`merge_event`, one per
report); the pair is predicted SAME when `best_match` merges some event of article b into one of
them. Precision: correct merges / merges made; recall: correct merges / pairs that are the same.
A benchmark script, not a test: it asserts nothing (tests/store/test_dedup_pairs.py does).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sitrep
from sitrep.lang.choose import UnknownLanguage, pack_code
from sitrep.records import DatasetEvent, Decision, Report
from sitrep.store.dedup import best_match, merge_event, new_event_id

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "store" / "dedup_pairs.toml"
SIDES = ("a", "b")


@dataclass(frozen=True)
class Outcome:
    """One pair: the truth, the prediction and the decisions behind it."""

    id: str
    same: bool
    predicted: bool
    langs: str  # "en-nb": the languages of a and b
    decisions: tuple[Decision, ...]  # one per event of b; the merging ones when predicted SAME

    @property
    def correct(self) -> bool:
        return self.same == self.predicted


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    with path.open("rb") as f:
        return list(tomllib.load(f)["pair"])


def without_pack(pair: dict[str, Any]) -> str | None:
    """Why the pair cannot be read here ("no language pack for 'fr' (French)"), None if it can."""
    for side in SIDES:
        try:
            pack_code(str(pair[side]["lang"]))
        except UnknownLanguage as e:
            return e.reason
    return None


def readable(pairs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """(the pairs whose two languages have packs, a line for each pair skipped)."""
    kept, skipped = [], []
    for pair in pairs:
        why = without_pack(pair)
        if why is None:
            kept.append(pair)
        else:
            skipped.append(f"skipped {pair['id']}: {why}")
    return kept, skipped


def reports(pair_id: str, side: str, article: dict[str, Any]) -> list[Report]:
    """The article's extracted events as reports, as the store would keep them."""
    doc_id = f"{pair_id}-{side}"
    published = dt.date.fromisoformat(str(article["published"]))
    events = sitrep.extract(article["text"], published=published, lang=article["lang"], doc_id=doc_id)
    return [
        Report(
            id=f"{doc_id}-{k}",
            doc_id=doc_id,
            event=e,
            published=published,
            outlet=article["outlet"],
            lang=article["lang"],
            seq=k,
        )
        for k, e in enumerate(events)
    ]


def predict(pair: dict[str, Any]) -> Outcome:
    """Merge a's events into dataset events, then ask whether b's events join one of them."""
    candidates: list[DatasetEvent] = [merge_event(new_event_id(r), [r]) for r in reports(pair["id"], "a", pair["a"])]
    decisions = [best_match(r, candidates)[1] for r in reports(pair["id"], "b", pair["b"])]
    merged = tuple(d for d in decisions if d.same)
    langs = f"{pair['a']['lang']}-{pair['b']['lang']}"
    if not decisions:
        decisions = [Decision(False, 0.0, ("no event extracted from b",))]
    return Outcome(pair["id"], bool(pair["same"]), bool(merged), langs, merged or tuple(decisions))


def score(outcomes: list[Outcome]) -> Scores:
    counts = Counter((o.same, o.predicted) for o in outcomes)
    return Scores(counts[True, True], counts[False, True], counts[True, False], counts[False, False])


def describe(o: Outcome) -> str:
    truth = "same" if o.same else "different"
    said = "SAME" if o.predicted else "DIFFERENT"
    reasons = " | ".join("; ".join(d.reasons) for d in o.decisions)
    return f"{o.id:48} {o.langs:6} {truth:9} -> {said:9} {reasons}"


def report(outcomes: list[Outcome], show_all: bool) -> None:
    s = score(outcomes)
    langs = Counter(o.langs for o in outcomes)
    print(
        f"pairs {len(outcomes)}: same {s.tp + s.fn}, different {s.fp + s.tn}; "
        + ", ".join(f"{k} {v}" for k, v in sorted(langs.items()))
    )
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn}, tn {s.tn})")
    shown = outcomes if show_all else [o for o in outcomes if not o.correct]
    if shown:
        print("\n" + ("every pair:" if show_all else "wrong pairs:"))
    for o in shown:
        print(("  " if o.correct else "! ") + describe(o))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=PAIRS)
    parser.add_argument("--all", action="store_true", help="a line for every pair, not only the wrong ones")
    args = parser.parse_args()
    pairs, skipped = readable(load_pairs(args.path))
    for line in skipped:
        print(line)
    report([predict(p) for p in pairs], args.all)


if __name__ == "__main__":
    main()
