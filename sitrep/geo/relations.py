"""The values of Location.relation: one language-neutral vocabulary that every language pack maps
its locative words to (places.toml: `prepositions`, `area_parts`, `area_prefixes`; direction
words map to compass points), so an event reads the same whatever language reported it. The
words the article used stay in the text, under the location's evidence span.

    "in"            at the place itself ("in", "i", "at", "på")
    "near"          near it or just outside ("near", "nær", "outside", "utenfor")
    "between"       the midpoint of two places ("between X and Y", "mellom X og Y")
    "border"        a border area ("the Syria-Iraq border", "grensen til Irak")
    "dateline"      not placed by the text: the city the story was filed from
    "in northern" ... "in south-western", "in central"     part of an area ("nord i", "Nord-Irak")
    "20 km south-east of", "2.5 km north of"              an offset, in kilometres
    "north of" ... "north-west of"                         a direction without a distance

Interfaces label these in their own language (the dashboard); sitrep.analyse.notes writes them
into English sentences.
"""

from __future__ import annotations

import re

IN, NEAR, BETWEEN, BORDER, DATELINE = "in", "near", "between", "border", "dateline"
# Compass points as places.toml's direction words give them -> their name in the vocabulary.
COMPASS = {
    "N": "north",
    "NE": "north-east",
    "E": "east",
    "SE": "south-east",
    "S": "south",
    "SW": "south-west",
    "W": "west",
    "NW": "north-west",
}
AREA_PARTS = (
    "in northern",
    "in southern",
    "in eastern",
    "in western",
    "in central",
    "in north-eastern",
    "in north-western",
    "in south-eastern",
    "in south-western",
)
FIXED = frozenset({IN, NEAR, BETWEEN, BORDER, DATELINE, *AREA_PARTS})
# What a preposition's relation says of ACLED's geo-precision: 1 the place itself, 2 near it.
PRECISION = {IN: 1, NEAR: 2}

_COMPASS_WORDS = "|".join(sorted(COMPASS.values(), key=len, reverse=True))
_OFFSET = re.compile(rf"(?:(?:0|[1-9]\d*)(?:\.[1-9])? km )?(?:{_COMPASS_WORDS}) of")


def offset(compass: str, km: float | None = None) -> str:
    """'20 km south-east of' for (SE, 20.0); 'north of' without a distance. Kilometres to one
    decimal, without a trailing '.0' (30 miles -> '48.3 km')."""
    direction = f"{COMPASS[compass]} of"
    if km is None:
        return direction
    figure = f"{km:.1f}".removesuffix(".0")
    return f"{figure} km {direction}"


def is_relation(value: str | None) -> bool:
    """Is `value` a word of the vocabulary (not the words of some language)?"""
    return value is not None and (value in FIXED or _OFFSET.fullmatch(value) is not None)
