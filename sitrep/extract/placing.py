"""Where an incident happened, from the place mentions of its clauses, and the article's main
country (its focus)."""

from __future__ import annotations

import re

from sitrep.extract.triggers import Trigger
from sitrep.geo import PlaceMention, relations
from sitrep.geo.normalize import ARTICLES, fold
from sitrep.lang import LanguagePack
from sitrep.records import Span

# A speaker's or venue's place ("said in Kabul") tells little of the country an article is about.
SPEAKER_WEIGHT = 0.1


def focus_country(places: list[PlaceMention], min_votes: float = 0.0) -> str | None:
    """The country the places point to most: each votes its match score, less when it is a
    modifier or a speaker's place. None when no country gets `min_votes`."""
    votes: dict[str, float] = {}
    for p in places:
        if p.location.place.country:
            # Places where things happen count more than names used as modifiers ("U.S. envoy").
            weight = SPEAKER_WEIGHT if p.speaker else 1.0 if locative(p) else 0.3
            votes[p.location.place.country] = votes.get(p.location.place.country, 0.0) + p.score * weight
    best = max(votes, key=votes.__getitem__, default=None)
    return best if best is not None and votes[best] >= min_votes else None


def event_place(places: list[PlaceMention], trigger: Trigger, focus: str | None) -> PlaceMention | None:
    """The place of the event a trigger reports, among the place mentions of its clause; None when
    none can be (a speaker's or venue's place never is: "said in Kabul")."""
    # A weak match abroad is more often a common word than a foreign place ("AT DAWN" -> Fajar).
    usable = [
        p
        for p in places
        if locative(p) and not p.speaker and (p.score >= 0.8 or p.location.place.country in (None, focus))
    ]
    # The anchor of another mention's phrase only places that mention: "Kafr X near Aleppo", "between X and Y".
    # Few mentions have a phrase past their name: only those can hold another (linear in a long sentence).
    # Where the relation follows its name ("Halep yakınlarındaki Kafr X"), an unknown place's phrase
    # starts at its anchor's name (geo/places.py _located_by_previous).
    holders = [q for q in usable if q.phrase_span.end > q.span.end or _placed_by_previous(q)]
    usable = [p for p in usable if not any(_within(p, q) for q in holders)]
    if not usable:
        return None
    # Prefer a specific place (a town, then a province, then a country), then the one nearest the trigger.
    return min(
        usable,
        key=lambda p: (
            p.location.precision == 3,
            p.location.place.feature_code == "PCLI",
            p.score < 0.5,
            abs(p.span.start - trigger.span.start),
        ),
    )


def _placed_by_previous(q: PlaceMention) -> bool:
    return q.rule == "syntax" and q.location.anchor is not None and q.phrase_span.start < q.span.start


def _within(p: PlaceMention, q: PlaceMention) -> bool:
    """Is p's name inside q's phrase without being q's own name?"""
    return (
        q is not p
        and q.phrase_span.start <= p.span.start
        and p.span.end <= q.phrase_span.end
        and not (q.span.start < p.span.end and p.span.start < q.span.end)
    )


def locative(place: PlaceMention) -> bool:
    """Can this mention be where an event happened? A name after a preposition ("in Syria",
    "near Mayadeen") can; a bare country name is usually a modifier ("U.S. drone strike"), and
    a bare town name must be a confident gazetteer match."""
    with_preposition = place.phrase_span.start < place.span.start or place.locative_suffix  # or "Kabil'de"
    # "the X camp, located near Y": a phrase after the name places it (not an admin word: "X DEPARTMENT")
    loc = place.location
    placed_after = place.phrase_span.end > place.span.end and loc.anchor is not None and loc.relation != relations.IN
    if with_preposition or placed_after or place.location.precision < 3 and place.score >= 0.5:
        return True
    return place.location.place.admin1 is not None and place.score >= 0.8


def area_references(text: str, pack: LanguagePack) -> list[Span]:
    """Phrases that put an event where the previous one was without naming it ("in the area",
    "nearby", "i området", "i nærheten"; places.toml [area_references]), so that the incident
    model can carry the last place over. A phrase followed by a name or a linking word ("in the
    area of Mosul", "nearby Aleppo", "i området rundt Mosul") names a place itself and is left out."""
    from sitrep.geo.cues import cues_for
    from sitrep.geo.places import all_caps
    from sitrep.geo.rules import rules_for

    from sitrep.visible import VisibleText

    cues, rules = cues_for(pack), rules_for(pack)
    seen = VisibleText.of(text)  # the phrases are folded as matching reads them ("المنطقة")
    matched = seen.text
    caps = all_caps(matched)
    found = []
    for m in cues.area_reference.finditer(matched):
        after = _NEXT_WORD.match(matched, m.end())
        word = after.group(1) if after else ""
        if word and _names_a_place(word, caps, cues.not_before, rules.stop, (rules.common, rules.settlements)):
            continue
        span = Span(m.start(), m.end())
        found.append(seen.to_original(span) if seen.changed else span)
    return found


# The word right after a phrase, on the same line and with no punctuation between; a lower-case
# article of a transliterated name is skipped ("nearby al-Mayadin": the name is "Mayadin").
_NEXT_WORD = re.compile(rf"[ \t]+(?:(?:{'|'.join(sorted(ARTICLES))})-)?(\w+)")


def _names_a_place(
    word: str, caps: bool, links: frozenset[str], stop: frozenset[str], everyday: tuple[frozenset[str], ...]
) -> bool:
    """Does the word after an area phrase make it a locative phrase of its own ("of", "Aleppo")?
    Capitals tell a name in mixed-case text; in an ALL-CAPS transcript only a word that is no
    everyday word can be one ("NEARBY MOSUL", but "IN THE AREA ON MONDAY")."""
    low = fold(word)
    if low in links:
        return True
    if low in stop:  # "in the area Monday", "i området i natt"
        return False
    if caps:
        return not any(low in words for words in everyday)
    return word[0].isupper()
