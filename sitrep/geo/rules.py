"""A language pack's places.toml compiled into sets, dicts and one regex, once per pack."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.geo.countries import pack_demonyms
from sitrep.geo.normalize import fold
from sitrep.lang import LanguagePack


@dataclass(frozen=True)
class PlaceRules:
    stop: frozenset[str]  # never a place alone
    openers: frozenset[str]  # may open a multi-word name ("San", "North")
    titles: frozenset[str]
    speech: frozenset[str]
    admin_units: dict[str, int]  # folded word -> 1 or 2
    settlements: frozenset[str]
    demonyms: dict[str, str]  # folded form -> ISO2; two-word forms joined by a space
    demonym_heads: frozenset[str]  # first words of two-word demonyms ("south" korean)
    relation: re.Pattern[str]  # matches the locative phrase ending right before a name
    prepositions: dict[str, int]  # phrase -> precision
    directions: dict[str, str]
    common: frozenset[str]  # everyday words of the language ("early", "bank", "dawn")


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def _relation_regex(p: dict) -> re.Pattern[str]:
    """'20 km north-west of (the town of) ', 'near ', 'i byen ' at the end of a window."""
    d = p["directions"]
    direction = (rf"(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?:{_alternation(d['distance_units'])})\.?\s+)?"
                 rf"(?P<dir>{_alternation(list(d['words']))})\s+(?P<link>{_alternation(d['linker'])})")
    openers = rf"(?:(?:{_alternation(p['settlement_openers'])})\s+)"
    place_word = rf"{openers}*(?:(?:{_alternation(p['settlement_words'])})\s+{openers}?)?"
    prep = rf"(?P<prep>{_alternation(list(p['prepositions']))})"
    return re.compile(rf"(?:^|[^\w])(?:{direction}|{prep})\s+(?:{place_word})?$", re.IGNORECASE)


_CACHE: dict[str, PlaceRules] = {}


def rules_for(pack: LanguagePack) -> PlaceRules:
    """Compiled once per pack code (packs hold dicts, so they cannot key functools.cache)."""
    if pack.code not in _CACHE:
        _CACHE[pack.code] = _compile(pack)
    return _CACHE[pack.code]


def _compile(pack: LanguagePack) -> PlaceRules:
    p = pack["places"]
    demonyms = pack_demonyms(pack)
    return PlaceRules(
        stop=_words(p["stoplist"]), openers=_words(p["name_openers"]), titles=_words(p["person_titles"]),
        speech=_words(p["speech_verbs"]), admin_units={fold(k): v for k, v in p["admin_units"].items()},
        settlements=_words(p["settlement_words"]), demonyms=demonyms,
        demonym_heads=frozenset(k.split(" ")[0] for k in demonyms if " " in k),
        relation=_relation_regex(p), prepositions={fold(k): v for k, v in p["prepositions"].items()},
        directions={fold(k): v for k, v in p["directions"]["words"].items()},
        common=_common_words(p["common_words"]),
    )


def _common_words(spec: dict) -> frozenset[str]:
    """Words at or above a Zipf frequency in wordfreq's list for the language (offline data
    shipped in the PyPI package): in ALL-CAPS text "IN THE EARLY HOURS" or "AT DAWN" look like
    place names, and only knowing the everyday vocabulary tells them apart."""
    from wordfreq import get_frequency_dict

    floor = 10 ** (float(spec["min_zipf"]) - 9)  # Zipf = log10(frequency per billion words)
    words = get_frequency_dict(spec["wordfreq_language"], wordlist="small")
    return frozenset(fold(w) for w, f in words.items() if f >= floor)
