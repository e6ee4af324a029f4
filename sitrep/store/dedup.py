"""Event coreference: is a new report about an event the dataset already holds?

A report joins an event only when nothing rules it out and enough agrees:

- ruled out: another country; dates more than a day apart (or outside a coarse date's month or
  year); a day apart, or only a province in common, with nothing else shared (no actor, toll or
  claimant); two
  places that are different towns (more than 10 km apart when both are named places, more than
  25 km when either is "near" a place) or different provinces; event types that cannot be one
  event (a protest and an airstrike); another event of the same article.
- evidence (points, a merge needs MERGE_SCORE): the same day 1.0, a day apart 0.3, the same
  week 0.6, month 0.4 or year 0.2, a coarse date that holds the other 0.3; the same place 1.0, a
  place inside the other's province 0.5,
  the same country only 0.2; the same sub-event type 0.8, the same event type 0.3; the same
  perpetrator 0.5 (a different named one costs 1.0); the same claimant 0.3; the same toll 0.2.

Merged fields (`merge_event`), recomputed from every report each time:
- date: the most precise, then the one most reports give; place: the most precise (a town
  before "near a town" before a province), then the one most reports give;
- types and actors: the ones most reports give (named actors before "Unidentified Armed Group");
- claims: every claimant, in the order reported;
- fatalities and wounded (UCDP style): low = the lowest figure reported, high = the highest,
  best = the latest report's figure, so a revised toll ("the toll rose to nine") wins;
- confidence: 1 - the product of (1 - each report's confidence).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from sitrep import acled
from sitrep.geo.distance import haversine_km
from sitrep.records import PRECISIONS, Count, DatasetEvent, Decision, Event, Location, Report

T = TypeVar("T")

MERGE_SCORE = 2.0
SAME_TOWN_KM = 10.0  # two named towns farther apart than this are two places
NEAR_KM = 25.0  # "near X" may lie this far from X
SEARCH_DAYS = 3
SAME_PERIOD = {"week": 0.6, "month": 0.4, "year": 0.2}  # both reports give the same coarse date
GENERIC_ACTORS = frozenset({acled.UNIDENTIFIED, acled.CIVILIANS, None})
# Event types that can describe one event in two reports (a bombing that killed civilians is
# "Explosions" to one desk and "Violence against civilians" to another; an ambush is a clash or an attack).
POLITICAL_VIOLENCE = frozenset(acled.DISORDER_TYPES[acled.POLITICAL_VIOLENCE])
DEMONSTRATIONS = frozenset(acled.DISORDER_TYPES[acled.DEMONSTRATIONS])


def search_window(event: Event) -> tuple[dt.date, dt.date] | None:
    """Dates of the events a report may join (wider than the merge rules, which decide);
    None when the report has no date: it starts an event of its own."""
    if event.date is None:
        return None
    d = event.date
    if event.date_precision == "year":
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if event.date_precision == "month":
        return d.replace(day=1), _month_end(d)
    return d - dt.timedelta(days=SEARCH_DAYS), d + dt.timedelta(days=SEARCH_DAYS)


def coarse_dates(event: Event) -> tuple[dt.date, dt.date] | None:
    """The dates a month- and a year-precise event holding this report's date carry (the first
    of its month and of its year): such events are candidates too."""
    if event.date is None:
        return None
    return event.date.replace(day=1), dt.date(event.date.year, 1, 1)


def new_event_id(report: Report) -> str:
    """Stable: the id of the report that first told of the event."""
    return "ev-" + hashlib.sha1(report.id.encode()).hexdigest()[:12]


def best_match(report: Report, candidates: Sequence[DatasetEvent]) -> tuple[DatasetEvent | None, Decision]:
    """The candidate the report most surely belongs to, or None and why it starts a new event."""
    decisions = [(compare(report, c), c) for c in candidates]
    merges = [(d, c) for d, c in decisions if d.same]
    if merges:
        decision, event = max(merges, key=lambda dc: dc[0].score)
        return event, decision
    closest = max(decisions, key=lambda dc: dc[0].score, default=None)
    reasons = (
        ("no event of the dataset matches",)
        if closest is None
        else (f"closest event {closest[1].id} not merged: " + "; ".join(closest[0].reasons),)
    )
    return None, Decision(False, 0.0, reasons)


def compare(report: Report, event: DatasetEvent) -> Decision:
    """Is the report about this event? Rules and points: see the module docstring."""
    ev = report.event
    merged = _as_event(event)
    corroboration = [c for c in (_actors(ev, merged), _claims(ev, event), _tolls(ev, merged)) if c is not None]
    checks = [
        _same_article(report, event),
        _dates(ev, merged),
        _places(ev.location, merged.location),
        _types(ev, merged),
        *corroboration,
    ]
    score, reasons = 0.0, []
    for points, reason in (c for c in checks if c is not None):
        if points is None:
            return Decision(False, 0.0, (reason,))
        score += points
        reasons.append(reason)
    corroborated = any(points and points > 0 for points, _ in corroboration)
    if _day_apart(ev, merged) and not corroborated:
        return Decision(False, score, ("a day apart with no actor, claim or toll in common", *reasons))
    if _area_only(ev.location, merged.location) and not corroborated:
        return Decision(False, score, ("only a province or country in common, and no actor, claim or toll", *reasons))
    if report.duplicate_of and report.duplicate_of in {r.doc_id for r in event.reports}:
        reasons.insert(0, f"a syndicated copy of {report.duplicate_of}")
    return Decision(score >= MERGE_SCORE, score, tuple(reasons))


Check = tuple[float | None, str] | None  # (points or None to rule out, reason); None: no evidence


def _as_event(e: DatasetEvent) -> Event:
    return Event(
        e.id,
        e.date,
        e.date_precision,
        e.event_type,
        e.sub_event_type,
        e.actor1,
        e.actor2,
        e.claimed_by[0] if e.claimed_by else None,
        e.location,
        e.fatalities,
        e.wounded,
    )


def _same_article(report: Report, event: DatasetEvent) -> Check:
    if any(r.doc_id == report.doc_id for r in event.reports):
        return None, "another event of the same article"
    return None


def _dates(a: Event, b: Event) -> Check:
    if a.date is None or b.date is None:
        return None, "a report without a date"
    if a.date_precision == "day" and b.date_precision == "day":
        days = abs((a.date - b.date).days)
        if days == 0:
            return 1.0, f"same day ({a.date.isoformat()})"
        return (
            (0.3, f"a day apart ({b.date.isoformat()}, {a.date.isoformat()})")
            if days == 1
            else (None, f"{days} days apart ({b.date.isoformat()}, {a.date.isoformat()})")
        )
    if a.date_precision == b.date_precision and a.date == b.date:
        return SAME_PERIOD.get(a.date_precision or "", 0.2), f"same {a.date_precision} ({a.date_text()})"
    coarse, fine = (a, b) if _rank(a.date_precision) >= _rank(b.date_precision) else (b, a)
    if _within(fine.date, coarse):  # type: ignore[arg-type]
        return 0.3, f"{fine.date_text()} lies in the {coarse.date_precision} of {coarse.date_text()}"
    return None, f"{fine.date_text()} is outside the {coarse.date_precision} of {coarse.date_text()}"


def _day_apart(a: Event, b: Event) -> bool:
    return (
        a.date_precision == b.date_precision == "day"
        and a.date is not None
        and b.date is not None
        and abs((a.date - b.date).days) == 1
    )


def _area_only(a: Location | None, b: Location | None) -> bool:
    return a is not None and b is not None and (a.precision == 3 or b.precision == 3)


def _rank(precision: str | None) -> int:
    return PRECISIONS.index(precision) if precision in PRECISIONS else len(PRECISIONS)


def _within(d: dt.date, coarse: Event) -> bool:
    c = coarse.date
    assert c is not None
    if coarse.date_precision == "year":
        return d.year == c.year
    if coarse.date_precision == "week":
        return abs((d - c).days) <= 6
    return (d.year, d.month) == (c.year, c.month)


def _month_end(d: dt.date) -> dt.date:
    nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _places(a: Location | None, b: Location | None) -> Check:
    if a is None or b is None:
        return 0.0, "one report gives no place"
    pa, pb = a.place, b.place
    if pa.country and pb.country and pa.country != pb.country:
        return None, f"different countries ({pb.country}, {pa.country})"
    if pa.geonameid is not None and pa.geonameid == pb.geonameid and a.precision < 3 and b.precision < 3:
        return 1.0, f"same place ({pb.name})"
    if a.precision == 3 or b.precision == 3:
        return _area(a, b)
    if None in (pa.lat, pa.lon, pb.lat, pb.lon):
        return _by_name(a, b)
    km = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)  # type: ignore[arg-type]
    limit = SAME_TOWN_KM if a.precision == b.precision == 1 else NEAR_KM
    if km > limit:
        return None, f"different places ({pb.name}, {pa.name}: {km:.0f} km apart)"
    return 1.0, f"same place ({pb.name}, {pa.name}: {km:.0f} km apart)"


def _by_name(a: Location, b: Location) -> Check:
    """Places without a point (the gazetteer lacked them): the same name, or one named like the
    other's province (an area that holds it)."""
    pa, pb = a.place, b.place
    if pa.name.casefold() == pb.name.casefold():
        return 1.0, f"same place name ({pb.name})"
    for area, other in ((pa, pb), (pb, pa)):
        if area.lat is None and other.admin1 and area.name.casefold() == other.admin1.casefold():
            return 0.5, f"{other.name} lies in {area.name}"
    return None, f"different places ({pb.name}, {pa.name})"


def _area(a: Location, b: Location) -> Check:
    """A province or country on one side: the other must lie inside it."""
    area, other = (a, b) if a.precision == 3 else (b, a)
    if area.place.admin1 is None or (other.precision == 3 and other.place.admin1 is None):
        return 0.2, f"same country ({area.place.country})"
    if area.place.admin1 != other.place.admin1:
        return None, f"different provinces ({area.place.admin1}, {other.place.admin1})"
    return 0.5, f"{other.place.name} lies in {area.place.admin1}"


def _types(a: Event, b: Event) -> Check:
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 0.8, f"same sub-event type ({a.sub_event_type})"
    if a.event_type == b.event_type:
        return 0.3, f"same event type ({a.event_type})"
    if {a.event_type, b.event_type} <= POLITICAL_VIOLENCE or {a.event_type, b.event_type} <= DEMONSTRATIONS:
        return 0.0, f"compatible types ({b.event_type}, {a.event_type})"
    return None, f"different kinds of event ({b.event_type}, {a.event_type})"


def _actors(a: Event, b: Event) -> Check:
    if a.actor1 in GENERIC_ACTORS or b.actor1 in GENERIC_ACTORS:
        return None
    if a.actor1 == b.actor1:
        return 0.5, f"same perpetrator ({a.actor1})"
    return -1.0, f"different perpetrators ({b.actor1}, {a.actor1})"


def _claims(a: Event, event: DatasetEvent) -> Check:
    return (0.3, f"same claimant ({a.claimed_by})") if a.claimed_by and a.claimed_by in event.claimed_by else None


def _tolls(a: Event, b: Event) -> Check:
    if a.fatalities and b.fatalities and a.fatalities.best is not None and a.fatalities.best == b.fatalities.best:
        return 0.2, f"same toll ({a.fatalities.best} killed)"
    return None


# --- merging -------------------------------------------------------------------------------


def merge_event(event_id: str, reports: Sequence[Report]) -> DatasetEvent:
    """The dataset event told by these reports; rules in the module docstring."""
    ordered = sorted(reports, key=lambda r: r.seq)
    events = [r.event for r in ordered]
    dated = [e for e in events if e.date is not None] or events
    finest = min(_rank(e.date_precision) for e in dated)
    date_event = _most_common([e for e in dated if _rank(e.date_precision) == finest], lambda e: e.date)
    placed = [e.location for e in events if e.location is not None]
    location = _best_location(placed) if placed else None
    confidence = 1.0
    for e in events:
        confidence *= 1.0 - e.confidence
    return DatasetEvent(
        id=event_id,
        date=date_event.date,
        date_precision=date_event.date_precision,
        event_type=_most_common(events, lambda e: e.event_type).event_type,
        sub_event_type=_most_common(events, lambda e: e.sub_event_type).sub_event_type,
        actor1=_actor(events, lambda e: e.actor1),
        actor2=_actor(events, lambda e: e.actor2),
        claimed_by=tuple(dict.fromkeys(e.claimed_by for e in events if e.claimed_by)),
        location=location,
        fatalities=_count(ordered, lambda e: e.fatalities),
        wounded=_count(ordered, lambda e: e.wounded),
        reports=tuple(ordered),
        confidence=round(min(1.0 - confidence, 0.99), 3),
    )


def _most_common(items: Sequence[T], key: Callable[[T], object]) -> T:
    """The item whose key most items share; the earliest such item on a tie."""
    counts = Counter(key(i) for i in items if key(i) is not None)
    if not counts:
        return items[0]
    top = max(counts.values())
    return next(i for i in items if key(i) is not None and counts[key(i)] == top)


def _best_location(locations: list[Location]) -> Location:
    finest = min(loc.precision for loc in locations)
    candidates = [loc for loc in locations if loc.precision == finest]
    with_point = [loc for loc in candidates if loc.place.lat is not None] or candidates
    return _most_common(with_point, lambda loc: (loc.place.name, loc.place.country))


def _actor(events: Sequence[Event], role: Callable[[Event], str | None]) -> str | None:
    named = [e for e in events if role(e) not in GENERIC_ACTORS]
    return role(_most_common(named, role)) if named else next((role(e) for e in events if role(e)), None)


def _count(reports: Sequence[Report], field: Callable[[Event], Count | None]) -> Count | None:
    """UCDP style: lowest and highest reported; best from the latest report that gives one."""
    counts = [(r, c) for r in reports if (c := field(r.event)) is not None]
    if not counts:
        return None
    lows = [c.low if c.low is not None else c.best for _, c in counts]
    highs = [c.high if c.high is not None else c.best for _, c in counts]
    latest = max(
        (rc for rc in counts if rc[1].best is not None),
        default=None,
        key=lambda rc: (rc[0].published or dt.date.min, rc[0].seq),
    )
    return Count(
        min((x for x in lows if x is not None), default=None),
        latest[1].best if latest else None,
        max((x for x in highs if x is not None), default=None),
    )
