"""Offline gazetteer and place finding. OWNER: geo helper.

Contract used by extract/assemble.py:
    find_places(text, pack) -> list[PlaceMention]   (spans into text, resolved in article context)
    country_name(iso2) -> str | None                (English short name, "Iraq")
    country_of_demonym(word) -> str | None           ("Iraqi", "irakisk" -> "IQ")
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.lang import LanguagePack
from sitrep.records import Location, Span


@dataclass(frozen=True, slots=True)
class PlaceMention:
    span: Span  # the toponym as written
    phrase_span: Span  # the whole locative phrase ("20 km west of Mosul"), = span when bare
    location: Location
    score: float
    rule: str = ""


def find_places(text: str, pack: LanguagePack) -> list[PlaceMention]:
    raise NotImplementedError


def country_name(iso2: str) -> str | None:
    raise NotImplementedError


def country_of_demonym(word: str) -> str | None:
    raise NotImplementedError
