"""Offline gazetteer and place finding.

Public: geoparse(text, lang) finds and resolves toponyms; resolve(text, spans) resolves given
spans only (for comparison with resolution-only geocoders).

Contract used by extract/assemble.py:
    find_places(text, pack, gazetteer=None, check=None) -> list[PlaceMention]   (spans into text,
                    resolved in article context; check() between steps, for time budgets)
    country_name(iso2) -> str | None                (English short name, "Iraq")
    country_of_demonym(word, packs) -> str | None    ("Iraqi", "irakisk" -> "IQ"; any pack of packs)
    country_code(name) -> str | None                 ("Irak", "Syrien" -> ISO2)

find_places, geoparse and resolve take the gazetteer to search (an Extractor passes its own, a
test a small one); without one, the user's (sitrep.geo.gazetteer.load) is opened on first use,
so importing this package costs nothing at CLI start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sitrep.geo.mentions import PlaceMention
from sitrep.lang import LanguagePack
from sitrep.records import Place, Span

if TYPE_CHECKING:
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.lang.packset import PackSet

if TYPE_CHECKING:
    from sitrep.dateline import Dateline
    from sitrep.visible import VisibleText

__all__ = [
    "PlaceMention",
    "country_code",
    "country_name",
    "country_of_demonym",
    "country_place",
    "find_places",
    "geoparse",
    "resolve",
    "search_places",
]


def geoparse(
    text: str,
    lang: str | None = None,
    *,
    packs: PackSet | None = None,
    gazetteer: Gazetteer | None = None,
    demonyms: bool = True,
) -> list[PlaceMention]:
    """Every toponym in `text`, resolved in the article's context; `lang` is identified when not given
    (UnknownLanguage when no pack covers the language, given or identified).
    Invisible characters (soft hyphens, zero-width spaces) are ignored; spans are offsets into `text`.
    `packs` and `gazetteer` default to the package's packs and the user's gazetteer.
    Demonyms and area adjectives ("Syrian", "irakisk", "European") come too, resolved to their
    country or area, with `kind` "demonym" (toponyms have "toponym"); `demonyms=False` leaves them out."""
    from sitrep.dateline import dateline_words, read_dateline
    from sitrep.visible import VisibleText

    visible = VisibleText.of(text)
    packs = _packs(packs)
    pack = packs.choose(lang, visible.text)
    dateline = read_dateline(visible.text, dateline_words(packs))  # in the words of every pack of the set
    found = find_places(visible.text, pack, gazetteer, dateline=dateline, demonyms=demonyms)
    return [_on_original(visible, m) for m in found]


def resolve(
    text: str,
    spans: Sequence[Span | tuple[int, int]],
    lang: str | None = None,
    *,
    packs: PackSet | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[PlaceMention | None]:
    """Resolve the given toponym spans only, in the context of the whole text; None where the
    gazetteer has nothing for a span."""
    from sitrep.dateline import dateline_words, read_dateline
    from sitrep.visible import VisibleText
    from sitrep.geo.places import resolve_spans

    visible = VisibleText.of(text)
    given = [visible.to_visible(s if isinstance(s, Span) else Span(*s)) for s in spans]
    packs = _packs(packs)
    pack = packs.choose(lang, visible.text)
    dateline = read_dateline(visible.text, dateline_words(packs))
    found = resolve_spans(visible.text, given, pack, _gazetteer(gazetteer), dateline)
    return [None if m is None else _on_original(visible, m) for m in found]


def search_places(query: str, limit: int = 10, gazetteer: Gazetteer | None = None) -> list[dict[str, Any]]:
    """Gazetteer full-text search ("mayad*" for a prefix), largest places first, as JSON-ready
    records: name, country, admin1 (its name), lat, lon, geonameid, feature_code, population."""
    from sitrep.geo.relative import place_of

    gaz = _gazetteer(gazetteer)
    found = []
    for entry in gaz.search(query, limit):
        p = place_of(gaz, entry)
        found.append(
            {
                "name": p.name,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "feature_code": p.feature_code,
                "population": entry.population,
            }
        )
    return found


def _on_original(visible: VisibleText, mention: PlaceMention) -> PlaceMention:
    """The place mention with its spans, and the toponym as written, on the original text."""
    if not visible.changed:
        return mention
    span = visible.to_original(mention.span)
    return replace(
        mention,
        span=span,
        phrase_span=visible.to_original(mention.phrase_span),
        text=visible.original[span.start : span.end],
    )


def _packs(packs: PackSet | None) -> PackSet:
    from sitrep.lang.packset import default_packs

    return default_packs() if packs is None else packs


def _gazetteer(gazetteer: Gazetteer | None) -> Gazetteer:
    """The gazetteer given, else the user's (sitrep.geo.gazetteer.load: built on first use)."""
    from sitrep.geo.gazetteer import load

    return load() if gazetteer is None else gazetteer


def find_places(
    text: str,
    pack: LanguagePack,
    gazetteer: Gazetteer | None = None,
    check: Callable[[], None] | None = None,
    dateline: Dateline | None = None,
    demonyms: bool = False,
) -> list[PlaceMention]:
    """Every place named in a whole article, in text order, resolved in the article's context
    against `gazetteer` (default: the user's). `check` is called between the steps (a time
    budget raises from it). `dateline` is the text's (sitrep.dateline) when the caller has read
    it; else it is read here. `demonyms`: also demonyms and area adjectives, of kind "demonym"
    (event extraction leaves them out: it reads them only as country signals)."""
    from sitrep.geo.places import find_places as find

    return find(text, pack, _gazetteer(gazetteer), check, dateline, demonyms)


def country_name(iso2: str) -> str | None:
    """English short name as actor names use it: 'IQ' -> 'Iraq'; None for an unknown code."""
    from sitrep.geo.countries import country_name as name

    return name(iso2)


def country_of_demonym(word: str, packs: PackSet | None = None) -> str | None:
    """ISO2 of a demonym in any language pack of `packs` (default: the package's) ('Iraqis',
    'syrisk'); None if it is not one."""
    from sitrep.geo.countries import country_of_demonym as of

    return of(word, packs)


def country_code(name: str) -> str | None:
    """ISO2 for a country name in any language of country_names.tsv ('Iraq', 'Irak', 'العراق');
    None if unknown."""
    from sitrep.geo.countries import country_code as code

    return code(name)


def country_place(iso2: str) -> Place:
    """The country itself as a Place, for events known only by country (precision 3)."""
    from sitrep.geo.countries import country_place as place

    return place(iso2)
