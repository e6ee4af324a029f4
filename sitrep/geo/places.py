"""Find and resolve toponyms in a whole article.

1. Tokenise once; look up normalised n-grams (longest first, ≤5 tokens) of capitalised runs in
   the gazetteer dict (in ALL-CAPS transcripts every run not opened by a stop word).
2. Guard against false hits: stop-list words, person titles, speakers ("Damascus said"),
   capitalised neighbours (person and organisation names), demonyms (country signals).
3. Read the article's country focus: country names, demonyms, dateline, unambiguous cities.
4. Resolve each mention by population, name match, focus, admin context ("X, Y DEPARTMENT");
   abstain when weak; keep syntactic places not in the gazetteer ("IN SAN LUIS DE LA REINA").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.geo.gazetteer import Gazetteer, load
from sitrep.geo.normalize import ARTICLES, normalise
from sitrep.geo.rules import PlaceRules, rules_for
from sitrep.lang import LanguagePack

if TYPE_CHECKING:
    from sitrep.geo import PlaceMention

# Apostrophes stay inside transliterated names ("Ra's al 'Ayn") but not before a possessive
# "'s" ("Afghanistan's Helmand province" is two names).
TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’‘](?![sS]\b)[^\W\d_]+)*")
# Scraped text glues sentences: "in SyriaThe desert" -> "Syria" | "The".
CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
# Lower-case words inside toponyms (language-neutral: they come from the names themselves).
PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "do", "dos", "das", "di", "du", "des", "le", "les",
                       "al", "el", "ad", "ar", "as", "az", "ez", "ed", "es", "ash", "ul"})
# A name that goes on through one of these is longer than the gazetteer hit: "San Luis de la Reina".
CONTINUERS = frozenset({"de", "del", "la", "las", "los", "da", "do", "dos", "das", "di", "du", "des"})
CONJUNCTIONS = frozenset({"and", "og", "or", "eller"})
MAX_NGRAM = 5


@dataclass
class Tokens:
    start: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    low: list[str] = field(default_factory=list)
    cap: list[bool] = field(default_factory=list)
    gap: list[str] = field(default_factory=list)  # text between the previous token and this one

    def joined(self, i: int) -> bool:
        """Token i continues the name of token i-1 (space, line break or hyphen between)."""
        g = self.gap[i]
        return len(g) <= 3 and g.strip() in ("", "-", "‐", "‑") and "\n\n" not in g

    def sentence_start(self, i: int) -> bool:
        return i == 0 or any(c in self.gap[i] for c in ".!?:;\"“”\n")


@dataclass
class Raw:
    """A candidate toponym before resolution."""

    i: int  # first token
    n: int  # tokens
    ids: tuple[int, ...]  # gazetteer ids (encoded, see Gazetteer.ids); () for syntactic-only places
    relation: str = "in"
    precision: int = 1
    has_relation: bool = False
    phrase_start: int = -1
    admin_level: int = 0
    phrase_end: int = -1
    rule: str = "gazetteer"


def tokenize(text: str) -> Tokens:
    toks, prev = Tokens(), 0
    for m in TOKEN.finditer(text):
        pieces = CAMEL.split(m.group()) if not m.group().isupper() else [m.group()]
        offset = m.start()
        for piece in pieces:
            if not piece:
                continue
            toks.start.append(offset)
            toks.end.append(offset + len(piece))
            toks.low.append(piece.lower() if piece.isascii() and piece.isalpha() else normalise(piece))
            toks.cap.append(piece[0].isupper())
            toks.gap.append(text[prev:offset])
            prev = offset = offset + len(piece)
    return toks


_UPPER = re.compile(r"[^\W\d_a-zß-ÿ]")  # approximately: letters that are not lower case
_LOWER = re.compile(r"[a-zß-ÿ]")


def all_caps(text: str) -> bool:
    """MUC-4 / FBIS transcripts: capitals carry no signal, so every run is looked up."""
    head = text[:3000]
    upper, lower = len(_UPPER.findall(head)), len(_LOWER.findall(head))
    return upper > 4 * lower  # over 80 % of letters are capitals


# A large place may share its name with an everyday word (Paris, Lima); a small one rarely is meant.
COMMON_WORD_MIN_POPULATION = 100_000


class Finder:
    def __init__(self, text: str, rules: PlaceRules, gaz: Gazetteer) -> None:
        self.text, self.r, self.g = text, rules, gaz
        self.t = tokenize(text)
        self.caps = all_caps(text)
        self.focus: Counter[str] = Counter()

    # --- step 1-2: candidates ------------------------------------------------------------------

    def _in_run(self, j: int, first: bool) -> bool:
        t, low = self.t, self.t.low[j]
        if self.caps:  # function words delimit names when capitals cannot
            if low in self.r.prepositions or low in self.r.directions:
                return False
            return low not in self.r.stop or low in self.r.openers or (not first and low in PARTICLES)
        if t.cap[j] or (first and self._article_prefix(j)):
            return True
        return not first and (low in PARTICLES or (t.gap[j].strip() == "-" and len(low) <= 3))

    def _run_end(self, i: int) -> int:
        j = i + 1
        while j < len(self.t.low) and j - i < 6 and self.t.joined(j) and self._in_run(j, False):
            j += 1
        while j > i + 1 and self.t.low[j - 1] in PARTICLES:  # names do not end in a particle
            j -= 1
        return j

    def _longest(self, i: int, end: int) -> tuple[int, tuple[int, ...]]:
        low = self.t.low
        for n in range(min(MAX_NGRAM, end - i), 0, -1):
            if n == 1 and low[i] in self.r.stop:  # "LA" alone is no place; "LA PALOMITA" may be
                break
            key = " ".join(low[i:i + n])
            ids = self.g.ids(key)
            if not ids and n > 1 and low[i] in ARTICLES:  # "al-Mayadeen" -> "mayadeen"
                ids = self.g.ids(" ".join(low[i + 1:i + n]))
            if ids:
                return n, ids
        return 0, ()

    def _demonym(self, i: int) -> int:
        """Length in tokens of a demonym at i (0 if none); counts it towards the focus."""
        low, d = self.t.low, self.r.demonyms
        if low[i] in self.r.demonym_heads and i + 1 < len(low) and f"{low[i]} {low[i + 1]}" in d:
            self.focus[d[f"{low[i]} {low[i + 1]}"]] += 1
            return 2
        if low[i] in d:
            self.focus[d[low[i]]] += 1
            return 1
        return 0

    def _article_prefix(self, i: int) -> bool:
        """Lower-case 'al-' / 'el-' before a capitalised name: 'near al-Mayadin'."""
        t = self.t
        return t.low[i] in ("al", "el") and i + 1 < len(t.low) and t.cap[i + 1] and t.gap[i + 1] == "-"

    def candidates(self) -> list[Raw]:
        raws: list[Raw] = []
        i, n_tok = 0, len(self.t.low)
        while i < n_tok:
            d = self._demonym(i)
            if d:
                i += d
                continue
            if not (self.t.cap[i] or self._article_prefix(i)) or not self._in_run(i, True):
                i += 1
                continue
            raw, step = self._candidate_at(i)
            if raw is not None:
                raws.append(raw)
            i += step
        return raws

    def _candidate_at(self, i: int) -> tuple[Raw | None, int]:
        end = self._run_end(i)
        n, ids = self._longest(i, end)
        continues = n and i + n < end and self.t.low[i + n] in CONTINUERS
        if n == 0 or continues:
            return self._syntactic(i, end), max(end - i, 1)
        if self._guarded(i, n) or self._common_word(i, n, ids):
            return None, n
        return self._context(Raw(i, n, ids)), n

    def _common_word(self, i: int, n: int, ids: tuple[int, ...]) -> bool:
        """In ALL-CAPS text a lone everyday word ("DAWN", "FOREST") is a place only when a large
        one bears that name (PARIS, LIMA)."""
        if not (self.caps and n == 1 and self.t.low[i] in self.r.common):
            return False
        population = self.g.columns["population"]
        return max((population[rid if rid >= 0 else ~rid] for rid in ids), default=0) < COMMON_WORD_MIN_POPULATION

    def _guarded(self, i: int, n: int) -> bool:
        """False hits: stop words alone, 'President Jordan', 'Damascus said', 'John Jordan Smith'."""
        t, r = self.t, self.r
        if n == 1 and (t.low[i] in r.stop or t.low[i] in r.settlements or t.low[i] in r.admin_units):
            return True
        if i > 0 and t.low[i - 1] in r.titles and t.gap[i].strip() in ("", "."):
            return True
        j = i + n
        if j < len(t.low) and t.low[j] in r.speech and not t.gap[j].strip():
            return True
        return not self.caps and (self._named_before(i) or self._named_after(j))

    def _named_before(self, i: int) -> bool:
        t, r = self.t, self.r
        if i == 0 or not t.cap[i - 1] or not t.joined(i):
            return False
        low = t.low[i - 1]
        return not (low in r.stop or low in r.openers or low in r.prepositions or low in r.demonyms)

    def _named_after(self, j: int) -> bool:
        t, r = self.t, self.r
        if j >= len(t.low) or not t.cap[j] or not t.joined(j) or t.gap[j].strip():
            return False
        low = t.low[j]
        return not (low in r.stop or low in r.admin_units or low in r.settlements or low in r.demonyms)

    def _context(self, raw: Raw) -> Raw:
        """Attach the locative phrase before the name and an admin-unit word after it."""
        t = self.t
        start = t.start[raw.i]
        window = self.text[max(0, start - 70):start]
        m = self.r.relation.search(window)
        if m:
            base = start - len(window)
            raw.has_relation = True
            if m.group("prep"):
                raw.relation = " ".join(m.group("prep").lower().split())
                raw.precision = self.r.prepositions.get(normalise(raw.relation), 1)
                raw.phrase_start = base + m.start("prep")
            else:
                first = m.start("dist") if m.group("dist") else m.start("dir")
                raw.relation = " ".join(window[first:m.end("link")].lower().split())
                raw.precision, raw.phrase_start = 2, base + first
        j = raw.i + raw.n
        if j < len(t.low) and t.joined(j) and t.low[j] in self.r.admin_units:
            raw.admin_level = self.r.admin_units[t.low[j]]
            raw.phrase_end = t.end[j]
        return raw

    def _syntactic(self, i: int, end: int) -> Raw | None:
        """A name the gazetteer lacks, kept only when syntax says place: after a locative
        preposition, or before a settlement or admin-unit word."""
        t, r = self.t, self.r
        # "THE TOWN OF CHINAMECA": the name starts after the settlement word and "of".
        for k in range(i, end - 2):
            if t.low[k] in r.settlements and t.low[k + 1] == "of":
                i = k + 2
        if (t.low[i] in r.stop and t.low[i] not in r.openers) or self._guarded(i, end - i):
            return None
        if all(t.low[k] in r.settlements or t.low[k] in r.admin_units or t.low[k] in r.stop for k in range(i, end)):
            return None  # "the TOWN of ...": a settlement word is not itself a name
        if self.caps and all(t.low[k] in r.common or t.low[k] in r.openers for k in range(i, end)):
            return None  # "IN THE EARLY HOURS", "A RESIDENTIAL AREA": everyday words, not a name
        while end > i + 1 and (t.low[end - 1] in r.admin_units or t.low[end - 1] in r.settlements):
            end -= 1  # "LA ESPERANZA FARM" -> "La Esperanza"
        raw = self._context(Raw(i, end - i, (), rule="syntax"))
        after = t.low[end] if end < len(t.low) and t.joined(end) else ""
        # In ALL-CAPS text every phrase after "IN" looks like a name ("IN THE HEAVY SHOOTING"):
        # there a settlement or admin word, a "town of" opener or a name opener ("SAN") is needed.
        settled = after in r.settlements or raw.admin_level or (i >= 2 and t.low[i - 2] in r.settlements and t.low[i - 1] == "of")
        named = not self.caps or t.low[i] in r.openers
        if not (settled or (raw.has_relation and named)):
            return None
        return raw


def find_places(text: str, pack: LanguagePack) -> list[PlaceMention]:
    from sitrep.geo.resolve import resolve_all  # resolve imports PlaceMention from sitrep.geo

    finder = Finder(text, rules_for(pack), load())
    return resolve_all(finder, finder.candidates())
