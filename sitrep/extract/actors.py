"""Actors and claims of responsibility, from actors.toml and claims.toml.

An actor mention is a named group ("ISIS", "IS-krigere") or a side ("Iraqi soldiers",
"shepherds", "gunmen"). Sides become ACLED-style names ("Military Forces of Iraq", "Civilians",
"Unidentified Armed Group") with the country from a demonym just before the noun or, failing
that, the article's main country.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from sitrep import geo
from sitrep.geo.normalize import normalise
from sitrep.extract.folded import FoldedPattern
from sitrep.extract.spans import SpanSet
from sitrep.lang import LanguagePack, alternation, load_shared
from sitrep.records import Span

SIDES = ("military", "police", "civilians", "unidentified")
ARMED_SIDES = ("military", "police")


@dataclass(frozen=True, slots=True)
class ActorMention:
    span: Span
    side: str  # 'group' or one of SIDES
    name: str  # canonical group name, or the noun as written
    country: str | None = None  # ISO2 from a demonym in the phrase ("Iraqi soldiers")
    role: str | None = None  # 'agent' after "by", 'patient' after "against"/"killing" (roles in actors.toml)


@dataclass(frozen=True, slots=True)
class ClaimMention:
    span: Span
    negated: bool


@dataclass(frozen=True)
class _ActorRules:
    groups: FoldedPattern  # one named capture per pack form, "alias" for shared literals
    exact: re.Pattern[str] | None  # case-sensitive aliases ("IS")
    group_names: tuple[str, ...]
    sides: FoldedPattern
    claims: re.Pattern[str]
    not_claims: re.Pattern[str]
    clauses: re.Pattern[str]
    agent: re.Pattern[str]
    patient: re.Pattern[str]


# A demonym may stand up to two words before the actor noun ("Iraqi soldiers", "U.S. troops",
# "Iraqi army officers", "syriske regjeringsstyrker").
_WORDS_BEFORE = re.compile(r"([^\W\d_][\w.'’-]*)\s+(?:([^\W\d_][\w.'’-]*)\s+)?$")


@functools.cache
def _rules(pack: LanguagePack) -> _ActorRules:
    shared = load_shared("actors")
    names = [g["name"] for g in shared["group"]] + list(pack["actors"]["groups"])
    # Pack forms are regexes and come first (longer: "IS fighters" before "IS"); shared aliases
    # are literals, found by one alternation and named through the alias table.
    pack_forms = [
        f"(?P<g{len(shared['group']) + j}>{alternation(patterns)})"
        for j, patterns in enumerate(pack["actors"]["groups"].values())
    ]
    literals = alternation([re.escape(a) for g in shared["group"] for a in g["aliases"]])
    exact = [f"(?P<g{i}>{alternation([re.escape(a) for a in g['exact_case']])})"
             for i, g in enumerate(shared["group"]) if g.get("exact_case")]
    sides = "|".join(f"(?P<{side}>{alternation(pack['actors']['sides'][side])})" for side in SIDES)
    claims = pack["claims"]
    return _ActorRules(
        groups=FoldedPattern.compile(rf"\b(?:{'|'.join([*pack_forms, f'(?P<alias>{literals})'])})\b"),
        exact=re.compile(rf"\b(?:{'|'.join(exact)})(?![\w-])") if exact else None,
        group_names=tuple(names),
        sides=FoldedPattern.compile(rf"\b(?:{sides})\b"),
        claims=re.compile(rf"\b(?:{alternation(claims['patterns'])})\b", re.IGNORECASE),
        not_claims=re.compile(rf"\b(?:{alternation(claims['not_claim'])})\b", re.IGNORECASE),
        clauses=re.compile(rf"[;:]|,\s+(?:{alternation(claims['clause_breaks'])})\b", re.IGNORECASE),
        agent=_marker(pack["actors"]["roles"]["agent_before"]),
        patient=_marker(pack["actors"]["roles"]["patient_before"]),
    )


def _marker(words: list[str]) -> re.Pattern[str]:
    """A role word up to two words before an actor ("by IS", "killing 11 troops", "against the army")."""
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:[\w'’-]+\s+){{0,2}}$", re.IGNORECASE)


def _role(text: str, start: int, rules: _ActorRules) -> str | None:
    before = text[max(0, start - 40) : start]
    if rules.agent.search(before):
        return "agent"
    return "patient" if rules.patient.search(before) else None


@functools.cache
def _alias_names() -> dict[str, str]:
    return {a.lower(): g["name"] for g in load_shared("actors")["group"] for a in g["aliases"]}


def _group_name(m: re.Match[str], rules: _ActorRules) -> str:
    if m.lastgroup == "alias":
        return _alias_names()[m.group().lower()]
    return rules.group_names[int(str(m.lastgroup)[1:])]


def find_actors(text: str, pack: LanguagePack, all_caps: bool = False, lowered: str | None = None) -> list[ActorMention]:
    """Named groups and sides in `text`, sorted by position, named groups winning overlaps."""
    rules = _rules(pack)
    lowered = text.lower() if lowered is None else lowered
    found = [
        ActorMention(Span(m.start(), m.end()), "group", _group_name(m, rules), role=_role(text, m.start(), rules))
        for m in rules.groups.finditer(text, lowered)
    ]
    if rules.exact is not None and not all_caps:
        loose = SpanSet(a.span for a in found)
        found += [
            ActorMention(Span(m.start(), m.end()), "group", _group_name(m, rules), role=_role(text, m.start(), rules))
            for m in rules.exact.finditer(text)
            if not loose.overlaps(m.start(), m.end())
        ]
    taken = SpanSet(a.span for a in found)
    for m in rules.sides.finditer(text, lowered):
        if taken.overlaps(m.start(), m.end()):
            continue
        side = str(m.lastgroup)
        start, country = _demonym_before(text, m.start())
        found.append(ActorMention(Span(start, m.end()), side, text[m.start() : m.end()], country, _role(text, start, rules)))
    return sorted(found, key=lambda a: a.span.start)


def _demonym_before(text: str, start: int) -> tuple[int, str | None]:
    """(start of the phrase, ISO2) when one of the two words before `start` is a demonym."""
    m = _WORDS_BEFORE.search(text, max(0, start - 40), start)
    if m:
        for group in (2, 1):
            word = m.group(group)
            iso = geo.country_of_demonym(word) if word else None
            if iso:
                return m.start(group), iso
    return start, None


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
    rules = _rules(pack)
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
