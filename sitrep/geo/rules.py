"""A language pack's places.toml compiled into sets, dicts and one regex, once per pack."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitrep.errors import PackError
from sitrep.geo import relations
from sitrep.geo.countries import foreign_country_names, pack_demonyms
from sitrep.geo.normalize import fold, normalise
from sitrep.lang import LanguagePack, figure_value, lowered_pattern


@dataclass(frozen=True)
class PlaceRules:
    stop: frozenset[str]  # never a place alone
    openers: frozenset[str]  # may open a multi-word name ("San", "North")
    articles: frozenset[str]  # articles and linkers of place phrases ("the", "of"; "den", "det")
    titles: frozenset[str]
    speech: frozenset[str]
    admin_units: dict[str, int]  # folded word -> 1 or 2
    settlements: frozenset[str]
    demonyms: dict[str, str]  # folded form -> ISO2; two-word forms joined by a space
    area_demonyms: dict[str, str]  # folded adjective -> gazetteer name of a larger area ("european" -> "Europe")
    demonym_heads: frozenset[str]  # first words of two-word demonyms ("south" korean)
    adjective_heads: frozenset[str]  # the same, and of two-word area adjectives ("north" american)
    relation: re.Pattern[str]  # matches the locative phrase ending right before a name
    relation_lowered: re.Pattern[str]  # the same, lower-cased, on the lower-cased text (faster)
    # the postposition right after a name, its case suffix skipped ("'ın 200 km kuzeyinde",
    # " yakınlarında"); None where the pack has none
    relation_after: re.Pattern[str] | None
    container: re.Pattern[str]  # the text between a place and the place holding it ("X, Y", "X in northern Y")
    prepositions: dict[str, str]  # normalised phrase -> relation ("nær" -> "near"; sitrep.geo.relations)
    area_parts: dict[str, str]  # normalised phrase -> relation ("nordlige", "northern part of" -> "in northern")
    directions: dict[str, str]  # folded direction word -> compass point ("north-west" -> "NW")
    directions_after: dict[str, str]  # the same for direction words after a distance and a name ("kuzeyinde")
    postpositions: dict[str, str]  # normalised word after a name -> relation ("yakınlarında" -> "near")
    distance_units: dict[str, float]  # folded unit -> kilometres
    group_marks: str  # numbers.toml: "1,100" is 1100 in English, "1.100" in Norwegian
    decimal_marks: str
    and_words: frozenset[str]
    area_prefixes: dict[str, str]  # folded prefix -> relation ("nord" of "Nord-Irak" -> "in northern")
    compass_prefixes: dict[str, str]  # the same, written apart ("North" of "North Waziristan")
    of_words: frozenset[str]  # "residents of X said": X is no speaker
    genitive_suffixes: tuple[str, ...]  # "s": "Norges" is Norge's
    # folded (ending, replacement) pairs, in the pack's order: "харкові" -> "харків" ("ові", "ів")
    case_endings: tuple[tuple[str, str], ...]
    # the pairs as written, lower case, endings of two letters or more: an unknown name's own form
    # ("в Садії" -> "Садія"), where one letter ("і") would be a guess
    name_endings: tuple[tuple[str, str], ...]
    border_words: frozenset[str]  # first words of the border phrases after a name ("border", "grensen")
    common: frozenset[str]  # everyday words of the language ("early", "bank", "dawn")
    # in ALL-CAPS text: everyday words of the language that name a country only in another
    # language ("grenade", French for Grenada) -> those countries, never read from the word
    foreign_country_words: dict[str, frozenset[str]]
    exonyms: dict[str, str]  # normalised name in the language -> normalised gazetteer name ("qousseir" -> "al qusayr")
    exonym_heads: frozenset[str]  # the first words of the exonyms' own keys ("qousseir")
    capitalised_nouns: bool = False  # German: every noun is capitalised, so capitals mark no name
    nouns: frozenset[str] = frozenset()  # with capitalised_nouns: the words of the language, rarer ones too
    glued_admin: tuple[str, ...] = ()  # admin words written glued to the name ("Idlibprovinsen"), longest first
    name_suffixes: frozenset[str] = frozenset()  # case suffixes after an apostrophe ("Halep'te"): split off
    locative_suffixes: frozenset[str] = frozenset()  # those that say "in" ("Halep'te"): a place phrase
    capital_words: frozenset[str] = frozenset()  # "başkent": the name after it is a capital
    institutions: frozenset[str] = frozenset()  # "University", "Regiment": heads of names of institutions and venues
    party_tags: frozenset[str] = frozenset()  # "R" of "(R-Springfield)", as written
    not_places: frozenset[str] = frozenset()  # normalised names of organisations and landmarks ("white house")
    streets: frozenset[str] = frozenset()  # "street", "st": the name before one is a street's
    settled_after: frozenset[str] = frozenset()  # "canton", "city": the name before one is a settlement's
    glued_prefixes: tuple[str, ...] = ()  # folded clitics glued before a name ("ب" of "بالموصل"), longest first
    # press abbreviations of areas as written ("Ga.") -> (ISO2, the area's gazetteer name)
    area_abbreviations: dict[str, tuple[str, str]] | None = None
    # postal codes of areas, read in a party tag ("FL" of "R-FL") and after "Town," -> (ISO2, the area's gazetteer name)
    postal_codes: dict[str, tuple[str, str]] | None = None
    # ", Ga." right after a town: the abbreviation in group "abbr"; None where the pack has none
    area_abbreviation: re.Pattern[str] | None = None
    postal_code: re.Pattern[str] | None = None  # ", GA" after a town: a postal code of postal_codes


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in items)


def _alternation(items: list[str]) -> str:
    """Longest first; an empty list matches nothing (a pack with no such words: Turkish has no
    prepositions), not the empty string."""
    if not items:
        return "(?!)"
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(items, key=len, reverse=True))


# After a word: spaces, or nothing after an elided word that ends in its apostrophe and touches
# the next ("la ville d'Alep", "au nord d'Arbinda").
_GAP = r"(?:\s+|(?<=['’]))"


def _relation_regex(p: dict) -> re.Pattern[str]:
    """The locative phrase at the end of a window, right before a name: '20 km north-west of
    (the town of) ', 'near ', 'in central ', 'nord i ', 'between ', 'the border with ',
    'the province of '."""
    d = p["directions"]
    # A language that links the direction to the name by an ezafe (Persian "۲۰ کیلومتری شمال
    # بغداد") has no linker word: an empty list.
    link = rf"\s+(?P<link>{_alternation(d['linker'])})" if d["linker"] else ""
    direction = (
        rf"(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>{_alternation(list(d['distance_units']))})\.?\s+)?"
        rf"(?P<dir>{_alternation(list(d['words']))}){link}"
    )
    article = rf"(?:(?:{_alternation(p['settlement_openers'])}){_GAP})"
    parts = _alternation(list(p["area_parts"]))
    preps = _alternation(list(p["prepositions"]))
    prep = rf"(?:(?P<part0>{parts})\s+)?(?P<prep>{preps})(?:\s+{article}?(?P<part>{parts}))?"
    others = (
        rf"(?P<between>{_alternation(p['between_words'])})|(?P<border>{_alternation(p['border_phrases'])})"
        rf"|(?P<part1>{parts})"
    )
    admin = rf"(?:(?P<admin>{_alternation(list(p['admin_units']))})\s+{article}?)"
    # A site, then its admin unit: "en un puesto de control de la provincia de Helmand". Up to two
    # words may describe the site ("the Nigerian city of", "the northern city, ", "den nigerianske
    # byen "), and one may follow it before an article ("la ville nigériane de "); a comma after
    # it sets the name in apposition ("in the capital, Caracas").
    word = r"\w[\w'’-]*"  # lower-case escapes only: the pattern is also read lower-cased
    # Which describing words may stand there (no name: "in New York City that the NYPD") the
    # finder checks (places.Finder._site_described).
    site = (
        rf"(?P<pre>(?:{word}\s+){{0,2}})(?P<settle>{_alternation(p['settlement_words'])})"
        rf"(?:\s*,\s+|(?:\s+(?P<post>{word}))??{_GAP}{article}+|\s+)"
    )
    place_word = rf"{article}*(?:{site})?{admin}?"
    # An elided word ends in its apostrophe and touches the name: "au nord d'Alep", "près d'Arbinda".
    return re.compile(rf"(?:^|[^\w])(?:{direction}|{prep}|{others}){_GAP}(?:{place_word})?$", re.IGNORECASE)


def _relation_after_regex(p: dict) -> re.Pattern[str] | None:
    """The locative phrase right after a name, in a language with postpositions: its case suffix
    after an apostrophe, then a distance and a direction word ("Bağdat'ın yaklaşık 200 km
    kuzeyinde": one word may stand before the figure) or a postposition ("Halep yakınlarında").
    A direction word without a distance is a postposition of its own ("Irak'ın kuzeyinde": in
    northern Iraq), listed there."""
    after, posts = list(p["directions"]["words_after"]), list(p["postpositions"])
    if not after and not posts:
        return None
    units = _alternation(list(p["directions"]["distance_units"]))
    direction = rf"(?:[^\W\d_]+\s+)?(?P<dist>\d+(?:[.,]\d+)?)\s*(?P<unit>{units})\.?\s+(?P<dir>{_alternation(after)})"
    return re.compile(rf"(?:['’][^\W\d_]+)?\s+(?:{direction}|(?P<post>{_alternation(posts)}))(?!\w)", re.IGNORECASE)


def _container_regex(p: dict) -> re.Pattern[str]:
    """', ', ' (', ' in ', ', in the ', ', nord i ': what stands between a place and its container."""
    part = rf"(?:(?:{_alternation(list(p['area_parts']))})\s+)?"
    link = rf"(?:{_alternation(p['container_links'])}){_GAP}"
    article = rf"(?:(?:{_alternation(p['settlement_openers'])}){_GAP})?"
    return re.compile(rf"^\s*(?:[,(]\s*{part}(?:{link})?|{part}{link}){article}$", re.IGNORECASE)


def rules_for(pack: LanguagePack) -> PlaceRules:
    """Compiled once per pack, on first use."""
    return pack.compiled(_compile)


def _compile(pack: LanguagePack) -> PlaceRules:
    p = pack["places"]
    demonyms = pack_demonyms(pack)
    area_demonyms = {fold(w): area for area, words in p["area_demonyms"].items() for w in words}
    relation = _relation_regex(p)
    return PlaceRules(
        stop=_words(p["stoplist"]),
        openers=_words(p["name_openers"]),
        articles=_words(p["settlement_openers"]),
        titles=_words(p["person_titles"]),
        speech=_words(p["speech_verbs"]),
        admin_units={fold(k): v for k, v in p["admin_units"].items()},
        settlements=_words(p["settlement_words"]),
        demonyms=demonyms,
        area_demonyms=area_demonyms,
        demonym_heads=frozenset(k.split(" ")[0] for k in demonyms if " " in k),
        adjective_heads=frozenset(k.split(" ")[0] for k in [*demonyms, *area_demonyms] if " " in k),
        relation=relation,
        relation_lowered=lowered_pattern(relation),
        relation_after=_relation_after_regex(p),
        container=_container_regex(p),
        prepositions=_relations(p, "prepositions", normalise),
        area_parts=_relations(p, "area_parts", normalise),
        directions=_compass_points(p),
        directions_after=_compass_points(p, "words_after"),
        postpositions=_relations(p, "postpositions", normalise),
        distance_units={normalise(k): float(v) for k, v in p["directions"]["distance_units"].items()},
        group_marks="".join(pack["numbers"]["words"]["group_separators"]),
        decimal_marks="".join(pack["numbers"]["words"]["decimal_marks"]),
        and_words=_words(p["and_words"]),
        area_prefixes=_relations(p, "area_prefixes", fold),
        compass_prefixes=_relations(p, "compass_prefixes", fold),
        of_words=_words(p["of_words"]),
        genitive_suffixes=tuple(p["genitive_suffixes"]),
        case_endings=_case_endings(p["case_endings"]),
        name_endings=tuple((a.lower(), b.lower()) for a, b in p["case_endings"] if len(a) >= 2),
        border_words=frozenset(fold(w).split()[0] for w in p["border_words"]),
        common=_common_words(p["common_words"]["wordfreq_language"], p["common_words"]["min_zipf"]),
        foreign_country_words=_foreign_country_words(
            p["common_words"]["wordfreq_language"], p["common_words"]["foreign_country_zipf"]
        ),
        exonyms={normalise(k): normalise(v) for k, v in p["exonyms"].items()},
        exonym_heads=frozenset(normalise(k).partition(" ")[0] for k in p["exonyms"]),
        capitalised_nouns=bool(p["capitalised_nouns"]),
        # The large list: the small one stops near Zipf 3, above most compound nouns.
        nouns=_common_words(p["common_words"]["wordfreq_language"], p["common_words"]["noun_min_zipf"], "large")
        if p["capitalised_nouns"]
        else frozenset(),
        glued_admin=tuple(sorted((w.lower() for w in p["glued_admin_units"]), key=len, reverse=True)),
        name_suffixes=frozenset(fold(w) for w in p["name_suffixes"]),
        locative_suffixes=frozenset(fold(w) for w in p["locative_suffixes"]),
        capital_words=frozenset(fold(w) for w in p["capital_words"]),
        institutions=_words(p["institution_words"]),
        party_tags=frozenset(p["party_tags"]),
        not_places=frozenset(normalise(w) for w in p["not_places"]),
        streets=_words(p["street_words"]),
        settled_after=_words(p["settlement_after"]),
        glued_prefixes=tuple(sorted((fold(w) for w in p["glued_prefixes"]), key=len, reverse=True)),
        area_abbreviations=_area_abbreviations(p["area_abbreviations"]),
        area_abbreviation=_abbreviation_regex(list(p["area_abbreviations"])),
        postal_codes=_area_abbreviations(p["postal_codes"], "postal_codes"),
        postal_code=_abbreviation_regex(list(p["postal_codes"])),
    )


def _area_abbreviations(table: dict[str, list[str]], key: str = "area_abbreviations") -> dict[str, tuple[str, str]]:
    """places.toml area_abbreviations (or postal_codes), keyed by the form as written with its
    spaces taken out ("W. Va." is "W.Va.")."""
    out = {}
    for written, pair in table.items():
        if len(pair) != 2:
            raise PackError(f"places.toml [{key}] {written!r}: expected [ISO2, area name]")
        out[written.replace(" ", "")] = (pair[0], pair[1])
    return out


def _abbreviation_regex(forms: list[str]) -> re.Pattern[str] | None:
    """', Ga.' after a town: a comma, then an abbreviation as written (case kept: "Ga." is no
    word), a space allowed after each of its inner stops ("W. Va.")."""
    if not forms:
        return None
    alternatives = []
    for form in sorted((f.replace(" ", "") for f in forms), key=len, reverse=True):
        inner = r"\.\s?".join(re.escape(piece) for piece in form.rstrip(".").split("."))
        alternatives.append(inner + (r"\." if form.endswith(".") else ""))
    return re.compile(rf"\s*,\s*(?P<abbr>{'|'.join(alternatives)})(?!\w)")


def _case_endings(pairs: list[list[str]]) -> tuple[tuple[str, str], ...]:
    """places.toml case_endings, folded as gazetteer keys are ("ській" -> "ськии")."""
    out = []
    for pair in pairs:
        if len(pair) != 2 or not pair[0]:
            raise PackError(f"places.toml case_endings: {pair!r}: expected [ending, replacement], the ending not empty")
        out.append((fold(pair[0]), fold(pair[1])))
    return tuple(out)


def _relations(p: dict[str, Any], table: str, key: Callable[[str], str]) -> dict[str, str]:
    """A places.toml table of words -> relations, each value checked against the vocabulary."""
    out = {}
    for words, relation in p[table].items():
        if not relations.is_relation(relation):
            raise PackError(f"places.toml [{table}] {words!r}: {relation!r} is not a relation of sitrep.geo.relations")
        out[key(words)] = relation
    return out


def _compass_points(p: dict[str, Any], table: str = "words") -> dict[str, str]:
    points = {normalise(k): v for k, v in p["directions"][table].items()}
    for word, point in points.items():
        if point not in relations.COMPASS:
            raise PackError(
                f"places.toml [directions.{table}] {word!r}: {point!r} is not one of {', '.join(relations.COMPASS)}"
            )
    return points


@functools.cache
def _common_words(language: str, min_zipf: float, wordlist: str = "small") -> frozenset[str]:
    """Words at or above a Zipf frequency in wordfreq's list for the language (offline data
    shipped in the PyPI package): in ALL-CAPS text "IN THE EARLY HOURS" or "AT DAWN" look like
    place names, and only knowing the everyday vocabulary tells them apart.

    Cached here, and read past wordfreq's own cache (`get_frequency_dict` keeps every whole list
    it read, and its dictionary, for the life of the process: tens of MiB with the large lists of
    the packs with capitalised nouns), of which only the words above the floor are kept."""
    from wordfreq import cB_to_freq, get_frequency_list

    floor = 10 ** (float(min_zipf) - 9)  # Zipf = log10(frequency per billion words)
    freqs = {}  # as get_frequency_dict builds it: a word's last bucket gives its frequency
    for index, bucket in enumerate(get_frequency_list.__wrapped__(language, wordlist)):
        freq = cB_to_freq(-index)
        for word in bucket:
            freqs[word] = freq
    return frozenset(fold(w) for w, f in freqs.items() if f >= floor)


@functools.cache
def _foreign_country_words(language: str, min_zipf: float) -> dict[str, frozenset[str]]:
    """Lookup keys of names of countries in other languages that are words of this one at or
    above min_zipf (places.toml common_words.foreign_country_zipf) -> those countries: "GRENADE"
    is French for Grenada, a weapon in English. One pass over wordfreq's list down to the floor
    (the list is sorted by frequency); its words are matched as written, in lower case."""
    from wordfreq import cB_to_freq, get_frequency_list

    names = foreign_country_names(language)
    floor = 10 ** (float(min_zipf) - 9)
    out: dict[str, frozenset[str]] = {}
    if not names or floor > 1:
        return out
    for index, bucket in enumerate(get_frequency_list.__wrapped__(language, "small")):
        if cB_to_freq(-index) < floor:
            break
        for word in bucket:
            if word in names:
                key, isos = names[word]
                out[key] = out.get(key, frozenset()) | isos
    return out


def read_figure(text: str, r: PlaceRules) -> float:
    """A distance as the pack writes figures: "1,100" and "2.5" in English, "1.100" and "2,5" in
    Norwegian. A mark the pack does not use ("2,5 km" in English) is read as a decimal mark."""
    try:
        return figure_value(text, r.group_marks, r.decimal_marks)
    except ValueError:
        return float(text.replace(",", "."))
