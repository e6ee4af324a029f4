"""Resolve candidate toponyms in the article's context.

Each candidate's gazetteer entries are ranked by name match (own name or alternate), feature
class and population, the article's country focus (country names, demonyms, the dateline),
the admin context ("Mayadeen in Deir ez-Zor province", "X, Y DEPARTMENT") and, in a second
pass, the proximity of the other places the article names. A name keeps one sense through the
article. Weak evidence abstains rather than pin a wrong place. Relative locations ("20 km west
of X", "between X and Y", "the X border") are then placed by relative.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sitrep.dateline import Dateline, read_dateline
from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Entry
from sitrep.geo.mentions import CONTINUERS, Article, PlaceMention, Raw
from sitrep.geo.normalize import normalise
from sitrep.geo.relative import AREAS, place_of, relative_location
from sitrep.records import Location, Place, Span

COUNTRY_REPEATS = 3
FOCUS_WEIGHT = {"country": 2, "dateline": 3, "admin": 1, "city": 1}
FEATURE_BONUS = {"PCLI": 2.0, "CONT": 1.5, "OCN": 1.5, "RGN": 1.0, "SEA": 1.0, "GULF": 1.0, "STRT": 1.0, "PPLC": 0.3}
POPULATION_WEIGHT = 0.4  # per factor of ten inhabitants
OWN_NAME = 0.8  # "Salisbury" is the English town, not Harare's old name
CAPITAL_BONUS = 6.0  # "başkent Cezayir": the word says capital, over the country of the same name
TYPICAL_DISTRICT = 20_000
SMALL = 5_000  # a place this small needs more than the article's country to be believed
# "Bagdad", "Mossoul": another language's name for a city this large is believed without a cue
# when every place that bears the name as its own is a village ("Bagdad, Arizona").
EXONYM_MIN_POPULATION = 1_000_000
EXONYM_RIVAL_MAX = 10_000
# A settlement word before a name that is also a country's ("مدينة عمان" is Amman, not Oman)
# outweighs the country's feature bonus and size.
SETTLED_COUNTRY = 5.0
# A town this large speaks for its country's focus; in ALL-CAPS text a one-word name is a surname
# as often as a town ("LOPEZ", "ROSALES"), so there only a city this large does (_speaks_for_focus).
CITY = 50_000
CAPS_CITY = 200_000
# Another country than the article's clear focus: a town this small there is believed only with
# a container of that country or right by a sure place (within the first PROXIMITY step).
FOREIGN_TOWN = 20_000
UNSURE = 0.3  # score of syntactic-only places and weak resolutions
ANCHOR_SCORE = 0.7  # a place resolved this surely helps place its neighbours
# Closer to another place of the article is likelier: (km, bonus), first that holds.
PROXIMITY = ((50.0, 1.2), (200.0, 0.8), (600.0, 0.4))
NEAREST_BONUS = PROXIMITY[0][1]
# Senses are chosen jointly: each round re-scores every mention against the others' picks of the
# round before (their places' nearness, provinces and countries) until no pick changes.
MAX_ROUNDS = 4
PICKED = 0.6  # a pick this sure speaks for its province and country in the next round
# The article's focus below the country: the share of the other names picked in a province.
# Two neighbouring counties of one state support each other; a foreign namesake of a local
# town loses ("Alexandria" among Virginia's towns).
REGION_WEIGHT = 1.0
# A province that holds other places the article names is likelier than a same-named country
# or town: "Georgia" beside Atlanta and Savannah is the US state. Per other name held, at most
# HOLDS_MAX names.
HOLDS_WEIGHT = 0.8
HOLDS_MAX = 3
# Before any pick is sure, the other names' readings speak: a candidate near the readings of
# other names (Dover beside Milford and Lewes) is likelier. Each other name weighs one, shared
# among its readings; within a cell of CELL_DEGREES or the next one (about 110 to 220 km).
CELL_DEGREES = 1.0
COHERENCE_WEIGHT = 1.0
COMMON_NAME = 20  # readings; more, and each lends under 1/20: left out, which saves time
FAR_DEGREES = 6.0  # of latitude, about 670 km: farther than any PROXIMITY step, skipped at once
# A bare name that a very large place bears as its own is that place, not a namesake a hundred
# times smaller elsewhere, whatever the article's country ("London" in a New York story is not
# London, Ohio; "England and Wales" is not the village of Wales in Yorkshire): the country's
# share and nearness to the article's places may not lift the namesake over it. A container or
# an admin word beside the name still may ("London, Ohio").
DWARFING_SIZE = 250_000
DWARFED_RATIO = 100


@dataclass
class Pick:
    entry: Entry
    score: float  # confidence 0..1; 0 = abstain
    near: bool  # close to another place of the article


def _is_dateline(f: Article, raw: Raw, opening: Span | None) -> bool:
    """The candidate is the whole of the text's opening words ("SAN SALVADOR" of "SAN SALVADOR, 3 JAN 90")."""
    return opening == Span(f.t.start[raw.i], f.t.end[raw.i + raw.n - 1])


def _gather_focus(f: Article, raws: list[Raw], opening: Span | None) -> None:
    """Countries the article is about; demonyms were counted while finding candidates. A country
    named again and again (a list of victims' nationalities) counts at most COUNTRY_REPEATS times.
    `opening` is the dateline's place span: the city the story was filed from, when it names one."""
    named: Counter[str | None] = Counter()
    for k, raw in enumerate(raws):
        if not raw.cands:
            continue
        top = raw.cands[0]
        if k == 0 and _is_dateline(f, raw, opening):
            raw.rule = "dateline"
            own = [e for e in raw.cands if e.own_name] or raw.cands  # not Engels, once called Pokrovsk
            f.focus[max(own, key=lambda e: e.population).country] += FOCUS_WEIGHT["dateline"]
        elif top.feature_code == "PCLI" and top.own_name and not raw.settled:
            named[top.country] += 1
            f.focus[top.country] += FOCUS_WEIGHT["country"] if named[top.country] <= COUNTRY_REPEATS else 0
        elif _speaks_for_focus(f, raw, top) and _dominant(raw.cands):
            f.focus[top.country] += FOCUS_WEIGHT["city"]


def _speaks_for_focus(f: Article, raw: Raw, top: Entry) -> bool:
    """A name with its admin word, or a city large enough, speaks for its country. In capitals a
    one-word name is a surname as often as a town ("LOPEZ", "ROSALES"): there only a large city
    does, or an area named with its admin word (a town read from "ESCALON DISTRICT" does not)."""
    if f.caps and raw.n == 1:
        return (raw.admin_level > 0 and top.feature_class == "A") or top.population >= CAPS_CITY
    return bool(raw.admin_level) or top.population >= CITY


def _dominant(cands: tuple[Entry, ...]) -> bool:
    """One country's namesake outweighs every other country's tenfold (San Salvador, Mosul)."""
    top = cands[0]
    return all(e.country == top.country or e.population * 10 <= top.population for e in cands)


def _shares(focus: Mapping[str | None, float]) -> dict[str, float]:
    total = sum(focus.values())
    return {cc: n / total for cc, n in focus.items() if cc} if total else {}


class Resolver:
    def __init__(self, f: Article, raws: list[Raw], opening: Span | None = None) -> None:
        self.f, self.raws = f, raws
        self.keys = [_key(f, raw) for raw in raws]  # each mention's name, as one sense is kept per name
        self.priors: dict[tuple[int, int], float] = {}  # (mention, entry id) -> Resolver._prior
        _unit_names(f, raws)
        _gather_focus(f, raws, opening)
        # The countries named (and the demonyms the finder counted); a single demonym ("a Libyan
        # national") is outweighed in the rounds by the places picked around it.
        self.named: dict[str | None, float] = {cc: float(n) for cc, n in f.focus.items()}
        self.weights: dict[str | None, float] = dict(self.named)  # named + picked, per country
        self.named_shares = _shares(self.named)
        self.shares = dict(self.named_shares)  # the larger of the named and the named + picked share
        self.coherence = _coherence(f, raws)
        self.anchors: list[tuple[Entry, str]] = []  # (entry, name) of sure places, each pair once
        # The sure places and the weak names of one reading: they help choose, not vouch.
        self.choice_anchors: list[tuple[Entry, str]] = []
        self.town_anchors: list[tuple[Entry, str]] = []
        self.picked: dict[str, Entry] = {}  # name -> its sure pick of the round before
        self.regions: Counter[tuple[str, str] | None] = Counter()  # (country, province) -> names picked there

    def run(self) -> list[Pick | None]:
        """Senses chosen jointly: a first round one mention at a time, then rounds that weigh
        each candidate against the other names' current picks, until no pick changes. Within a
        round the least sure mention moves first and the others see its new pick at once: moved
        all together, two names could swap their senses back and forth ("San Vicente" and "San
        Salvador", each pulling the other to its own country) and never meet."""
        picks = self._pass()
        self._learn(picks)
        for _ in range(MAX_ROUNDS):
            if not self.picked or not self._round(picks):
                break
        return self._one_sense(picks)

    def _round(self, picks: list[Pick | None]) -> bool:
        """Re-choose every mention in place, least sure first; whether any pick changed."""
        changed = False
        for k in sorted(range(len(picks)), key=lambda k: _sureness(picks[k])):
            self._refresh_context(k, picks)
            pick = self._reconsider(k, picks[k])
            moved = _entry_id(pick) != _entry_id(picks[k])
            picks[k] = pick
            if moved:
                self._learn(picks)
                changed = True
        if not changed:
            self._learn(picks)  # the scores moved even where the picks did not
        return changed

    def _reconsider(self, k: int, pick: Pick | None) -> Pick | None:
        """Mention k chosen again; a name of one reading outside any container only has its
        confidence judged again (there is nothing else to choose)."""
        if pick is None or len(self.raws[k].cands) > 1 or self.ctx[k] is not None:
            return self._choose(k)
        near = self._nearness(k, pick.entry) > 0
        return Pick(pick.entry, self._confidence(k, pick.entry, near), near)

    def _refresh_context(self, k: int, picks: list[Pick | None]) -> None:
        """The container of mention k as picked now ("X, Y": Y's current pick)."""
        if k + 1 < len(self.raws) and self.contains[k + 1] is self.raws[k]:
            after = picks[k + 1]
            self.ctx[k] = after.entry if after and after.score else self.ctx[k + 1]

    def _learn(self, picks: list[Pick | None]) -> None:
        """What the round's picks say of the article: sure places to be near, and the countries
        and provinces of the names picked surely (each name once, so a name repeated adds no weight)."""
        self.anchors = _distinct_anchors(self.f, self.raws, picks)
        # In capitals a single word is weak evidence: there they would be surnames as often as towns.
        lone = [] if self.f.caps else _lone_readings(self.f, self.raws, picks)
        self.choice_anchors = self.anchors + lone
        # A province's or a country's point is no place to lie beside.
        self.town_anchors = [(e, name) for e, name in self.choice_anchors if e.feature_code not in AREAS]
        self.picked = _sure_picks(self.f, self.raws, picks)
        picked = Counter(e.country for e in self.picked.values() if e.feature_code != "PCLI")
        self.weights = {cc: self.named.get(cc, 0.0) + picked[cc] for cc in dict.fromkeys([*self.named, *picked])}
        joint = _shares(self.weights)
        # The picks add weight to a country; they never dilute what the text names (a news brief
        # of five stories names one place in each).
        self.shares = {
            cc: max(joint.get(cc, 0.0), self.named_shares.get(cc, 0.0))
            for cc in dict.fromkeys([*joint, *self.named_shares])
        }
        self.regions = Counter(_region(e) for e in self.picked.values() if _region(e))

    def _one_sense(self, picks: list[Pick | None]) -> list[Pick | None]:
        """A name means one place through an article: each mention takes the surest reading of
        its name, unless its own context (an admin unit, a container) says otherwise; its
        confidence is still judged in its own sentence."""
        senses = _senses(self.f, self.raws, picks, self.ctx)
        out = list(picks)
        for k, (raw, pick) in enumerate(zip(self.raws, picks)):
            entry = senses.get(self.keys[k])
            free = self.ctx[k] is None and not raw.admin_level
            if free and entry is not None and entry in raw.cands and (pick is None or pick.entry != entry):
                near = self._nearness(k, entry) > 0
                out[k] = Pick(entry, self._confidence(k, entry, near), near)
        return out

    def _pass(self) -> list[Pick | None]:
        raws = self.raws
        picks: list[Pick | None] = [None] * len(raws)
        self.ctx: list[Entry | None] = [None] * len(raws)
        linked = [a if _linked(self.f, a, b) else None for a, b in zip(raws, raws[1:])]
        self.contains: list[Raw | None] = [None, *linked]
        for k in range(len(raws) - 1, -1, -1):  # containers come after: resolve them first
            if k + 1 < len(raws):
                _share_unit(self.f, raws[k], raws[k + 1])
                if self.contains[k + 1] is raws[k]:
                    after = picks[k + 1]
                    self.ctx[k] = after.entry if after and after.score else self.ctx[k + 1]
            picks[k] = self._choose(k)
        return picks

    def _choose(self, k: int) -> Pick | None:
        raw, ctx = self.raws[k], self.ctx[k]
        if not raw.cands:
            return None
        if (
            ctx is not None
            and ctx.feature_code == "PCLI"
            and self._comma_only(k)
            and any(e.feature_code == "PCLI" and e.own_name for e in raw.cands)
        ):
            self.ctx[k] = ctx = None  # "Mexico, the US and Canada": a list of countries, whatever towns they share
        if ctx is not None and _hidden_by_alias(raw.cands, ctx):
            self.ctx[k] = ctx = None  # "Washington, New York and Boston": a list, not a Washington in New York
        if ctx is not None and not any(_inside(e, ctx) for e in raw.cands):
            if self.raws[k + 1].admin_level:
                return None  # "Santa Ana, Usulutan Department": a place the gazetteer lacks there
            self.ctx[k] = None  # "Germany, France": a list, not a container
        cands = self._undwarfed(k) if ctx is None and not raw.admin_level else raw.cands
        nearness = [self._proximity(k, e) for e in cands]
        _, best = max(((self._score(k, e) + p, e) for e, p in zip(cands, nearness)), key=lambda t: t[0])
        near = self._nearness(k, best) > 0
        return Pick(best, self._confidence(k, best, near), near)

    def _undwarfed(self, k: int) -> tuple[Entry, ...]:
        """Mention k's readings less those dwarfed by a very large place of the name
        (DWARFING_SIZE, its own name, DWARFED_RATIO times larger) that does not hold them, unless
        they lie beside a place the article names (within the nearest PROXIMITY step)."""
        cands = self.raws[k].cands
        giants = [e for e in cands if e.own_name and _size(e) >= DWARFING_SIZE]
        if not giants:
            return cands
        return tuple(
            e
            for e in cands
            if not any(g is not e and _size(g) >= DWARFED_RATIO * _size(e) and not _inside(e, g) for g in giants)
            or self._nearness(k, e, self.town_anchors) >= NEAREST_BONUS
        )

    def _comma_only(self, k: int) -> bool:
        """Only punctuation (and an article) links mention k to the next ("X, the Y"), no word like "in"."""
        a, b = self.raws[k], self.raws[k + 1]
        between = self.f.text[self.f.t.end[a.i + a.n - 1] : self.f.t.start[b.i]].lower().split()
        return all(not any(ch.isalpha() for ch in w) or w in self.f.r.articles for w in between)

    def _prior(self, k: int, e: Entry) -> float:
        """What the candidate has for it whatever the other places: size, own name, kind, the
        admin word and settlement word by the mention. The same in every round, so kept."""
        key = (k, e.id)
        if key not in self.priors:
            raw = self.raws[k]
            s = POPULATION_WEIGHT * math.log10(_size(e) + 1) + (OWN_NAME if e.own_name else 0.0)
            s += FEATURE_BONUS.get(e.feature_code, 0.0) + _admin_fit(e, raw)
            if raw.capital and e.feature_code == "PPLC":
                s += CAPITAL_BONUS  # "başkent Cezayir": Algiers, not Algeria
            if raw.settled and e.feature_code == "PCLI":
                s -= SETTLED_COUNTRY  # "the city of X": not the country X
            self.priors[key] = s
        return self.priors[key]

    def _score(self, k: int, e: Entry) -> float:
        ctx = self.ctx[k]
        s = self._prior(k, e) + 1.5 * self._share(k, e.country)
        if ctx is not None:  # "X, Y" or "X in Y": X lies in Y
            s += (
                2.0 + (1.5 if ctx.admin1 is not None and ctx.admin1 == e.admin1 else 0.0)
                if ctx.country == e.country
                else -1.0
            )
        hint = self.raws[k].country_hint
        if hint is not None and ctx is None:  # "the Nigerian city of Jos": as "Jos, Nigeria"
            s += 2.0 if e.country == hint else -1.0
        holder = self.contains[k]
        if holder is not None and _holds(e, holder):
            s += 3.0  # "Atlanta, Georgia": the Georgia that holds an Atlanta
        return s + self._held(k, e)  # nearness to other places is added by _choose

    def _share(self, k: int, country: str | None) -> float:
        """The country's share of the article's focus, the mention's own pick left out (a pick
        does not vouch for itself)."""
        if not country:
            return 0.0
        mine = self.picked.get(self.keys[k]) if self.picked else None
        if mine is None or mine.feature_code == "PCLI":
            return self.shares.get(country, 0.0)
        total = sum(self.weights.values()) - 1
        weight = self.weights.get(country, 0.0) - (mine.country == country)
        return max(weight / total if total > 0 else 0.0, self.named_shares.get(country, 0.0))

    def _held(self, k: int, e: Entry) -> float:
        """A province or district that holds other names the article picked, unless a town of
        its name lies in it (a bare "New York" is the city). The mention's own name is left out."""
        if e.feature_code not in ("ADM1", "ADM2") or not self.picked or _seat_named(e, self.raws[k]):
            return 0.0
        own = self.keys[k]
        held = sum(1 for name, p in self.picked.items() if name != own and p.id != e.id and _within(p, e))
        return HOLDS_WEIGHT * min(held, HOLDS_MAX)

    def _region_share(self, k: int, e: Entry) -> float:
        """The share of the other names picked in the candidate's province (its own name left out)."""
        region = _region(e)
        if region is None or not self.picked:
            return 0.0
        mine = self.picked.get(self.keys[k])
        others = len(self.picked) - (mine is not None)
        same = self.regions[region] - (mine is not None and _region(mine) == region)
        return REGION_WEIGHT * same / others if others else 0.0

    def _proximity(self, k: int, e: Entry) -> float:
        """Support from the other places of the article: the nearest sure place, or the share of
        the other names picked in the candidate's province, whichever says more."""
        ctx = self.ctx[k]
        if e.lat is None or e.lon is None or e.feature_code in AREAS or (ctx is not None and ctx.country != e.country):
            return 0.0  # an explicit container ("X, Chalatenango Department") outweighs nearness
        # Near another place, or in the province of the others: one piece of evidence, not two.
        own = self.keys[k]
        near = self._nearness(k, e, self.choice_anchors)
        return max(self._region_share(k, e), self.coherence.get((own, e.id), 0.0), near)

    def _nearness(self, k: int, e: Entry, anchors: list[tuple[Entry, str]] | None = None) -> float:
        """The bonus for the nearest sure place of the article (PROXIMITY); only this counts as
        "near" for confidence."""
        ctx = self.ctx[k]
        if e.lat is None or e.lon is None or e.feature_code in AREAS or (ctx is not None and ctx.country != e.country):
            return 0.0
        own = self.keys[k]
        bonus = 0.0
        for a, name in self.anchors if anchors is None else anchors:
            if abs(e.lat - a.lat) > FAR_DEGREES or a.id == e.id or name == own:  # type: ignore[operator]
                continue
            d = haversine_km(e.lat, e.lon, a.lat, a.lon)  # type: ignore[arg-type]
            bonus = max(bonus, next((b for km, b in PROXIMITY if d <= km), 0.0))
            if bonus == NEAREST_BONUS:
                break  # no anchor can give more
        return bonus

    def _close(self, k: int, e: Entry) -> bool:
        """A sure place of the article lies within the first PROXIMITY step (50 km): close
        enough to believe a small place abroad against the article's clear focus (a village
        across the border). The wider steps help choose among readings, not vouch for one."""
        return self._nearness(k, e) >= NEAREST_BONUS

    def _confidence(self, k: int, e: Entry, near: bool) -> float:
        """0 = abstain. Weak evidence (tiny place, alternate name only, another country than the
        article's focus, an ALL-CAPS single word) needs a locative phrase or context to count."""
        raw, ctx = self.raws[k], self.ctx[k]
        if e.feature_code == "PCLI":
            return 0.95
        share = self._share(k, e.country)  # its own pick left out: a pick does not vouch for itself
        if raw.country_hint is not None and e.country != raw.country_hint:
            return 0.0  # "the Nigerian town of X" is no X elsewhere, but a place the gazetteer lacks
        # "the Nigerian city of Jos" names its country as "Jos, Nigeria" does
        hinted = raw.country_hint is not None
        ctx_hit = ctx is not None and ctx.country == e.country or hinted
        sizeable = share >= 0.3 and _size(e) >= SMALL
        support = raw.has_relation or raw.settled or ctx_hit or raw.admin_level > 0 or near or sizeable
        # Another country than a clear focus: only a sizeable town beats the focus.
        named = self.named_shares.get(e.country or "", 0.0)  # the picks of weak names do not count here
        foreign = named == 0.0 and max(self.named_shares.values(), default=0.0) >= 0.6
        if _name_only(e) and foreign and raw.has_relation and not ctx_hit and not raw.admin_level:
            # "at the City Hall", "in Berkshire": not a district known by name alone abroad (a
            # Jamaican "Berkshire"), but a place the gazetteer lacks, placed in the article's country
            return 0.0
        alternate = not e.own_name and not _press_exonym(e, raw.cands)
        # A village abroad is believed only right by a sure place ("ESCALON": not Chiapas'); in
        # capitals, a name abroad that is only some town's alternate name is not believed either
        # ("CHIAPAS CANTON": not Chiapa de Corzo). In other text the reading abroad stays, as a
        # place the event ignores, rather than an everyday word read as a local place ("قرب محلات").
        far = _size(e) < FOREIGN_TOWN and not self._close(k, e)
        if foreign and not ctx_hit and (far or (alternate and self.f.caps)):
            return 0.0
        weak = (self.f.caps and raw.n == 1) or alternate or _size(e) < 1_000
        if weak and not support and e.feature_code not in AREAS:
            return 0.0
        score = 0.45 + 0.15 * raw.has_relation + 0.2 * (share >= 0.3) + 0.1 * (_size(e) >= 100_000)
        # A settlement word that describes the name ("the capital, Caracas") vouches that it is a
        # town's; a demonym names its country and kind as "Jos, Nigeria" and an admin word would.
        score += 0.1 * ctx_hit + 0.1 * near + 0.1 * (raw.settled and raw.has_relation)
        return min(score + 0.2 * (raw.admin_level > 0 or hinted), 0.95)


def _distinct_anchors(f: Article, raws: list[Raw], picks: list[Pick | None]) -> list[tuple[Entry, str]]:
    """(entry, name) of the places resolved surely enough to place their neighbours, each pair
    once: an article that names the same town a thousand times has one anchor there, not a
    thousand (proximity is a maximum over anchors, so repeats add nothing but time)."""
    seen: dict[tuple[int, str], Entry] = {}
    for raw, p in zip(raws, picks):
        if p and p.score >= ANCHOR_SCORE and p.entry.lat is not None and p.entry.feature_code not in AREAS - {"ADM1"}:
            seen.setdefault((p.entry.id, _key(f, raw)), p.entry)
    return [(entry, name) for (_, name), entry in seen.items()]


def _lone_readings(f: Article, raws: list[Raw], picks: list[Pick | None]) -> list[tuple[Entry, str]]:
    """(entry, name) of names of one reading that were too weak to output ("Zgharta", a town of
    unknown size): they help choose a neighbour's sense, but vouch for no one's confidence (in
    capitals, a surname is often a village somewhere)."""
    seen: dict[tuple[int, str], Entry] = {}
    for raw, p in zip(raws, picks):
        if p and p.score < ANCHOR_SCORE and len(raw.cands) == 1 and p.entry.feature_class == "P":
            seen.setdefault((p.entry.id, _key(f, raw)), p.entry)
    return [(entry, name) for (_, name), entry in seen.items()]


Cell = tuple[int, int]


def _cell(e: Entry) -> Cell:
    return (math.floor(e.lat / CELL_DEGREES), math.floor(e.lon / CELL_DEGREES))  # type: ignore[operator]


def _coherence(f: Article, raws: list[Raw]) -> dict[tuple[str, int], float]:
    """(name, id of one of its readings) -> how much the other names' readings lie around that
    reading: each other name gives the share of its readings within the neighbouring cells (a
    name of one reading gives 1, of twenty readings 1/20 each), at most COHERENCE_WEIGHT."""
    readings: dict[str, list[Entry]] = {}
    for raw in raws:
        if raw.cands:
            readings.setdefault(_key(f, raw), _placed(raw.cands))
    if len(readings) < 2:
        return {}
    around: dict[Cell, dict[str, float]] = {}  # a cell -> the names read in it or next to it, with their shares
    for name, entries in readings.items():
        if len(entries) > COMMON_NAME:
            continue  # a name read in a hundred places tells nothing of where the others are
        for e in entries:
            lat, lon = _cell(e)
            for cell in ((lat + a, lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)):
                names = around.setdefault(cell, {})
                names[name] = names.get(name, 0.0) + 1.0 / len(entries)
    out: dict[tuple[str, int], float] = {}
    for name, entries in readings.items():
        if len(entries) < 2:
            continue  # nothing to choose
        for e in entries:
            near = around.get(_cell(e), {})
            support = sum(near.values()) - near.get(name, 0.0)
            if support > 1e-9:
                out[(name, e.id)] = COHERENCE_WEIGHT * min(support, 1.0)
    return out


def _placed(cands: tuple[Entry, ...]) -> list[Entry]:
    """The readings by a place's own name with a point, below the country (a country is near
    everything in it; the many villages that bear a name as an alternate are noise here)."""
    return [e for e in cands if e.own_name and e.lat is not None and e.lon is not None and e.feature_code not in AREAS]


def _sure_picks(f: Article, raws: list[Raw], picks: list[Pick | None]) -> dict[str, Entry]:
    """Name -> its surest pick, for the names picked surely enough to speak for the article."""
    best: dict[str, Pick] = {}
    for raw, p in zip(raws, picks):
        if (
            p
            and (p.score >= PICKED or _unambiguous(raw) and not _name_only(p.entry))
            and p.entry.feature_class in ("P", "A")
        ):
            key = _key(f, raw)
            if key not in best or p.score > best[key].score:
                best[key] = p
    return {key: p.entry for key, p in best.items()}


def _unambiguous(raw: Raw) -> bool:
    """Every reading of the name lies in one province: even a mention too weak to be output
    ("Zgharta", a town of unknown size) tells where the article is."""
    return bool(raw.cands) and len({_region(e) or (e.country, "") for e in raw.cands}) == 1


def _region(e: Entry) -> tuple[str, str] | None:
    """(country, province) of a place below the country."""
    if e.feature_code == "PCLI" or not e.country or not e.admin1:
        return None
    return (e.country, e.admin1)


def _within(e: Entry, area: Entry) -> bool:
    """Does the area (a province or district) hold the place (a smaller place)?"""
    if e.country != area.country or e.admin1 != area.admin1 or e.feature_code in ("PCLI", "ADM1"):
        return False
    return area.feature_code == "ADM1" or (e.admin2 is not None and e.admin2 == area.admin2)


def _name_only(e: Entry) -> bool:
    """A district the gazetteer knows by name alone: no point, no inhabitants."""
    return e.feature_code == "ADM2" and e.lat is None and not e.population


def _sureness(p: Pick | None) -> float:
    return p.score if p else 0.0


def _entry_id(p: Pick | None) -> int | None:
    return p.entry.id if p else None


def _press_exonym(e: Entry, cands: tuple[Entry, ...]) -> bool:
    """A large city's name in another language, which no sizeable place bears as its own name
    ("Salisbury" stays the English town, not Harare's old name)."""
    rivals = (c.population for c in cands if c.own_name)  # a district of unknown size is no rival
    return _size(e) >= EXONYM_MIN_POPULATION and all(size < EXONYM_RIVAL_MAX for size in rivals)


def _size(e: Entry) -> int:
    """Population, with a typical district's for a district whose towns are unknown here."""
    return e.population or (TYPICAL_DISTRICT if e.feature_code == "ADM2" else 0)


def _inside(e: Entry, area: Entry) -> bool:
    """Within the area as far as the gazetteer can tell (towns carry no district codes)."""
    return e.country == area.country and (area.feature_code not in ("ADM1", "ADM2") or e.admin1 == area.admin1)


def _hidden_by_alias(cands: tuple[Entry, ...], area: Entry) -> bool:
    """Only a small place that bears the name as an alternate lies in the area, while a place ten
    times larger bears it as its own: the area does not hold the name, it follows it in a list."""
    inside = [e for e in cands if _inside(e, area)]
    largest = max((_size(e) for e in cands if e.own_name), default=0)
    return bool(inside) and all(not e.own_name and _size(e) * 10 < largest for e in inside)


def _holds(area: Entry, raw: Raw) -> bool:
    """Does the area contain one of the places the raw may name?"""
    return area.feature_code in ("PCLI", "ADM1", "ADM2") and any(
        _inside(e, area) and e.id != area.id for e in raw.cands
    )


def _seat_named(area: Entry, raw: Raw) -> bool:
    """A town of the area's name lies in it ("New York", "Kabul"): a bare name is that town."""
    return any(c.feature_class == "P" and c.country == area.country and c.admin1 == area.admin1 for c in raw.cands)


def _admin_fit(e: Entry, raw: Raw) -> float:
    """'X province' wants the admin area; a bare name wants the town (ACLED codes towns) when
    the area is named after its own seat ('Kabul', 'Deir ez-Zor'), else the larger of the two."""
    code, level = e.feature_code, raw.admin_level
    # Countries cut their areas differently (a Burkinabe province is a second-level area), so
    # the other level still beats a town.
    if level == 1:
        return 3.0 if code == "ADM1" else 1.5 if code == "ADM2" else -1.0
    if level == 2:
        return 3.0 if code == "ADM2" else 1.0 if code == "ADM1" else -1.0
    if code not in ("ADM1", "ADM2"):
        return 0.0
    # The seat may be listed under another spelling ("Ḩamāh" for the province Hama's town).
    seat = _seat_named(e, raw)
    if code == "ADM1":
        return -1.0 if seat else -0.3
    return -1.2 if seat else -0.5


def _linked(f: Article, a: Raw, b: Raw) -> bool:
    """Is b the container of a ("a, b", "a in b", "a-provinsen, nord i b", "a village in the b")?"""
    end = max(f.t.end[a.i + a.n - 1], a.phrase_end)
    j = a.i + a.n
    if j < b.i and f.t.end[j] > end and _settlement_word_after(f, j):
        end = f.t.end[j]
    between = f.text[end : f.t.start[b.i]]
    if len(between) > 24 or a.partner is b:
        return False
    return bool(f.r.container.match(between))


def _settlement_word_after(f: Article, j: int) -> bool:
    """Token j, right after a name, is a settlement word of places.toml settlement_after ("the
    Goain village in ..."), in lower case unless the text is in capitals, and no of-word follows
    it: "the Texas town of Uvalde" names the town after the word, not one inside it; nor a
    comma or bracket ("X township, in the north of the country")."""
    t = f.t
    if t.low[j] not in f.r.settled_after or not t.joined(j) or t.gap[j].strip() or (t.cap[j] and not f.caps):
        return False
    if j + 1 < len(t.low) and (t.low[j + 1] in f.r.of_words or t.gap[j + 1].strip()):
        return False  # "the El Carmen neighbourhood, El Carmen hill": a list, not a container
    return True


def _unit_names(f: Article, raws: list[Raw]) -> None:
    """'Cook and DuPage counties': a name before an admin-unit word (its own, or shared with the
    next name) that the gazetteer knows only with such a word after it ("DuPage County") reaches
    that area: the name is looked up with each unit word of its level, all in one batch."""
    for a, b in zip(raws, raws[1:]):
        _share_unit(f, a, b)
    wanted: dict[int, list[str]] = {}
    for raw in raws:
        if raw.admin_level:
            units = (unit for unit, level in f.r.admin_units.items() if level == raw.admin_level)
            wanted[id(raw)] = [normalise(f"{_key(f, raw)} {unit}") for unit in units]
    if not wanted:
        return
    found = f.g.lookup({key for keys in wanted.values() for key in keys})
    for raw in raws:
        areas = [e for key in wanted.get(id(raw), ()) for e in found.get(key, ()) if e.feature_class == "A"]
        if areas:
            raw.cands = tuple(dict.fromkeys((*areas, *raw.cands)))
            raw.rule = "gazetteer" if raw.rule == "syntax" else raw.rule


def _share_unit(f: Article, a: Raw, b: Raw) -> None:
    """'USULUTAN AND MORAZAN DEPARTMENTS': the unit word after b applies to a too."""
    between = f.text[f.t.end[a.i + a.n - 1] : f.t.start[b.i]].strip().lower()
    if b.admin_level and not a.admin_level and between in f.r.and_words:
        a.admin_level = b.admin_level


def _senses(f: Article, raws: list[Raw], picks: list[Pick | None], ctx: list[Entry | None]) -> dict[str, Entry]:
    """The surest reading of each name in the article: one read in a context (a container, the
    dateline, a word that says it is a capital) first, then the most confident."""
    best: dict[str, tuple[bool, float, Entry]] = {}
    for raw, pick, c in zip(raws, picks, ctx):
        if pick and pick.score and not raw.admin_level:
            key, rank = (
                _key(f, raw),
                (c is not None or raw.rule == "dateline" or raw.settled or raw.capital, pick.score),
            )
            if key not in best or rank > best[key][:2]:
                best[key] = (*rank, pick.entry)
    return {key: entry for key, (_, _, entry) in best.items()}


def _key(f: Article, raw: Raw) -> str:
    return " ".join(f.t.low[raw.i : raw.i + raw.n])


def resolve_all(
    f: Article, raws: list[Raw], keep_all: bool = False, dateline: Dateline | None = None
) -> list[PlaceMention | None]:
    """One mention per candidate, in order; abstentions are None (dropped unless keep_all).
    `dateline` is the text's when the caller has read it; else it is read here."""
    dateline = dateline or read_dateline(f.text)
    resolver = Resolver(f, raws, dateline.place_span if dateline is not None else None)
    picks = resolver.run()
    places = {id(raw): place_of(f.g, pick.entry) for raw, pick in zip(raws, picks) if pick and pick.score}
    local = _local_focus(picks)
    head = dateline.span.end if dateline is not None and dateline.span is not None else 0
    out: list[PlaceMention | None] = []
    for k, (raw, pick) in enumerate(zip(raws, picks)):
        partner = places.get(id(raw.partner)) if raw.partner else None
        if pick and pick.score:
            out.append(_output(f, raw, relative_location(f.g, raw, places[id(raw)], partner), pick.score))
            continue
        unknown = None
        if not raw.cands or raw.has_relation:
            near = _nearby_country(f, raws, picks, k, resolver.shares, head) if resolver.ctx[k] is None else None
            unknown = _syntactic(f, raw, resolver.shares, resolver.ctx[k], local, near)
        # A span given as a toponym is a place whatever the evidence: where the article places no
        # unknown name, its surest reading, however weak, beats nothing (as unsure).
        guess = _guess(raw, pick)
        if guess is not None and (unknown is None or unknown.place.lat is None):
            out.append(_output(f, raw, relative_location(f.g, raw, place_of(f.g, guess.entry), partner), UNSURE))
        elif unknown is None:
            out.append(None)
        else:
            raw.rule = "syntax"
            out.append(_output(f, raw, unknown, UNSURE))
    return out if keep_all else [m for m in out if m is not None]


def _nearby_country(
    f: Article, raws: list[Raw], picks: list[Pick | None], k: int, shares: dict[str, float], head: int
) -> str | None:
    """The country of more than half the other names resolved surely in mention k's sentence,
    else in its paragraph (each name once; not those of the dateline, `head` its end): in a
    roundup of stories from several countries, the story's own country. Where one country has
    over half the article, a nearby one outweighs it only where it is a story's country too (a
    quarter of the article): names near k often only describe ("Ancash Street, in front of the
    San Francisco monastery", "the Bosques del Rio neighbourhood and San Jose")."""
    t = f.t
    ruling = next((cc for cc, s in shares.items() if s >= 0.5), None)
    paragraphs = "\n\n" if "\n\n" in f.text else "\n"
    for ends in (".!?", None):
        lo, hi = raws[k].i, raws[k].i + raws[k].n
        while lo > 0 and not _boundary(t.gap[lo], ends, paragraphs):
            lo -= 1
        while hi < len(t.low) and not _boundary(t.gap[hi], ends, paragraphs):
            hi += 1
        if lo == 0 and hi == len(t.low):
            return None  # the whole article: its share decides, the story's lead first
        names = {
            _key(f, raw): p.entry.country
            for m, (raw, p) in enumerate(zip(raws, picks))
            if m != k
            and p is not None
            and p.score > UNSURE
            and p.entry.country
            and raw.has_relation
            and lo <= raw.i < hi
            and t.start[raw.i] >= head
        }
        counts = Counter(names.values())
        if counts:
            top, n = counts.most_common(1)[0]
            if n * 2 > len(names):
                return top if ruling is None or shares.get(top, 0.0) >= 0.25 else None
    return None


def _boundary(gap: str, ends: str | None, paragraphs: str) -> bool:
    """Does this gap between tokens end a paragraph or, `ends` given, a sentence (any of `ends`
    in it; a line break alone does not: cables wrap their lines)?"""
    return paragraphs in gap or (ends is not None and any(c in gap for c in ends))


def _guess(raw: Raw, pick: Pick | None) -> Pick | None:
    """For a span given as a toponym, the pick the resolver abstained on, when it has a point."""
    return pick if pick is not None and raw.given and pick.entry.lat is not None else None


def _local_focus(picks: list[Pick | None]) -> Entry | None:
    """The town or province the article names most surely and most often."""
    counts = Counter(p.entry for p in picks if p and p.score >= 0.6 and p.entry.feature_code not in AREAS - {"ADM1"})
    return counts.most_common(1)[0][0] if counts else None


def _title(text: str) -> str:
    """'SAN LUIS DE LA REINA' -> 'San Luis de la Reina' (particles stay lower case inside)."""
    words = " ".join(text.split()).split(" ")
    return " ".join(
        w.lower() if i and w.lower() in CONTINUERS else "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
        for i, w in enumerate(words)
    )


def _syntactic(
    f: Article,
    raw: Raw,
    shares: dict[str, float],
    container: Entry | None,
    local: Entry | None,
    near: str | None = None,
) -> Location:
    """A place the gazetteer lacks: named as written, in its container's country (or the one
    its demonym names: "the Israeli town of X"), else that of the places resolved around it
    (`near`), else the article's; its point is the container's, or that of the locality the
    article is about in that country (precision 2, the container or locality as anchor)."""
    name = f.text[f.t.start[raw.i] : f.t.end[raw.i + raw.n - 1]]
    name = _title(name) if f.caps or name.isupper() else " ".join(name.split())
    name = " ".join(_nominative(w, f.r.name_endings) for w in name.split(" "))
    # "the Israeli town of X": the demonym's country, whatever the places around it. Two may
    # pass one half (the named focus and the picks' are merged): the one named first, as a
    # story's lead names its country (shares keep the text's order).
    hinted = container.country if container else raw.country_hint
    country = hinted or near or next((cc for cc, s in shares.items() if s >= 0.5), None)
    around = container or (local if local is not None and local.country == country else None)
    if around is None:
        return Location(Place(name=name, country=country), raw.precision, raw.relation)
    anchor = place_of(f.g, around)
    place = Place(name=name, country=country, admin1=anchor.admin1, lat=anchor.lat, lon=anchor.lon)
    return Location(place, max(raw.precision, 2), raw.relation, anchor=anchor)


def _nominative(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    """An unknown name's word with its case ending undone by the first pair of places.toml
    case_endings it ends in that is two letters or longer ("Садії" -> "Садія"), so that its
    mentions in several cases are one place; a one-letter ending is left, being a guess."""
    low = word.lower()
    for ending, repl in endings:
        if low.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            return stem + (repl.upper() if word.isupper() else repl)
    return word


def _output(f: Article, raw: Raw, location: Location, score: float) -> PlaceMention:
    t = f.t
    span = Span(t.start[raw.i], t.end[raw.i + raw.n - 1])
    phrase = Span(raw.phrase_start if raw.phrase_start >= 0 else span.start, max(raw.phrase_end, span.end))
    return PlaceMention(
        span,
        phrase,
        location,
        round(score, 3),
        raw.rule,
        f.text[span.start : span.end],
        locative_suffix=raw.locative_suffix,
    )
