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
    # What reading had to change to make the record storable, one line each, naming the record:
    # "a.jsonl:3: text: 1 lone surrogate replaced by U+FFFD" (sitrep.read.make_document).
    repairs: tuple[str, ...] = ()


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

    @property
    def figure(self) -> int | None:
        """The single figure a count, trend or export uses: best, else low (ACLED's estimate for
        "dozens"), else None. The store's SQL says the same (sitrep/store/queries.py figure_sql).

        Two readings, on purpose. An event record (`to_dict`, the events JSON and GeoJSON, the
        dashboard) gives `best` as its `fatalities`: the benchmark format (FORMAT.md) has vague
        words null, so a record never states a number the article did not, and its
        `fatalities_count` keeps the estimate. An aggregate or a filter over many events (trends,
        alerts, the ACLED export, `min_fatalities`, sorting) uses `figure`: ACLED codes vague
        tolls with a conventional estimate rather than dropping them, and a sum that left out
        "dozens killed" would undercount."""
        return self.best if self.best is not None else self.low

    def __add__(self, other: Count) -> Count:
        def plus(a: int | None, b: int | None) -> int | None:
            return None if a is None or b is None else a + b

        return Count(plus(self.low, other.low), plus(self.best, other.best), plus(self.high, other.high))

    def to_dict(self) -> dict[str, int | None]:
        return {"low": self.low, "best": self.best, "high": self.high}

    @classmethod
    def from_dict(cls, d: dict[str, int | None]) -> Count:
        return cls(d.get("low"), d.get("best"), d.get("high"))


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

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        """The inverse of to_dict (the anchor keeps only what to_dict writes of it)."""
        place = Place(
            d["name"],
            d.get("country"),
            d.get("admin1"),
            d.get("admin2"),
            d.get("lat"),
            d.get("lon"),
            d.get("geonameid"),
            d.get("feature_code"),
        )
        a = d.get("anchor")
        anchor = (
            None if a is None else Place(a["name"], lat=a.get("lat"), lon=a.get("lon"), geonameid=a.get("geonameid"))
        )
        return cls(place, d.get("precision", 1), d.get("relation", "in"), anchor)


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

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        """The inverse of to_dict: counts from `*_count` (the bare figures are their `best`)."""
        return cls(
            doc_id=d["doc_id"],
            date=parse_date_text(d.get("date")),
            date_precision=d.get("date_precision"),
            event_type=d.get("event_type"),
            sub_event_type=d.get("sub_event_type"),
            actor1=d.get("actor1"),
            actor2=d.get("actor2"),
            claimed_by=d.get("claimed_by"),
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            fatalities=_count_from(d, "fatalities"),
            wounded=_count_from(d, "wounded"),
            evidence=tuple((name, Span(*span)) for name, span in (d.get("evidence") or {}).items()),
            confidence=d.get("confidence", 0.5),
        )


# --- the dataset: events merged across reports -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of an event: the extracted Event and where it came from.
    `id` is stable (the document's content hash and the event's place in it), so ingesting the
    same article again finds the same reports."""

    id: str
    doc_id: str  # the document's content hash
    event: Event
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None
    duplicate_of: str | None = None  # the document this one is a near-copy of (syndication)
    seq: int = 0  # ingest order, to tell which report came last


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a report was or was not merged into an event: a score and the reasons in words."""

    same: bool
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"same": self.same, "score": round(self.score, 3), "reasons": list(self.reasons)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        return cls(bool(d["same"]), float(d["score"]), tuple(d.get("reasons") or ()))


@dataclass(frozen=True, slots=True)
class DatasetEvent:
    """A real-world event as the dataset holds it: fields merged over every report of it
    (rules in sitrep/store/dedup.py), and those reports. Fatalities and wounded keep low, best
    and high across reports (UCDP style); `sources` counts distinct articles, syndicated
    copies once."""

    id: str
    date: dt.date | None
    date_precision: str | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    claimed_by: tuple[str, ...]
    location: Location | None
    fatalities: Count | None
    wounded: Count | None
    reports: tuple[Report, ...]
    confidence: float = 0.5
    # An analyst's verdict (sitrep/store/review.py): verified, corrected or rejected; None: not reviewed.
    review_status: str | None = None

    @property
    def sources(self) -> int:
        return len({r.duplicate_of or r.doc_id for r in self.reports})

    def date_text(self) -> str | None:
        return Event(self.id, self.date, self.date_precision, None, None).date_text()

    def to_dict(self) -> dict[str, Any]:
        def count(c: Count | None) -> dict[str, int | None] | None:
            return c.to_dict() if c else None

        return {
            "id": self.id,
            "date": self.date_text(),
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "claimed_by": list(self.claimed_by),
            "location": self.location.to_dict() if self.location else None,
            # A record's figure is `best`, null for vague words, as in FORMAT.md (see Count.figure).
            "fatalities": self.fatalities.best if self.fatalities else None,
            "wounded": self.wounded.best if self.wounded else None,
            "fatalities_count": count(self.fatalities),
            "wounded_count": count(self.wounded),
            "sources": self.sources,
            "documents": sorted({r.doc_id for r in self.reports}),
            "confidence": round(self.confidence, 3),
            "review_status": self.review_status,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], reports: tuple[Report, ...]) -> DatasetEvent:
        """The inverse of to_dict, given the reports (to_dict keeps only their document ids)."""
        return cls(
            id=d["id"],
            date=parse_date_text(d.get("date")),
            date_precision=d.get("date_precision"),
            event_type=d.get("event_type"),
            sub_event_type=d.get("sub_event_type"),
            actor1=d.get("actor1"),
            actor2=d.get("actor2"),
            claimed_by=tuple(d.get("claimed_by") or ()),
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            fatalities=_count_from(d, "fatalities"),
            wounded=_count_from(d, "wounded"),
            reports=reports,
            confidence=d.get("confidence", 0.5),
            review_status=d.get("review_status"),
        )


def parse_date_text(text: str | None) -> dt.date | None:
    """A date as date_text writes it (YYYY-MM-DD, YYYY-MM or YYYY); a month or a year lands on its
    first day, as the extractor dates them."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])


def _count_from(d: dict[str, Any], name: str) -> Count | None:
    """A Count from `{name}_count`, else from the bare figure; None when neither is there."""
    if d.get(f"{name}_count"):
        return Count.from_dict(d[f"{name}_count"])
    return None if d.get(name) is None else Count.exact(d[name])
