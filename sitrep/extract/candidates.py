"""Candidates: one per clause that tells something violent (a trigger, or a casualty phrase alone),
with the place, date, toll, actors and claim the clause gives it. A candidate is not yet an
incident: extract/incidents.py clusters candidates that tell the same incident.

A clause with a non-incident cue (a tally, a court case, a seizure, a denial; triggers.toml) or an
unreal trigger (a threat, a plan) gives no candidate unless it has its own place and its own day,
and the reason is kept for `--explain`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sitrep.extract.actors import ActorMention, find_claims
from sitrep.extract.clauses import earlier_asides
from sitrep.extract.counts import CasualtyMention
from sitrep.extract.dates import DateMention
from sitrep.extract.placing import area_references, event_place
from sitrep.extract.roles import counted_victims
from sitrep.extract.salience import statistic
from sitrep.extract.sentences import Sentence
from sitrep.extract.triggers import (
    ATTACK,
    Trigger,
    is_earlier,
    is_generic,
    is_irrealis,
    is_irrealis_after,
    non_incident_cue,
)
from sitrep.geo import PlaceMention, relations
from sitrep.lang import LanguagePack, alternation
from sitrep.records import Span


@dataclass(frozen=True)
class Mentions:
    """Every mention of an article, each list sorted by start."""

    dates: list[DateMention]
    casualties: list[CasualtyMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    triggers: list[Trigger]

    def within(self, span: Span) -> Mentions:
        return Mentions(
            *(_within(getattr(self, name), span) for name in ("dates", "casualties", "places", "actors", "triggers"))
        )


T = TypeVar("T", DateMention, CasualtyMention, PlaceMention, ActorMention, Trigger)


def _within(items: Sequence[T], span: Span) -> list[T]:
    i = bisect_left(items, span.start, key=lambda x: x.span.start)
    out = []
    while i < len(items) and items[i].span.start < span.end:
        out.append(items[i])
        i += 1
    return out


@dataclass(frozen=True)
class Candidate:
    number: int  # 1-based, in the order told
    clause: Span
    sentence: Span
    paragraph: int
    trigger: Trigger
    triggers: tuple[Trigger, ...]  # every trigger of the clause (empty: implied by a toll)
    killed: tuple[CasualtyMention, ...]
    wounded: tuple[CasualtyMention, ...]
    actors: tuple[ActorMention, ...]
    victims: tuple[ActorMention, ...]
    place: PlaceMention | None  # the clause's (or its sentence's) own place
    date: DateMention | None  # the clause's (or its sentence's) own date
    claim: tuple[ActorMention, Span] | None
    area: bool = False  # no place of its own, but "in the area", "nearby": the place told before
    # Why its toll would be a statistic (salience.statistic), kept only on a candidate that names
    # an incident told before ("died in the massacre"): the toll may be that incident's.
    statistic: str = ""
    earlier: bool = False  # an earlier incident told for comparison ("a similar attack"): its own day stands

    @property
    def implied(self) -> bool:
        return not self.triggers

    @property
    def referential(self) -> bool:
        """Only definite or anaphoric triggers ("the attack", "angrepet"): it names a known incident."""
        return bool(self.triggers) and all(t.referential for t in self.triggers)

    @property
    def toll(self) -> bool:
        return bool(self.killed or self.wounded)

    @property
    def no_victims(self) -> bool:
        """Only "no casualties", "no one was killed": it may tell more of an incident, not start one."""
        return self.implied and all(not (c.count.best or c.count.low) for c in (*self.killed, *self.wounded))


@dataclass(frozen=True)
class Skipped:
    """A clause that told something violent but gave no candidate, and why."""

    span: Span
    trigger: Trigger
    reason: str
    # A summary's own day ("On Wednesday, 42 people died in a series of attacks"): the day of
    # the incidents its paragraph goes on to tell one by one.
    summary_date: DateMention | None = None


def clause_candidate(
    text: str,
    pack: LanguagePack,
    number: int,
    clause: Span,
    sentence: Sentence,
    paragraph: int,
    m: Mentions,
    claim: tuple[ActorMention, Span] | None,
    focus: str | None,
) -> Candidate | Skipped | None:
    """The candidate of one clause (m: the mentions of its sentence, claim: the claim it
    reports), a Skipped with the reason, or None when the clause tells nothing violent."""
    local = m.within(clause)
    # An aside about an earlier event ("which had been firebombed in 2011") tells that event: its
    # words say nothing of a trigger outside it (Arabic "كانت قد" is no "may"), and a trigger
    # inside it tells the clause's own incident only when no trigger stands outside it.
    asides = earlier_asides(sentence, pack)
    dates = [d.span for d in m.dates]
    triggers = [
        t
        for t in local.triggers
        if not is_irrealis(_words_before(text, clause, t.span, dates + _apart(t.span, asides)), pack)
        and not is_irrealis_after(text[: clause.end], t.span.end, pack)
    ]
    triggers = [t for t in triggers if not _inside(t.span, asides)] or triggers
    casualties = local.casualties
    if not triggers and not casualties:
        unreal = local.triggers[:1]
        return Skipped(clause, unreal[0], "a threat or a plan, not an incident") if unreal else None
    trigger = min(triggers, key=lambda t: t.rank) if triggers else _implied_trigger(casualties)
    # An aside about an earlier event tells that event's date and toll, not the trigger's
    # ("The gunman, who had killed 12 on Monday, was shot dead on Tuesday").
    outside = _apart(trigger.span, asides)
    casualties = _outside(casualties, outside)
    clause_text = text[clause.start : clause.end]
    if is_generic(clause_text, pack) and not casualties:
        day = [d for d in local.dates if d.date is not None and d.precision == "day" and not d.speech and not d.quoted]
        return Skipped(clause, trigger, "talk of attacks in general, not one incident", day[0] if day else None)
    # A place or date told before the clause in its sentence ("In Kirkuk, a bomb ..., and gunmen
    # ...") applies to it; one told after it belongs to a later clause.
    earlier = m.within(Span(sentence.span.start, clause.start))
    place = event_place(local.places, trigger, focus) or event_place(earlier.places, trigger, focus)
    # A chain that ties the sentence's incidents together ("..., the day after militants killed
    # two soldiers on Saturday") dates a clause that has no date of its own.
    chains = [d for d in m.dates if d.anchor is not None]
    date = (
        _own_date(_outside(local.dates, outside), trigger)
        or _own_date(_outside(earlier.dates, outside), trigger)
        or _own_date(_outside(chains, outside), trigger)
    )
    if date is not None and date.anchor is not None:
        date = _through_anchor(date, trigger, local.dates, m.dates)
    cue = non_incident_cue(_blank(text, outside) if outside else text, clause.start, clause.end, pack)
    if cue is not None and _cue_rules(cue, trigger, place, date, casualties):
        kind, span = cue
        return Skipped(clause, trigger, f"a {kind} cue ({text[span.start : span.end]!r})")
    killed = [c for c in casualties if c.kind == "killed"]
    too_large = statistic(killed, date is not None and date.precision == "day", place is not None)
    if too_large and not any(t.referential for t in triggers):
        return Skipped(clause, trigger, too_large)
    return Candidate(
        number=number,
        clause=clause,
        sentence=sentence.span,
        paragraph=paragraph,
        trigger=trigger,
        triggers=tuple(triggers),
        killed=tuple(killed),
        wounded=tuple(c for c in casualties if c.kind == "wounded"),
        actors=tuple(local.actors),
        victims=tuple(counted_victims(local.actors, casualties)),
        place=place,
        date=date,
        claim=claim,
        area=place is None and bool(area_references(clause_text, pack)),
        statistic=too_large,
        earlier=is_earlier(clause_text, pack),
    )


def _inside(span: Span, asides: list[Span]) -> bool:
    return any(a.start <= span.start < a.end for a in asides)


def _outside(mentions: list[T], asides: list[Span]) -> list[T]:
    """The mentions that stand in none of the asides."""
    return [d for d in mentions if not _inside(d.span, asides)]


def _cue_rules(
    cue: tuple[str, Span],
    trigger: Trigger,
    place: PlaceMention | None,
    date: DateMention | None,
    casualties: list[CasualtyMention],
) -> bool:
    """Does a non-incident cue make the clause no report of an incident? A court case, a seizure
    or a denial does when it governs the trigger (comes before it: "charged with the bombing",
    "seized explosives", "denied that civilians were killed"). A tally does unless the clause
    also has its own place and day ("the deadliest attack since 2017 killed 40 in Kabul on
    Monday" reports one), not counting a date inside the tally ("since 2017"), or tells the
    trigger and a toll before it: a superlative said of the incident just told ("a bomb killed
    40 people, the deadliest attack in the country's history"; tallies are no tolls here)."""
    kind, span = cue
    if kind != "tally":
        return span.start <= trigger.span.start
    if trigger.span.end <= span.start and any(c.span.end <= span.start for c in casualties):
        return False
    own_day = date is not None and date.precision == "day" and not span.start <= date.span.start < span.end
    return not (place is not None and own_day)


def _words_before(text: str, clause: Span, span: Span, hidden: list[Span]) -> str:
    """The few words before a trigger, where "threatened to" or "plans to" would stand, with
    dates and asides apart from it blanked out (`hidden`): "MAY" in a capitals dateline is a
    month, not a modal verb."""
    start = max(clause.start, span.start - 40)
    return _blank(text[start : span.end], [h.shift(-start) for h in hidden])


def _blank(text: str, spans: list[Span]) -> str:
    """The text with the spans (clipped to it) blanked out, its length kept."""
    for h in spans:
        a, b = max(h.start, 0), min(h.end, len(text))
        if a < b:
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def _apart(span: Span, asides: list[Span]) -> list[Span]:
    """The asides that do not hold the span: what they tell is not about it."""
    return [a for a in asides if not a.start <= span.start < a.end]


def _implied_trigger(casualties: list[CasualtyMention]) -> Trigger:
    """ "Three soldiers died" or "12 were wounded" with no attack word still reports violence."""
    killed = [c for c in casualties if c.kind == "killed"]
    first = (killed or casualties)[0]
    return Trigger(first.span, ATTACK, ATTACK, rank=99, strength=0.6 if killed else 0.45)


def _own_date(dates: list[DateMention], trigger: Trigger) -> DateMention | None:
    """The date nearest the trigger, leaving out dates of speech ("said on Tuesday"); a date
    inside a quotation only when there is no other (a quoted report may date its event)."""
    usable = [d for d in dates if not d.speech]
    usable = [d for d in usable if not d.quoted] or usable
    return min(usable, key=lambda d: abs(d.span.start - trigger.span.start)) if usable else None


def place_list(c: Candidate, places: list[PlaceMention], text: str, pack: LanguagePack) -> list[PlaceMention]:
    """The places listed with the candidate's own place ("in Homs, Qusair, Talbiseh and
    Rastan"), in order; [] when its place stands alone. `places`: those of its sentence. Only
    towns and provinces in or near which something happened: a list of countries names a
    region, not places of incidents."""
    places = _within(places, c.clause)
    if c.place is None or c.place not in places or not _listable(c.place):
        return []
    joiner = pack.compiled(_build_list_joiner)
    run = [c.place]
    joined = False  # by an "and": "Calle del Correo, Madrid" is a street and its city, no list
    for step in (-1, 1):
        i = places.index(c.place) + step
        while 0 <= i < len(places) and _listable(places[i]):
            left, right = (places[i], run[0]) if step < 0 else (run[-1], places[i])
            m = joiner.fullmatch(text, left.phrase_span.end, right.phrase_span.start)
            if m is None or (m.group("word") is None and "," not in m.group()):
                break
            joined = joined or m.group("word") is not None
            run.insert(0, places[i]) if step < 0 else run.append(places[i])
            i += step
    return run if len(run) > 1 and joined else []


def _listable(p: PlaceMention) -> bool:
    """A town or province the gazetteer knows, where something happened: hotels and streets of
    one town ("the Radisson, the Hyatt and the Days Inn in Amman") are one incident's place."""
    return (
        p.rule == "gazetteer"
        and (p.location.precision < 3 or (p.location.place.feature_code or "").startswith(("ADM1", "ADM2")))
        and not p.speaker
        and p.location.relation in (relations.IN, relations.NEAR)
    )


def _build_list_joiner(pack: LanguagePack) -> re.Pattern[str]:
    """What stands between two places of a list: a comma, an "and" (places.toml and_words), or
    both (place_list checks that one of them is there). The "and" may be glued to the next place
    ("حمص والقصير": the place finder split the clitic off, so the place starts right after it)."""
    words = alternation([re.escape(w) for w in pack["places"]["and_words"]])
    return re.compile(rf"\s*(?:,\s*)?(?:(?P<word>{words})(?:\s+|$))?", re.IGNORECASE)


def _through_anchor(
    chain: DateMention, trigger: Trigger, clause_dates: list[DateMention], sentence_dates: list[DateMention]
) -> DateMention:
    """A chain with an anchor ("the day after <militants killed two soldiers on Saturday>") and
    the anchor's own date: the incident inside the anchor takes that date; the one outside it,
    that date moved by the chain ("the day after Saturday": Sunday)."""
    assert chain.anchor is not None and chain.chain_offset is not None
    inside = chain.anchor.start <= trigger.span.start < chain.anchor.end
    plain = [
        d
        for d in (clause_dates if inside else sentence_dates)
        if d.chain_offset is None and d.date is not None and d.span.start >= chain.span.end
    ]
    if not plain:
        return chain
    anchor_date = plain[0]
    if inside or anchor_date.precision != "day" or anchor_date.date is None:
        return anchor_date
    moved: dt.date = anchor_date.date + dt.timedelta(days=chain.chain_offset)
    if chain.not_after is not None and moved > chain.not_after:
        moved = chain.not_after
    return replace(chain, date=moved, precision="day", chain_offset=None, anchor=None)


def sentence_claim(
    text: str, sentence: Sentence, pack: LanguagePack, actors: list[ActorMention]
) -> tuple[ActorMention, Span] | None:
    """(claimant, claim phrase) when the sentence reports a claim that is not denied; `actors`:
    those of the sentence."""
    claims = [c for c in find_claims(sentence.text, pack) if not c.negated]
    groups = [a for a in actors if a.side == "group" and not a.denied]
    if not claims or not groups:
        return None
    span = claims[0].span.shift(sentence.span.start)
    claimant = min(groups, key=lambda a: abs(a.span.start - span.start))
    return claimant, span
