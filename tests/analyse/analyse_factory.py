"""Dataset events for the analysis tests, built from a few keyword arguments."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from sitrep.records import Count, DatasetEvent, Event, Location, Place, Report

MAYADEEN = Place("Al Mayādīn", "SY", "Deir ez-Zor", "Al Mayadin", 35.02, 40.45, 170794, "PPL")


def event(
    id: str = "e1",
    date: dt.date | None = dt.date(2020, 1, 14),
    precision: str | None = "day",
    event_type: str | None = "Battles",
    sub_event_type: str | None = "Armed clash",
    actor1: str | None = "Islamic State",
    actor2: str | None = "Military Forces of Syria",
    claimed_by: Sequence[str] = (),
    place: Place | None = MAYADEEN,
    geo_precision: int = 1,
    relation: str = "in",
    killed: Count | int | None = None,
    wounded: Count | int | None = None,
    outlets: Sequence[str] = ("Reuters",),
) -> DatasetEvent:
    location = Location(place, geo_precision, relation) if place else None
    reports = tuple(
        Report(
            f"{id}-r{i}",
            f"doc-{id}-{i}",
            Event(f"doc-{id}-{i}", date, precision, event_type, sub_event_type),
            outlet=outlet,
        )
        for i, outlet in enumerate(outlets)
    )
    return DatasetEvent(
        id,
        date,
        precision,
        event_type,
        sub_event_type,
        actor1,
        actor2,
        tuple(claimed_by),
        location,
        _count(killed),
        _count(wounded),
        reports,
        0.8,
    )


def _count(c: Count | int | None) -> Count | None:
    return Count.exact(c) if isinstance(c, int) else c


def weekly_events(
    counts: Sequence[int], first_monday: dt.date = dt.date(2020, 1, 6), prefix: str = "w", **fields: object
) -> list[DatasetEvent]:
    """counts[i] events in week i (on days spread through the week), all with `fields`."""
    found = []
    for week, n in enumerate(counts):
        for j in range(n):
            day = first_monday + dt.timedelta(weeks=week, days=j % 7)
            found.append(event(id=f"{prefix}{week}-{j}", date=day, **fields))  # type: ignore[arg-type]
    return found


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw by inversion (the standard library has none)."""
    k, p, u = 0, pow(2.718281828459045, -lam), rng.random()
    total = p
    while u > total:
        k += 1
        p *= lam / k
        total += p
    return k
