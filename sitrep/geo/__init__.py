"""Offline gazetteer and place finding.

Public: geoparse(text, lang) finds and resolves toponyms; resolve(text, spans) resolves given
spans only (for comparison with resolution-only geocoders).

Contract used by extract/assemble.py:
    find_places(text, pack, check=None) -> list[PlaceMention]   (spans into text, resolved in article
                                                     context; check() between steps, for time budgets)
    country_name(iso2) -> str | None                (English short name, "Iraq")
    country_of_demonym(word) -> str | None           ("Iraqi", "irakisk" -> "IQ")
    country_code(name) -> str | None                 ("Irak", "Syrien" -> ISO2)

The gazetteer (sitrep.geo.gazetteer) loads lazily on the first find_places call, so importing
this package costs nothing at CLI start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.lang import LanguagePack
from sitrep.records import Location, Place, Span

if TYPE_CHECKING:
    from sitrep.dateline import Dateline

__all__ = ["PlaceMention", "country_code", "country_name", "country_of_demonym", "country_place", "find_places",
           "geoparse", "resolve", "search_places"]


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

    def to_dict(self) -> dict[str, Any]:
        """The toponym format of the benchmark sets (FORMAT.md), plus how it was resolved."""
        p = self.location.place
        return {
            "start": self.span.start, "end": self.span.end, "text": self.text,
            "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid, "country": p.country, "admin1": p.admin1,
            "feature_code": p.feature_code, "name": p.name, "precision": self.location.precision,
            "relation": self.location.relation, "score": self.score,
        }


def geoparse(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Every toponym in `text`, resolved in the article's context; `lang` is detected when not given.
    Invisible characters (soft hyphens, zero-width spaces) are ignored; spans are offsets into `text`."""
    from sitrep.extract.visible import VisibleText

    visible = VisibleText.of(text)
    return [visible.place(m) for m in find_places(visible.text, _pack(visible.text, lang))]


def resolve(text: str, spans: Sequence[Span | tuple[int, int]], lang: str | None = None) -> list[PlaceMention | None]:
    """Resolve the given toponym spans only, in the context of the whole text; None where the
    gazetteer has nothing for a span."""
    from sitrep.extract.visible import VisibleText
    from sitrep.geo.places import resolve_spans

    visible = VisibleText.of(text)
    given = [visible.to_visible(s if isinstance(s, Span) else Span(*s)) for s in spans]
    found = resolve_spans(visible.text, given, _pack(visible.text, lang))
    return [None if m is None else visible.place(m) for m in found]


def search_places(query: str, limit: int = 10) -> list[dict[str, Any]]:
    """Gazetteer full-text search ("mayad*" for a prefix), largest places first, as JSON-ready
    records: name, country, admin1 (its name), lat, lon, geonameid, feature_code, population."""
    from sitrep.geo.gazetteer import load
    from sitrep.geo.relative import place_of

    gaz = load()
    found = []
    for entry in gaz.search(query, limit):
        p = place_of(gaz, entry)
        found.append({"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                      "geonameid": p.geonameid, "feature_code": p.feature_code, "population": entry.population})
    return found


def _pack(text: str, lang: str | None) -> LanguagePack:
    from sitrep.lang import load_pack
    from sitrep.lang.choose import choose_pack

    return load_pack(choose_pack(lang, text))


def find_places(
    text: str, pack: LanguagePack, check: Callable[[], None] | None = None, dateline: Dateline | None = None
) -> list[PlaceMention]:
    """Every place named in a whole article, in text order, resolved in the article's context.
    `check` is called between the steps (a time budget raises from it). `dateline` is the text's
    (sitrep.dateline) when the caller has read it; else it is read here."""
    from sitrep.geo.places import find_places as find

    return find(text, pack, check, dateline)


def country_name(iso2: str) -> str | None:
    """English short name as actor names use it: 'IQ' -> 'Iraq'; None for an unknown code."""
    from sitrep.geo.countries import country_name as name

    return name(iso2)


def country_of_demonym(word: str) -> str | None:
    """ISO2 of a demonym in any language pack ('Iraqis', 'syrisk'); None if it is not one."""
    from sitrep.geo.countries import country_of_demonym as of

    return of(word)


def country_code(name: str) -> str | None:
    """ISO2 for a country name in any language of country_names.tsv ('Iraq', 'Irak', 'العراق');
    None if unknown."""
    from sitrep.geo.countries import country_code as code

    return code(name)


def country_place(iso2: str) -> Place:
    """The country itself as a Place, for events known only by country (precision 3)."""
    from sitrep.geo.countries import country_place as place

    return place(iso2)
