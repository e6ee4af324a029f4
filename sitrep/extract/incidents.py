"""Within-document coreference: candidates clustered into incidents (ACLED: one actor pair, one
place, one day).

Candidates are read in the order told. One with no place and no date of its own tells more of
the incident being told ("The blast also wounded 12"). One with its own place or day joins the
latest incident it is compatible with: the same day, or either undated; the same place, a place
inside the other's area, or either unplaced; and, when an unplaced side lets them meet, a
compatible kind ("the attack" is any kind; a shooting is not a bombing). Otherwise it
starts an incident. Every merge keeps its reason for `--explain`.

`Told` indexes the incidents by day and place keys, so that a candidate looks only at the
incidents it could join (an article of thousands of incidents stays linear).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

from sitrep.extract.actors import ARMED_SIDES, ActorMention
from sitrep.extract.candidates import Candidate
from sitrep.extract.counts import CasualtyMention
from sitrep.extract.dates import resolve_chain
from sitrep.extract.triggers import Trigger
from sitrep.geo import PlaceMention, relations
from sitrep.records import Place, Span


@dataclass
class Incident:
    """An incident being assembled from its candidates; frozen into an Event at the end."""

    trigger: Trigger
    date: dt.date | None = None
    precision: str | None = None
    date_span: Span | None = None  # the incident's own date, None when inherited
    place: PlaceMention | None = None
    own_place: bool = False
    killed: list[CasualtyMention] = field(default_factory=list)
    wounded: list[CasualtyMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    victims: list[ActorMention] = field(default_factory=list)
    claimant: ActorMention | None = None
    claim_span: Span | None = None
    paragraph: int = 0
    umbrella: bool = False  # told so far only with words that name any kind ("the attack", a toll)
    members: list[int] = field(default_factory=list)  # candidate numbers
    seq: int = -1  # order in which the article told it (Told.add)
    # The tolls told while its place was an area (a province, an island), and that area: when the
    # article later names two sites in it, they were the area's toll, no one site's.
    area: PlaceMention | None = None
    area_tolls: list[CasualtyMention] = field(default_factory=list)
    earlier: bool = False  # told as an earlier incident, for comparison (Candidate.earlier)

    @classmethod
    def of(cls, c: Candidate, previous: Incident | None, umbrella: bool) -> Incident:
        inc = cls(
            trigger=c.trigger,
            paragraph=c.paragraph,
            killed=list(c.killed),
            wounded=list(c.wounded),
            actors=list(c.actors),
            victims=list(c.victims),
            umbrella=umbrella,
            members=[c.number],
            earlier=c.earlier,
        )
        if c.place is not None:
            # A country named only by its border ("near the border with Somalia") may be either
            # side's: the incident is as good as unplaced for telling it apart from another.
            inc.place, inc.own_place = c.place, not _by_its_border(c.place)
        if c.date is not None:
            before = (previous.date, previous.precision or "day") if previous and previous.date else None
            inc.date, inc.precision = resolve_chain(c.date, before, c.trigger.span.start)
            inc.date_span = c.date.span
        return inc


def same_day(a: Incident, b: Incident) -> bool:
    return a.date_span is None or b.date_span is None or a.date == b.date


def same_place(a: Incident, b: Incident) -> bool:
    """Either unplaced, the same place, or one inside the other's area (a country, a province)."""
    if not (a.own_place and b.own_place) or a.place is None or b.place is None:
        return not _forces_elsewhere(a, b) and not _forces_elsewhere(b, a)
    pa, pb = a.place.location.place, b.place.location.place
    if pa.country != pb.country:
        return False
    if _country_level(a.place) or _country_level(b.place):
        return True
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return True
    if pa.name.lower() == pb.name.lower():
        return True
    return _inside(a.place, b.place) or _inside(b.place, a.place)


def _forces_elsewhere(placed: Incident, other: Incident) -> bool:
    """Does an unplaced incident, told in another paragraph than a placed one, name only armed
    forces of another country than that place's? ("Riots in Jos killed five. <new paragraph> A gun
    battle between Pakistani soldiers and insurgents left eight dead": another story, in Pakistan.)
    Other actors of another country cross borders too often to say so ("a group of Colombians
    attacked them on the San Miguel river", in Ecuador)."""
    if not placed.own_place or placed.place is None or other.own_place or other.paragraph == placed.paragraph:
        return False
    countries = {m.country for m in other.actors if m.country and m.side in ARMED_SIDES}
    return bool(countries) and placed.place.location.place.country not in countries


def _by_its_border(p: PlaceMention) -> bool:
    return p.location.relation == relations.BORDER and _country_level(p)


def is_area(p: PlaceMention) -> bool:
    """A province, a region or an island, not a site (a town, a venue) and not a whole country:
    the sites of one day in a country are mostly separate stories (a roundup)."""
    code = p.location.place.feature_code or ""
    if _country_level(p) or code.startswith("PCL"):
        return False
    return p.location.precision == 3 or code.startswith(("ADM", "ISL", "RGN"))


def in_area(site: PlaceMention, area: PlaceMention) -> bool:
    """Is `site` a place inside `area` (its province), not an area itself?"""
    a, s = area.location.place, site.location.place
    if is_area(site) or _country_level(site) or a.country != s.country:
        return False
    return _province_of(site) == a.name.lower() or (s.admin1 or "").lower() == (a.admin1 or "").lower() != ""


def _inside(small: PlaceMention, large: PlaceMention) -> bool:
    """Is `small` in `large`'s area: a town in its province, a venue ("the Radisson SAS") in its
    city? A town is not inside a city that bears its province's name (Qusair is not in Homs)."""
    if _province_of(small) != large.location.place.name.lower():
        return False
    town = small.rule == "gazetteer" and (small.location.place.feature_code or "").startswith("PPL")
    return not town or (large.location.place.feature_code or "").startswith("ADM1")


def _refines(country: PlaceMention, other: PlaceMention) -> bool:
    """A province named after the whole country it lies in ("in Afghanistan ... in Herat
    province"): the same precision (3), a narrower place."""
    return (
        _country_level(country)
        and not _country_level(other)
        and other.location.place.country == country.location.place.country
    )


def _country_level(p: PlaceMention) -> bool:
    return p.location.precision == 3 and p.location.place.admin1 is None


def _province_of(p: PlaceMention) -> str | None:
    """The province a town lies in (None for a province itself: it does not contain its namesake)."""
    place = p.location.place
    return place.admin1.lower() if place.admin1 and place.admin1.lower() != place.name.lower() else None


def day_of_its_period(coarse: Incident, day: Incident) -> bool:
    """Is `day` the incident that `coarse` tells with only a month or a year ("Attack on a mosque
    in Kabul, October 2017", a headline, and "on 20 October ... in Kabul" below)? `coarse` has no
    toll of its own; both are placed at the same place (not only the same country)."""
    if coarse.date is None or day.date is None or day.precision != "day" or coarse.precision not in ("month", "year"):
        return False
    if coarse.killed or coarse.wounded or not (coarse.own_place and day.own_place):
        return False
    if coarse.date.year != day.date.year or (coarse.precision == "month" and coarse.date.month != day.date.month):
        return False
    a, b = coarse.place, day.place
    if a is None or b is None or _country_level(a) or _country_level(b):
        return False
    return same_place(coarse, day) and compatible_kinds(coarse, day)


def compatible_kinds(a: Incident, b: Incident) -> bool:
    """Can a and b be one incident by their kind? A word for any incident fits every kind."""
    return a.umbrella or b.umbrella or a.trigger.event_type == b.trigger.event_type


def merge(target: Incident, other: Incident) -> None:
    if other.trigger.rank < target.trigger.rank:
        target.trigger = other.trigger
    target.umbrella = target.umbrella and other.umbrella
    target.paragraph = max(target.paragraph, other.paragraph)  # where the article is telling it now
    # An own place always has a place (Incident.of); the test says so to the type checker.
    if (
        other.own_place
        and other.place is not None
        and (
            not target.own_place
            or target.place is None
            or target.place.location.precision > other.place.location.precision
            or _refines(target.place, other.place)
        )
    ):
        target.place, target.own_place = other.place, True
    if target.date_span is None and other.date_span is not None:
        target.date, target.precision, target.date_span = other.date, other.precision, other.date_span
    target.killed += other.killed
    target.wounded += other.wounded
    target.actors += other.actors
    target.victims += other.victims
    target.members += other.members
    target.area = target.area or other.area
    target.area_tolls += other.area_tolls
    if target.claimant is None and other.claimant is not None:
        target.claimant, target.claim_span = other.claimant, other.claim_span


_ANY = ("any",)
_UNDATED = ("undated",)
_UNPLACED = ("unplaced",)
# How many incidents under one key a lookup checks, latest first: bounds the work on an article
# that tells thousands of incidents at one place.
LOOKUP_DEPTH = 64


def _day_keys(d: Incident) -> tuple[Hashable, ...]:
    return (("day", d.date) if d.date_span is not None else _UNDATED, _ANY)


def _place_keys(d: Incident) -> Iterator[Hashable]:
    """Every key under which a later candidate's place can find d (see same_place)."""
    yield _ANY
    if not d.own_place or d.place is None:
        yield _UNPLACED
        return
    p = d.place.location.place
    yield "in-country", p.country
    if _country_level(d.place):
        yield "country", p.country
        return
    yield from _identity_keys(p)
    province = _province_of(d.place)
    if province:
        yield "province", province, p.country


def _wanted_keys(b: Incident) -> Iterator[Hashable]:
    """The keys of the earlier incidents that same_day and same_place can accept for b."""
    days = (("day", b.date), _UNDATED) if b.date_span is not None else (_ANY,)
    for day in days:
        for place in _wanted_places(b):
            yield day, place


def _wanted_places(b: Incident) -> Iterator[Hashable]:
    if not b.own_place or b.place is None:
        yield _ANY
        return
    p = b.place.location.place
    yield _UNPLACED
    if _country_level(b.place):
        yield "in-country", p.country
        return
    yield "country", p.country
    yield from _identity_keys(p)
    yield "province", p.name.lower(), p.country  # the towns of b, a province
    province = _province_of(b.place)
    if province:
        yield "name", province, p.country  # b's province


def _identity_keys(p: Place) -> Iterator[Hashable]:
    yield "name", p.name.lower(), p.country
    if p.geonameid is not None:
        yield "id", p.geonameid


class Told:
    """The incidents of an article in the order told, indexed by (day, place) keys. An incident
    is registered again when a merge changes its day or place; entries no longer true are
    skipped by the lookup, which checks same_day and same_place itself."""

    def __init__(self) -> None:
        self.incidents: list[Incident] = []
        self._by_key: dict[Hashable, list[int]] = {}
        self._registered: set[tuple[Hashable, int]] = set()

    def add(self, incident: Incident) -> None:
        incident.seq = len(self.incidents)
        self.incidents.append(incident)
        self.changed(incident)

    def changed(self, incident: Incident) -> None:
        for day in _day_keys(incident):
            for place in _place_keys(incident):
                key = (day, place)
                if (key, incident.seq) not in self._registered:
                    self._registered.add((key, incident.seq))
                    self._by_key.setdefault(key, []).append(incident.seq)

    def latest_same(self, b: Incident) -> tuple[Incident | None, str]:
        """The last told incident b can join, with the reason; (None, "") when there is none."""
        best: tuple[int, str] = (-1, "")
        for key in set(_wanted_keys(b)):
            for seq in reversed(self._by_key.get(key, [])[-LOOKUP_DEPTH:]):
                if seq <= best[0]:
                    break
                reason = joins(self.incidents[seq], b)
                if reason:
                    best = (seq, reason)
                    break
        return (self.incidents[best[0]], best[1]) if best[0] >= 0 else (None, "")


def joins(a: Incident, b: Incident) -> str:
    """Why b is told of the same incident as a ("" when it is not)."""
    if not (same_day(a, b) and same_place(a, b)):
        return ""
    if b.earlier and a.date_span is None and b.date_span is not None:
        return ""  # "in a similar attack on Saturday, 30 had died": another incident, its own day
    dated = a.date_span is not None and b.date_span is not None
    placed = a.own_place and b.own_place
    if not placed and not compatible_kinds(a, b):
        return ""
    day = "the same day" if dated else "no day against a day"
    place = "the same place" if placed else "no place against a place"
    return f"{day}, {place}" + ("" if placed else ", a compatible kind")
