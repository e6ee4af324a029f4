"""Actors and claims of responsibility, from actors.toml and claims.toml.

An actor mention is a named group ("ISIS", "IS-krigere") or a side ("Iraqi soldiers",
"shepherds", "gunmen"). Sides become ACLED-style names ("Military Forces of Iraq", "Civilians",
"Unidentified Armed Group") with the country from a demonym just before the noun or, failing
that, the article's main country. A weapon or vehicle ("jets", "droner") is no actor; with a
demonym ("Israeli jets", "US drone strike") it names the state's military.

Each mention also says how the sentence uses it, for roles.py: after "by" it is the agent,
after "against" the target; a bare mention is the subject of the clause that follows it up to
`subject_end` (passive when "were"/"ble" follows); `denied` when the group denies the attack.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from sitrep import geo
from sitrep.geo.normalize import normalise
from sitrep.extract.folded import FoldedPattern
from sitrep.extract.spans import SpanSet
from sitrep.extract.forms import named_forms
from sitrep.lang import LanguagePack, alternation, load_shared
from sitrep.lang.packset import PackSet
from sitrep.records import Span

SIDES = ("military", "police", "civilians", "unidentified")
ARMED_SIDES = ("military", "police")
# Forms that name a side only as what is attacked (a checkpoint, a convoy): actors.toml [targets].
TARGET_SIDES = ("military", "police")
# The role of a target form ("checkpoint", "politistasjon") that no role word marks: never the
# side that acts, the side acted on only when named next to the trigger.
TARGET = "target"
# How far after a mention the verb it is the subject of may stand ("Police in the southern city
# of Karachi on Monday opened fire"), and how far a denial ("The Taliban, in a statement, denied").
SUBJECT_REACH = 80
# How far after a fronted verb's subject its object may start ("drepte IS-krigere 13 soldater").
OBJECT_REACH = 30
DENIAL_REACH = 60
DENIAL_BEFORE_REACH = 40  # characters: a denial verb and up to two words before its group


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    side: str  # 'group' or one of SIDES
    name: str  # canonical group name, or the noun as written
    country: str | None = None  # ISO2 from a demonym in the phrase ("Iraqi soldiers")
    # 'agent' after "by" or as the subject after a fronted verb ("I går drepte IS-krigere"),
    # 'patient' after "against"/"killing", 'source' after "according to" (roles in
    # actors.toml), 'target' for an unmarked target form ("checkpoint"); None for a bare noun phrase.
    role: str | None = None
    # A bare mention is the subject of a verb standing between its end and `subject_end` (the
    # clause's end, a reporting verb, or the next bare mention); None when it cannot be a subject.
    subject_end: int | None = None
    passive: bool = False  # "were"/"ble" follows: the subject is acted on ("Soldiers were attacked")
    denied: bool = False  # the group denies or has not claimed the attack (claims.toml denial)


@dataclass(frozen=True, slots=True)
class ClaimMention:
    span: Span
    negated: bool


@dataclass(frozen=True)
class _ActorRules:
    groups: FoldedPattern  # each form followed by an empty group (extract/forms.py)
    group_forms: dict[str, str]  # that group's name -> "g<i>" (pack form of group i), "alias" (shared literals)
    exact: re.Pattern[str] | None  # case-sensitive aliases ("IS")
    group_names: tuple[str, ...]
    sides: FoldedPattern  # targets first, then sides, then weapons
    side_forms: dict[str, str]  # a form's group's name -> "target_<side>", a side, or "weapon"
    claims: re.Pattern[str]
    not_claims: re.Pattern[str]
    clauses: re.Pattern[str]
    agent: re.Pattern[str]
    patient: re.Pattern[str]
    patient_after: re.Pattern[str] | None  # "دو محصل را": an object marker after the mention
    source: re.Pattern[str]
    fronted: re.Pattern[str]  # "<opener ...> <verb> " right before a mention: verb-second order
    fronted_needs_object: bool
    demonym_after: bool  # "l'armée malienne": a demonym may follow the noun (actors.toml [roles])
    country_before: bool  # "İsrail savaş uçakları": a country's name before the noun is its adjective
    subject_breaks: FoldedPattern
    passive: re.Pattern[str]
    denial: re.Pattern[str]
    denial_before: re.Pattern[str] | None  # a denial verb up to two words before the group


# A demonym may stand up to two words before the actor noun ("Iraqi soldiers", "U.S. troops",
# "Iraqi army officers", "syriske regjeringsstyrker").
_WORDS_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*)\s+(?:([^\W\d_][\w.'’-]*)\s+)?$")
# Where the adjective follows the noun ("l'armée malienne", "soldats burkinabè", "forces armées
# nigériennes"), a demonym may stand one of the two words after it.
_WORDS_AFTER = re.compile(r"\s+([^\W\d_][\w'’-]*)(?:\s+([^\W\d_][\w'’-]*))?")
# A country abbreviation used as a demonym ("US drone strike", "UK forces").
_ABBREVIATION = re.compile(r"[A-Z]{2,3}")
# Between a group and its members' noun: "FMLN guerrillas", "the IRA's Belfast brigade".
_GLUE = re.compile(r"\s+|['’]s\s+(?:[A-Z][\w-]*\s+){0,2}")
_SENTENCE_END = re.compile(r"[.!?;]\s")


def _build_rules(pack: LanguagePack) -> _ActorRules:
    shared = load_shared("actors")
    actors = pack["actors"]
    names = [g["name"] for g in shared["group"]] + list(actors["groups"])
    # Pack forms are regexes and come first (longer: "IS fighters" before "IS"); shared aliases
    # are literals, found by one alternation and named through the alias table.
    pack_forms = [(f"g{len(shared['group']) + j}", patterns) for j, patterns in enumerate(actors["groups"].values())]
    literals = alternation([re.escape(a) for g in shared["group"] for a in g["aliases"]])
    groups, group_forms = named_forms([*pack_forms, ("alias", [literals])])
    exact = [
        f"(?P<g{i}>{alternation([re.escape(a) for a in g['exact_case']])})"
        for i, g in enumerate(shared["group"])
        if g.get("exact_case")
    ]
    # Target forms before the sides, so that "police station" is not "police" + "station".
    sides, side_forms = named_forms(
        [(f"target_{side}", actors["targets"][side]) for side in TARGET_SIDES]
        + [(side, actors["sides"][side]) for side in SIDES]
        + [("weapon", actors["weapons"]["forms"])]
    )
    claims = pack["claims"]
    roles = actors["roles"]
    return _ActorRules(
        groups=FoldedPattern.compile(groups),
        group_forms=group_forms,
        exact=re.compile(rf"\b(?:{'|'.join(exact)})(?![\w-])") if exact else None,
        group_names=tuple(names),
        sides=FoldedPattern.compile(sides),
        side_forms=side_forms,
        claims=re.compile(rf"\b(?:{alternation(claims['patterns'])})\b", re.IGNORECASE),
        not_claims=re.compile(rf"\b(?:{alternation(claims['not_claim'])})\b", re.IGNORECASE),
        clauses=re.compile(rf"[;:]|,\s+(?:{alternation(claims['clause_breaks'])})\b", re.IGNORECASE),
        agent=_marker(roles["agent_before"]),
        patient=_marker(roles["patient_before"]),
        patient_after=re.compile(rf"\s*(?:{alternation(roles['patient_after'])})(?!\w)", re.IGNORECASE)
        if roles["patient_after"]
        else None,
        source=_marker(roles["source_before"]),
        fronted=re.compile(
            rf"(?:^|[.!?;:,\n]\s*)(?:{alternation(roles['fronted_openers'])})\b[^.!?;:,\n]{{0,40}}?\s"
            rf"(?:{alternation(roles['fronting_verbs'])})\s+$",
            re.IGNORECASE,
        ),
        fronted_needs_object=bool(roles["fronted_needs_object"]),
        demonym_after=bool(roles["demonym_after"]),
        country_before=bool(roles["country_before"]),
        # A full stop before a space or a new word ("city.In"), not inside "U.S.".
        subject_breaks=FoldedPattern.compile(
            rf"[.!?](?=\s|$|[A-Z][a-z])|\n\s*\n|[;:,()\"“”]|\b(?:{alternation(roles['subject_breaks'])})\b"
        ),
        passive=re.compile(rf"\s+(?:[\w'’-]+\s+)?(?:{alternation(roles['passive_after'])})\b", re.IGNORECASE),
        denial=re.compile(rf"\b(?:{alternation(claims['denial'])})\b", re.IGNORECASE),
        denial_before=re.compile(rf"\b(?:{alternation(claims['denial_before'])})(?:\s+\w+){{0,2}}\s+$", re.IGNORECASE)
        if claims["denial_before"]
        else None,
    )


def _marker(words: list[str]) -> re.Pattern[str]:
    """A role word up to two words before an actor ("by IS", "killing 11 troops", "against the army")."""
    # An elided article touches the actor: "par l'EI", "contre l'armée".
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:[\w'’-]+(?:\s+|(?<=['’]))){{0,2}}$", re.IGNORECASE)


def _role(
    text: str, start: int, rules: _ActorRules, bare_before: bool, object_after: bool, end: int | None = None
) -> str | None:
    """The mention's role from the words before it, or an object marker right after it (`end`:
    where the mention ends). `bare_before`: a bare mention stands earlier in the same clause (then a
    verb before this one has its subject already); `object_after`: another mention follows in the
    clause (the object of a fronted verb)."""
    before = text[max(0, start - 40) : start]
    if rules.agent.search(before):
        return "agent"
    # Verb-second order: after a fronted time, place or source ("I går drepte IS-krigere 13
    # soldater", "Ifølge politiet drepte IS ...") the noun right after the verb is its subject.
    # In a language without that order (fronted_needs_object) only a following object tells
    # "Yesterday killed IS hunters 13 soldiers" from "In Kabul a bomb killed soldiers".
    fronted = not bare_before and (object_after or not rules.fronted_needs_object)
    if fronted and rules.fronted.search(text, max(0, start - 80), start):
        return "agent"
    if rules.source.search(before):
        return "source"
    if rules.patient.search(before):
        return "patient"
    after = end is not None and rules.patient_after is not None and rules.patient_after.match(text, end)
    return "patient" if after else None


@functools.cache
def _alias_names() -> dict[str, str]:
    return {a.lower(): g["name"] for g in load_shared("actors")["group"] for a in g["aliases"]}


def _group_name(m: re.Match[str], rules: _ActorRules) -> str:
    group = rules.group_forms.get(str(m.lastgroup), str(m.lastgroup))  # `exact` names its groups g<i>
    if group == "alias":
        return _alias_names()[m.group().lower()]
    return rules.group_names[int(group[1:])]


def find_actors(
    text: str, pack: LanguagePack, all_caps: bool = False, lowered: str | None = None, packs: PackSet | None = None
) -> list[ActorMention]:
    """Named groups and sides in `text`, sorted by position, named groups winning overlaps, each
    with its role in the sentence (see ActorMention). A demonym before a side ("Iraqi soldiers")
    is read in the language of any pack of `packs` (default: the package's)."""
    rules = pack.compiled(_build_rules)
    lowered = text.lower() if lowered is None else lowered
    found = [
        ActorMention(Span(m.start(), m.end()), "group", _group_name(m, rules))
        for m in rules.groups.finditer(text, lowered)
    ]
    if rules.exact is not None and not all_caps:
        loose = SpanSet(a.span for a in found)
        found += [
            ActorMention(Span(m.start(), m.end()), "group", _group_name(m, rules))
            for m in rules.exact.finditer(text)
            if not loose.overlaps(m.start(), m.end())
        ]
    taken = SpanSet(a.span for a in found)
    for m in rules.sides.finditer(text, lowered):
        if not taken.overlaps(m.start(), m.end()):
            side = _side(text, m, rules.side_forms[str(m.lastgroup)], all_caps, packs, rules)
            if side is not None:
                found.append(side)
    return _in_context(text, _group_nouns(text, sorted(found, key=lambda a: a.span.start)), rules, lowered)


def _group_nouns(text: str, found: list[ActorMention]) -> list[ActorMention]:
    """ "FMLN guerrillas", "the IRA's Belfast brigade": an armed noun right after a group names the
    group's own members, one mention with it (else the noun would read as the subject)."""
    out: list[ActorMention] = []
    for a in found:
        last = out[-1] if out else None
        if (
            last is not None
            and last.side == "group"
            and a.side in ("unidentified", "military")
            and _GLUE.fullmatch(text, last.span.end, a.span.start)
        ):
            out[-1] = replace(last, span=Span(last.span.start, a.span.end))
            continue
        out.append(a)
    return out


def _side(
    text: str, m: re.Match[str], kind: str, all_caps: bool, packs: PackSet | None, rules: _ActorRules
) -> ActorMention | None:
    start, country = _demonym_before(text, m.start(), all_caps, packs)
    end = m.end()
    if country is None and rules.country_before:
        start, country = _country_before(text, m.start())
    if country is None and rules.demonym_after:
        end, country = _demonym_after(text, end, packs)
    noun = text[m.start() : m.end()]
    if kind == "weapon":
        # A weapon is no actor; a state's weapon ("Israeli jets") stands for its military.
        return ActorMention(Span(start, end), "military", noun, country) if country else None
    if kind.startswith("target_"):
        return ActorMention(Span(start, end), kind.removeprefix("target_"), noun, country, TARGET)
    return ActorMention(Span(start, end), kind, noun, country)


def _country_before(text: str, start: int) -> tuple[int, str | None]:
    """(start of the phrase, ISO2) when the word right before `start` is a country's name, in
    a language that uses it as the adjective ("İsrail savaş uçakları", "Irak ordusu"); a
    genitive suffix after an apostrophe is left off ("İsrail'in savaş uçakları")."""
    m = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return start, None
    group = 2 if m.group(2) else 1
    name = re.split(r"['’]", m.group(group), maxsplit=1)[0]
    iso = geo.country_code(name) if name[:1].isupper() and len(name) > 3 else None
    return (m.start(group), iso) if iso else (start, None)


def _demonym_after(text: str, end: int, packs: PackSet | None) -> tuple[int, str | None]:
    """(end of the phrase, ISO2) when one of the two words after `end` is a demonym ("l'armée
    malienne", "forces armées nigériennes"); country abbreviations are not read after a noun."""
    m = _WORDS_AFTER.match(text, end)
    if m:
        for group in (1, 2):
            word = m.group(group)
            iso = geo.country_of_demonym(word, packs) if word else None
            if iso:
                return m.end(group), iso
    return end, None


def _in_context(text: str, found: list[ActorMention], rules: _ActorRules, lowered: str) -> list[ActorMention]:
    """Each mention with its role, subject stretch, voice and denial (see ActorMention)."""
    clause_ends = [m.start() for m in rules.subject_breaks.finditer(text, lowered)]
    out: list[ActorMention] = []
    last_bare = -1  # where the latest bare mention starts
    for i, a in enumerate(found):
        k = bisect_left(clause_ends, a.span.start)
        clause_start = clause_ends[k - 1] if k > 0 else 0
        after = bisect_left(clause_ends, a.span.end)
        clause_end = clause_ends[after] if after < len(clause_ends) else len(text)
        object_after = i + 1 < len(found) and found[i + 1].span.start < min(clause_end, a.span.end + OBJECT_REACH)
        role = _role(text, a.span.start, rules, last_bare >= clause_start, object_after, a.span.end) or a.role
        if role is None:
            last_bare = a.span.start
        out.append(replace(a, role=role))
    # Where the next bare mention and the next group start, for each mention (one pass back).
    next_bare, next_group = [len(text)] * len(out), [len(text)] * len(out)
    for i in range(len(out) - 2, -1, -1):
        later = out[i + 1]
        next_bare[i] = later.span.start if later.role is None else next_bare[i + 1]
        next_group[i] = later.span.start if later.side == "group" else next_group[i + 1]
    return [_with_subject(text, a, next_bare[i], next_group[i], clause_ends, rules) for i, a in enumerate(out)]


def _with_subject(
    text: str, a: ActorMention, next_bare: int, next_group: int, clause_ends: list[int], rules: _ActorRules
) -> ActorMention:
    a = replace(a, denied=a.side == "group" and _denied(text, a, next_group, rules))
    if a.role is not None:
        return a
    # A passive auxiliary ("were", "ble") is part of the subject's own verb, not a clause end.
    passive = rules.passive.match(text, a.span.end, min(len(text), a.span.end + SUBJECT_REACH))
    verb_start = passive.end() if passive else a.span.end
    end = min(len(text), a.span.end + SUBJECT_REACH)
    k = bisect_left(clause_ends, verb_start)
    if k < len(clause_ends):
        end = min(end, clause_ends[k])
    # The next bare noun phrase is the object or another subject: the verb stands before it.
    return replace(a, subject_end=min(end, max(next_bare, a.span.end)), passive=passive is not None)


def _denied(text: str, a: ActorMention, next_group: int, rules: _ActorRules) -> bool:
    """A denial after a group and before the next group or the sentence's end ("The Taliban,
    in a statement, denied involvement"; "IS har ikke tatt på seg ansvaret")."""
    end = min(len(text), a.span.end + DENIAL_REACH, max(next_group, a.span.end))
    stop = _SENTENCE_END.search(text, a.span.end, end)
    if rules.denial.search(text, a.span.end, stop.start() if stop else end) is not None:
        return True
    # Verb-first order: the denial right before the group ("نفت حركة طالبان أي علاقة").
    before = rules.denial_before
    return (
        before is not None and before.search(text, max(0, a.span.start - DENIAL_BEFORE_REACH), a.span.start) is not None
    )


def _demonym_before(
    text: str, start: int, all_caps: bool = False, packs: PackSet | None = None
) -> tuple[int, str | None]:
    """(start of the phrase, ISO2) when one of the two words before `start` is a demonym or a
    country abbreviation ("US troops")."""
    m = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if m:
        for group in (2, 1):
            word = m.group(group)
            iso = _country_of(word, all_caps, packs) if word else None
            if iso:
                return m.start(group), iso
    return start, None


def _country_of(word: str, all_caps: bool, packs: PackSet | None) -> str | None:
    iso = geo.country_of_demonym(word, packs)
    # In capitals every short word looks like a code ("BY TROOPS"): abbreviations only in mixed case.
    if iso is None and not all_caps and _ABBREVIATION.fullmatch(word) and word.lower() not in _alias_names():
        iso = geo.country_code(word)
    return iso


def actor_name(mention: ActorMention, focus_country: str | None) -> str:
    """ACLED-style output name: groups by canonical name, sides by the shared naming rule."""
    if mention.side == "group":
        return mention.name
    template = load_shared("actors")["sides"][mention.side]
    iso = mention.country or focus_country
    country = geo.country_name(iso) if iso else None
    if "{country}" not in template:
        return str(template)
    if country is None:
        return str(template).split(" of {country}")[0]
    return str(template).format(country=country)


def find_claims(text: str, pack: LanguagePack) -> list[ClaimMention]:
    """Claim phrases; `negated` when the claim's clause denies it or only attributes blame."""
    rules = pack.compiled(_build_rules)
    # A denial counts only inside the claim's own clause (claims.toml clause_breaks).
    bounds = sorted({0, *(m.end() for m in rules.clauses.finditer(text)), len(text)})
    claims = []
    for m in rules.claims.finditer(text):
        start = bounds[bisect_right(bounds, m.start()) - 1]  # the last bound at or before the claim
        end = bounds[bisect_left(bounds, m.end())]  # the first bound at or after it
        negated = rules.not_claims.search(text, start, end) is not None
        claims.append(ClaimMention(Span(m.start(), m.end()), negated))
    return claims


@functools.cache
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in load_shared("actors")["group"]:
        for alias in [group["name"], *group["aliases"], *group.get("exact_case", [])]:
            table[normalise(alias)] = normalise(group["name"])
    return table


# A bracket closing an actor name: a regime period ("(2014-)", "(2000-2024)") or a country.
_LAST_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
_PERIOD = re.compile(r"\d{4}\s*[-\u2010-\u2015]\s*(?:\d{4})?")


@dataclass(frozen=True)
class _CompareRules:
    """actors.toml [compare] and [sides], compiled over normalised names."""

    article: re.Pattern[str]  # a leading article ("the ")
    unidentified: frozenset[str]
    sides: tuple[tuple[re.Pattern[str], str], ...]  # (form with a (country) group, side)


@functools.cache
def _compare_rules() -> _CompareRules:
    shared = load_shared("actors")
    compare = shared["compare"]
    article = rf"(?:{alternation([re.escape(normalise(a)) for a in compare['articles']])}) "
    sides: list[tuple[re.Pattern[str], str]] = []
    for side in ARMED_SIDES:
        for form in [shared["sides"][side], *compare["sides"][side]]:
            pattern = re.escape(normalise(form)).replace(re.escape("{country}"), f"(?:{article})?(.+?)")
            sides.append((re.compile(rf"^{pattern}$"), side))
    unidentified = {normalise(n) for n in [shared["sides"]["unidentified"], *compare["unidentified"]]}
    return _CompareRules(re.compile(rf"^{article}"), frozenset(unidentified), tuple(sides))


def normalise_actor(name: str | None) -> str | None:
    """A comparison key for actor names (FORMAT.md, Scoring): case, spacing, a leading article
    and a regime period in brackets ignored; aliases folded (ISIS -> islamic state); ACLED and
    short side names made equal ("Military Forces of Iraq (2014-)" == "Iraq military" ->
    'military:IQ'); an unidentified perpetrator ("Unidentified Armed Group (Iraq)", "unknown
    gunmen") is no named actor (None), as benchmark gold has it."""
    if not name:
        return None
    rules = _compare_rules()
    m = _LAST_BRACKET.search(name)
    base = name[: m.start()] if m else name
    if _key(base, rules) in rules.unidentified:
        return None
    key = _key(base if m and _PERIOD.fullmatch(m.group(1).strip()) else name, rules)
    if key in _alias_table():
        return _alias_table()[key]
    for pattern, side in rules.sides:
        found = pattern.match(key)
        # Only a real country makes a side: "Army of National Liberation" is a group's name.
        iso = (geo.country_of_demonym(found[1]) or geo.country_code(found[1])) if found else None
        if iso:
            return f"{side}:{iso}"
    return key


def _key(name: str, rules: _CompareRules) -> str:
    return rules.article.sub("", normalise(name))
