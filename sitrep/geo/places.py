"""Find the toponyms of a whole article (recognition); resolution.py then resolves them.

1. Tokenise once; collect the n-grams (<= 5 tokens) of name-like runs: capitalised words, words
   of scripts without case (Arabic), and in ALL-CAPS transcripts every run not opened by a stop
   word. Look them all up in one gazetteer query; take the longest match.
2. Guard against false hits: stop-list words, person titles, speakers ("Damascus said"),
   capitalised neighbours (person and organisation names) and later mentions of those names
   ("John Kelly ... Kelly"), demonyms (country signals), everyday words, short acronyms.
3. Read the locative phrase around each name: preposition, part of an area ("in northern"),
   offset ("20 km west of"), "between X and Y", borders, admin-unit words ("X province").
4. Keep names the gazetteer lacks when syntax says place ("IN SAN LUIS DE LA REINA").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.geo import relations
from sitrep.geo.countries import country_name
from sitrep.geo.cues import CUE_WINDOW, PlaceCues, cues_for
from sitrep.geo.distance import BEARINGS
from sitrep.geo.gazetteer import Entry, Gazetteer
from sitrep.geo.mentions import CONTINUERS, HYPHENS, PlaceMention, Raw, Tokens
from sitrep.geo.normalize import ARTICLES, fold, normalise, without_articles
from sitrep.geo.relative import distance_from, place_of
from sitrep.geo.resolution import resolve_all
from sitrep.geo.rules import PlaceRules, read_figure, rules_for
from sitrep.lang import LanguagePack, load_shared
from sitrep.records import Location, Span

if TYPE_CHECKING:
    from sitrep.dateline import Dateline

# Apostrophes stay inside transliterated names ("Ra's al 'Ayn") but not before a possessive
# "'s" ("Afghanistan's Helmand province" is two names).
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’‘](?![sS]\b)[^\W\d_]+)*")
# Scraped text glues sentences: "in SyriaThe desert" -> "Syria" | "The".
CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
# Lower-case words inside toponyms, whatever the language of the text: they come from the names
# themselves ("Møre og Romsdal"), so they live in shared/places.toml, not in a pack.
PARTICLES = frozenset(load_shared("places")["name_particles"])
MAX_NGRAM = 5
_ARTICLE_PREFIXES = ("al", "el")  # lower-case, hyphenated before a name: "al-Mayadin" (Finder._article_prefix)
# A large place may share its name with an everyday word (Paris, Lima); a small one rarely is meant.
COMMON_WORD_MIN_POPULATION = 100_000
SENTENCE_START_MIN_POPULATION = 1_000_000  # capitalised there anyway: only a famous place counts
# The readings a settlement word after a name rules out ("CHIAPAS CANTON": not the Mexican state).
SETTLED_OUT = frozenset({"PCLI", "ADM1"})
# Letters past Latin Extended-B are of another script (Greek, Cyrillic, Arabic ...).
LATIN_END = "\u024f"
# Case endings (places.toml case_endings): a stem keeps this many letters, and a name of several
# inflected words gives at most this many keys.
MIN_STEM = 2
MAX_INFLECTED = 24
# An acronym this short names a place only as a country's own abbreviation (US, UK, DRC).
SHORT_ACRONYM = 3
# A demonym names its country's people or things more often than the country as a place.
DEMONYM_SCORE = 0.5
# The words of a line, to tell a headline in Title Case.
TITLE_WORD = re.compile(r"[^\W\d_]+")
# Hyphens that join the words of one name ("Coca-Cola"); dashes and slashes join two ("Chartres/Franklin").
WORD_HYPHENS = ("-", "‐", "‑")


# Elided words glued to the next by an apostrophe ("d'Alep", "l'Irak", "jusqu'à Gao"), from
# shared/places.toml: before a capital they are split off, so that the name is a token of its own.
ELISIONS = frozenset(load_shared("places")["elisions"])
# "South Kordofan" -> GeoNames' "Southern Kordofan", "North Waziristan" -> "North Waziristan
# District" (shared/places.toml compass_names).
COMPASS_FORMS: dict[str, list[str]] = load_shared("places")["compass_names"]["forms"]
COMPASS_SUFFIXES: list[str] = load_shared("places")["compass_names"]["suffixes"]
_ELIDED = re.compile(r"([^\W\d_]+)['’‘](?=[^\W\d_])")


def _inside_area(e: Entry, area: Entry) -> bool:
    return e.id != area.id and e.country == area.country and e.admin1 == area.admin1


def _compass_variants(key: str) -> list[str]:
    """Other keys of an area name that opens with a compass word, as GeoNames writes them:
    "south kordofan" -> "southern kordofan", "south kordofan district", ... (in that order)."""
    head, _, rest = key.partition(" ")
    if not rest or head not in COMPASS_FORMS:
        return []
    names = [key, *(f"{form} {rest}" for form in COMPASS_FORMS[head])]
    return [*names[1:], *(f"{name} {suffix}" for name in names for suffix in COMPASS_SUFFIXES)]


def _well_known(found: tuple[Entry, ...]) -> bool:
    """Some place of that name is an area, a region or a sea, or a city of 100,000, by its own name."""
    return any(e.own_name and (e.feature_class != "P" or e.population >= COMMON_WORD_MIN_POPULATION) for e in found)


def _weight(found: tuple[Entry, ...]) -> tuple[bool, int]:
    return any(e.own_name for e in found), max(e.population for e in found)


def _unelided(word: str, after_name: bool) -> list[str]:
    """'d'Alep' -> ['d', "'Alep"]: the elided word, then the name with its apostrophe, which the
    next piece drops (it is a gap, not part of the name). Only a lower-case elided word that does
    not follow a capitalised one: in "Côte d'Ivoire", "Val d'Oise" and "L'Aquila" it is part of
    the name. In capitals ("VILLAGE D'EL ZAPOTAL") case tells nothing, and it is split."""
    m = _ELIDED.match(word)
    if m is None or after_name or not word[m.end()].isupper():
        return [word]
    if (m[1].lower() if word.isupper() else m[1]) not in ELISIONS:
        return [word]
    return [m[1], word[m.end(1) :]]


def _unglued(piece: str, glued: tuple[str, ...]) -> list[str]:
    """A name and the admin word glued after it, as two tokens: "Idlibprovinsen" -> "Idlib" |
    "provinsen" (places.toml glued_admin_units); the name keeps at least three letters."""
    if glued and piece[0].isupper() and not piece.isupper():
        low = piece.lower()
        for word in glued:
            if low.endswith(word) and len(piece) - len(word) >= 3:
                return [piece[: -len(word)], piece[-len(word) :]]
    return [piece]


_SUFFIXED = re.compile(r"([^\W\d_]+)['’‘]([^\W\d_]+)$")


_SUFFIX_AFTER = re.compile(r"['’‘]([^\W\d_]+)")


def _unsuffixed(piece: str, suffixes: frozenset[str]) -> str:
    """ "Halep'te" -> "Halep": a case suffix written after an apostrophe on a capitalised name
    (places.toml name_suffixes, Turkish) is no part of the name. Only a listed suffix, so that
    transliterated names keep their apostrophes ("Ma'arrat")."""
    if not suffixes or not piece[:1].isupper():
        return piece
    m = _SUFFIXED.match(piece)
    if m is None or fold(m[2]) not in suffixes:
        return piece
    return m[1]


def tokenize(text: str, glued: tuple[str, ...] = (), suffixes: frozenset[str] = frozenset()) -> Tokens:
    toks, prev = Tokens(), 0
    for m in TOKEN.finditer(text):
        word = m.group()
        lower = word.islower()
        if word.isalpha() and (lower or (not glued and word.isascii() and word[0].isupper() and word[1:].islower())):
            # Most words: lower case, or a plain capitalised word ("Palmyra"), no apostrophe, so
            # nothing to split off (the pieces below start at an inner capital, an apostrophe or a
            # glued admin word); the same token, faster.
            toks.start.append(m.start())
            toks.end.append(m.end())
            toks.low.append(word.lower() if word.isascii() else normalise(word))
            toks.cap.append(not lower)
            toks.upper.append(False)
            toks.caseless.append(False)
            toks.gap.append(text[prev : m.start()])
            prev = m.end()
            continue
        first = word[0]
        if word.isalpha() and not first.isupper() and not first.islower():
            # A word of a script without case (Arabic, Persian): a capital opens no piece to split
            # off and there is no apostrophe, so it is one token, as below, unless Latin letters
            # glued to it split at an inner capital ("...abcDef").
            upper = word.isupper()
            if upper or CAMEL.search(word) is None:
                toks.start.append(m.start())
                toks.end.append(m.end())
                toks.low.append(normalise(word))
                toks.cap.append(True)
                toks.upper.append(upper)
                toks.caseless.append(True)
                toks.gap.append(text[prev : m.start()])
                prev = m.end()
                continue
        pieces = CAMEL.split(word) if not word.isupper() else [word]
        after_name = bool(toks.cap) and toks.cap[-1] and not toks.upper[-1] and text[prev : m.start()] == " "
        pieces = [q for piece in pieces if piece for p in _unelided(piece, after_name) for q in _unglued(p, glued)]
        offset = m.start()
        for piece in pieces:
            if piece[:1] in "'’‘" and len(piece) > 1:  # the apostrophe after an elided word
                offset, piece = offset + 1, piece[1:]
            if not piece:
                continue
            name = _unsuffixed(piece, suffixes)  # "Halep'te": the suffix is a gap, not part of the name
            skip, piece = len(piece) - len(name), name
            toks.start.append(offset)
            toks.end.append(offset + len(piece))
            toks.low.append(piece.lower() if piece.isascii() and piece.isalpha() else normalise(piece))
            toks.cap.append(piece[0].isupper() or not piece[0].islower())
            toks.upper.append(piece.isupper())
            toks.caseless.append(not piece[0].isupper() and not piece[0].islower())
            toks.gap.append(text[prev:offset])
            prev = offset + len(piece)
            offset = prev + skip
    return toks


def _cut_prefixes(text: str, t: Tokens, cuts: dict[int, str]) -> Tokens:
    """The tokens with each token i of `cuts` split after its folded prefix: the clitic, then the
    name (no gap between them). Offsets stay on the text: marks after the prefix's letters
    (harakat) stay with it."""
    out = Tokens()
    for i in range(len(t.low)):
        if i not in cuts:
            for name in ("start", "end", "low", "cap", "upper", "caseless", "gap"):
                getattr(out, name).append(getattr(t, name)[i])
            continue
        prefix, word = cuts[i], text[t.start[i] : t.end[i]]
        k = next(
            (k for k in range(1, len(word)) if normalise(word[:k]) == prefix and not unicodedata.combining(word[k])),
            len(prefix),
        )
        cut = t.start[i] + k
        for start, end, low, gap in ((t.start[i], cut, prefix, t.gap[i]), (cut, t.end[i], t.low[i][len(prefix) :], "")):
            out.start.append(start)
            out.end.append(end)
            out.low.append(low)
            out.cap.append(t.cap[i])
            out.upper.append(t.upper[i])
            out.caseless.append(t.caseless[i])
            out.gap.append(gap)
    return out


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def all_caps(text: str) -> bool:
    """MUC-4 / FBIS transcripts: capitals carry no signal, so every run is looked up."""
    head = text[:3000]
    # The ASCII letters are counted in C (they are the only cased ASCII characters), the others
    # one by one: any script's capitals count ("ПОБЛИЗУ КАНДАГАРА").
    ascii_part = head.encode("ascii", "ignore")
    upper = len(ascii_part) - len(ascii_part.translate(None, _ASCII_UPPER))
    lower = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LOWER))
    if len(ascii_part) < len(head):
        others = _ASCII_RUNS.sub("", head)
        upper += sum(map(str.isupper, others))
        lower += sum(map(str.islower, others))
    return upper > 4 * lower  # over 80 % of cased letters are capitals


class Finder:
    def __init__(self, text: str, rules: PlaceRules, gaz: Gazetteer, cues: PlaceCues | None = None) -> None:
        self.text, self.r, self.g, self.cues = text, rules, gaz, cues
        lowered = text.lower()  # for the lower-cased patterns; not where that changes the length ("İ")
        self.lowered = lowered if len(lowered) == len(text) else None
        self.t = tokenize(text, rules.glued_admin, rules.name_suffixes)
        self.caps = all_caps(text)
        self.focus: Counter[str | None] = Counter()  # None: places of no country (a region, a sea)
        self.person_words: set[str] = set()  # words of capitalised runs taken for names of people
        self.lower_words: set[str] | None = None  # words written in lower case, found when needed
        self.positions: dict[str, list[int]] | None = None  # capitalised word -> its tokens, found when needed
        self.title_lines: dict[int, bool] = {}  # line start -> a headline in Title Case
        self.run_ends: dict[int, int] = {}
        self._token_facts()
        self.locative: dict[int, bool] = {}
        self.relations: dict[int, re.Match[str] | None] = {}  # token start -> the locative phrase before it
        self.found: dict[str, tuple[Entry, ...]] = {}
        # Words no key this article looks up by could open (_learn): their n-grams are never built.
        self.dead: set[str] = set()
        self.learned: set[str] = set()
        keys = self._keys()
        if rules.glued_prefixes:
            keys = self._unglue_prefixes(gaz, keys)
        self.found = self._lookup(gaz, keys)
        # Runs now go on through a stop word inside a name the gazetteer has whole: forget those
        # that stopped at one.
        self.run_ends = {i: j for i, j in self.run_ends.items() if not self._may_go_on(i, j)}

    # --- step 1: one lookup for every n-gram that could be a name ------------------------------

    def _token_facts(self) -> None:
        """Forget what was read of each token (the tokens are new): which open a run, which go on
        with the run before them (found when first needed)."""
        self.opens: list[bool] | None = None
        self.goes_on: list[bool | None] = [None] * len(self.t.low)

    def _open_flags(self) -> list[bool]:
        """For each token, whether it may open a name run: capitalised (or of a script without
        case), or a lower-case 'al-' before a capitalised name, and not a word that ends one."""
        if self.opens is None:
            t = self.t
            self.opens = [
                (t.cap[k] or (t.low[k] in _ARTICLE_PREFIXES and self._article_prefix(k))) and self._in_run(k, True)
                for k in range(len(t.low))
            ]
        return self.opens

    def _goes_on(self, j: int) -> bool:
        """Token j goes on with the run before it (_continues, _in_run), remembered per token."""
        go = self.goes_on[j]
        if go is None:
            go = self.goes_on[j] = self._continues(j) and self._in_run(j, False)
        return go

    def _starts(self) -> list[int]:
        return [i for i, opens in enumerate(self._open_flags()) if opens]

    def _keys(self) -> set[str]:
        low, keys = self.t.low, set[str]()
        starts = self._starts()
        self._learn(low[i] for i in starts)
        genitive, inflected = bool(self.r.genitive_suffixes), bool(self.r.case_endings)
        for i in starts:
            if low[i] in self.dead:
                continue  # opens no name: none of its n-grams is one
            end = self._run_end(i)
            if self._may_go_on(i, end):
                end = self._find_run_end(i, loose=True)
            compass = not self.caps and low[i].partition(" ")[0] in COMPASS_FORMS  # else no _compass_variants
            article = low[i] in ARTICLES
            for n in range(1, min(MAX_NGRAM, end - i) + 1):
                key = " ".join(low[i : i + n])
                keys.add(key)
                if genitive:
                    keys.update(self._without_genitive(key))
                if inflected:
                    keys.update(self._uninflected(key))
                if compass:
                    keys.update(_compass_variants(key))
                if n > 1 and article:
                    keys.add(" ".join(low[i + 1 : i + n]))
        return keys

    def _heads(self, word: str) -> list[str] | None:
        """The first words of the keys that the n-grams opened by `word` are looked up by (_keys,
        entries): the word, without a genitive ending, with its case endings undone. None where
        any word may be: an Arabic article or a compass word (dropped or replaced), a token that
        normalises to several words or none."""
        if not word or " " in word or word in ARTICLES or word in COMPASS_FORMS:
            return None
        # A genitive ending or a case ending never holds a space: on a key of several words it
        # comes off the last word, and the first stays.
        heads = [word, *(word[: -len(g)] for g in self.r.genitive_suffixes if word.endswith(g))]
        heads += [word[: -len(e)] + repl for e, repl in self.r.case_endings if word.endswith(e)]
        return heads

    def _learn(self, words: Iterable[str]) -> None:
        """Which of `words` open no key the gazetteer or the pack's exonyms have: those go in
        self.dead. One query for the words not yet learned (Gazetteer.first_words)."""
        new = set(words) - self.learned
        if not new:
            return
        self.learned |= new
        exonyms = self.r.exonym_heads
        if not self.r.genitive_suffixes and not self.r.case_endings:  # each word is its only head
            plain = {w for w in new if w and " " not in w and w not in ARTICLES and w not in COMPASS_FORMS}
            self.dead |= plain - exonyms - self.g.first_words(plain - exonyms)
            return
        heads = {w: self._heads(w) for w in new}
        asked = {h.partition(" ")[0] for hs in heads.values() if hs is not None for h in hs}
        opening = self.g.first_words(asked - exonyms) | (asked & exonyms)
        for word, hs in heads.items():
            if hs is not None and not any(h.partition(" ")[0] in opening for h in hs):
                self.dead.add(word)

    def _unglue_prefixes(self, gaz: Gazetteer, keys: set[str]) -> set[str]:
        """A clitic glued before a name ("بالموصل", "وبغداد"; places.toml glued_prefixes) becomes a
        token of its own where the word as written opens no gazetteer name and the rest does; the
        split-off preposition is then read as any other ("ب" is "in"). Returns the new keys."""
        t, low = self.t, self.t.low
        tried: dict[int, list[tuple[str, list[str]]]] = {}
        extra: set[str] = set()
        glued: list[tuple[int, str, str]] = []  # (token, clitic, the rest of the word)
        for i in self._starts():
            if low[i] in self.r.stop or low[i] in self.r.settlements or low[i] in self.r.common:
                # "ولاية" (province), "بلاد" (land) are words of their own, not "و" + a hamlet "لاية";
                # so is an everyday word: the name "كريم" is no "ك" (like) + "ريم" (Rome's other name).
                continue
            for prefix in self.r.glued_prefixes:
                if low[i].startswith(prefix) and len(low[i]) - len(prefix) >= 3:
                    glued.append((i, prefix, low[i][len(prefix) :]))
        self._learn(rest for *_, rest in glued)
        for i, prefix, rest in glued:
            if rest in self.dead:
                continue  # no gram the rest opens names anything
            end = self._run_end(i)
            grams = [" ".join([rest, *low[i + 1 : i + n]]) for n in range(1, min(MAX_NGRAM, end - i) + 1)]
            tried.setdefault(i, []).append((prefix, grams))
            extra.update(grams)
        if not tried:
            return keys
        found = self._lookup(self.g, keys | extra)
        cuts: dict[int, str] = {}
        for i, options in tried.items():
            end = self._run_end(i)
            own = (" ".join(low[i : i + n]) for n in range(1, min(MAX_NGRAM, end - i) + 1))
            if any(found.get(k) for k in own):
                continue  # "بغداد" is Baghdad, not "ب" + "غداد"
            for prefix, grams in options:
                if any(found.get(g) for g in grams):
                    cuts[i] = prefix
                    break
        if not cuts:
            return keys
        self.t = _cut_prefixes(self.text, t, cuts)
        self.run_ends.clear()
        self._token_facts()
        self.lower_words = None
        return self._keys()

    def _lookup(self, gaz: Gazetteer, keys: set[str]) -> dict[str, tuple[Entry, ...]]:
        """The gazetteer's entries for keys; a name the gazetteer lacks in this language is looked
        up by the name the pack gives for it (places.toml exonyms: "Qousseir" is Al Qusayr); where
        the gazetteer gives the name to some other place ("سن سالوادور": a village in Argentina),
        the places of the pack's name compete with it."""
        aliases = {k: self.r.exonyms[k] for k in keys if k in self.r.exonyms}
        found = gaz.lookup(keys | set(aliases.values()))
        for key, target in aliases.items():
            if found.get(target):
                found[key] = tuple(dict.fromkeys((*found.get(key, ()), *found[target])))
        if self.caps:  # "GRENADE": the weapon, not Grenada by its French name
            for key in keys & self.r.foreign_country_words.keys():
                if key in found:
                    isos = self.r.foreign_country_words[key]
                    found[key] = tuple(e for e in found[key] if e.feature_code != "PCLI" or e.country not in isos)
        return found

    def _compass_variants(self, key: str) -> list[str]:
        """GeoNames' other forms of a compass-opened area name, in mixed-case text only (in
        capitals "THE NORTHERN CITY" would be "North City")."""
        return [] if self.caps else _compass_variants(key)

    def _without_genitive(self, key: str) -> list[str]:
        return [key[: -len(g)] for g in self.r.genitive_suffixes if key.endswith(g) and len(key) > len(g) + 3]

    def _uninflected(self, key: str) -> list[str]:
        """The key with case endings undone (places.toml case_endings), in the pack's order: each
        word that ends in an ending gets its replacement ("у Харкові" -> "харків", "в Саудівській
        Аравії" -> "саудівська аравія"); at most MAX_INFLECTED keys, the written one left out."""
        pairs = self.r.case_endings
        if not pairs:
            return []
        options = []
        for word in key.split(" "):
            alts = [word]
            for ending, repl in pairs:
                if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                    alt = word[: -len(ending)] + repl
                    if alt not in alts:
                        alts.append(alt)
            options.append(alts)
        out: list[str] = [""]
        for alts in options:
            out = [f"{head} {alt}" if head else alt for head in out for alt in alts][:MAX_INFLECTED]
        return [k for k in out if k != key]

    def entries(self, key: str) -> tuple[Entry, ...]:
        """What the key names; failing that, what it names without a genitive ending ("Norges")
        or with its case endings undone ("Харкові")."""
        found = self.found.get(key, ())
        if any(e.own_name for e in found):
            return found
        for bare in self._without_genitive(key):  # "Norges": Norway's, not Norges-la-Ville
            if any(e.own_name for e in self.found.get(bare, ())):
                return self.found[bare]
        if not found:  # "South Kordofan": GeoNames' "Southern Kordofan"; only an area with a point
            for variant in self._compass_variants(key):
                if placed := tuple(e for e in self.found.get(variant, ()) if e.lat is not None):
                    return placed
        if not found:  # "Харкові": Харків's locative; a name of the place's own first
            bares = [self.found[b] for b in self._uninflected(key) if self.found.get(b)]
            # Of several readings ("Газі": Газа or Газ), a place's own name, then the largest place.
            return max(bares, key=_weight, default=())
        return found

    def _in_run(self, j: int, first: bool) -> bool:
        t, low = self.t, self.t.low[j]
        if self.caps:  # function words delimit names when capitals cannot
            if low in self.r.prepositions or low in self.r.directions:
                return False
            return low not in self.r.stop or low in self.r.openers or (not first and low in PARTICLES)
        if first and self._article_prefix(j):
            return True
        if t.cap[j] and low in self.r.prepositions and self._title_line(j):
            return False  # "Five Killed Near Kandahar": a headline capitalises its prepositions
        if t.cap[j]:  # a capitalised stop word ends a name ("TERRORANGREP I OSLO")
            return first or not self._stop(j) or low in self.r.openers or low in PARTICLES
        return not first and (low in PARTICLES or (t.gap[j].strip() == "-" and len(low) <= 3))

    def _run_end(self, i: int) -> int:
        if i not in self.run_ends:
            self.run_ends[i] = self._find_run_end(i)
        return self.run_ends[i]

    def _find_run_end(self, i: int, loose: bool = False) -> int:
        """Where the name run from token i ends. `loose`: also through stop words that may be
        inside a name ("United Kingdom", "Red Sea", "Fort Worth"), for the gazetteer lookup; once
        looked up, a run goes on through them only where the gazetteer has the whole name."""
        j = i + 1
        while (
            j < len(self.t.low)
            and j - i < 6
            and (self._goes_on(j) or (loose and self._continues(j) and self._stop_in_name(j)))
        ):
            j += 1
        while j > i + 1 and self.t.low[j - 1] in PARTICLES:  # names do not end in a particle
            j -= 1
        if not loose and self.found:
            j = self._whole_name_end(i, j)
        return j

    def _stop_in_name(self, j: int) -> bool:
        """A stop word that may be a word of a longer name ("Kingdom", "Sea", "Worth"): written
        with a capital in mixed-case text, and no function word. Not in ALL-CAPS text, where
        capitals cannot tell "LA UNION" the town from "THE UNION" the word."""
        t, r, low = self.t, self.r, self.t.low[j]
        if self.caps or not t.cap[j] or t.caseless[j]:
            return False
        return not (low in r.prepositions or low in r.articles or low in r.and_words or low in r.of_words)

    def _may_go_on(self, i: int, j: int) -> bool:
        """The run from i stopped at j on a stop word that may go on with it ("United | Kingdom")."""
        t = self.t
        if self.caps or j >= len(t.low) or j - i >= MAX_NGRAM or not t.cap[j] or t.low[j] not in self.r.stop:
            return False  # cheap tests first: this runs for every run
        return self._continues(j) and self._stop_in_name(j)

    def _whole_name_end(self, i: int, j: int) -> int:
        """The run's end past j where the gazetteer has the words from i to there as one name."""
        low = self.t.low
        if not self._may_go_on(i, j):
            return j
        loose = self._find_run_end(i, loose=True)
        for k in range(min(loose, i + MAX_NGRAM), j, -1):
            if any(e.own_name for e in self.found.get(" ".join(low[i:k]), ())):
                return k
        return j

    def _continues(self, j: int) -> bool:
        """Token j goes on with the name before it, also after an abbreviated opener ("St. Louis")."""
        t = self.t
        if t.joined(j):
            return True
        prev = t.low[j - 1]
        return t.gap[j].strip() == "." and len(prev) <= 3 and prev in self.r.openers and "\n" not in t.gap[j]

    def _stop(self, i: int) -> bool:
        """A stop word, unless written as a short acronym in mixed-case text ("US" is not "us");
        a longer one in capitals is the stop word still ("NATO")."""
        t = self.t
        low = t.low[i]
        return low in self.r.stop and (self.caps or not t.upper[i] or not 2 <= len(low) <= SHORT_ACRONYM)

    def _longest(self, i: int, end: int) -> tuple[int, tuple[Entry, ...]]:
        low = self.t.low
        if low[i] in self.dead:
            return 0, ()  # opens no name (_learn)
        for n in range(min(MAX_NGRAM, end - i), 0, -1):
            if n == 1 and self._stop(i):  # "LA" alone is no place; "LA PALOMITA" may be
                break
            found = self.entries(" ".join(low[i : i + n]))
            if not found and n > 1 and low[i] in ARTICLES:  # "al-Mayadeen" -> "mayadeen"
                found = self.entries(" ".join(low[i + 1 : i + n]))
            if found and n > 1 and low[i] in self.r.settlements:
                # "شهر هرات" (the city of Herat) is also a hamlet's name: the places the name
                # after the settlement word bears compete with it (resolution weighs them).
                found = tuple(dict.fromkeys((*found, *self.entries(" ".join(low[i + 1 : i + n])))))
            if found:
                return n, found
        return 0, ()

    def _article_prefix(self, i: int) -> bool:
        """Lower-case 'al-' / 'el-' before a capitalised name: 'near al-Mayadin'."""
        t = self.t
        return t.low[i] in _ARTICLE_PREFIXES and i + 1 < len(t.low) and t.cap[i + 1] and t.gap[i + 1] == "-"

    # --- step 2: candidates and guards ----------------------------------------------------------

    def _demonym(self, i: int) -> tuple[int, str | None]:
        """Length in tokens of a demonym at i (0 if none) and its country; counts it towards the
        focus. A longer name that starts with one ("Saudi Arabia", "South Sudan") is no demonym."""
        low, d = self.t.low, self.r.demonyms
        if low[i] in self.r.demonym_heads and i + 1 < len(low) and f"{low[i]} {low[i + 1]}" in d:
            iso = d[f"{low[i]} {low[i + 1]}"]
            n = 2
        elif low[i] in d:
            iso, n = d[low[i]], 1
        else:
            return 0, None
        if self.t.cap[i] and self._names_more(i, n):
            return 0, None
        self.focus[iso] += 1
        return n, iso

    def _names_more(self, i: int, n: int) -> bool:
        """The words from i are a longer name than the n of a demonym ("Indian Ocean"), or the
        demonym's form is a country's own name ("Philippines", Philippine + s)."""
        longest, found = self._longest(i, self._run_end(i))
        return longest > n or (longest == n and any(e.feature_code == "PCLI" and e.own_name for e in found))

    def candidates(self) -> list[Raw]:
        raws: list[Raw] = []
        i, n_tok = 0, len(self.t.low)
        tagged = bool(self.r.party_tags) and not self.caps
        low, opens = self.t.low, self._open_flags()
        demonyms, heads = self.r.demonyms, self.r.demonym_heads
        while i < n_tok:
            d, iso = self._demonym(i) if low[i] in demonyms or low[i] in heads else (0, None)
            if d:
                border = self._demonym_border(i, d, iso)
                if border is not None:
                    raws.append(border)
                i += d
                continue
            if tagged and i + 1 < n_tok and self.t.gap[i + 1] == "-" and self._party_tag(i):
                area = self._tagged_area(i + 1)
                if area is not None:
                    raws.append(area)
                i += 1 + (area.n if area is not None else 0)  # "(R-Springfield)": the hometown is read next
                continue
            if not opens[i]:
                i += 1
                continue
            raw, step = self._candidate_at(i)
            if raw is not None:
                raws.append(raw)
            i += step
        raws = [r for r in raws if not self._person_again(r) and not self._not_place(r)]
        if (self.r.area_abbreviation is not None or self.r.postal_code is not None) and not self.caps:
            raws = self._abbreviated_areas(raws)
        _pair_up(self, raws)
        return raws

    def _party_tag(self, i: int) -> bool:
        """Token i is the party letter of a politician's tag, opened by a bracket or a comma and
        joined by a hyphen to a capitalised hometown or state: "(R-Springfield)", ", D-Ill.,"
        (places.toml party_tags)."""
        t = self.t
        if not self.r.party_tags or self.caps or i + 1 >= len(t.low) or t.gap[i + 1] != "-" or not t.cap[i + 1]:
            return False
        written = self.text[t.start[i] : t.end[i]]
        return written in self.r.party_tags and t.gap[i].rstrip(" ").endswith(("(", ","))

    def _tagged_area(self, k: int) -> Raw | None:
        """The state of a party tag written as its press abbreviation ("D-Ill.") or its postal
        code ("R-FL", places.toml postal_codes), as a toponym."""
        t = self.t
        code = self.text[t.start[k] : t.end[k]]
        if self.r.postal_codes and code in self.r.postal_codes:
            return self._area_raw(k, 1, self.r.postal_codes[code])
        if not self.r.area_abbreviations:
            return None
        for end in range(k, min(k + 3, len(t.low))):
            written = self.text[t.start[k] : t.end[end] + 1].replace(" ", "")
            area = self.r.area_abbreviations.get(written)
            if area is not None:
                return self._area_raw(k, end - k + 1, area)
        return None

    def _area_raw(self, k: int, n: int, area: tuple[str, str]) -> Raw | None:
        """Tokens k to k+n as the first-level area (ISO2, gazetteer name); None where it lacks it."""
        iso, name = area
        key = normalise(name)
        found = self.g.lookup([key]).get(key, ())
        cands = tuple(e for e in found if e.country == iso and e.feature_code == "ADM1" and e.own_name)
        return Raw(k, n, cands[:1]) if cands else None

    def _abbreviated_areas(self, raws: list[Raw]) -> list[Raw]:
        """'Macon, Ga.', 'Wheeling, W.Va.': a press abbreviation of a state or province
        (places.toml area_abbreviations) after a capitalised word and a comma is that area, a
        toponym which holds the town before it (resolution reads "X, Y" as Y holding X). It
        replaces whatever else was read on its words. Where town and abbreviation are the area's
        own name ("Washington, D.C."), they are one toponym: the town of that area. A postal code
        (places.toml postal_codes: "Macon, GA", "HORRY COUNTY, SC") is read so too, in mixed-case
        text only and not before a capitalised word ("Reuters, PA Media"): "IN", "OR", "ME" are
        words elsewhere."""
        t, r = self.t, self.r
        starts = {t.start[k]: k for k in range(len(t.low))}
        ends = {t.end[k]: k for k in range(len(t.low))}
        found: list[tuple[int, int, int, tuple[str, str]]] = []
        for pattern, table in ((r.area_abbreviation, r.area_abbreviations), (r.postal_code, r.postal_codes)):
            if pattern is None or not table:
                continue
            for m in pattern.finditer(self.text):
                before, first = ends.get(m.start()), starts.get(m.start("abbr"))
                if before is None or first is None or not t.cap[before] or t.caseless[before]:
                    continue
                if table is r.postal_codes and self.text[m.end() :].lstrip(" \t")[:1].isupper():
                    continue
                last = first
                while last + 1 < len(t.low) and t.start[last + 1] < m.end("abbr"):
                    last += 1
                found.append((before, first, last + 1, table[m.group("abbr").replace(" ", "")]))
        if not found:
            return raws
        entries = self.g.lookup({normalise(name) for *_, (_, name) in found})
        towns = {raw.i + raw.n - 1: raw for raw in raws}
        areas = []
        for before, first, end, (iso, name) in found:
            cands = tuple(
                e
                for e in entries.get(normalise(name), ())
                if e.country == iso and e.feature_code == "ADM1" and e.own_name
            )
            town = towns.get(before)
            written = normalise(self.text[t.start[town.i] : t.end[end - 1]]) if town is not None else ""
            if cands and town is not None and written.replace(" ", "") == normalise(name).replace(" ", ""):
                inside = tuple(e for e in town.cands if _inside_area(e, cands[0]))
                town.n, town.cands = end - town.i, inside or cands[:1]  # "Washington, D.C.", "Washington, DC"
            elif cands:
                areas.append(Raw(first, end - first, cands[:1]))
        covered = {k for a in areas for k in range(a.i, a.i + a.n)}
        kept = [raw for raw in raws if not covered & set(range(raw.i, raw.i + raw.n))]
        return sorted([*kept, *areas], key=lambda raw: raw.i)

    def _candidate_at(self, i: int) -> tuple[Raw | None, int]:
        if self._area_prefix(i):
            return self._part_of(i)
        end = self._run_end(i)
        n, found = self._longest(i, end)
        # "San Luis de la Reina", "the village of Tell Barzikh": the name goes on past the hit.
        continues = n and i + n < end and (self.t.low[i + n] in CONTINUERS or self._settlement_named(i, n, end))
        if n == 0 and self._stop(i) and self.t.low[i] not in self.r.openers:
            return None, 1  # "And Japan", "In Klamath Falls": the name starts after the stop word
        if n == 0 and self.r.capitalised_nouns and end - i > 1 and self.t.low[i] in self.r.nouns:
            return None, 1  # "im Badeort Dahab": a capitalised noun, the name starts after it
        if n == 0 and end - i > 1 and self._common_opener(i):
            return None, 1  # "After Paris, London ...": an everyday word opens the sentence, the name follows
        if n == 0 and self.t.caseless[i]:
            # Without case every word opens a run ("غربي العاصمة كابول"): the name may start at
            # the next word, and an unknown one needs a settlement or admin word to be a place.
            raw = self._syntactic(i, end)
            return (raw, max(end - i, 1)) if raw is not None else (None, 1)
        if n == 0 or continues:
            raw = self._syntactic(i, end)
            if raw is None and not self.caps and 2 <= end - i <= 3 and all(self.t.cap[i:end]):
                self._remember_person(i, end)  # an unknown name ("Conor McGregor"): "McGregor" later is him
            if raw is None and self.caps and end - i > 1 and self._suffixed(end - 1):
                # "SİLAHLI KİŞİLER KANDAHAR'DA": in capitals a run is all the words before a
                # case suffix; the name may start at any of them.
                return None, 1
            return raw, max(end - i, 1)
        if self._guarded(i, n) or self._common_word(i, n, found) or self._short_acronym(i, n, found):
            return None, n
        if self._street_name(i + n):
            # "near Elm Street": the street, a place the gazetteer lacks, never the town of Elm
            return self._context(Raw(i, n + 1, (), rule="syntax")), n + 1
        if self._fragment(i, n, found) or self._institution_only(i, n, found):
            return None, n  # "Coca-Cola", "the Parachute Regiment", "a Chapman University scientist"
        return self._context(Raw(i, n, found)), n

    def _common_opener(self, i: int) -> bool:
        """Token i is an everyday word of the language (common_words) that is capitalised only
        because it opens a sentence ("After", "Though"): the article writes it in lower case too,
        as it never writes a first name ("Larry", "Michelle")."""
        t = self.t
        return (
            t.low[i] in self.r.common
            and t.sentence_start(i)
            and t.gap[i + 1] == " "  # not "TradeArabia", split where the capital is glued on
            and not t.caseless[i]
            and self._written_lower(i)
        )

    def _names_next(self, k: int) -> bool:
        """A settlement word that opens a name by itself ("LANDSBYEN KAFR X": a word both of
        settlement_words and settlement_openers), right before it on the same line."""
        t, r = self.t, self.r
        return (
            t.low[k] in r.settlements
            and t.low[k] in r.articles
            and k + 1 < len(t.low)
            and not t.gap[k + 1].strip()
            and "\n" not in t.gap[k + 1]
        )

    def _settlement_named(self, i: int, n: int, end: int) -> bool:
        """'the village of X Y', 'LANDSBYEN X Y', 'the X Y camp': a settlement word names the whole
        run, which the gazetteer knows only the first words of ("Tell" of "Tell Barzikh")."""
        t, r = self.t, self.r
        rest = t.low[i + n : end]
        # Only unknown words go on a name ("Tell Barzikh"); an everyday word ends it ("LA CEIBA WERE ATTACKED").
        if any(
            w in r.settlements or w in r.admin_units or w in PARTICLES or w in r.common or w in r.stop for w in rest
        ):
            return False
        after = end < len(t.low) and t.low[end] in r.settlements and not t.gap[end].strip() and "\n" not in t.gap[end]
        return after or (i >= 1 and self._names_next(i - 1)) or self._settlement_of(i)

    def _settlement_of(self, i: int) -> bool:
        """'THE TOWN OF X': a settlement word and an of-word right before token i, on one line."""
        t, r = self.t, self.r
        return (
            i >= 2
            and t.low[i - 2] in r.settlements
            and t.low[i - 1] in r.of_words
            and all(not t.gap[k].strip() and "\n" not in t.gap[k] for k in (i - 1, i))
        )

    def _written_lower(self, i: int) -> bool:
        """The word also appears in lower case in this article ("Man kan ... som man vet"): an
        ordinary word of the language here, whatever a gazetteer says."""
        if self.lower_words is None:
            t = self.t
            self.lower_words = {t.low[k] for k in range(len(t.low)) if not t.cap[k]}
        return not self.caps and self.t.low[i] in self.lower_words

    def _area_prefix(self, i: int) -> bool:
        """'Nord-Irak', 'Øst-Ukraina': a compass prefix on a name that is not itself a name
        ('Nord-Korea', 'Sør-Sudan' are); 'North Waziristan', 'West Texas': a capitalised compass
        word written apart (places.toml compass_prefixes) before an area's name, the two not a
        name the gazetteer has ('North Sinai', 'South Sudan')."""
        t = self.t
        if i + 1 >= len(t.low) or not t.cap[i + 1]:
            return False
        gap = t.gap[i + 1]
        if gap.strip() in HYPHENS and gap.strip():
            prefixed = t.low[i] in self.r.area_prefixes
        elif gap == " " and t.low[i] in self.r.compass_prefixes and not self.caps and t.cap[i]:
            # Only before an area: "East Belfast" is a part of the town with a name of its own.
            _, found = self._longest(i + 1, self._run_end(i + 1))
            prefixed = any(e.feature_class != "P" for e in found)
        else:
            prefixed = False
        return prefixed and self._longest(i, self._run_end(i))[0] < 2

    def _prefix_relation(self, i: int) -> str:
        low = self.t.low[i]
        return self.r.area_prefixes[low] if low in self.r.area_prefixes else self.r.compass_prefixes[low]

    def _part_of(self, i: int) -> tuple[Raw | None, int]:
        raw, step = self._candidate_at(i + 1)
        if raw is not None:
            t = self.t
            m = self._relation_before(t.start[i])
            raw.phrase_start = t.start[i]
            if m:
                _read_relation(self.r, raw, m)
            raw.relation = self._prefix_relation(i)  # "(i) Nord-Irak": in northern Iraq
            raw.has_relation, raw.precision = True, 2
            raw.i, raw.n = i, raw.n + 1  # the toponym as written: "Nord-Irak"
        return raw, step + 1

    def _caps_dateline(self, i: int, n: int) -> bool:
        """A dateline in capitals opening a line or a sentence of mixed-case text ("BOSTON
        (Reuters) -", "COLUMBUS, Ohio (AP) —", "LONDON Pope Francis ..."): the city the story was
        filed from, wherever the dateline stands (after a headline, a caption or a byline). The
        capitals end with the name: "KOBE IN THE HOUSE:" is a heading."""
        t, r, j = self.t, self.r, i + n
        if self.caps or not t.upper[i] or not t.sentence_start(i) or (j < len(t.low) and t.upper[j] and t.joined(j)):
            return False
        if j < len(t.low) and not t.cap[j] and not t.gap[j].strip():
            return False  # "NATO har fått ...": a sentence goes on after it
        named = (t.low[k] not in r.stop or t.low[k] in r.openers for k in range(i, j))
        return all(t.upper[k] and len(t.low[k]) > 1 for k in range(i, j)) and all(named)

    def _common_word(self, i: int, n: int, found: tuple[Entry, ...]) -> bool:
        """An everyday word ("DAWN", "Industry", "Star") is a place only when a large one bears
        that name (PARIS, Lima), or, in mixed-case text, after a locative phrase ("in Hope")."""
        if self._caps_dateline(i, n):
            return False  # "BOSTON (Reuters) -": a dateline says place as "in" does
        acronym = self.t.upper[i] and len(self.t.low[i]) > 1 and not self.caps  # "US" is not "us"
        if n == 1 and self._written_lower(i) and not acronym:
            return not self._locative_before(i)
        if n != 1 or self.t.low[i] not in self.r.common:
            return False
        # A name in another script than Latin is the gazetteer's alternate name of the place
        # ("Львів", "Херсон"): there an alternate counts as its own name.
        other_script = any(ch > LATIN_END for ch in self.t.low[i])
        largest = max((e.population for e in found if e.own_name or other_script), default=0)
        if not self.caps and self.t.sentence_start(i):  # "Man kan ...", "Reading the report"
            return largest < SENTENCE_START_MIN_POPULATION and not self._suffixed(i)
        if largest >= COMMON_WORD_MIN_POPULATION:
            return False
        if self.t.caseless[i]:
            # Without case every word after "in" looks like a name ("در سایر مناطق", "in other
            # areas"): there only a settlement or admin word before it says place ("شهر شرکت").
            return not self._unit_before(i)
        return self.caps or not (self._locative_before(i) or self._locative_after(i))

    def _unit_before(self, i: int) -> bool:
        """A settlement or admin-unit word right before token i, on the same line."""
        t, r = self.t, self.r
        return i >= 1 and (t.low[i - 1] in r.settlements or t.low[i - 1] in r.admin_units) and t.joined(i)

    def _suffixed(self, i: int) -> bool:
        """A case suffix after an apostrophe ("Halep'te"): only proper names take one."""
        end = self.t.end[i]
        return bool(self.r.name_suffixes) and self.text[end : end + 1] in ("'", "’", "‘")

    def _locative_after(self, i: int) -> bool:
        """Where the language marks place after the name (places.toml name_suffixes): a case
        suffix after an apostrophe ("Halep'te") or a settlement or admin word right after it
        ("Halep kentinde", "Paktiya ilinde") says place, as "in" does before a name."""
        t, r = self.t, self.r
        if not r.name_suffixes:
            return False
        if self._suffixed(i) or self._relation_after(i) is not None:
            return True
        j = i + 1
        return j < len(t.low) and t.joined(j) and (t.low[j] in r.settlements or t.low[j] in r.admin_units)

    def _short_acronym(self, i: int, n: int, found: tuple[Entry, ...]) -> bool:
        """'BA', 'R', 'Li' in mixed-case text: codes and initials, unless a country's or a
        region's own abbreviation (US, UK, DRC, EU) or a press abbreviation (N.M.)."""
        t = self.t
        short = n == 1 and len(t.low[i]) <= SHORT_ACRONYM and (t.upper[i] or len(t.low[i]) <= 2)
        return (
            short
            and not self.caps
            and not any(e.own_name and (e.feature_code in ("PCLI", "RGN") or e.kind == 1) for e in found)
        )

    def _locative_suffix(self, k: int) -> bool:
        """Does a case suffix that says "in" follow token k after an apostrophe (places.toml
        locative_suffixes: "Kabil'de", "HELMAND'DA")?"""
        if not self.r.locative_suffixes or not self._suffixed(k):
            return False
        m = _SUFFIX_AFTER.match(self.text, self.t.end[k])
        return m is not None and fold(m[1]) in self.r.locative_suffixes

    def _relation_after(self, k: int) -> re.Match[str] | None:
        """The postposition right after token k, the name's last (places.toml postpositions,
        [directions] words_after), on the same line."""
        pattern = self.r.relation_after
        if pattern is None:
            return None
        m = pattern.match(self.text, self.t.end[k])
        return m if m is not None and "\n" not in m.group() else None

    def _locative_before(self, i: int) -> bool:
        if i not in self.locative:
            start = self.t.start[i]
            self.locative[i] = self._relation_before(start) is not None
        return self.locative[i]

    def _guarded(self, i: int, n: int) -> bool:
        """False hits: stop words alone, 'President Jordan', 'Damascus said', 'John Jordan Smith'."""
        t, r = self.t, self.r
        if n == 1 and (self._stop(i) or t.low[i] in r.settlements or t.low[i] in r.admin_units):
            return True
        if i > 0 and t.low[i - 1] in r.titles and t.gap[i].strip() in ("", "."):
            return True
        if self._currency(i, i + n):
            return True  # "US$3 million", "$US4.5 billion": a currency, not the country
        if self._spoken_by(i, n):
            self.person_words.add(t.low[i])
            return True  # '"...," said Noma.': the one speaking, and later mentions of that name
        j = i + n
        if j < len(t.low) and t.low[j] in r.speech and not t.gap[j].strip() and self._subject(i):
            if n == 1 and not self.caps and not _well_known(self.entries(t.low[i])):
                self.person_words.add(t.low[i])  # '"...," Sandberg said': a person, here and later
            return True  # "Damascus said", but not "residents of Tripoli said"
        # After "in"/"near" a capitalised word that follows is another name ("i Kristiansund Håvard
        # Krane", a headline run on): only a capitalised word before makes this part of a name.
        if self.caps or self._caps_dateline(i, n):
            return False
        before, after = self._named_before(i), self._named_after(j) and not self._locative_before(i)
        if not (before or after) or self._modifier(i, n, before, after):
            return False
        self._remember_person(i, j)
        return True

    def _modifier(self, i: int, n: int, before: bool, after: bool) -> bool:
        """A place name used as a modifier of the capitalised everyday words around it ("Texas
        Supreme Court", "Harris County Sheriff", "Marine Energy Wales"), which a first or family
        name would not be: kept where the place is well known (an area, or a large city when the
        word follows) or the article names it on its own elsewhere ("Kabul Serena Hotel ... in Kabul")."""
        t, j = self.t, i + n
        if (before and not self._word_of_language(i - 1)) or (after and not self._head_after(j)):
            return False
        if self._title_line(i):
            return True  # "Car Bomb Kills Five in Kabul Market": capitals mark no name in a headline
        found = self.entries(" ".join(t.low[i:j]))
        areas = any(e.own_name and e.feature_class in ("A", "L") for e in found)
        large = after and not before and any(e.own_name and e.population >= COMMON_WORD_MIN_POPULATION for e in found)
        return areas or large or self._named_alone(i, n)

    def _title_line(self, i: int) -> bool:
        """Token i stands on a headline written in Title Case: three words or more, every word of
        four letters or more capitalised, not all in capitals."""
        start = self.text.rfind("\n", 0, self.t.start[i]) + 1
        if start not in self.title_lines:
            end = self.text.find("\n", start)
            line = self.text[start : end if end >= 0 else len(self.text)]
            words = TITLE_WORD.findall(line)
            long = [w for w in words if len(w) > 3]
            self.title_lines[start] = (
                len(words) >= 3 and len(long) >= 2 and all(w[0].isupper() for w in long) and not line.isupper()
            )
        return self.title_lines[start]

    def _word_of_language(self, k: int) -> bool:
        """Token k is a word of the language written with a capital, no name of a person: a stop
        word ("Court", "Police", "Hotel") or a word the article also writes in lower case."""
        low = self.t.low[k]
        return low in self.r.stop or low in self.r.institutions or self._written_lower(k)

    def _head_after(self, j: int) -> bool:
        """The capitalised words from token j hold a word of the language ("Supreme Court",
        "Sheriff", "Annual Conference"), which "Smith" or "Putin" are not."""
        t, k = self.t, j
        while k < len(t.low) and k < j + MAX_NGRAM and t.cap[k] and (k == j or t.joined(k)):
            if self._word_of_language(k):
                return True
            k += 1
        return False

    def _named_alone(self, i: int, n: int) -> bool:
        """The words from i are written elsewhere in the article as a name of their own, with no
        capitalised word joined before or after them."""
        t, words = self.t, self.t.low[i : i + n]
        if self.positions is None:
            self.positions = {}
            for k, low in enumerate(t.low):
                if t.cap[k]:
                    self.positions.setdefault(low, []).append(k)
        for k in self.positions.get(words[0], ()):
            if k == i or t.low[k : k + n] != words:
                continue
            end = k + n
            joined_before = k > 0 and t.cap[k - 1] and t.joined(k) and not t.sentence_start(k)
            joined_after = end < len(t.low) and t.cap[end] and t.joined(end)
            if not joined_before and not joined_after:
                return True
        return False

    def _spoken_by(self, i: int, n: int) -> bool:
        """A lone name right after a speech verb and before a stop or comma ('said Noma.',
        'said Wang, who ...'): the speaker, unless an area or a large city."""
        t, end = self.t, self.t.end[i + n - 1]
        if self.caps or n != 1 or i == 0 or t.low[i - 1] not in self.r.speech or t.gap[i] != " ":
            return False
        if self.text[end : end + 1] not in ("", ".", ",", ";"):
            return False
        return not _well_known(self.entries(t.low[i]))

    def _currency(self, i: int, j: int) -> bool:
        """The name touches a currency sign (Unicode category Sc) before or after it."""
        start, end = self.t.start[i], self.t.end[j - 1]
        around = self.text[start - 1 : start] if start else ""
        around += self.text[end : end + 1]
        if around.isascii():
            return "$" in around  # the one ASCII character of category Sc
        return any(unicodedata.category(ch) == "Sc" for ch in around)

    def _subject(self, i: int) -> bool:
        return i == 0 or self.t.low[i - 1] not in self.r.of_words and not self._locative_before(i)

    def _remember_person(self, i: int, j: int) -> None:
        """'John Kelly' makes a later lone 'Kelly' the same person, unless that last word is a
        large place ('Dallas' in 'Mary Dallas' is no evidence against the city)."""
        t = self.t
        a, b = i, j
        while a > 0 and t.cap[a - 1] and self._name_goes_on(a) and t.low[a - 1] not in self.r.stop:
            a -= 1
        while b < len(t.low) and t.cap[b] and self._name_goes_on(b) and t.low[b] not in self.r.stop:
            b += 1
        if not 2 <= b - a <= 4:
            return
        if not self._large(t.low[b - 1]):
            self.person_words.add(t.low[b - 1])  # the family name, which a later mention repeats

    def _name_goes_on(self, k: int) -> bool:
        """Token k goes on with the person's name before it: joined, or after an initial ("D. Bassett")."""
        return self.t.joined(k) or self._after_initial(k)

    def _after_initial(self, k: int) -> bool:
        """Token k follows an initial, one capital letter and a full stop on the same line ("Gino D. Bassett")."""
        t = self.t
        return k > 0 and len(t.low[k - 1]) == 1 and t.upper[k - 1] and t.gap[k] == ". "

    def _large(self, key: str) -> bool:
        """A place too well known to be taken for a person's name ("Mary Dallas"): a country, a
        first-level area or a city of a million. Towns of that name are many ("Jackson", "Lincoln",
        "Sutton"), and in such an article the person is meant."""
        return any(
            e.own_name and (e.population >= SENTENCE_START_MIN_POPULATION or e.feature_code in ("PCLI", "ADM1"))
            for e in self.entries(key)
        )

    def _person_again(self, raw: Raw) -> bool:
        """'Kelly', 'Clintons' after 'John Kelly', 'Bill Clinton'; a name the gazetteer lacks
        even after a preposition, in the genitive ("voted in Modi's name", "i Hitlers tekst")."""
        low = self.t.low[raw.i]
        forms = {low, *self._without_genitive(low)}
        if raw.n != 1 or not forms & self.person_words:
            return False
        genitive = low not in self.person_words or self.text[self.t.end[raw.i] :][:1] in ("'", "’")
        return not raw.has_relation or (not raw.cands and not raw.locative_suffix and genitive)

    def _not_place(self, raw: Raw) -> bool:
        """An organisation or landmark the pack lists as no place ("White House", "Hezbollah"),
        unless a locative phrase makes it the venue ("a dinner at the White House")."""
        if not self.r.not_places or raw.has_relation:
            return False
        return " ".join(self.t.low[raw.i : raw.i + raw.n]) in self.r.not_places

    def _known(self, i: int, n: int, found: tuple[Entry, ...]) -> bool:
        """A place well known on its own: an area, a region or a sea, a city of 100,000, or a
        name the article also writes alone."""
        return _well_known(found) or self._named_alone(i, n)

    def _street_name(self, j: int) -> bool:
        """Token j, right after the name on its line, is a street word (places.toml street_words:
        "Elm Street", "Bourbon St.", "Karl Johans gate"): the name is the street's, no town's."""
        t = self.t
        return j < len(t.low) and t.low[j] in self.r.streets and t.gap[j] == " "

    def _institution_only(self, i: int, n: int, found: tuple[Entry, ...]) -> bool:
        """The name of an institution, unit or event that holds a place name the article does not
        otherwise use ("the Parachute Regiment", "a Chapman University scientist"). After a
        locative phrase ("at Cornell University", "at the Kabul Serena Hotel") it is the venue,
        where something happened: still a place."""
        return self._names_institution(i + n) and not self._locative_before(i) and not self._known(i, n, found)

    def _names_institution(self, j: int) -> bool:
        """Token j, capitalised right after the name before it, heads the name of an institution,
        a unit, a venue or an event (places.toml institution_words: "Regiment", "University",
        "Mosque", "Cup"): the name before it is that thing's, a place only where the place is known."""
        t = self.t
        if self.caps or j >= len(t.low) or not t.cap[j] or t.upper[j] or t.gap[j] != " ":
            return False
        return t.low[j] in self.r.institutions

    def _fragment(self, i: int, n: int, found: tuple[Entry, ...]) -> bool:
        """A name that is one part of a hyphenated name ("Coca-Cola", "Diaz-Balart", "Mercedes-Benz"):
        a place only where the other part is a place too and one of them is known ("the
        Syria-Iraq border", "Miami-Dade")."""
        t, j = self.t, i + n
        if i > 0 and self._party_tag(i - 1):
            return False  # "(R-Springfield)": the hometown
        if i > 0 and t.gap[i] in WORD_HYPHENS and t.cap[i - 1] and t.low[i - 1] not in self.r.area_prefixes:
            other = self.entries(t.low[i - 1])
        elif j < len(t.low) and t.gap[j] in WORD_HYPHENS and t.cap[j]:
            other = self.entries(t.low[j])
        else:
            return False
        if not any(e.own_name for e in other):
            return True
        return not _well_known((*found, *other))

    def _named_before(self, i: int) -> bool:
        t, r = self.t, self.r
        if self._after_initial(i) and not self.caps:
            return True  # "Gino D. Bassett"
        if i == 0 or t.caseless[i] or not t.cap[i - 1] or not t.joined(i) or t.gap[i].strip() in HYPHENS:
            return False
        if r.capitalised_nouns and self._noun_opens(i - 1):
            return False  # "im Badeort Dahab", "die Hauptstadt Amman": a noun in apposition, no first name
        low = t.low[i - 1]
        opener = low in r.common and t.sentence_start(i - 1)  # "Yesterday Kabul ...", not "Real Madrid"
        return not (low in r.stop or low in r.openers or low in r.prepositions or low in r.demonyms or opener)

    def _noun_opens(self, k: int) -> bool:
        """Where every noun is capitalised, a capitalised word that opens its run after a word in
        lower case (or opens the sentence) is a noun; a first name follows another capitalised
        word or a title ("Bundeskanzler Gerhard Schröder")."""
        t = self.t
        return k == 0 or t.sentence_start(k) or not t.cap[k - 1] or not t.joined(k) or t.low[k - 1] in self.r.stop

    def _named_after(self, j: int) -> bool:
        t, r = self.t, self.r
        if j >= len(t.low) or t.caseless[j] or not t.cap[j] or not t.joined(j) or t.gap[j].strip():
            return False
        low = t.low[j]
        if r.capitalised_nouns and low in r.common:
            return False  # "in Bagdad Soldaten": an everyday noun after the name, no family name
        return not (
            low in r.stop
            or low in r.admin_units
            or low in r.settlements
            or low in r.demonyms
            or low in r.border_words
            or low in r.institutions
        )

    # --- step 3: the locative phrase ------------------------------------------------------------

    def _relation_before(self, start: int) -> re.Match[str] | None:
        """The locative phrase ending at `start` (its words normalised give the same relation
        whether read on the lower-cased text or not)."""
        if start not in self.relations:
            pattern, text = (
                (self.r.relation, self.text) if self.lowered is None else (self.r.relation_lowered, self.lowered)
            )
            m = pattern.search(text, max(0, start - 70), start)
            while m is not None and m.group("settle") and not self._site_described(m):
                # "à un poste de contrôle dans la province du X": the phrase starts later
                m = pattern.search(text, m.start() + 1, start)
            self.relations[start] = m
        return self.relations[start]

    def _site_described(self, m: re.Match[str]) -> bool:
        """The words around the settlement word of a locative phrase describe it: before it,
        words in lower case or demonyms ("the northern city of", "the Nigerian town of"); after
        it, a demonym ("la ville nigériane de"). Not a name ("in New York City that the NYPD")
        nor a preposition; in capitals only everyday words, in a script without case only
        demonyms."""
        r = self.r
        if m.group("post") and fold(m.group("post")) not in r.demonyms:  # "poste de contrôle dans la"
            return False
        for w in self.text[m.start("pre") : m.end("pre")].split():
            low = fold(w)
            if low in r.demonyms or low in r.articles:
                continue
            if normalise(w) in r.prepositions or not (w[0].islower() or w[0].isupper()):
                return False  # "في هجوم قرب مدينة X": the phrase is the later one; no case, no telling
            if w[0].islower() and not self.caps:
                continue
            if self.caps and low in r.common:
                continue  # in capitals, an everyday word
            return False
        return True

    def _context(self, raw: Raw) -> Raw:
        """Attach the locative phrase before the name and what follows it (unit, border)."""
        t = self.t
        start = t.start[raw.i]
        m = self._relation_before(start)
        if m:
            raw.has_relation = True
            _read_relation(self.r, raw, m)
        elif (glued := self._glued_preposition(raw.i)) is not None:
            # "درکابل", "بالموصل": the preposition cut off the name is read as if written apart.
            raw.has_relation, raw.relation, raw.phrase_start = True, glued, t.start[raw.i - 1]
            raw.precision = relations.PRECISION.get(glued, 1)
        elif self.cues is not None and (d := self.cues.distance.search(self.text, max(0, start - CUE_WINDOW), start)):
            # "10 km from X": near X (refine() then weighs the distance)
            raw.has_relation, raw.relation, raw.precision, raw.phrase_start = True, relations.NEAR, 2, d.start("dist")
        elif after := self._relation_after(raw.i + raw.n - 1):
            _read_relation_after(self.r, raw, after)  # "Halep yakınlarında", "Bağdat'ın 200 km kuzeyinde"
        elif self._locative_suffix(raw.i + raw.n - 1):
            raw.has_relation = raw.locative_suffix = True  # "Kabil'de": the suffix says "in", as a preposition would
        i = raw.i
        raw.capital = i > 0 and t.low[i - 1] in self.r.capital_words and t.joined(i)  # "başkent Cezayir"
        j = raw.i + raw.n
        if raw.has_relation and self._modifies_settlement(j):
            # "in the Red Sea resort city": the phrase places the city, the name only describes it
            raw.has_relation, raw.relation, raw.precision, raw.phrase_start = False, relations.IN, 1, -1
        if raw.n > 1 and t.low[j - 1] in self.r.admin_units:  # "Orange County", "Helmand Province"
            raw.admin_level = self.r.admin_units[t.low[j - 1]]
        elif j < len(t.low) and t.joined(j) and t.low[j] in self.r.admin_units:
            raw.admin_level = self.r.admin_units[t.low[j]]
            raw.phrase_end = t.end[j]
        elif j < len(t.low) and t.joined(j) and t.low[j] in self.r.border_words:
            raw.border, raw.relation, raw.phrase_end = True, relations.BORDER, t.end[j]
        raw.settled = self._settled(raw.i)
        described, raw.country_hint = self._described(raw.i)
        raw.settled = raw.settled or described
        if raw.cands and self.caps and self._settled_after(raw.i, j):
            # "CHIAPAS CANTON", "TEPEYAC HAMLET": a settlement's name, not the state or the country;
            # left with no reading, the name is a place the gazetteer lacks. Only in capitals, where
            # case cannot tell: in mixed case the name before a lower-case "city" describes it
            # ("no U.S. city has ..."), and a town's own name is capitalised ("Guatemala City").
            raw.cands = tuple(e for e in raw.cands if e.feature_code not in SETTLED_OUT)
        return raw

    def _glued_preposition(self, i: int) -> str | None:
        """The relation of a preposition glued before token i and cut off it (places.toml
        glued_prefixes), None when there is none."""
        t = self.t
        if i == 0 or t.gap[i] or t.low[i - 1] not in self.r.glued_prefixes:
            return None
        return self.r.prepositions.get(normalise(t.low[i - 1]))

    def _settled(self, i: int) -> bool:
        """A settlement word right before the name, on its line, perhaps with a clitic glued to it
        and a demonym between ("the Jordanian capital X", "لمدينة X", "العاصمة الأردنية X"): the
        name is a town's. Not "the X of Y" nor "Y X": roads, rivers and volcanoes are settlement
        words too ("a principal estrada de Moçambique", "the Salvador volcano")."""
        t, r = self.t, self.r
        k = i - 1
        if k >= 1 and t.low[k] in r.demonyms and t.joined(k + 1):
            k -= 1
        if k < 0 or not t.joined(k + 1):
            return False
        word = t.low[k]
        bare = (word[len(p) :] for p in r.glued_prefixes if word.startswith(p))
        return any(w in r.settlements for w in (word, *bare))

    def _described(self, i: int) -> tuple[bool, str | None]:
        """A settlement word described by a demonym, or set before the name by a comma, names
        the name at token i: "the Nigerian city of Jos", "la ville nigériane de Jos", "den
        nigerianske byen Jos", "the northern city, Kano". Whether one does (the name is then a
        town's), and the demonym's country (the town lies there)."""
        t, r = self.t, self.r
        if i == 0:
            return False, None
        if t.gap[i].strip() == ",":  # apposition: the settlement word right before the comma
            k = i - 1
            return (t.low[k] in r.settlements, self._demonym_before(k) if t.low[k] in r.settlements else None)
        k = i - 1
        while k > 0 and t.low[k] in r.articles and t.low[k] not in r.settlements and self._linked(k + 1):
            k -= 1  # "of", "de", "d'" between the settlement word and the name
        if not self._linked(k + 1):
            return False, None
        if t.low[k] in r.settlements:
            iso = self._demonym_before(k)
            return iso is not None, iso
        if k > 0 and t.low[k] in r.demonyms and t.low[k - 1] in r.settlements and self._linked(k):
            return True, r.demonyms[t.low[k]]  # "la ville nigériane de Jos"
        return False, None

    def _demonym_before(self, k: int) -> str | None:
        """The country of a demonym of one or two words right before token k ("Nigerian city")."""
        t, d = self.t, self.r.demonyms
        if k >= 1 and t.joined(k) and t.low[k - 1] in d:
            return d[t.low[k - 1]]
        if k >= 2 and t.joined(k) and t.joined(k - 1) and (two := f"{t.low[k - 2]} {t.low[k - 1]}") in d:
            return d[two]  # "the South African town of X"
        return None

    def _linked(self, k: int) -> bool:
        """Token k follows token k-1 within one phrase: a space, or an elided word's apostrophe ("d'Alep")."""
        return self.t.joined(k) or self.t.gap[k].strip() in ("'", "’")

    def _settled_after(self, i: int, j: int) -> bool:
        """A word of places.toml settlement_after right after the name (tokens i to j), on its
        line: "CHIAPAS CANTON", "CHALATENANGO CITY". Not where an article opens the name or an of-word
        follows the word: "THE TEXAS TOWN OF UVALDE", "A KANSAS TOWN" are towns of that state."""
        t, r = self.t, self.r
        if j >= len(t.low) or t.low[j] not in r.settled_after or t.gap[j] != " ":
            return False
        if i >= 1 and t.low[i - 1] in r.articles and t.joined(i):
            return False
        return not (j + 1 < len(t.low) and t.low[j + 1] in r.of_words and t.joined(j + 1))

    def _modifies_settlement(self, j: int) -> bool:
        """The name that ends before token j describes a settlement named after one or two words
        in lower case ("the Red Sea resort city", "the Black Sea port town")."""
        t = self.t
        if self.caps:
            return False
        for k in range(j, min(j + 3, len(t.low))):
            if not t.joined(k) or t.gap[k].strip() or t.cap[k]:
                return False
            if t.low[k] in self.r.settlements:
                return k > j
        return False

    def _demonym_border(self, i: int, n: int, iso: str | None) -> Raw | None:
        """'the Syrian border', 'den syriske grensen', 'the Syrian-Turkish border': the country."""
        t, j = self.t, i + n
        while j < len(t.low) and t.gap[j].strip() in HYPHENS and t.gap[j].strip() and t.low[j] in self.r.demonyms:
            j += 1
        if j >= len(t.low) or t.low[j] not in self.r.border_words or not t.joined(j) or iso is None:
            return None
        found = self._area_of_adjective(" ".join(t.low[i : i + n]))
        if not found:
            return None
        return Raw(
            i,
            n,
            found,
            relation=relations.BORDER,
            precision=3,
            has_relation=True,
            phrase_end=t.end[j],
            border=True,
            rule="demonym",
        )

    def forced(self, span: Span) -> Raw | None:
        """A candidate over exactly the tokens of a given span, looked up as a whole, then
        without articles, without an admin or settlement word ("Morris County"), or its
        longest known part."""
        t = self.t
        toks = [k for k in range(len(t.low)) if t.start[k] >= span.start and t.end[k] <= span.end]
        if not toks:
            return None
        i, n = toks[0], len(toks)
        prefix = n > 1 and self._area_prefix(i)  # "Nord-Irak": northern Iraq
        key = normalise(self.text[t.start[i + 1] if prefix else span.start : span.end])
        keys = [key, without_articles(key)]
        last = t.low[i + n - 1]
        if n > 1 and (last in self.r.admin_units or last in self.r.settlements):
            keys.append(" ".join(t.low[i : i + n - 1]))
        area = self._area_of_adjective(key) or self._abbreviated_area(self.text[span.start : span.end])
        if area:  # "American", "European"; "Ga.": given as a toponym, the word names its area
            return Raw(i, n, area, rule="given", given=True)
        self.found.update(self.g.lookup([*keys, *(g for k in keys for g in self._without_genitive(k))]))
        cands = next((found for k in keys if (found := self.entries(k))), ()) or self._longest(i, i + n)[1]
        raw = self._context(Raw(i, n, cands, rule="given", given=True))
        if n > 1 and last in self.r.admin_units and not raw.admin_level:
            raw.admin_level = self.r.admin_units[last]
        if prefix:
            raw.relation, raw.precision, raw.has_relation = self._prefix_relation(i), 2, True
        return raw

    def _abbreviated_area(self, written: str) -> tuple[Entry, ...]:
        """The state or province a press abbreviation names ("Ga.", "W. Va."; places.toml
        area_abbreviations), when it is given alone as a toponym."""
        pair = (self.r.area_abbreviations or {}).get(written.replace(" ", ""))
        if pair is None:
            return ()
        iso, name = pair
        found = self.g.lookup([normalise(name)]).get(normalise(name), ())
        return tuple(e for e in found if e.country == iso and e.feature_code == "ADM1" and e.own_name)[:1]

    def _area_of_adjective(self, key: str) -> tuple[Entry, ...]:
        """The country of a demonym, found by its code ("Georgian" is Georgia the country, never
        the US state), or the larger area an adjective names ("European")."""
        iso = self.r.demonyms.get(key)
        name = country_name(iso) if iso else self.r.area_demonyms.get(key)
        if not name:
            return ()
        wanted = normalise(name)
        found = self.g.lookup([wanted]).get(wanted, ())
        if iso:
            return tuple(e for e in found if e.feature_code == "PCLI" and e.country == iso)[:1]
        return tuple(e for e in found if e.feature_class != "P" and e.own_name)[:1]

    def _adjective_at(self, i: int) -> tuple[int, str]:
        """Length in tokens (0 if none) and key of a demonym or area adjective at token i
        ("Syrian", "irakiske", "South Korean", "European")."""
        low, r = self.t.low, self.r
        if low[i] in r.adjective_heads and i + 1 < len(low) and self.t.joined(i + 1):
            two = f"{low[i]} {low[i + 1]}"
            if two in r.demonyms or two in r.area_demonyms:
                return 2, two
        if low[i] in r.demonyms or low[i] in r.area_demonyms:
            return 1, low[i]
        return 0, ""

    def demonym_mentions(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """Demonyms and area adjectives as mentions of kind "demonym" ("Syrian" -> Syria,
        "European" -> Europe), at precision 3, outside the toponyms found. They are not read as
        toponyms (resolution and events use them only as country signals); geoparse outputs them
        so that a user can keep or drop them."""
        t, out, i, r = self.t, [], 0, self.r
        taken = [m.span for m in found]
        while i < len(t.low):
            word = t.low[i]
            adjective = word in r.adjective_heads or word in r.demonyms or word in r.area_demonyms
            n, key = self._adjective_at(i) if adjective else (0, "")
            if not n:
                i += 1
                continue
            span = Span(t.start[i], t.end[i + n - 1])
            area = self._area_of_adjective(key)
            longer = t.cap[i] and self._names_more(i, n)  # "Indian Ocean", "South Africa", "Philippines"
            if area and not longer and not any(s.start < span.end and span.start < s.end for s in taken):
                location = Location(place_of(self.g, area[0]), 3, relations.IN)
                text = self.text[span.start : span.end]
                out.append(PlaceMention(span, span, location, DEMONYM_SCORE, "demonym", text, kind="demonym"))
            i += n
        return out

    # --- step 4: names the gazetteer lacks ------------------------------------------------------

    def _syntactic(self, i: int, end: int) -> Raw | None:
        """A name the gazetteer lacks, kept only when syntax says place: after a locative
        preposition, or before a settlement or admin-unit word."""
        t, r = self.t, self.r
        # "THE TOWN OF CHINAMECA", "LANDSBYEN KAFR X": the name starts after the settlement word
        # (and its linking article).
        for k in range(i, end - 1):
            if t.low[k] in r.settlements and t.low[k + 1] in r.of_words and k + 2 < end:
                i = k + 2
            elif self._names_next(k):
                i = k + 1
        if (t.low[i] in r.stop and t.low[i] not in r.openers) or self._guarded(i, end - i):
            return None
        if all(t.low[k] in r.settlements or t.low[k] in r.admin_units or t.low[k] in r.stop for k in range(i, end)):
            return None  # "the TOWN of ...": a settlement word is not itself a name
        if all(t.low[k] in r.common or t.low[k] in r.openers for k in range(i, end)):
            return None  # "IN THE EARLY HOURS", "in Green Valley": everyday words, not a name
        if r.capitalised_nouns and all(t.low[k] in r.nouns or t.low[k] in r.openers for k in range(i, end)):
            return None  # "bei den Explosionen": where nouns are capitalised, words of the language are no name
        if r.capitalised_nouns and i > 0 and t.low[i - 1] in r.articles and t.low[i - 1] not in r.settlements:
            return None  # "auf den Zufahrtstraßen": an article before an unknown word makes it a noun
        while end > i + 1 and (t.low[end - 1] in r.admin_units or t.low[end - 1] in r.settlements):
            end -= 1  # "LA ESPERANZA FARM" -> "La Esperanza"
        after = t.low[end] if end < len(t.low) and t.joined(end) else ""
        # In ALL-CAPS text every phrase after "IN" looks like a name ("IN THE HEAVY SHOOTING"):
        # there a settlement or admin word, a "town of" opener or a name opener ("SAN") is needed.
        # "THE VILLAGE OF KAFR X", "LANDSBYEN KAFR X": a settlement word just before also says place.
        settled = after in r.settlements or self._settlement_of(i) or (i >= 1 and self._names_next(i - 1))
        named = (not self.caps and not t.caseless[i]) or t.low[i] in r.openers
        if not (settled or named or self._admin_word_near(i, end)):
            return None  # no admin level can settle it (the phrase around it is not read for nothing)
        raw = self._context(Raw(i, end - i, (), rule="syntax"))
        if not (settled or raw.admin_level or (raw.has_relation and named)):
            return None
        return raw

    def _admin_word_near(self, i: int, end: int) -> bool:
        """An admin-unit word that may give the run from i to end its admin level (_context): in
        the locative phrase before it ("the province of X"), as its last word or right after it."""
        t, r = self.t, self.r
        if (end - i > 1 and t.low[end - 1] in r.admin_units) or (
            end < len(t.low) and t.joined(end) and t.low[end] in r.admin_units
        ):
            return True
        m = self._relation_before(t.start[i])
        return m is not None and bool(m.group("admin"))


def _read_relation(r: PlaceRules, raw: Raw, m: re.Match[str]) -> None:
    """Fill the relation fields of raw from a match of PlaceRules.relation. The relation is the
    pack's canonical value for the words matched (sitrep.geo.relations); the phrase, where the
    location's evidence starts, is the first of those words."""
    if m.group("admin"):
        raw.admin_level = r.admin_units.get(normalise(m.group("admin")), 0)
    if m.group("dir"):
        first = m.start("dist") if m.group("dist") else m.start("dir")
        raw.phrase_start, raw.precision = first, 2
        compass = r.directions[normalise(m.group("dir"))]
        km = None
        if m.group("dist"):
            km = read_figure(m.group("dist"), r) * r.distance_units.get(normalise(m.group("unit")), 1.0)
            raw.offset = (km, BEARINGS[compass])
        raw.relation = relations.offset(compass, km)
    elif m.group("prep"):
        # "in the northern city of X": the part word describes the city, X is not part of an area
        part = (None if m.group("settle") else m.group("part")) or m.group("part0")
        relation = r.prepositions.get(normalise(m.group("prep")), relations.IN)
        raw.relation = r.area_parts.get(normalise(part), relations.IN) if part else relation
        raw.precision = 2 if part else relations.PRECISION.get(relation, 1)
        raw.phrase_start = m.start("part0") if m.group("part0") else m.start("prep")
    elif m.group("between"):
        raw.relation, raw.between, raw.precision, raw.phrase_start = relations.BETWEEN, True, 2, m.start("between")
    elif m.group("border"):
        raw.relation, raw.border, raw.precision, raw.phrase_start = relations.BORDER, True, 3, m.start("border")
    else:
        raw.relation = r.area_parts.get(normalise(m.group("part1")), relations.IN)
        raw.precision, raw.phrase_start = 2, m.start("part1")


def _read_relation_after(r: PlaceRules, raw: Raw, m: re.Match[str]) -> None:
    """Fill the relation fields of raw from a match of PlaceRules.relation_after: a far offset
    ("200 km north of") or the postposition's relation; the evidence runs on to its end."""
    raw.has_relation, raw.phrase_end = True, m.end()
    if m.group("dir"):
        compass = r.directions_after[normalise(m.group("dir"))]
        km = read_figure(m.group("dist"), r) * r.distance_units.get(normalise(m.group("unit")), 1.0)
        raw.offset, raw.precision = (km, BEARINGS[compass]), 2
        raw.relation = relations.offset(compass, km)
        return
    relation = r.postpositions[normalise(m.group("post"))]
    raw.relation = relation
    raw.precision = 2 if relation in relations.AREA_PARTS else relations.PRECISION.get(relation, 1)


def _pair_up(f: Finder, raws: list[Raw]) -> None:
    """'between X and Y' and 'the X-Y border': Y becomes X's partner (both stay toponyms)."""
    t = f.t
    for a, b in zip(raws, raws[1:]):
        link = f.text[t.end[a.i + a.n - 1] : t.start[b.i]].strip().lower()
        if a.between and link in f.r.and_words:
            a.partner = b
            a.phrase_end = t.end[b.i + b.n - 1]
        elif a.border and link in f.r.and_words:  # "the border between Syria and Iraq"
            a.partner, b.border, b.relation = b, True, relations.BORDER
        elif b.border and link in HYPHENS and not a.border:  # "the Syria-Iraq border"
            a.border, a.relation, a.partner, a.precision = True, relations.BORDER, b, 3
            a.phrase_end = b.phrase_end


def find_places(
    text: str,
    pack: LanguagePack,
    gazetteer: Gazetteer,
    check: Callable[[], None] | None = None,
    dateline: Dateline | None = None,
    demonyms: bool = False,
) -> list[PlaceMention]:
    """The places of `text` in `gazetteer`. `check` is called between the steps: a time budget
    raises from it. `dateline`: the text's, when the caller has read it. `demonyms`: also the
    demonyms and area adjectives, as mentions of kind "demonym" (Finder.demonym_mentions)."""
    finder = Finder(text, rules_for(pack), gazetteer, cues_for(pack))
    if check:
        check()
    candidates = finder.candidates()
    if check:
        check()
    found = [m for m in resolve_all(finder, candidates, dateline=dateline) if m is not None]
    found = refine(text, found, pack, finder.r)
    if demonyms:
        found = sorted([*found, *finder.demonym_mentions(found)], key=lambda m: m.span.start)
    return found


def refine(text: str, found: list[PlaceMention], pack: LanguagePack, r: PlaceRules) -> list[PlaceMention]:
    """What the words around the resolved places say: a distance without a direction ("10 km
    from X"), an unknown village placed by the next phrase ("the village of Kafr X near Aleppo"),
    the speaker's or venue's place ("said in Kabul")."""
    cues = cues_for(pack)
    found = [_distance(text, m, cues, r) for m in found]
    found = [_located_by_next(text, a, b, r, cues) for a, b in zip(found, [*found[1:], None])]
    found = [_located_by_previous(text, b, a, r, cues) for b, a in zip([None, *found[:-1]], found)]
    return [_speaker(text, m, cues) for m in found]


def _distance(text: str, m: PlaceMention, cues: PlaceCues, r: PlaceRules) -> PlaceMention:
    """'a village 10 km from Mosul': near Mosul (or only its country when far), evidence from the figure."""
    loc = m.location
    if loc.precision == 3 or (loc.relation not in (relations.IN, relations.NEAR)):
        return m  # an area, or a direction already read ("10 km north of")
    hit = cues.distance.search(text, max(0, m.span.start - CUE_WINDOW), m.span.start)
    if hit is None:
        return m
    km = read_figure(hit.group("dist"), r) * r.distance_units.get(normalise(hit.group("unit")), 1.0)
    start = min(hit.start("dist"), m.phrase_span.start)
    return replace(m, location=distance_from(loc.place, km), phrase_span=Span(start, m.phrase_span.end))


def _located_by_next(
    text: str, a: PlaceMention, b: PlaceMention | None, r: PlaceRules, cues: PlaceCues
) -> PlaceMention:
    """A name the gazetteer lacks, followed by the phrase that places it ("in the village of
    Kafr X near Aleppo", "Kafr X, 10 km north of Aleppo"): the village keeps its own name and
    takes that phrase's point, relation and anchor (precision 2 at least), so that the anchor
    city does not replace it as the event's place."""
    if b is None or a.rule != "syntax" or not _placing(b.location):
        return a
    gap = text[a.span.end : b.phrase_span.start]
    if not _only_settlement_words(gap, r, cues.located):
        return a
    return replace(_placed_by(a, b), phrase_span=Span(a.phrase_span.start, b.phrase_span.end))


def _placed_by(a: PlaceMention, b: PlaceMention) -> PlaceMention:
    """The unknown place a with the point, relation and anchor of the placing phrase b."""
    p, where = a.location.place, b.location.place
    place = replace(
        p,
        country=where.country,
        admin1=where.admin1,
        admin2=None,
        lat=where.lat,
        lon=where.lon,
        geonameid=None,
        feature_code=None,
    )
    anchor = b.location.anchor or where
    location = Location(place, max(2, b.location.precision), b.location.relation, anchor=anchor)
    return replace(a, location=location)


def _located_by_previous(
    text: str, b: PlaceMention | None, a: PlaceMention, r: PlaceRules, cues: PlaceCues
) -> PlaceMention:
    """The same where the placing phrase comes first and its relation follows its name (places.toml
    postpositions: "Halep yakınlarındaki Kafr X köyünde", the village near Aleppo): it places the
    unknown name right after it. A relation told before its name ("near Aleppo, Kafr X") does not."""
    if b is None or a.rule != "syntax" or not _placing(b.location):
        return a
    if b.phrase_span.end <= b.span.end or b.phrase_span.end > a.span.start:
        return a
    if not _only_settlement_words(text[b.phrase_span.end : a.span.start], r, cues.located):
        return a
    return replace(_placed_by(a, b), phrase_span=Span(b.phrase_span.start, a.phrase_span.end))


def _placing(loc: Location) -> bool:
    """'near X', '10 km north of X': a phrase that places something else relative to X."""
    return loc.relation == relations.NEAR or (
        loc.anchor is not None and relations.is_relation(loc.relation) and loc.relation not in relations.FIXED
    )


def _only_settlement_words(gap: str, r: PlaceRules, located: frozenset[str]) -> bool:
    """', ', ' village ', ' camp, located ': nothing between a name and the phrase after it but
    punctuation, articles, settlement words and "located"."""
    words = [fold(w) for w in re.split(r"[\s,]+", gap.lower()) if w]
    return (
        len(gap) <= 40
        and "\n\n" not in gap
        and all(w in r.settlements or w in r.articles or w in located for w in words)
    )


def _speaker(text: str, m: PlaceMention, cues: PlaceCues) -> PlaceMention:
    """'said in Kabul', 'at a press conference in Baghdad': the speaker's or venue's place."""
    after = cues.speaker_after is not None and cues.speaker_after.match(text, m.span.end) is not None
    if not after and cues.speaker.search(text, max(0, m.span.start - CUE_WINDOW), m.span.start) is None:
        return m
    return replace(m, speaker=True)


def resolve_spans(
    text: str, spans: list[Span], pack: LanguagePack, gazetteer: Gazetteer, dateline: Dateline | None = None
) -> list[PlaceMention | None]:
    """Resolve given spans only; the places the finder sees elsewhere still give the context.
    `dateline`: the text's, when the caller has read it."""
    finder = Finder(text, rules_for(pack), gazetteer, cues_for(pack))
    given = [finder.forced(span) for span in spans]
    taken = {(r.i, r.n) for r in given if r is not None}
    context = [r for r in finder.candidates() if (r.i, r.n) not in taken]
    raws = sorted([r for r in given if r is not None] + context, key=lambda r: r.i)
    by_token = {(raw.i, raw.n): m for raw, m in zip(raws, resolve_all(finder, raws, True, dateline))}
    return [None if r is None else by_token.get((r.i, r.n)) for r in given]
