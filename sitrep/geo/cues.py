"""The words around a place phrase that change what the place says of an event, compiled once per
pack from places.toml: `speaker_cues` (the speaker's or venue's place: "said in Kabul"),
`distance_links` ("10 km from Mosul") and `area_references` ("in the area", "i området")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.geo.normalize import fold
from sitrep.lang import LanguagePack

# How far before a place phrase its cue may start (characters): "told the Associated Press in".
CUE_WINDOW = 80


@dataclass(frozen=True)
class PlaceCues:
    speaker: re.Pattern[str]  # matches at the end of the text right before a place's phrase
    speaker_after: re.Pattern[str] | None  # matches right after a place: "در کابل به خبرنگاران گفت"
    distance: re.Pattern[str]  # "10 km from (the town of) " at the end of the text before a name
    area_reference: re.Pattern[str]  # "in the area", "nearby" anywhere
    not_before: frozenset[str]  # after an area reference, words that make it a preposition
    located: frozenset[str]  # words between an unknown place and the phrase placing it ("located")


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


def _speaker_regex(p: dict) -> re.Pattern[str]:
    c = p["speaker_cues"]
    preps = _alternation([*p["prepositions"], *c["links"]])
    article = rf"(?:(?:{_alternation(p['settlement_openers'])})\s+)*"
    # "said in", "told reporters in", "sa guvernøren til journalister i": at most two fillers, and
    # one unknown word only before a filler ("sa provinsguvernøren til journalister i"), never
    # alone ("said the attack in Kabul" is the attack's place).
    fillers = rf"(?:,?\s+(?:{_alternation(c['between'])}))"
    spoke = rf"(?:{_alternation(c['verbs'])})(?:{fillers}{{0,2}}|\s+\w+{fillers}{{1,2}})"
    venue = rf"(?:{_alternation(c['venues'])})"
    return re.compile(rf"(?<!\w)(?:{spoke}|{venue}),?\s+(?:{preps})\s+{article}$", re.IGNORECASE)


def _speaker_after_regex(p: dict) -> re.Pattern[str] | None:
    """A verb-final language tells the speaker's place before the verb ("والی در کابل به خبرنگاران
    گفت", "vali Kabil'de gazetecilere söyledi"): the place (and its case suffix), at most two
    fillers, the verb, with no punctuation between."""
    c = p["speaker_cues"]
    if not c["verbs_after"]:
        return None
    fillers = rf"(?:\s+(?:{_alternation(c['between'])}))"
    # The name's case suffix after an apostrophe comes first ("vali Kabil'de gazetecilere söyledi").
    suffix = r"(?:['’][^\W\d_]+)?"
    return re.compile(rf"{suffix}{fillers}{{0,2}}\s+(?:{_alternation(c['verbs_after'])})(?!\w)", re.IGNORECASE)


def _distance_regex(p: dict) -> re.Pattern[str]:
    units = _alternation(list(p["directions"]["distance_units"]))
    article = rf"(?:(?:{_alternation(p['settlement_openers'])})\s+)*"
    settled = rf"(?:(?:{_alternation(p['settlement_words'])})\s+{article})?"
    links = _alternation(p["distance_links"]["words"])
    return re.compile(
        rf"(?<![\w.,])(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>{units})\.?\s+(?:{links})\s+{article}{settled}$",
        re.IGNORECASE,
    )


def _area_regex(p: dict) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(p['area_references']['phrases'])})(?!\w)", re.IGNORECASE)


def cues_for(pack: LanguagePack) -> PlaceCues:
    """The pack's cues, compiled on first use and kept with the pack (two packs of one code, from
    two folders, keep their own)."""
    return pack.compiled(_compile)


def _compile(pack: LanguagePack) -> PlaceCues:
    p = pack["places"]
    return PlaceCues(
        _speaker_regex(p),
        _speaker_after_regex(p),
        _distance_regex(p),
        _area_regex(p),
        frozenset(fold(w) for w in p["area_references"]["not_before"]),
        frozenset(fold(w) for phrase in p["located_links"]["words"] for w in phrase.split()),
    )
