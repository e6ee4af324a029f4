"""Assemble an article's mentions into events: candidates -> incidents -> events.

Each clause that tells something violent gives a candidate with its own place, date, toll and
actors (extract/candidates.py); clauses that tally, threaten, plan, deny or report a court case or
a seizure give none. Candidates are clustered into incidents (extract/incidents.py): a clause
with no place or date of its own tells more of the incident before ("The blast also wounded 12"),
one with its own place or day joins the incident it is compatible with (the headline, the lead
and a recap of one bombing are one event) or starts one. Each incident becomes one event, with
the most precise place and date told of it and a toll by the rules of extract/tolls.py.
`read_document` also says why, candidate by candidate; sitrep.extract.extractor holds the packs
and the gazetteer it reads with.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from sitrep.extract.actors import ActorMention, actor_name, find_actors
from sitrep.dateline import NO_DATELINE, dateline_words, read_dateline
from sitrep.extract.budget import EXTRACTION_BUDGET_S, Deadline
from sitrep.extract.candidates import Candidate, Mentions, Skipped, clause_candidate, place_list, sentence_claim
from sitrep.extract.clauses import split_clauses
from sitrep.extract.counts import read_casualties
from sitrep.extract.dates import DateMention, find_dates
from sitrep.extract.disasters import disaster_cause
from sitrep.extract.explain import DROPPED, MERGED, NEW, CandidateNote, Explanation, IncidentNote
from sitrep.extract.incidents import (
    LOOKUP_DEPTH,
    Incident,
    Told,
    compatible_kinds,
    day_of_its_period,
    in_area,
    is_area,
    joins,
    merge,
    same_place,
)
from sitrep.extract.placing import focus_country
from sitrep.extract.roles import event_roles
from sitrep.extract.salience import kept_reason
from sitrep.extract.roles import event_type as event_type_of
from sitrep.extract.sentences import Sentence, split_sentences
from sitrep.extract.tolls import combine_counts
from sitrep.extract.triggers import ATTACK, Trigger, find_triggers, is_umbrella
from sitrep.geo import PlaceMention, country_place, relations
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.places import all_caps, find_places
from sitrep.lang import LanguagePack, alternation
from sitrep.lang.packset import PackSet
from sitrep.records import Document, Event, Location, Span
from sitrep.visible import VisibleText


def read_document(
    doc: Document, packs: PackSet, gazetteer: Gazetteer, budget_s: float | None = EXTRACTION_BUDGET_S
) -> tuple[list[Event], Explanation]:
    """The events of `doc`, read with its pack from `packs` and places from `gazetteer`, and how
    they were found: the candidates, which were merged into which incident and which were
    dropped, and why. Past `budget_s` seconds (None: no limit) the extraction stops with
    ExtractionTimeout. Evidence spans are offsets into `doc.text`."""
    deadline = Deadline.start(doc.id, budget_s)
    visible = VisibleText.of(doc.text)  # invisible characters out, for matching only
    seen = replace(doc, text=visible.text) if visible.changed else doc
    events, explanation = _extract(seen, packs.choose(seen.lang, seen.text), packs, gazetteer, deadline)
    return [visible.event(e) for e in events], _explanation_on_original(visible, explanation)


def _explanation_on_original(visible: VisibleText, explanation: Explanation) -> Explanation:
    """The explanation with its clause spans on the original text."""
    if not visible.changed:
        return explanation
    notes = tuple(replace(c, span=visible.to_original(c.span)) for c in explanation.candidates)
    return replace(explanation, candidates=notes)


def _extract(
    doc: Document, pack: LanguagePack, packs: PackSet, gazetteer: Gazetteer, deadline: Deadline
) -> tuple[list[Event], Explanation]:
    """The events of `doc` read with `pack`; the tables read across languages (dateline words,
    demonyms) come from every pack of `packs`, the set `pack` was chosen from."""
    text = doc.text
    caps = all_caps(text)
    lowered = text.lower()
    # A dateline ("SAN SALVADOR, 3 JAN 90 --", "BEIRUT –") names where and when the story was filed,
    # not where the event happened: read once, for geo and dates, and its mentions are no event fields.
    dateline = read_dateline(text, dateline_words(packs)) or NO_DATELINE
    places = find_places(text, pack, gazetteer, deadline.check, dateline)
    deadline.check()
    casualties, other_deaths = read_casualties(text, pack)
    deadline.check()
    actors = find_actors(text, pack, caps, lowered, packs)
    deadline.check()
    # "Ten people were killed after a tornado tore through the town": the death word of a toll of
    # another cause tells no violence.
    triggers = [
        t
        for t in find_triggers(text, pack, lowered)
        if not any(o.start <= t.span.start and t.span.end <= o.end for o in other_deaths)
    ]
    dates = find_dates(text, pack, doc.published, dateline)
    dateline_span = dateline.span or Span(0, 0)
    mentions = Mentions(
        dates=[d for d in dates if not dateline_span.start <= d.span.start < dateline_span.end],
        casualties=casualties,
        places=[
            p for p in places if not dateline_span.start <= p.span.start < dateline_span.end and p.rule != "dateline"
        ],
        actors=actors,
        triggers=triggers,
    )
    deadline.check()
    focus = focus_country(mentions.places)
    sentences = list(_sentences(text, pack))
    reading = _Reading(text, pack, doc.published, triggers, _paragraph_starts(sentences))
    local_focus = _paragraph_focus(sentences, mentions, focus)
    for sentence, paragraph in sentences:
        deadline.check()
        m = mentions.within(sentence.span)
        claim = sentence_claim(text, sentence, pack, m.actors)
        for clause in _clauses(sentence, pack, m, dateline_span):
            reading.read(clause, sentence, paragraph, m, claim, local_focus[paragraph])
    filed_from = next((p for p in places if p.rule == "dateline"), None)
    if filed_from is not None and focus not in (None, filed_from.location.place.country):
        filed_from = None  # filed from abroad: the dateline city says nothing about the event
    incidents = reading.finish()
    events = [_freeze(d, doc, focus, filed_from) for d in incidents]
    return events, reading.explanation(doc.id)


def _drop_area_tolls(incident: Incident, kept: list[Incident]) -> None:
    """ "Bombs on Bali killed 26 ... two went off in Jimbaran, a third in Kuta": a toll told while
    the incident was placed only in an area is the area's, no one site's, once another incident
    of that day is at another site in it (as a list's toll is, candidates.place_list)."""
    area, place = incident.area, incident.place
    if area is None or not incident.area_tolls or place is None or is_area(place):
        return
    if not any(
        other is not incident
        and other.own_place
        and other.place is not None
        and other.date == incident.date
        and in_area(other.place, area)
        and not same_place(other, incident)
        for other in kept
    ):
        return
    told = {id(m) for m in incident.area_tolls}
    incident.killed = [m for m in incident.killed if id(m) not in told]
    incident.wounded = [m for m in incident.wounded if id(m) not in told]


def _sentences(text: str, pack: LanguagePack) -> Iterator[tuple[Sentence, int]]:
    """Every sentence of the text with its paragraph number."""
    paragraph = 0
    last_end = 0
    for sentence in split_sentences(text, pack):
        if "\n\n" in text[last_end : sentence.span.start] or "\n   " in text[last_end : sentence.span.start]:
            paragraph += 1
        last_end = sentence.span.end
        yield sentence, paragraph


def _paragraph_starts(sentences: list[tuple[Sentence, int]]) -> dict[int, int]:
    """Where each paragraph starts: its first sentence's start."""
    starts: dict[int, int] = {}
    for sentence, paragraph in sentences:
        starts.setdefault(paragraph, sentence.span.start)
    return starts


# The votes a paragraph's own places must give a country to outweigh the article's: one
# well-matched place where something happened ("in the city of Jos"), not a weak lone match.
PARAGRAPH_FOCUS_VOTES = 0.7


def _paragraph_focus(
    sentences: list[tuple[Sentence, int]], mentions: Mentions, focus: str | None
) -> dict[int, str | None]:
    """Each paragraph's main country, else the article's: a roundup tells each story in its own
    paragraphs, and a town of the story's country need not be famous to be believed."""
    spans: dict[int, Span] = {}
    for sentence, paragraph in sentences:
        first = spans.get(paragraph, sentence.span)
        spans[paragraph] = Span(first.start, sentence.span.end)
    return {
        paragraph: focus_country(mentions.within(span).places, PARAGRAPH_FOCUS_VOTES) or focus
        for paragraph, span in spans.items()
    }


def _clauses(sentence: Sentence, pack: LanguagePack, m: Mentions, dateline: Span) -> Iterator[Span]:
    """The clauses of a sentence; one that starts in the dateline starts after it."""
    for clause in split_clauses(sentence, pack, m.triggers):
        span = clause.span
        if dateline.start <= span.start < dateline.end:
            span = Span(dateline.end, max(dateline.end, span.end))
        if span.end > span.start:
            yield span


class _Reading:
    """The article read clause by clause: candidates made, clustered into incidents, and noted."""

    def __init__(
        self,
        text: str,
        pack: LanguagePack,
        published: dt.date | None,
        triggers: list[Trigger],
        paragraph_starts: dict[int, int],
    ) -> None:
        self.text, self.pack, self.published = text, pack, published
        self.triggers, self.paragraph_starts = triggers, paragraph_starts
        self.told = Told()
        self.current: Incident | None = None
        self.pending_claim: tuple[ActorMention, Span] | None = None
        self.notes: list[CandidateNote] = []
        self.verdicts: dict[int, tuple[int | None, str]] = {}  # incident seq -> (event number, reason)
        self.summary: tuple[int, DateMention] | None = None  # (paragraph, day) of a summary told before

    def read(
        self,
        clause: Span,
        sentence: Sentence,
        paragraph: int,
        m: Mentions,
        claim: tuple[ActorMention, Span] | None,
        focus: str | None,
    ) -> None:
        if claim and clause.start <= sentence.span.start and _claims_every_incident(sentence.text, self.pack):
            # "Both attacks were claimed by the Taliban": every incident told so far is claimed.
            for incident in self.told.incidents:
                _attach_claim(incident, claim)
        number = len(self.notes) + 1
        found = clause_candidate(self.text, self.pack, number, clause, sentence, paragraph, m, claim, focus)
        if found is None:
            claim = claim if clause.start <= sentence.span.start else None  # once per sentence
            if claim and self.current:
                _attach_claim(self.current, claim)
            elif claim:
                self.pending_claim = claim
            return
        if isinstance(found, Skipped):
            if found.summary_date is not None:
                self.summary = (paragraph, found.summary_date)
                current = self.current
                if current is not None and current.date is None and found.summary_date.date is not None:
                    # "The Sharm el-Sheikh bombings were a series of attacks on 23 July 2005": the
                    # day of the incident told so far without one (no publication date either).
                    current.date, current.precision = found.summary_date.date, found.summary_date.precision
                    current.date_span = found.summary_date.span
            self._note(number, clause, found.trigger, DROPPED, None, found.reason)
            return
        cause = self._disaster(found)
        if cause:
            self._note(number, clause, found.trigger, DROPPED, None, cause)
            return
        if found.statistic and not self._tells_more(found):
            self._note(number, clause, found.trigger, DROPPED, None, found.statistic)
            return
        listed = place_list(found, m.places, self.text, self.pack)
        for k, place in enumerate(listed):
            # "Shelling hit Homs, Qusair and Rastan": one incident per place; the toll is the
            # list's, not any one place's.
            self._place(
                replace(found, number=number + k, place=place, killed=(), wounded=(), victims=()),
                f"place {k + 1} of a list of {len(listed)}; the list's toll is no one place's",
            )
        if not listed:
            self._place(found)

    def _place(self, c: Candidate, listed: str = "") -> None:
        incident = Incident.of(
            c, self.current, umbrella=c.implied or c.referential or is_umbrella(c.trigger, self.text, self.pack)
        )
        target, why = self._same_incident(c, incident)
        if target is None:
            dropped = self._unanchored(c, incident)
            if dropped:
                self._note(c.number, c.clause, c.trigger, DROPPED, None, dropped)
                return
            if incident.date is None:
                self._inherit_date(incident)
            self.told.add(incident)
            target, outcome, why = incident, NEW, _own_fields(c) + (f"; {listed}" if listed else "")
        else:
            merge(target, incident)
            self.told.changed(target)
            outcome = MERGED
        if c.toll and target.own_place and target.place is not None and is_area(target.place):
            target.area = target.place
            target.area_tolls += [*incident.killed, *incident.wounded]
        for claim in (c.claim, self.pending_claim):
            if claim:
                _attach_claim(target, claim)
        self.pending_claim = None
        self.current = target
        self._note(c.number, c.clause, c.trigger, outcome, target.seq + 1, why)

    def _disaster(self, c: Candidate) -> str:
        """Why a toll with no violent deed in its clause is the toll of a disaster its paragraph
        tells ("An earthquake struck ... Police reported eleven injuries"; extract/disasters.py),
        "" when it is not."""
        if not c.implied:
            return ""
        region = Span(self.paragraph_starts.get(c.paragraph, c.sentence.start), c.clause.end)
        word = disaster_cause(self.text, self.pack, region, c.trigger.span, self.triggers)
        if word is None:
            return ""
        written = self.text[word.start : word.end]
        return f"a toll with no violent deed, laid to a disaster ({written!r}) with no deed between: not violence"

    def _tells_more(self, c: Candidate) -> bool:
        """Does a candidate with a war-sized toll and no place or day of its own tell the toll of
        the incident just before it, in its paragraph, placed and dated? Only when it names an
        incident of that kind ("Troops massacred villagers there on 3 May 1943. Some 1,500 people died in the
        massacre") that has no toll yet. Otherwise ("the fighting has left 1,000 dead" after a
        bombing, "the killing of 50,000 must end" after a bombing that killed three) it is a
        statistic."""
        current = self.current
        return (
            c.place is None
            and c.date is None
            and current is not None
            and current.paragraph == c.paragraph
            and current.own_place
            and current.date_span is not None
            and any(t.referential and t.sub_event_type == current.trigger.sub_event_type for t in c.triggers)
            and not current.killed
        )

    def _same_incident(self, c: Candidate, incident: Incident) -> tuple[Incident | None, str]:
        current = self.current
        other_day = incident.date_span is not None and current is not None and current.date != incident.date
        if (
            c.area
            and current is not None
            and current.place is not None
            and (other_day or not compatible_kinds(current, incident))
        ):
            # "Nearby, gunmen shot a shopkeeper dead" after a bombing, "on 2 December the same
            # market was hit": another incident, near its place.
            incident.place, incident.own_place = _near(current.place), True
            if incident.date is None:
                incident.date, incident.precision = current.date, current.precision
            return None, ""
        if c.date is None and c.place is None and current is not None:
            if c.implied and current.paragraph != c.paragraph and self._sibling_site(current) is not None:
                # "A bomb hit Kuta, another Jimbaran. <new paragraph> Officials speak of 32 dead.":
                # a toll on its own after several places of that day is theirs together (as a
                # list's toll is, candidates.place_list), no one place's.
                incident.killed, incident.wounded = [], []
                return current, "a toll alone after several places of that day: theirs together, no one place's"
            if current.paragraph == c.paragraph or incident.umbrella or not c.toll:
                return current, "no place or date of its own: tells more of the incident before"
            # A new paragraph that tells a toll of a kind of its own (a roundup's next story, its
            # headline) joins only an incident of that kind.
            if current.trigger.event_type == incident.trigger.event_type:
                return current, "no place or date of its own, the kind of the incident before"
            return None, ""
        if c.date is None and current is not None and c.place is not None and not c.toll:
            if same_place(current, incident):
                return current, "no date of its own, the place of the incident before"
        if c.date is not None and c.place is None and _revision_only(c) and current is not None:
            # "On Tuesday, the death toll rose to eight": the day the toll was revised, not the
            # day of the incident, whose toll it revises.
            target, why = self.told.latest_same(replace(incident, date_span=None))
            if target is not None and _soon_after(target, incident):
                # Other figures there tell why the toll rose ("after three of the wounded died").
                incident.killed = [t for t in incident.killed if t.revised]
                incident.wounded = [t for t in incident.wounded if t.revised]
                return target, f"a revised toll of an incident told before ({why}); its day is the revision's"
        if (c.referential or incident.umbrella) and not c.toll and c.date is not None and not _dated_trigger(c):
            # "After the explosion, the minister ... on Saturday": a reference back, whatever day
            # the clause names; "the bombing of the DAS building on December 6" names its own day.
            target, why = self.told.latest_same(replace(incident, date_span=None))
            if target is not None and _soon_after(target, incident):
                return target, f"refers back to an incident told before ({why}); its day is not the incident's"
        target, why = self.told.latest_same(incident)
        if target is not None and target is current and target.date_span is None and _chained_away(c):
            # "... killed three in Peshawar. A day before that, another bomber killed 13 there": a
            # day counted from the incident before is another day than its own, told or not.
            return None, ""
        return target, why

    def _sibling_site(self, current: Incident) -> Incident | None:
        """Another incident told before, of the same day and kind as `current`, at a place of its
        own apart from `current`'s: both are sites of that day (None when there is none)."""
        if not current.own_place or current.date is None:
            return None
        return next(
            (
                i
                for i in reversed(self.told.incidents[-LOOKUP_DEPTH:])
                if i is not current
                and i.own_place
                and i.date == current.date
                and i.trigger.event_type == current.trigger.event_type
                and not same_place(i, current)
            ),
            None,
        )

    def _unanchored(self, c: Candidate, incident: Incident) -> str:
        """Why a candidate that joins no incident starts none ("" when it starts one)."""
        if c.no_victims:
            return "a toll of none and no attack word: no incident of its own"
        if incident.date_span is None and not incident.own_place and not c.toll and self.current is None:
            return "no place, date or toll of its own and no incident before it to tell more of"
        if c.referential and not c.toll and not incident.own_place and (self.current is None or incident.date_span):
            return "names an incident told elsewhere (a definite reference with no place or toll of its own)"
        return ""

    def _inherit_date(self, incident: Incident) -> None:
        current = self.current
        if current is not None and (current.paragraph == incident.paragraph or not incident.own_place):
            incident.date, incident.precision = current.date, current.precision
        elif current is None and self.summary is not None and self.summary[0] == incident.paragraph:
            # "On Wednesday, 42 people died in a series of attacks. In Kirkuk, ...": the summary's day.
            incident.date, incident.precision = self.summary[1].date, self.summary[1].precision
        elif self.published is not None:
            # No date in the text: news reports the latest events; ACLED codes them on the report date.
            incident.date, incident.precision = self.published, "day"

    def _note(
        self, number: int, clause: Span, trigger: Trigger, outcome: str, incident: int | None, reason: str
    ) -> None:
        written = self.text[trigger.span.start : trigger.span.end]
        kind = trigger.sub_event_type if trigger.sub_event_type != ATTACK else "attack"
        self.notes.append(CandidateNote(number, clause, written, kind, outcome, incident, reason))

    def finish(self) -> list[Incident]:
        """The incidents, once those that ended up at the same place on the same day are one
        (a later clause gave an incident the place or day of one told before)."""
        kept: list[Incident] = []
        for incident in self.told.incidents:
            same = next((k for k in reversed(kept[-LOOKUP_DEPTH:]) if _same_place_and_day(k, incident)), None)
            if same is None:
                kept.append(incident)
            else:
                merge(same, incident)
                self.verdicts[incident.seq] = (None, f"merged into incident {same.seq + 1}: the same place and day")
        kept = self._into_days(kept)
        for incident in kept:
            _drop_area_tolls(incident, kept)
        for number, incident in enumerate(kept, start=1):
            self.verdicts[incident.seq] = (number, kept_reason(incident))
        return kept

    def _into_days(self, kept: list[Incident]) -> list[Incident]:
        """A headline's incident dated by its month or year only joins the incident of a day in
        that period told after it at its place (incidents.day_of_its_period). One told after the
        day's ("the 41st bombing in the city this month") is another incident."""
        out: list[Incident] = []
        for incident in kept:
            day = next((k for k in kept if k.seq > incident.seq and day_of_its_period(incident, k)), None)
            if day is None:
                out.append(incident)
            else:
                merge(day, incident)
                why = f"merged into incident {day.seq + 1}: a day of its period, its place"
                self.verdicts[incident.seq] = (None, why)
        return out

    def explanation(self, doc_id: str) -> Explanation:
        incidents = tuple(IncidentNote(i.seq + 1, tuple(i.members), *self.verdicts[i.seq]) for i in self.told.incidents)
        return Explanation(doc_id, tuple(self.notes), incidents)


def _same_place_and_day(a: Incident, b: Incident) -> bool:
    return a.date_span is not None and b.date_span is not None and a.own_place and b.own_place and bool(joins(a, b))


# How close a date must stand to a trigger to be the day of that trigger's incident.
DATE_REACH = 40


def _dated_trigger(c: Candidate) -> bool:
    """Is the candidate's date written next to its trigger ("the bombing on December 6")?"""
    assert c.date is not None
    d, t = c.date.span, c.trigger.span
    return -DATE_REACH <= d.start - t.end <= DATE_REACH or -DATE_REACH <= t.start - d.end <= DATE_REACH


# A reference back names a day on which the incident was still news: the day itself or soon after.
REFERENCE_DAYS = 7


def _revision_only(c: Candidate) -> bool:
    """A clause that only revises a toll ("the toll rose to 64"), with no attack word of its own
    but a reference back ("the toll from the bombing rose to 64") or a word of the toll itself
    ("o número de mortos")."""
    tolls = (*c.killed, *c.wounded)
    if not any(t.revised for t in tolls):
        return False
    in_toll = [t for t in c.triggers if any(m.span.start <= t.span.start < m.span.end for m in tolls)]
    return all(t.referential or t in in_toll for t in c.triggers)


def _chained_away(c: Candidate) -> bool:
    """Is the candidate dated some days off the incident told before it ("a day before that")?"""
    return c.date is not None and bool(c.date.chain_offset)


def _soon_after(target: Incident, incident: Incident) -> bool:
    if target.date is None or incident.date is None:
        return True
    return 0 <= (incident.date - target.date).days <= REFERENCE_DAYS


def _near(place: PlaceMention) -> PlaceMention:
    """The place of an incident "in the area" of another: near it (precision 2 at best)."""
    location = place.location
    if location.relation != relations.IN:
        return place
    return replace(place, location=replace(location, precision=max(2, location.precision), relation=relations.NEAR))


def _own_fields(c: Candidate) -> str:
    own = [name for name, has in (("place", c.place), ("date", c.date), ("toll", c.toll)) if has]
    if c.area:
        own.append("kind, near the place of the incident before")
    return "its own " + ", ".join(own) if own else "the first incident of the article"


def _claims_every_incident(sentence: str, pack: LanguagePack) -> bool:
    """Does the claim's sentence claim every incident told ("both attacks": claims.toml every_incident)?"""
    words = pack["claims"]["every_incident"]
    return bool(words) and re.search(rf"(?<!\w)(?:{alternation(words)})(?!\w)", sentence, re.IGNORECASE) is not None


def _attach_claim(incident: Incident, claim: tuple[ActorMention, Span]) -> None:
    if incident.claimant is None:
        incident.claimant, incident.claim_span = claim


def _freeze(draft: Incident, doc: Document, focus: str | None, dateline: PlaceMention | None) -> Event:
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
    # The group that claims the attack is its actor, also when the text names only "gunmen".
    if draft.claimant is not None and (actor1 is None or actor1.side == "unidentified"):
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


def _confidence(draft: Incident, has_count: bool) -> float:
    score = 0.35 * draft.trigger.strength
    score += 0.2 if draft.own_place else 0.0
    score += 0.15 if draft.date_span is not None else 0.0
    score += 0.15 if has_count else 0.0
    score += 0.1 if draft.actors else 0.0
    score += 0.05 if draft.claimant else 0.0
    return min(score, 0.99)
