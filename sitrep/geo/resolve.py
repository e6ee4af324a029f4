"""Resolve candidate toponyms in article context: country focus, admin context, population."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from sitrep.geo import PlaceMention
from sitrep.records import Location, Place, Span

from sitrep.geo.places import CONTINUERS

if TYPE_CHECKING:
    from sitrep.geo.places import Finder, Raw

DATELINE_END = re.compile(r"\s*(?:,|\(|--|–|—|-\s)")
# Text that links a place to the admin area or country that contains it: "X, Y DEPARTMENT",
# "Mayadeen in Deir ez-Zor province", "Mayadeen (Syria)".
LINK = re.compile(r"^\s*(?:,|\(|\bin\b|\bi\b|\bof\b)\s*(?:the\s+)?$", re.IGNORECASE)
FOCUS_WEIGHT = {"country": 2, "dateline": 3, "admin": 1, "city": 1}
UNSURE = 0.3  # score of syntactic-only places and weak resolutions


def _decode(rid: int) -> tuple[int, bool]:
    return (rid, True) if rid >= 0 else (~rid, False)


def _best_plain(f: Finder, raw: Raw) -> int:
    """Largest primary-named record: what the name means without context."""
    return _decode(raw.ids[0])[0]


def _is_dateline(f: Finder, raw: Raw) -> bool:
    start, end = f.t.start[raw.i], f.t.end[raw.i + raw.n - 1]
    return not f.text[:start].strip() and bool(DATELINE_END.match(f.text, end))


def _gather_focus(f: Finder, raws: list[Raw]) -> None:
    """Countries the article is about; demonyms were counted while finding candidates."""
    country, feature, pop = f.g.columns["country"], f.g.columns["feature"], f.g.columns["population"]
    for k, raw in enumerate(raws):
        if not raw.ids:
            continue
        top = _best_plain(f, raw)
        ccs = {country[_decode(r)[0]] for r in raw.ids}
        if k == 0 and _is_dateline(f, raw):
            raw.rule = "dateline"
            f.focus[country[top]] += FOCUS_WEIGHT["dateline"]
        elif feature[top] == "PCLI" and raw.ids[0] >= 0:
            f.focus[country[top]] += FOCUS_WEIGHT["country"]
        elif len(ccs) == 1 and (pop[top] >= 50_000 or raw.admin_level):
            f.focus[country[top]] += FOCUS_WEIGHT["city"]


def _shares(focus: Counter[str]) -> dict[str, float]:
    total = sum(focus.values())
    return {cc: n / total for cc, n in focus.items()} if total else {}


def _score(f: Finder, rid: int, primary: bool, raw: Raw, shares: dict[str, float], ctx: tuple[str, str | None] | None) -> float:
    c = f.g.columns
    feature, cc = c["feature"][rid], c["country"][rid]
    s = min(math.log10(c["population"][rid] + 1) / 7, 1.0) + (0.5 if primary else 0.0)
    s += 1.5 * shares.get(cc, 0.0) + {"PCLI": 2.0, "PPLC": 0.3}.get(feature, 0.0)
    s += _admin_fit(feature, raw.admin_level)
    if ctx and ctx[0] == cc:
        s += 0.7 + (1.5 if ctx[1] is not None and ctx[1] == c["admin1"][rid] else 0.0)
    return s


def _admin_fit(feature: str, level: int) -> float:
    """'X province' wants the admin area; a bare name wants the town (ACLED codes towns)."""
    if level == 1:
        return 3.0 if feature == "ADM1" else -1.0
    if level == 2:
        return 3.0 if feature == "ADM2" else 1.0 if feature == "ADM1" else -1.0
    return {"ADM1": -0.6, "ADM2": -1.2}.get(feature, 0.0)


def _choose(f: Finder, raw: Raw, shares: dict[str, float], ctx: tuple[str, str | None] | None) -> tuple[int, bool] | None:
    best, best_s, primary_best = -1, -1e9, False
    for enc in raw.ids:
        rid, primary = _decode(enc)
        s = _score(f, rid, primary, raw, shares, ctx)
        if s > best_s:
            best, best_s, primary_best = rid, s, primary
    return (best, primary_best) if best >= 0 else None


def _confidence(f: Finder, rid: int, primary: bool, raw: Raw, shares: dict[str, float], ctx_hit: bool) -> float:
    """0 = abstain. Weak evidence (tiny place, alternate name only, another country than the
    article's focus, an ALL-CAPS single word) needs a locative preposition or context to count."""
    c = f.g.columns
    feature, pop, share = c["feature"][rid], c["population"][rid], shares.get(c["country"][rid], 0.0)
    if feature == "PCLI":
        return 0.95
    support = raw.has_relation or ctx_hit or share >= 0.3 or raw.admin_level > 0
    # Another country than a clear focus: only a sizeable town beats the focus.
    foreign = share == 0.0 and max(shares.values(), default=0.0) >= 0.6
    if foreign and pop < 20_000 and not ctx_hit:
        return 0.0
    if (f.caps and raw.n == 1 or not primary or pop < 1_000) and not support and feature not in ("ADM1",):
        return 0.0
    score = 0.45 + 0.15 * raw.has_relation + 0.2 * (share >= 0.3) + 0.1 * (pop >= 100_000) + 0.1 * ctx_hit
    return min(score + 0.2 * (raw.admin_level > 0), 0.95)


def _linked(f: Finder, a: Raw, b: Raw) -> bool:
    """Is b the container of a ("a, b", "a in b", "a AND b DEPARTMENTS")?"""
    between = f.text[f.t.end[a.i + a.n - 1]:f.t.start[b.i]]
    if len(between) > 12:
        return False
    return bool(LINK.match(between)) or (between.strip().lower() in ("and", "og") and b.admin_level > 0)


def resolve_all(f: Finder, raws: list[Raw]) -> list[PlaceMention]:
    _gather_focus(f, raws)
    shares = _shares(f.focus)
    out: list[PlaceMention | None] = [None] * len(raws)
    ctx: list[tuple[str, str | None] | None] = [None] * len(raws)
    for k in range(len(raws) - 1, -1, -1):  # containers come after: resolve them first
        raw = raws[k]
        nxt = k + 1 if k + 1 < len(raws) and _linked(f, raw, raws[k + 1]) else None
        if nxt is not None and raws[k + 1].admin_level and not raw.admin_level and f.text[
                f.t.end[raw.i + raw.n - 1]:f.t.start[raws[k + 1].i]].strip().lower() in ("and", "og"):
            raw.admin_level = raws[k + 1].admin_level  # "USULUTAN AND MORAZAN DEPARTMENTS"
        here = ctx[nxt] if nxt is not None and out[nxt] is None else None
        if nxt is not None and out[nxt] is not None:
            p = out[nxt].location.place
            here = (p.country, _admin1_code(f, out[nxt])) if p.country else ctx[nxt]
        ctx[k] = here
        out[k] = _mention(f, raw, shares, here)
        if out[k] is not None and out[k].location.place.country and raw.ids:
            ctx[k] = (out[k].location.place.country, _admin1_code(f, out[k]))
    return [m for m in out if m is not None]


def _admin1_code(f: Finder, m: PlaceMention) -> str | None:
    name, country = m.location.place.admin1, m.location.place.country
    if name is None:
        return None
    return _admin1_codes(f.g.admin1_names).get((country or "?", name))


_REVERSED: dict[int, dict[tuple[str, str], str]] = {}


def _admin1_codes(names: dict[str, str]) -> dict[tuple[str, str], str]:
    """(country, admin1 name) -> admin1 code, the reverse of Gazetteer.admin1_names, built once."""
    if id(names) not in _REVERSED:
        _REVERSED.clear()
        _REVERSED[id(names)] = {(code[:2], name): code[3:] for code, name in names.items()}
    return _REVERSED[id(names)]


def _mention(f: Finder, raw: Raw, shares: dict[str, float], ctx: tuple[str, str | None] | None) -> PlaceMention | None:
    if raw.ids:
        chosen = _choose(f, raw, shares, ctx)
        if chosen is not None:
            rid, primary = chosen
            c = f.g.columns
            ctx_hit = ctx is not None and ctx[0] == c["country"][rid]
            score = _confidence(f, rid, primary, raw, shares, ctx_hit)
            if score > 0:
                return _output(f, raw, _place(f, rid), score)
        if not raw.has_relation:
            return None
    raw.rule = "syntax"
    return _output(f, raw, _syntactic_place(f, raw, shares, ctx), UNSURE)


def _place(f: Finder, rid: int) -> Place:
    c = f.g.columns
    feature, cc, a1 = c["feature"][rid], c["country"][rid], c["admin1"][rid]
    return Place(
        name=c["name"][rid], country=cc,
        admin1=f.g.admin1_names.get(f"{cc}.{a1}") if a1 else None,
        admin2=c["name"][rid] if feature == "ADM2" else None,
        lat=c["lat"][rid], lon=c["lon"][rid], geonameid=c["geonameid"][rid], feature_code=feature,
    )


def _title(text: str) -> str:
    """'SAN LUIS DE LA REINA' -> 'San Luis de la Reina' (particles stay lower case inside)."""
    words = " ".join(text.split()).split(" ")
    return " ".join(w.lower() if i and w.lower() in CONTINUERS
                    else "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for i, w in enumerate(words))


def _syntactic_place(f: Finder, raw: Raw, shares: dict[str, float], ctx: tuple[str, str | None] | None) -> Place:
    name = _title(f.text[f.t.start[raw.i]:f.t.end[raw.i + raw.n - 1]])
    country = ctx[0] if ctx else next((cc for cc, s in shares.items() if s >= 0.5), None)
    return Place(name=name, country=country)


def _output(f: Finder, raw: Raw, place: Place, score: float) -> PlaceMention:
    t = f.t
    span = Span(t.start[raw.i], t.end[raw.i + raw.n - 1])
    phrase = Span(raw.phrase_start if raw.phrase_start >= 0 else span.start, max(raw.phrase_end, span.end))
    # A district (ADM2) is placed like a town, as ACLED does; provinces and countries are areas.
    area = place.feature_code in ("PCLI", "ADM1") or raw.admin_level > 0
    precision = 3 if area else raw.precision
    return PlaceMention(span, phrase, Location(place, precision, raw.relation), round(score, 3), raw.rule)
