"""Does extraction time grow linearly with the size of an article? Time per size on repetitive
and degenerate inputs (issue 10, item 5: 200 KB once took 57 s).

    python bench/extract_scaling.py                       # every kind, 25 50 100 200 KB
    python bench/extract_scaling.py --kinds news numbers --sizes 25 100 400
    python bench/extract_scaling.py --profile news --sizes 100   # cProfile of one run, top 25

Each input is built by repeating a unit of text until it reaches the size (a news paragraph;
one sentence with no full stop; a list of capitalised names; many figures; many dates;
abbreviations and no sentence end; actors; claims; an event per sentence in ever new places and
days). The
time budget of sitrep.extract is switched off here so that large inputs run to the end. For
linear growth the last column (ms per KB) stays about flat as the size doubles. A benchmark
script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time
from collections.abc import Callable

from sitrep.extract import extract_document
from sitrep.records import Document

PUBLISHED = dt.date(2020, 1, 15)
NEWS = (
    "Gunmen killed six shepherds and wounded three others near Mayadeen in Deir ez-Zor province on "
    "Monday, a war monitor said. Islamic State claimed responsibility for the attack. A day later a car "
    "bomb exploded 20 km west of Mosul, killing at least 12 people, police said.\n\n"
)


def _no_stop(i: int) -> str:
    return f"gunmen attacked a checkpoint in Kabul and killed {i % 90 + 2} soldiers near Herat and "


def _names(i: int) -> str:
    return f"Ahmed Karimi, Mosul, Baghdad, John Smith, Deir ez-Zor, Tal Afar, Kirkuk {i}, "


def _numbers(i: int) -> str:
    return f"{i} killed, {i + 1} wounded, {i * 3} dead, at least {i % 50 + 1} people, "


def _dates(i: int) -> str:
    return f"on {i % 28 + 1} January 2020, on Monday, a day later, in March {1990 + i % 30}, "


def _abbreviations(i: int) -> str:
    return f"Maj. Gen. Smith met Lt. Col. Jones and Dr. Karimi at the U.S. embassy on Jan. {i % 28 + 1} "


def _actors(i: int) -> str:
    return "Islamic State fighters, ISIS, IS, soldiers, police, gunmen, civilians and Iraqi troops; "


def _claims(i: int) -> str:
    return "IS claimed responsibility; the Taliban denied responsibility, "


TOWNS = (
    "Mosul",
    "Kirkuk",
    "Tikrit",
    "Ramadi",
    "Fallujah",
    "Baqubah",
    "Samarra",
    "Erbil",
    "Basra",
    "Najaf",
    "Karbala",
    "Hilla",
    "Kut",
    "Amarah",
    "Nasiriyah",
    "Diwaniyah",
    "Duhok",
    "Sulaymaniyah",
    "Haditha",
    "Hit",
)


def _events(i: int) -> str:
    return f"A bomb killed {i % 9 + 2} people in {TOWNS[i % len(TOWNS)]} on {i % 28 + 1} March {1900 + i % 199}. "


def _repeat(unit: Callable[[int], str]) -> Callable[[int], str]:
    def build(size: int) -> str:
        parts, total, i = [], 0, 0
        while total < size:
            piece = unit(i)
            parts.append(piece)
            total, i = total + len(piece), i + 1
        return "".join(parts)[:size]

    return build


KINDS: dict[str, Callable[[int], str]] = {
    "news": _repeat(lambda i: NEWS),
    "no-full-stop": _repeat(_no_stop),
    "names": _repeat(_names),
    "numbers": _repeat(_numbers),
    "dates": _repeat(_dates),
    "abbreviations": _repeat(_abbreviations),
    "actors": _repeat(_actors),
    "claims": _repeat(_claims),
    "many-events": _repeat(_events),
}


def run_once(text: str) -> tuple[float, int]:
    doc = Document("bench", text, PUBLISHED, "en")
    start = time.perf_counter()
    events = extract_document(doc, budget_s=None)
    return time.perf_counter() - start, len(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kinds", nargs="+", choices=list(KINDS), default=list(KINDS))
    parser.add_argument("--sizes", nargs="+", type=int, default=[25, 50, 100, 200], help="sizes in KB")
    parser.add_argument("--profile", choices=list(KINDS), help="profile one kind at the first size instead")
    args = parser.parse_args()
    run_once(NEWS)  # load the packs and open the gazetteer before timing
    if args.profile:
        text = KINDS[args.profile](args.sizes[0] * 1000)
        profile = cProfile.Profile()
        profile.runcall(run_once, text)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return
    print(f"{'kind':<14}{'KB':>6}{'seconds':>10}{'events':>8}{'ms / KB':>10}")
    for kind in args.kinds:
        for kb in args.sizes:
            seconds, events = run_once(KINDS[kind](kb * 1000))
            print(f"{kind:<14}{kb:>6}{seconds:>10.2f}{events:>8}{seconds * 1000 / kb:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
