"""Event triggers from triggers.toml: words that say a violent event happened, with its
ACLED type. Also the context words that make a trigger unreal (threats, plans) or generic."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.extract.folded import FoldedPattern
from sitrep.extract.stems import gate, gated_alternation
from sitrep.lang import LanguagePack, alternation, lowered_pattern
from sitrep.records import Span

ATTACK = "@attack"  # decided by the target side, see roles.event_type
# Cues (triggers.toml [context]) that make a clause something other than a reported incident:
# a tally or comparison ("30 attacks so far this month", "the deadliest since 2017"), a court
# case ("charged with the murder"), weapons seized or found, a denial.
NON_INCIDENT = ("tally", "legal", "seized", "denial")


@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    event_type: str
    sub_event_type: str
    rank: int  # position in the pack's list: lower wins when tactics combine (ACLED precedence)
    strength: float
    referential: bool = False  # "the murder of ...": names an event rather than reporting one


@dataclass(frozen=True)
class _Cues:
    """A list of cue words, case-insensitive: lower-cased to read the lower-cased text, which is
    much faster for an alternation of words than IGNORECASE (same matches); IGNORECASE where
    lower-casing changes the length of the text ("İ")."""

    plain: re.Pattern[str]
    lowered: re.Pattern[str]

    @classmethod
    def compile(cls, pattern: str) -> _Cues:
        plain = re.compile(pattern, re.IGNORECASE)
        return cls(plain, lowered_pattern(plain))

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        end = len(text) if end is None else end
        lowered = text[:end].lower()  # all before: lookbehinds and \b see it as before
        if len(lowered) != end:
            return self.plain.search(text, start, end)
        return self.lowered.search(lowered, start)


@dataclass(frozen=True)
class _TriggerRules:
    pattern: FoldedPattern
    kinds: tuple[tuple[str, str, float], ...]
    irrealis: _Cues
    irrealis_after: re.Pattern[str]  # a plan told right after the trigger (verb-final languages)
    earlier: re.Pattern[str]  # an earlier incident told for comparison ("a similar attack")
    generic: _Cues
    definite: re.Pattern[str]
    anaphora: re.Pattern[str]
    umbrella: re.Pattern[str]
    non_incident: _Cues
    gapped: re.Pattern[str] | None  # stands for the trigger before it ("..., eine dritte in Kuta")


def _build_rules(pack: LanguagePack) -> _TriggerRules:
    entries = pack["triggers"]["trigger"]
    groups = [f"(?P<t{i}>{gated_alternation(e['patterns'])})" for i, e in enumerate(entries)]
    stems = gate(p for e in entries for p in e["patterns"])  # compounds: "\w*anschlag\w*"
    context = pack["triggers"]["context"]
    return _TriggerRules(
        pattern=FoldedPattern.compile(rf"(?<![\w-]){stems}(?:{'|'.join(groups)})(?![\w-])"),
        kinds=tuple((e["event_type"], e["sub_event_type"], float(e["strength"])) for e in entries),
        irrealis=_Cues.compile(rf"\b(?:{alternation(context['irrealis'])})\b"),
        earlier=re.compile(rf"(?<![\w-])(?:{alternation(context['earlier'])})(?![\w-])", re.IGNORECASE)
        if context["earlier"]
        else re.compile(r"(?!)"),
        irrealis_after=re.compile(rf"\s*(?:{alternation(context['irrealis_after'])})(?!\w)", re.IGNORECASE)
        if context["irrealis_after"]
        else re.compile(r"(?!)"),
        generic=_Cues.compile(rf"\b(?:{alternation(context['generic'])})\b"),
        # The determiner right before the trigger, or before one adjective ("the brutal murder").
        # An elided determiner touches its noun: "l'attaque".
        definite=re.compile(
            rf"\b(?:{alternation(context['definite'])})(?:\s+|(?<=['’]))(?:[^\W\d_]+\s+)?$", re.IGNORECASE
        ),
        anaphora=_whole(context["anaphora"]),
        umbrella=_whole(context["umbrella"]),
        non_incident=_Cues.compile(
            "|".join(f"(?P<{kind}>\\b(?:{alternation(context[kind])})\\b)" for kind in NON_INCIDENT)
        ),
        gapped=re.compile(rf"(?<![\w-])(?:{alternation(context['gapped'])})(?![\w-])", re.IGNORECASE)
        if context.get("gapped")
        else None,
    )


def _whole(patterns: list[str]) -> re.Pattern[str]:
    """Patterns that must match a trigger as written, whole (an empty list matches nothing)."""
    return re.compile(rf"(?:{alternation(patterns)})\Z" if patterns else r"(?!)", re.IGNORECASE)


def find_triggers(text: str, pack: LanguagePack, lowered: str | None = None) -> list[Trigger]:
    rules = pack.compiled(_build_rules)
    found = []
    for m in rules.pattern.finditer(text, lowered):
        rank = int(str(m.lastgroup)[1:])
        event_type, sub_event_type, strength = rules.kinds[rank]
        referential = (
            rules.definite.search(text, max(0, m.start() - 30), m.start()) is not None
            or rules.anaphora.match(m.group()) is not None
        )
        found.append(Trigger(Span(m.start(), m.end()), event_type, sub_event_type, rank, strength, referential))
    return _gapped(text, rules, found) if rules.gapped is not None else found


# What ends the stretch in which a gapped phrase may stand for a trigger before it: a sentence.
_SENTENCE_END = re.compile(r"[.!?](?:\[\d{1,3}\])*\s|\n")


def _gapped(text: str, rules: _TriggerRules, found: list[Trigger]) -> list[Trigger]:
    """Each gapped phrase ("zwei detonierten in X, eine dritte in Y") as a trigger of the kind of
    the trigger before it in its sentence: the verb is left out, the clause still tells one."""
    assert rules.gapped is not None
    out = list(found)
    for m in rules.gapped.finditer(text):
        before = [t for t in found if t.span.end <= m.start()]
        if not before or any(t.span.start < m.end() and m.start() < t.span.end for t in found):
            continue
        last = before[-1]
        if _SENTENCE_END.search(text, last.span.end, m.start()):
            continue
        out.append(Trigger(Span(m.start(), m.end()), last.event_type, last.sub_event_type, last.rank, last.strength))
    return sorted(out, key=lambda t: t.span.start)


def is_irrealis(clause: str, pack: LanguagePack) -> bool:
    """True when the clause talks about a threat, plan or fear rather than an event that happened."""
    return pack.compiled(_build_rules).irrealis.search(clause) is not None


def is_irrealis_after(text: str, end: int, pack: LanguagePack) -> bool:
    """True when a plan or threat follows the trigger ending at `end` ("saldırı düzenlemeyi
    planladığını": triggers.toml [context] irrealis_after, for verb-final languages)."""
    return pack.compiled(_build_rules).irrealis_after.match(text, end) is not None


def is_earlier(clause: str, pack: LanguagePack) -> bool:
    """True when the clause tells an earlier incident for comparison (triggers.toml [context]
    earlier: "in a similar attack", Turkish "benzeri saldırıda", a pluperfect verb)."""
    return pack.compiled(_build_rules).earlier.search(clause) is not None


def is_generic(clause: str, pack: LanguagePack) -> bool:
    """True when the clause talks about attacks in general ("a wave of attacks")."""
    return pack.compiled(_build_rules).generic.search(clause) is not None


def is_umbrella(trigger: Trigger, text: str, pack: LanguagePack) -> bool:
    """True for a word that names any incident ("the attack", "angrepet"): it may refer to an
    incident of another kind told before (a bombing), while "shot dead" tells its own kind."""
    return pack.compiled(_build_rules).umbrella.match(text[trigger.span.start : trigger.span.end]) is not None


def non_incident_cue(text: str, start: int, end: int, pack: LanguagePack) -> tuple[str, Span] | None:
    """The first cue in text[start:end] that the clause is a tally, a court case, a seizure or a
    denial rather than a report of an incident: (kind, span), or None."""
    m = pack.compiled(_build_rules).non_incident.search(text, start, end)
    return (str(m.lastgroup), Span(m.start(), m.end())) if m else None
