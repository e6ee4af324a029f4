"""What place finding works with, below the steps that make it: the mention a caller gets
(PlaceMention), the tokens of an article, a candidate toponym before resolution (Raw) and what
resolution reads of the article it resolves (Article). places.py finds candidates, resolution.py
resolves them and relative.py places relative locations; each imports these from here, none
imports another's module for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from sitrep.geo import relations
from sitrep.lang import load_shared
from sitrep.records import Location, Span

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Entry, Gazetteer
    from sitrep.geo.rules import PlaceRules


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span  # the toponym as written
    phrase_span: Span  # the whole locative phrase ("20 km west of Mosul"), = span when bare
    location: Location
    score: float  # 0..1; syntactic-only places (not in the gazetteer) score 0.3
    rule: str = ""  # "gazetteer", "dateline" or "syntax"
    text: str = ""  # the toponym as written
    # The speaker's or the venue's place, not where anything happened: "said in Kabul", "at a
    # press conference in Baghdad", "sa i Oslo" (cue words: places.toml [speaker_cues]).
    speaker: bool = False
    # A case suffix on the name says "in", as a preposition would ("Kabil'de": places.toml
    # locative_suffixes): a place where something happened, like "in Kabul".
    locative_suffix: bool = False
    # "toponym", or "demonym" for a demonym or area adjective ("Syrian", "irakisk", "European")
    # resolved to its country or area: a country signal, which a user may keep or drop.
    kind: str = "toponym"

    def to_dict(self) -> dict[str, Any]:
        """The toponym format of the benchmark sets (FORMAT.md), plus how it was resolved."""
        p = self.location.place
        return {
            "start": self.span.start,
            "end": self.span.end,
            "text": self.text,
            "lat": p.lat,
            "lon": p.lon,
            "geonameid": p.geonameid,
            "country": p.country,
            "admin1": p.admin1,
            "feature_code": p.feature_code,
            "name": p.name,
            "precision": self.location.precision,
            "relation": self.location.relation,
            "score": self.score,
            "kind": self.kind,
        }


# A name that goes on through one of these is longer than the gazetteer hit: "San Luis de la Reina".
CONTINUERS = frozenset(load_shared("places")["name_continuers"])  # whatever the text's language

HYPHENS = ("-", "‐", "‑", "–", "—", "/")
_JOINING = frozenset(("", *HYPHENS))  # a gap, stripped, that joins two words of one name


@dataclass
class Tokens:
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    low: list[str] = field(default_factory=list)
    cap: list[bool] = field(default_factory=list)  # capitalised, or a script without case
    upper: list[bool] = field(default_factory=list)  # written all in capitals ("BA", "US")
    gap: list[str] = field(default_factory=list)  # text between the previous token and this one
    caseless: list[bool] = field(default_factory=list)  # a script without case (Arabic): case tells nothing

    def joined(self, i: int) -> bool:
        """Token i continues the name of token i-1 (space, line break or hyphen between)."""
        g = self.gap[i]
        return len(g) <= 3 and g.strip() in _JOINING and "\n\n" not in g

    def sentence_start(self, i: int) -> bool:
        return i == 0 or any(c in self.gap[i] for c in '.!?:;"“”\n')


@dataclass
class Raw:
    """A candidate toponym before resolution."""

    i: int  # first token
    n: int  # tokens
    cands: tuple[Entry, ...]  # gazetteer entries; () for syntactic-only places
    relation: str = relations.IN  # sitrep.geo.relations
    precision: int = 1
    has_relation: bool = False
    phrase_start: int = -1
    admin_level: int = 0
    phrase_end: int = -1
    rule: str = "gazetteer"
    offset: tuple[float, float] | None = None  # (km, bearing) of "20 km west of X"
    between: bool = False  # "between X and ..."
    border: bool = False  # "the X border", "the border with X"
    locative_suffix: bool = False  # "Kabil'de": a case suffix that says "in" (places.toml locative_suffixes)
    capital: bool = False  # "başkent Cezayir": said to be a capital (places.toml capital_words)
    partner: Raw | None = None  # the Y of "between X and Y" / "the X-Y border"
    # A settlement word next to the name ("the city of X", "X kenti", "العاصمة الأردنية X"): a
    # town, never a country of the same name.
    settled: bool = False
    # The country of a demonym that describes the settlement ("the Nigerian city of Jos"): the
    # name is a town of that country, as strong a container as "Jos, Nigeria".
    country_hint: str | None = None
    # Given as a toponym by the caller (sitrep.geo.resolve): a place whatever the evidence, so its
    # surest reading is output even where the finder would abstain.
    given: bool = False


class Article(Protocol):
    """An article as the finder (places.Finder) has read it, for resolution: its text and
    tokens, whether it is written in capitals, the pack's place rules, the gazetteer, and the
    countries it is about so far (resolution adds to them)."""

    text: str
    t: Tokens
    caps: bool
    r: PlaceRules
    g: Gazetteer
    focus: Counter[str | None]
