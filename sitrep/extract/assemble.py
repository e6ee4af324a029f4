"""Assemble mentions into events: one event per place per day.

Sentences are read in order. A sentence with a trigger or a casualty phrase describes an event;
its date, place and actors come from the sentence itself, and what the sentence leaves out is
carried over from the event the text is talking about (discourse: "A day later", "The blast also
wounded 12"). A sentence with its own place or day starts a new event unless an event at that
place and day exists already (three car bombs in one town on one day are one event).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sitrep.extract.actors import ActorMention, actor_name, find_actors, find_claims
from sitrep.extract.budget import EXTRACTION_BUDGET_S, Deadline
from sitrep.extract.counts import CasualtyMention, find_casualties
from sitrep.extract.dates import DateMention, find_dates, resolve_chain
from sitrep.extract.placing import event_place, focus_country
from sitrep.extract.roles import event_roles
from sitrep.extract.roles import event_type as event_type_of
from sitrep.extract.tolls import combine_counts
from sitrep.extract.drafts import Draft, Told, merge, same_event
from sitrep.extract.sentences import Sentence, split_sentences
from sitrep.extract.spans import SpanSet
from sitrep.extract.triggers import ATTACK, Trigger, find_triggers, is_generic, is_irrealis
from sitrep.extract.visible import VisibleText
from sitrep.geo import PlaceMention, country_place, find_places, relations
from sitrep.geo.places import all_caps
from sitrep.lang import LanguagePack, available_languages, load_pack
from sitrep.records import Document, Event, Location, Span

# A dateline ("SAN SALVADOR, 3 JAN 90 --", "BEIRUT –") names where and when the story was filed,
# not where the event happened: its mentions are not event fields.
DATELINE_CHARS = 80


@dataclass(frozen=True)
class _Mentions:
    dates: list[DateMention]
    casualties: list[CasualtyMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    triggers: list[Trigger]


T = TypeVar("T", DateMention, CasualtyMention, PlaceMention, ActorMention, Trigger)


def _within(items: Sequence[T], starts: list[int], span: Span) -> list[T]:
    i = bisect_left(starts, span.start)
    out = []
    while i < len(items) and starts[i] < span.end:
        out.append(items[i])
        i += 1
    return out


_DATELINE_END = re.compile(r"\s(?:--|[-–—])(?:\s|$)|\((?:NTB|Reuters|AP|AFP|dpa|ANSA|EFE)\)\s*:?")


# A dateline is a place, maybe a region, a date and an agency, at the start of a line: "SAN
# SALVADOR, 3 JAN 90 (ACAN-EFE) --", "RALEIGH, N.C. (AP) —", "BEIRUT –". Each comma-separated
# part holds a few capitalised words or figures; a sentence cut by a dash ("Gunmen killed three
# people in Kabul on Monday — police said") runs longer or has lower-case words, and is no dateline.
DATELINE_PART_WORDS = 4
_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")  # "(AP)", "[REPORT]", a typo'd "[CADENA 1)"
_PARTS = re.compile(r"[,;:]")
_WORDS = re.compile(r"[^\W_]+")


def _dateline_end(text: str, dates: list[DateMention], first_event: int) -> int:
    """Where a dateline at the start of the text ends (0 when there is none). `first_event` is
    where the first trigger or casualty phrase starts: a line that tells an event is no dateline."""
    m = _DATELINE_END.search(text, 0, DATELINE_CHARS)
    if m is None:
        return 0
    line_start = text.rfind("\n", 0, m.start()) + 1  # after a byline ("By Daily staff\n\nKIRKUK, ...")
    head = _dates_as_figures(text, line_start, m.start(), dates)
    if _dateline_like(head) or _dateline_like(_glued_dateline(head)):
        return m.end()
    # A label before the dateline ("date 2020-01-27 BEIRUT –"): no event told, a city in capitals.
    words = _WORDS.findall(_BRACKETED.sub(" ", head))
    calm = first_event >= m.start() and bool(words) and words[-1].isupper() and len(words[-1]) > 1
    return m.end() if calm else 0


def _glued_dateline(head: str) -> str:
    """The dateline of a story glued to the headline before it ("...Surveillance PrioritiesLONDON"):
    the capitals after the last lower-case letter that runs straight into one; "" if none."""
    for i in range(len(head) - 1, 0, -1):
        if head[i - 1].islower():
            return head[i:] if head[i].isupper() else ""
    return ""


def _dates_as_figures(text: str, start: int, end: int, dates: list[DateMention]) -> str:
    """text[start:end] with each date phrase the pack knows ("3. januar", "Jan. 5") written as one
    figure, so that a date in lower-case words reads as a date, not as a sentence."""
    head = text[start:end]
    for d in reversed(dates):
        if start <= d.span.start and d.span.end <= end:
            head = f"{head[: d.span.start - start]} 0 {head[d.span.end - start :]}"
    return head


def _dateline_like(head: str) -> bool:
    if not head.strip():
        return False
    for part in _PARTS.split(_BRACKETED.sub(",", head)):
        words = _WORDS.findall(part)
        if len(words) > DATELINE_PART_WORDS or any(w[0].islower() for w in words):
            return False
    return True


def extract_document(doc: Document, budget_s: float | None = EXTRACTION_BUDGET_S) -> list[Event]:
    """Every violent event reported in `doc`. Past `budget_s` seconds (None: no limit) the
    extraction stops with ExtractionTimeout. Evidence spans are offsets into `doc.text`."""
    deadline = Deadline.start(doc.id, budget_s)
    visible = VisibleText.of(doc.text)  # invisible characters out, for matching only
    events = _extract(replace(doc, text=visible.text) if visible.changed else doc, deadline)
    return [visible.event(e) for e in events]


def _extract(doc: Document, deadline: Deadline) -> list[Event]:
    code = doc.lang if doc.lang in available_languages() else "en"
    pack = load_pack(code)
    text = doc.text
    caps = all_caps(text)
    lowered = text.lower()
    places = find_places(text, pack, deadline.check)
    deadline.check()
    casualties = find_casualties(text, pack)
    deadline.check()
    actors = find_actors(text, pack, caps, lowered)
    deadline.check()
    triggers = find_triggers(text, pack, lowered)
    dates = find_dates(text, pack, doc.published)
    first_event = min((x.span.start for x in (*casualties[:1], *triggers[:1])), default=len(text))
    skip = _dateline_end(text, dates, first_event)
    mentions = _Mentions(
        dates=[d for d in dates if d.span.start >= skip],
        casualties=casualties,
        places=[p for p in places if p.span.start >= skip and p.rule != "dateline"],
        actors=actors,
        triggers=triggers,
    )
    deadline.check()
    focus = focus_country(mentions.places)
    drafts = _read_sentences(text, pack, doc.published, mentions, focus, deadline)
    dateline = next((p for p in places if p.rule == "dateline"), None)
    if dateline is not None and focus not in (None, dateline.location.place.country):
        dateline = None  # filed from abroad: the dateline city says nothing about the event
    return [_freeze(d, doc, focus, dateline) for d in drafts]


def _read_sentences(text: str, pack: LanguagePack, published: dt.date | None, m: _Mentions, focus: str | None,
                    deadline: Deadline) -> list[Draft]:
    index = {name: [x.span.start for x in getattr(m, name)] for name in ("dates", "casualties", "places", "actors", "triggers")}
    told = Told()
    current: Draft | None = None
    pending_claim: tuple[ActorMention, Span] | None = None
    paragraph = 0
    last_end = 0
    for sentence in split_sentences(text):
        deadline.check()
        if "\n\n" in text[last_end : sentence.span.start] or "\n   " in text[last_end : sentence.span.start]:
            paragraph += 1
        last_end = sentence.span.end
        local = {name: _within(getattr(m, name), index[name], sentence.span) for name in index}
        claim = _claim(sentence, pack, local["actors"])
        triggers = [t for t in local["triggers"] if not is_irrealis(_clause_before(text, sentence, t.span), pack)]
        if not triggers and not local["casualties"]:
            if claim:
                if current:
                    _attach_claim(current, claim)
                else:
                    pending_claim = claim
            continue
        if is_generic(sentence.text, pack) and not local["casualties"]:
            continue
        draft = _sentence_event(sentence, local, triggers, current, published, paragraph, focus)
        if draft is None:
            continue
        target = same_event(told, draft, current)
        if target is None:
            told.add(draft)
            target = draft
        else:
            merge(target, draft)
            told.changed(target)
        for c in (claim, pending_claim):
            if c:
                _attach_claim(target, c)
        pending_claim = None
        current = target
    return told.drafts


def _clause_before(text: str, sentence: Sentence, span: Span) -> str:
    """The few words before a trigger, where "threatened to" or "plans to" would stand."""
    start = max(sentence.span.start, span.start - 40)
    return text[start : span.end]


def _claim(sentence: Sentence, pack: LanguagePack, actors: list[ActorMention]) -> tuple[ActorMention, Span] | None:
    claims = [c for c in find_claims(sentence.text, pack) if not c.negated]
    groups = [a for a in actors if a.side == "group"]
    if not claims or not groups:
        return None
    span = claims[0].span.shift(sentence.span.start)
    claimant = min(groups, key=lambda a: abs(a.span.start - span.start))
    return claimant, span


def _attach_claim(draft: Draft, claim: tuple[ActorMention, Span]) -> None:
    if draft.claimant is None:
        draft.claimant, draft.claim_span = claim


def _sentence_event(
    sentence: Sentence,
    local: dict[str, list],
    triggers: list[Trigger],
    current: Draft | None,
    published: dt.date | None,
    paragraph: int,
    focus: str | None,
) -> Draft | None:
    casualties: list[CasualtyMention] = local["casualties"]
    trigger = min(triggers, key=lambda t: t.rank) if triggers else _implied_trigger(casualties)
    if trigger is None:
        return None
    draft = Draft(trigger=trigger, paragraph=paragraph)
    draft.killed = [c for c in casualties if c.kind == "killed"]
    draft.wounded = [c for c in casualties if c.kind == "wounded"]
    draft.actors = list(local["actors"])
    counted = SpanSet(c.span for c in casualties)
    draft.victims = [a for a in draft.actors if a.side != "group" and counted.overlaps(a.span.start, a.span.end)]
    _set_date(draft, local["dates"], trigger, current)
    place = event_place(local["places"], trigger, focus)
    if place is not None:
        draft.place, draft.own_place = place, True
    anchored = draft.own_place or draft.date_span is not None or bool(casualties)
    if not anchored and current is None:
        return None
    # "The murder of the Jesuits" with no place or toll of its own names a known event: it may
    # add detail to the event being told, but it does not start one.
    if triggers and all(t.referential for t in triggers) and not casualties and not draft.own_place:
        if current is None or draft.date_span is not None:
            return None
    if draft.date is None and draft.date_span is None:
        _inherit_date(draft, current, published)
    return draft


def _implied_trigger(casualties: list[CasualtyMention]) -> Trigger | None:
    """"Three soldiers died" with no attack word still reports violence."""
    killed = [c for c in casualties if c.kind == "killed"]
    if not killed:
        return None
    return Trigger(killed[0].span, ATTACK, ATTACK, rank=99, strength=0.6)


def _set_date(draft: Draft, dates: list[DateMention], trigger: Trigger, current: Draft | None) -> None:
    if not dates:
        return
    mention = min(dates, key=lambda d: abs(d.span.start - trigger.span.start))
    previous = (current.date, current.precision or "day") if current and current.date else None
    draft.date, draft.precision = resolve_chain(mention, previous)
    draft.date_span = mention.span


def _inherit_date(draft: Draft, current: Draft | None, published: dt.date | None) -> None:
    if current is not None and (current.paragraph == draft.paragraph or not draft.own_place):
        draft.date, draft.precision = current.date, current.precision
    elif published is not None:
        # No date in the text: news reports the latest events; ACLED codes them on the report date.
        draft.date, draft.precision = published, "day"


def _freeze(draft: Draft, doc: Document, focus: str | None, dateline: PlaceMention | None) -> Event:
    evidence: dict[str, Span] = {"event_type": draft.trigger.span}
    killed = combine_counts(draft.killed)
    wounded = combine_counts(draft.wounded)
    actor1, actor2 = event_roles(draft.actors, draft.victims, draft.trigger)
    event_type, sub_event_type = event_type_of(draft.trigger, actor1, actor2)
    if draft.date_span:
        evidence["date"] = draft.date_span
    place = draft.place or dateline
    if place is not None:
        evidence["location"] = place.phrase_span
    location = draft.place.location if draft.place else _unplaced_location(dateline, focus)
    if killed:
        evidence["fatalities"] = killed.span
    if wounded:
        evidence["wounded"] = wounded.span
    if actor1 is None and draft.claimant is not None:
        actor1 = draft.claimant
    # A side without a demonym belongs to the country where the event happened.
    country = location.place.country if location and location.place.country else focus
    for name, actor in (("actor1", actor1), ("actor2", actor2), ("claimed_by", draft.claimant)):
        if actor:
            evidence[name] = actor.span
    if draft.claim_span:
        evidence["claim"] = draft.claim_span
    return Event(
        doc_id=doc.id,
        date=draft.date,
        date_precision=draft.precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor_name(actor1, country) if actor1 else None,
        actor2=actor_name(actor2, country) if actor2 else None,
        claimed_by=actor_name(draft.claimant, country) if draft.claimant else None,
        location=location,
        fatalities=killed.count if killed else None,
        wounded=wounded.count if wounded else None,
        evidence=tuple(sorted(evidence.items())),
        confidence=_confidence(draft, killed is not None),
    )


def _unplaced_location(dateline: PlaceMention | None, iso: str | None) -> Location | None:
    """Where an event the text does not place happened, as wire desks read it: in or near the
    dateline city when the story is filed from the country it is about (precision 2), else
    somewhere in the article's country (precision 3)."""
    if dateline is not None:
        return Location(dateline.location.place, precision=2, relation=relations.DATELINE)
    if iso is None:
        return None
    return Location(country_place(iso), precision=3, relation=relations.IN)


def _confidence(draft: Draft, has_count: bool) -> float:
    score = 0.35 * draft.trigger.strength
    score += 0.2 if draft.own_place else 0.0
    score += 0.15 if draft.date_span is not None else 0.0
    score += 0.15 if has_count else 0.0
    score += 0.1 if draft.actors else 0.0
    score += 0.05 if draft.claimant else 0.0
    return min(score, 0.99)

