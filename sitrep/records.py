"""The small frozen records that flow through the pipeline.

Document -> Mention(s) -> Event. Records hold no behaviour beyond serialisation, so they
pickle cheaply for process pools and Ray.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Date precision, coarsest last. ACLED's time_precision is 1 (day), 2 (week), 3 (month or wider).
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into Document.text, end exclusive."""

    start: int
    end: int

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    published: dt.date | None = None
    lang: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """Something a language-pack rule found: kind ('trigger', 'date', ...), where, what, which rule."""

    kind: str
    span: Span
    value: Any
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Count:
    """A killed or wounded figure. `best` is what a single number means; vague words
    ("dozens") carry ACLED's conventional estimate in `low` and leave `best` None."""

    low: int | None
    best: int | None
    high: int | None

    @classmethod
    def exact(cls, n: int) -> Count:
        return cls(n, n, n)

    def __add__(self, other: Count) -> Count:
        def plus(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return Count(plus(self.low, other.low), plus(self.best, other.best), plus(self.high, other.high))

    def to_dict(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_code: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened. precision (ACLED): 1 the place itself, 2 near it or part of
    it, 3 only a region or country. relation ('in', 'near', 'north of', ...) and the anchor
    place are kept so "20 km west of X" stays explainable."""

    place: Place
    precision: int = 1
    relation: str = "in"
    anchor: Place | None = None  # the named place a relative location is measured from

    def to_dict(self) -> dict[str, Any]:
        p, a = self.place, self.anchor
        return {
            "name": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "lat": p.lat,
            "lon": p.lon,
            "geonameid": p.geonameid,
            "feature_code": p.feature_code,
            "precision": self.precision,
            "relation": self.relation,
            "anchor": None if a is None else {"name": a.name, "lat": a.lat, "lon": a.lon, "geonameid": a.geonameid},
        }


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    date: dt.date | None
    date_precision: str | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None = None
    actor2: str | None = None
    claimed_by: str | None = None
    location: Location | None = None
    fatalities: Count | None = None
    wounded: Count | None = None
    evidence: tuple[tuple[str, Span], ...] = field(default=())
    confidence: float = 0.5

    def date_text(self) -> str | None:
        """The date at its precision, as FORMAT.md writes it (YYYY-MM-DD, YYYY-MM or YYYY)."""
        if self.date is None:
            return None
        if self.date_precision == "month":
            return self.date.strftime("%Y-%m")
        if self.date_precision == "year":
            return str(self.date.year)
        return self.date.isoformat()

    def to_dict(self) -> dict[str, Any]:
        def best(c: Count | None) -> int | None:
            return c.best if c else None

        return {
            "doc_id": self.doc_id,
            "date": self.date_text(),
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "claimed_by": self.claimed_by,
            "location": self.location.to_dict() if self.location else None,
            "fatalities": best(self.fatalities),
            "wounded": best(self.wounded),
            "fatalities_count": self.fatalities.to_dict() if self.fatalities else None,
            "wounded_count": self.wounded.to_dict() if self.wounded else None,
            "evidence": {name: span.to_list() for name, span in self.evidence},
            "confidence": round(self.confidence, 3),
        }
