"""Where an incident happened, from the place mentions of its clauses, and the article's main
country (its focus)."""

from __future__ import annotations

from collections import Counter

from sitrep.extract.triggers import Trigger
from sitrep.geo import PlaceMention


def focus_country(places: list[PlaceMention]) -> str | None:
    votes: Counter[str] = Counter()
    for p in places:
        if p.location.place.country:
            # Places where things happen count more than names used as modifiers ("U.S. envoy").
            votes[p.location.place.country] += p.score * (1.0 if locative(p) else 0.3)
    return votes.most_common(1)[0][0] if votes else None


def event_place(places: list[PlaceMention], trigger: Trigger, focus: str | None) -> PlaceMention | None:
    # A weak match abroad is more often a common word than a foreign place ("AT DAWN" -> Fajar).
    usable = [p for p in places if locative(p) and (p.score >= 0.8 or p.location.place.country in (None, focus))]
    if not usable:
        return None
    # Prefer a specific place (a town, then a province, then a country), then the one nearest the trigger.
    return min(usable, key=lambda p: (p.location.precision == 3, p.location.place.feature_code == "PCLI",
                                      p.score < 0.5, abs(p.span.start - trigger.span.start)))


def locative(place: PlaceMention) -> bool:
    """Can this mention be where an event happened? A name after a preposition ("in Syria",
    "near Mayadeen") can; a bare country name is usually a modifier ("U.S. drone strike"), and
    a bare town name must be a confident gazetteer match."""
    with_preposition = place.phrase_span.start < place.span.start
    if with_preposition or place.location.precision < 3 and place.score >= 0.5:
        return True
    return place.location.place.admin1 is not None and place.score >= 0.8
