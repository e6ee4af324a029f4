"""Offline gazetteer and place finding.

Contract used by extract/assemble.py:
    find_places(text, pack) -> list[PlaceMention]   (spans into text, resolved in article context)
    country_name(iso2) -> str | None                (English short name, "Iraq")
    country_of_demonym(word) -> str | None           ("Iraqi", "irakisk" -> "IQ")

The gazetteer (sitrep.geo.gazetteer) loads lazily on the first find_places call, so importing
this package costs nothing at CLI start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.lang import LanguagePack
from sitrep.records import Location, Place, Span

__all__ = ["PlaceMention", "country_code", "country_name", "country_of_demonym", "country_place", "find_places"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span  # the toponym as written
    phrase_span: Span  # the whole locative phrase ("20 km west of Mosul"), = span when bare
    location: Location
    score: float  # 0..1; syntactic-only places (not in the gazetteer) score 0.3
    rule: str = ""  # "gazetteer", "dateline" or "syntax"


def find_places(text: str, pack: LanguagePack) -> list[PlaceMention]:
    """Every place named in a whole article, in text order, resolved in the article's context."""
    from sitrep.geo.places import find_places as find

    return find(text, pack)


def country_name(iso2: str) -> str | None:
    """English short name as actor names use it: 'IQ' -> 'Iraq'; None for an unknown code."""
    from sitrep.geo.countries import country_name as name

    return name(iso2)


def country_of_demonym(word: str) -> str | None:
    """ISO2 of an English or Norwegian demonym ('Iraqis', 'syrisk'); None if it is not one."""
    from sitrep.geo.countries import country_of_demonym as of

    return of(word)


def country_code(name: str) -> str | None:
    """ISO2 for a country name in English or Norwegian ('Iraq', 'Irak'); None if unknown."""
    from sitrep.geo.countries import country_code as code

    return code(name)


def country_place(iso2: str) -> Place:
    """The country itself as a Place, for events known only by country (precision 3)."""
    from sitrep.geo.countries import country_place as place

    return place(iso2)
