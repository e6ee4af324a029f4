"""An incident's toll from every casualty mention attributed to it (see the pack README for the
rules an analyst can check)."""

from __future__ import annotations

from dataclasses import replace

from sitrep.extract.counts import CasualtyMention


def combine_counts(mentions: list[CasualtyMention]) -> CasualtyMention | None:
    """One figure from several mentions of the same event: a revised toll wins; figures for
    different victim groups add up; where reports disagree about the same victims, the lowest."""
    if not mentions:
        return None
    revised = [c for c in mentions if c.revised]
    if revised:
        return revised[-1]
    by_victims: dict[str, CasualtyMention] = {}
    for c in mentions:
        key = (c.victims or "").lower()
        known = by_victims.get(key)
        if known is None or (c.count.low or 0) < (known.count.low or 0):
            by_victims[key] = c
    if "" in by_victims or len(by_victims) == 1:
        return min(by_victims.values(), key=lambda c: c.count.low or 0)
    groups = list(by_victims.values())
    total = groups[0].count
    for c in groups[1:]:
        total = total + c.count
    return replace(groups[0], count=total)
