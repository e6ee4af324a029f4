"""An incident's toll from every casualty mention attributed to it. The rules, which an analyst
can check, are in sitrep/lang/README.md ("Casualty attribution"):

1. A revised toll wins ("the toll rose to 64"); of several, the last one told.
2. Disjoint groups of one sentence add up ("Three soldiers were killed and two civilians died" = 5),
   and only they: a victim list inside one phrase is already summed by extract/counts.py.
3. Otherwise mentions are restatements or disagreeing reports of one toll, never summed. The
   first figure told (the lead's) is the toll; a later, lower figure for the same victims (the
   same noun, or both naming everyone: "people", none) is a disagreeing report and wins (FORMAT.md,
   ACLED: where sources disagree, the lowest); at the same value an exact figure beats a floor
   ("at least 5") or a ceiling ("as many as 5"). A later figure for other victims ("five police
   officers" after "eight people") is a part of the toll, not the toll.
4. A vague word ("dozens") never overrides a figure; with vague words alone, the lowest estimate.
   A zero ("no casualties") counts only when nothing else is told, not even a vague word.
5. Victims on top of a toll told before ("killing two more", "another five died") are added to it.
6. A part of a toll given beside it ("..., including three policemen") counts only when nothing
   else does; a running tally ("so far this year") never does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sitrep.extract.counts import CasualtyMention
from sitrep.records import Span


def combine_counts(mentions: list[CasualtyMention]) -> CasualtyMention | None:
    """One figure from every mention of one incident's killed (or wounded) toll."""
    # A running tally is never an incident's toll (it is kept only as a salience cue).
    ordered = sorted((c for c in mentions if not c.aggregate), key=lambda c: c.span.start)
    if not ordered:
        return None
    pool = [c for c in ordered if not c.part] or ordered
    revised = [c for c in pool if c.revised and c.count.best is not None]
    if revised:
        return revised[-1]
    base = [c for c in pool if not c.added] or pool[:1]
    toll = _lowest(list(_sentence_tolls(base)))
    more = [c for c in pool if c.added and c is not toll and c.count.best is not None]
    return _summed([toll, *more]) if more and toll.count.best is not None else toll


def _lowest(tolls: list[CasualtyMention]) -> CasualtyMention:
    """The first figure told (the lead's), or a lower one for the same victims told later (a
    disagreeing report: FORMAT.md's lowest). A later figure for other victims ("five police
    officers" after "eight people") is a part of the toll or another incident, never the toll."""
    figures = sorted((c for c in tolls if c.count.best is not None), key=lambda c: c.span.start)
    # "No casualties" beside any other report ("none of the soldiers were hurt", "several rebels
    # were") is most often said of another group or place: a zero counts only on its own.
    vague = [c for c in tolls if c.count.best is None and (c.count.low or 0) > 0]
    figures = [c for c in figures if c.count.best != 0] or ([] if vague else figures)
    if not figures:
        return min(tolls, key=lambda c: (c.count.low is None or c.count.low == 0, c.count.low or 0))
    toll = figures[0]
    for c in figures[1:]:
        if _same_victims(toll, c) and _rank(c) < _rank(toll):
            toll = c
    return toll


def _same_victims(a: CasualtyMention, b: CasualtyMention) -> bool:
    """Both name everyone ("people", no noun), or both the same noun ("soldiers")."""
    return (a.total and b.total) or (a.victims or "").casefold() == (b.victims or "").casefold()


def _rank(c: CasualtyMention) -> tuple[int, int]:
    """Lower first; at the same figure an exact one before a floor or a ceiling."""
    exact = c.count.low == c.count.best == c.count.high
    return (c.count.best or 0, 0 if exact else 1)


def _sentence_tolls(mentions: list[CasualtyMention]) -> Iterable[CasualtyMention]:
    """Each sentence's toll: its groups summed where they are disjoint, else each mention alone."""
    sentences: dict[int, list[CasualtyMention]] = {}
    for c in mentions:
        # An unknown sentence (-1) never joins another mention.
        sentences.setdefault(c.sentence if c.sentence >= 0 else -1 - c.span.start, []).append(c)
    for group in sentences.values():
        if _disjoint_groups(group):
            yield _summed(group)
        else:
            yield from group


def _disjoint_groups(group: list[CasualtyMention]) -> bool:
    """Two or more phrases of one sentence, each naming its own kind of victim ("soldiers",
    "civilians"), none a total ("people") that may hold the others, each with a figure."""
    if len(group) < 2 or any(c.total or c.count.best is None for c in group):
        return False
    # The head noun (the last word) tells groups apart: "service members" and "members" are one.
    nouns = [(c.victims or "").casefold().split()[-1:] for c in group]
    return len({tuple(n) for n in nouns}) == len(nouns)


def _summed(group: list[CasualtyMention]) -> CasualtyMention:
    total = group[0].count
    for c in group[1:]:
        total = total + c.count
    # The evidence runs from the first group to the last.
    return replace(group[0], count=total, span=Span(group[0].span.start, group[-1].span.end))
