"""Events being assembled (drafts) and the rule that tells which earlier event a sentence is
about: one event per place per day.

`Told` keeps the drafts of an article indexed by day and place, so that finding the earlier
event a sentence belongs to looks at the drafts that can match rather than at every draft of
the article (which made an article of thousands of events quadratic).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

from sitrep.extract.actors import ActorMention
from sitrep.extract.counts import CasualtyMention
from sitrep.extract.triggers import Trigger
from sitrep.geo import PlaceMention
from sitrep.records import Span


@dataclass
class Draft:
    """An event being assembled; mutable while the document is read, frozen into an Event."""

    trigger: Trigger
    date: dt.date | None = None
    precision: str | None = None
    date_span: Span | None = None
    place: PlaceMention | None = None
    own_place: bool = False
    killed: list[CasualtyMention] = field(default_factory=list)
    wounded: list[CasualtyMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    victims: list[ActorMention] = field(default_factory=list)
    claimant: ActorMention | None = None
    claim_span: Span | None = None
    paragraph: int = 0
    seq: int = -1  # order in which the article told it (Told.add)


def same_day(a: Draft, b: Draft) -> bool:
    return a.date == b.date or b.date_span is None


def same_place(a: Draft, b: Draft) -> bool:
    """b's place is compatible with a's: none given, the same place, or only a's country."""
    if not b.own_place or b.place is None:
        return True
    if a.place is None:
        return False
    pa, pb = a.place.location.place, b.place.location.place
    if b.place.location.precision == 3 and pb.admin1 is None:
        return pa.country == pb.country
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    return pa.name.lower() == pb.name.lower() and pa.country == pb.country


def merge(target: Draft, other: Draft) -> None:
    if other.trigger.rank < target.trigger.rank:
        target.trigger = other.trigger
    if target.place is None or (other.own_place and target.place.location.precision > other.place.location.precision):
        target.place, target.own_place = other.place, other.own_place or target.own_place
    if target.date_span is None and other.date_span is not None:
        target.date, target.precision, target.date_span = other.date, other.precision, other.date_span
    target.killed += other.killed
    target.wounded += other.wounded
    target.actors += other.actors
    target.victims += other.victims
    if target.claimant is None and other.claimant is not None:
        target.claimant, target.claim_span = other.claimant, other.claim_span


_ANY_DAY = ("any day",)
_ANY_PLACE = ("any place",)


def _day_keys(d: Draft) -> tuple[Hashable, ...]:
    return (("day", d.date), _ANY_DAY)


def _place_keys(d: Draft) -> Iterator[Hashable]:
    """Every key under which a later sentence's place can find d (see same_place)."""
    yield _ANY_PLACE
    if d.place is not None:
        p = d.place.location.place
        yield "country", p.country
        yield "name", p.name.lower(), p.country
        if p.geonameid is not None:
            yield "id", p.geonameid


def _wanted_keys(b: Draft) -> Iterator[Hashable]:
    """The keys of the earlier drafts that same_day and same_place accept for b."""
    day = ("day", b.date) if b.date_span is not None else _ANY_DAY
    if not b.own_place or b.place is None:
        yield day, _ANY_PLACE
        return
    p = b.place.location.place
    if b.place.location.precision == 3 and p.admin1 is None:
        yield day, ("country", p.country)
        return
    yield day, ("name", p.name.lower(), p.country)
    if p.geonameid is not None:
        yield day, ("id", p.geonameid)


class Told:
    """The drafts of an article in the order told, indexed by (day, place) keys. A key lists the
    seqs of the drafts that had it when registered, in order; a draft whose day or place changed
    later (merge) is registered again, and its old entries, no longer true, are dropped when a
    lookup meets them at the end of a list."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self._by_key: dict[Hashable, list[int]] = {}

    def add(self, draft: Draft) -> None:
        draft.seq = len(self.drafts)
        self.drafts.append(draft)
        self.changed(draft)

    def changed(self, draft: Draft) -> None:
        """Register the draft under its keys again after a merge changed its day or place."""
        for day in _day_keys(draft):
            for place in _place_keys(draft):
                seqs = self._by_key.setdefault((day, place), [])
                i = bisect_left(seqs, draft.seq)
                if i == len(seqs) or seqs[i] != draft.seq:  # once per key: merges call this again and again
                    seqs.insert(i, draft.seq)

    def latest_same(self, b: Draft) -> Draft | None:
        """The last told draft on b's day at b's place (same_day and same_place), or None."""
        best = -1
        for key in _wanted_keys(b):
            seqs = self._by_key.get(key, [])
            while seqs and not (same_day(self.drafts[seqs[-1]], b) and same_place(self.drafts[seqs[-1]], b)):
                seqs.pop()  # registered under a day or place the draft no longer has
            if seqs:
                best = max(best, seqs[-1])
        return self.drafts[best] if best >= 0 else None


def same_event(told: Told, draft: Draft, current: Draft | None) -> Draft | None:
    """The earlier event this sentence is about, if any (one event per place per day). A sentence
    with no date of its own elaborates the current event unless it counts victims somewhere else."""
    if current is not None and draft.date_span is None:
        elsewhere = draft.own_place and (draft.killed or draft.wounded) and not same_place(current, draft)
        if not elsewhere:
            return current
    return told.latest_same(draft)
