"""Split text into sentences with their character spans.

News text comes with abbreviations ("Maj. Gen.", "Jan. 14", "U.S."), headlines and datelines on a
line of their own without a final stop, wire copy hard-wrapped at a fixed width, and scraped text
where sentences run together ("in Syria.The desert", "killed 5.Police said", "in SyriaThe
desert"). Rules, not a model:

- a blank line always ends a sentence;
- a stop followed by space and an upper-case letter (in any cased script: Latin, Cyrillic, Greek),
  a letter of a script without case (Arabic, Persian), a digit or a quote ends one, unless the word
  before it is an abbreviation of the pack (pack.toml `[sentences] abbreviations`) or one letter;
- a stop glued to a capitalised word after a letter or figure ("Syria.The", "5.Police") ends one
  (in cased scripts only);
- a line without a final stop followed by a single line break ends one (a headline, a dateline),
  unless the text is hard-wrapped (most line breaks fall mid-sentence at about the same width:
  then only a line much shorter than that width does; in a text of one or two line breaks, a
  long line over one no longer than itself is wrapped), the line ends with a comma or hyphen, or
  the next line starts in lower case;
- a stop glued to a word of a script without case ("الاثنين.وفي") ends one when that word opens
  sentences (pack `glued_starts`);
- a word glued to a capitalised word with no stop at all ends one when the first word is in lower
  case ("insurgentsRussia's") or the second opens sentences (pack `glued_starts`: "SyriaThe").
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import deque
from dataclasses import dataclass
from typing import Any

import regex

from sitrep.lang import LanguagePack
from sitrep.lang.packset import PackSet, default_packs
from sitrep.records import Span

# The stops that end a sentence: the Latin ones, the Arabic question mark and full stop.
_STOPS = ".!?؟۔"
_CLOSERS = "\"'”’»)\\]"
# Reference marks after a stop, as encyclopaedia text has them ("... killed.[1][3] The"): the
# sentence ends after them.
_CITATION = r"\[\d{{1,3}}\]"
# Spanish opens questions and exclamations with "¿" "¡".
_OPENERS = "\"'“‘«(\\[¿¡"
# The boundary pattern, with {upper}, {lower} and {caseless} for the letters of Unicode's
# categories (see _letters).
_BOUNDARY_TEMPLATE = rf"""(?:
        (?P<blank>\n[ \t]*\n\s*)                                         # a blank line
      | (?P<stop>(?<=[{_STOPS}])(?P<stop_close>(?:[{_CLOSERS}]|{_CITATION})*)\s+  # stop, space, capital
            (?=(?:«\s?|[{_OPENERS}])?[{{upper}}{{caseless}}\d]))  # "« Nous"
      | (?P<glued>(?<=[{{lower}}\d”’»"'][{_STOPS}])                       # glued: "Syria.The", "5.Police"
            (?P<glued_close>(?:[”’»)\]]|["'](?![{{upper}}{{lower}}]))*)     # closing quotes, not opening
            (?=["'“‘«]?[{{upper}}](?:[{{lower}}]|[ \t])))
      | (?P<camel>(?<=[{{lower}}]{{{{2}}}})(?=[{{upper}}][{{lower}}]))          # no stop: "insurgentsRussia"
      | (?P<unspaced>(?<=[{{caseless}}]{{{{2}}}}[{_STOPS}])(?P<unspaced_close>)        # "کشتند.پلیس": a stop
            (?=[{{caseless}}]{{{{2}}}}))                                      # between words of two letters or more
      | (?P<caseless>(?<=[{{caseless}}\d][{_STOPS}])(?=[{{caseless}}]))      # "الاثنين.وفي": a glued start
    )"""
_LAST_WORD = re.compile(rf"([\w.]+)[{_STOPS}]$")


@dataclass(frozen=True, slots=True)
class _Patterns:
    boundary: re.Pattern[str]
    word_before: re.Pattern[str]  # a word ending in a lower-case letter, at the end


@functools.cache
def _patterns() -> _Patterns:
    upper, lower, caseless = _letters()
    return _Patterns(
        re.compile(_BOUNDARY_TEMPLATE.format(upper=upper, lower=lower, caseless=caseless), re.VERBOSE),
        re.compile(rf"[#@\w]*[{lower}]$"),
    )


def _letters() -> tuple[str, str, str]:
    """Character classes (for `re`) of the letters by case, in every script. Upper- and title-case
    letters open a sentence or a glued word, lower-case ones are a word's, in any script that has
    case: "Дом. Война", "ev. İstanbul" and "σπίτι. Ο" split like "home. The". Letters of scripts
    without case (Arabic, Persian, Hebrew) open a sentence after a stop and a space, as a capital
    does; abbreviations and single letters before the stop ("د. أحمد") still hold it back. The
    rules that need case (a word glued to a capitalised one) never apply to them: nothing would mark
    where the next sentence starts. A stop glued between two words of such a script does end one
    when each word has two letters or more ("کشتند.پلیس"), not between initials ("پ.ک.ک").

    `re` has no Unicode categories, and the `regex` module, which has, splits at half the speed, so
    the classes are read from Unicode's categories once, as ranges, over the Basic Multilingual
    Plane (the scripts of news text; not Adlam or Osage, beyond it)."""
    plane = "".join(map(chr, range(0x10000)))

    def ranges(categories: str) -> str:
        # `plane` is in code point order, so each run of matching characters is one range.
        runs = regex.finditer(rf"[{categories}]+", plane)
        return "".join(f"{re.escape(m.group()[0])}-{re.escape(m.group()[-1])}" for m in runs)

    return ranges(r"\p{Lu}\p{Lt}"), ranges(r"\p{Ll}"), ranges(r"\p{Lo}")


# A word in lower case glued to a capitalised one is two sentences from this length on ("iPhone",
# "eBay" are one word).
_CAMEL_MIN = 4
# "3. MARS", "14. Juli": a day written with a stop (dates.toml `day_suffixes`) before a month.
_DAY_STOP = re.compile(r"(?<![\d.])\d{1,2}\.$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[]?([^\W\d_]+)")
# A line ending so ends no sentence: a comma, a hyphen broken word, an open bracket.
_LINE_GOES_ON = re.compile(r"[,;(\[/&+]$|(?<=\w)-$")
_LINE_ENDS_WITH_STOP = re.compile(rf"[{_STOPS}:][{_CLOSERS}]*$")
# Hard-wrapped text: the share of mid-paragraph lines that break mid-sentence, and how near the
# wrap width the typical line is. A line shorter than SHORT_LINE of the width ends a sentence.
_WRAPPED_MIN_LINES = 3
_WRAPPED_MIN_WIDTH = 40  # wire copy wraps at 60 to 80; shorter lines are headlines and lists
_WRAPPED_OPEN_SHARE = 0.5
_WRAPPED_MEDIAN = 0.75
_SHORT_LINE = 0.6
_LONG_LINE = 60


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class _Rules:
    abbreviations: frozenset[str]
    glued_start: re.Pattern[str] | None
    day_months: frozenset[str]  # month names a day with a stop stands before, lower case


def _rules(pack: LanguagePack | PackSet | None) -> _Rules:
    """The pack's tables; for a set of packs (None: the package's), the union of every pack's
    (callers that do not know the language lose little: abbreviations rarely end a sentence in
    another language)."""
    if isinstance(pack, LanguagePack):
        return pack.compiled(_build_rules)
    return (default_packs() if pack is None else pack).compiled(_union_rules)


def _build_rules(pack: LanguagePack) -> _Rules:
    return _tables_rules([pack["pack"]], [pack["dates"]])


def _union_rules(packs: PackSet) -> _Rules:
    codes = packs.codes
    return _tables_rules([packs.file(c, "pack") for c in codes], [packs.file(c, "dates") for c in codes])


def _tables_rules(tables: list[dict[str, Any]], dates: list[dict[str, Any]]) -> _Rules:
    day_months = frozenset(m.lower() for d in dates if "." in d["day_suffixes"] for m in d["months"])
    abbreviations = frozenset(w.lower() for t in tables for w in t["sentences"]["abbreviations"])
    starts = sorted({w for t in tables for w in t["sentences"]["glued_starts"]}, key=len, reverse=True)
    glued = re.compile(rf"(?:{'|'.join(map(re.escape, starts))})\b") if starts else None
    return _Rules(abbreviations, glued, day_months)


# How far back from a stop the word before it is read: longer than any abbreviation, so a word
# that reaches back further is none. Reading the whole sentence so far instead made a text of
# abbreviations and no sentence end ("Maj. Gen. ... Lt. Col. ...") quadratic.
_LAST_WORD_REACH = 40


def _ends_with_abbreviation(text: str, start: int, end: int, abbreviations: frozenset[str]) -> bool:
    """Does text[start:end] end with an abbreviation or a single letter and its stop?"""
    lo = max(start, end - _LAST_WORD_REACH)
    m = _LAST_WORD.search(text[lo:end].rstrip("\"'”’»)] \t\n"))
    if not m or (m.start() == 0 and lo > start):  # no word, or one longer than the reach
        return False
    word = m.group(1).lower().rstrip(".")
    return word in abbreviations or (len(word) == 1 and word.isalpha())


def _line_breaks(text: str) -> deque[tuple[int, int]]:
    """The single line breaks that end a sentence (see the module docstring), as (end of the line,
    start of the next), in text order."""
    lines: list[_Line] = []
    pos = 0
    for line, following in _pairs(text.split("\n")):
        kept, next_kept = line.rstrip(), following.lstrip()
        if kept.strip() and next_kept:
            after = pos + len(line) + 1 + len(following) - len(next_kept)
            lines.append(_Line(pos + len(kept), after, kept, next_kept))
        pos += len(line) + 1
    width = _wrap_width(lines)
    return deque((x.end, x.after) for x in lines if _breaks(x.text, x.following, width))


@dataclass(frozen=True, slots=True)
class _Line:
    end: int  # where the line's text ends
    after: int  # where the next line's text starts
    text: str  # the line, trailing spaces left off
    following: str  # the next line, leading spaces left off


def _pairs(lines: list[str]) -> list[tuple[str, str]]:
    return list(zip(lines, lines[1:]))


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width the text is hard-wrapped at, or None when it is not."""
    if len(lines) < _WRAPPED_MIN_LINES:
        return None
    open_lines = sum(1 for x in lines if not _LINE_ENDS_WITH_STOP.search(x.text))
    lengths = sorted(len(x.text.strip()) for x in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width < _WRAPPED_MIN_WIDTH or open_lines < _WRAPPED_OPEN_SHARE * len(lines):
        return None
    if statistics.median(lengths) < _WRAPPED_MEDIAN * width:
        return None
    return width


def _breaks(line: str, following: str, width: int | None) -> bool:
    length = len(line.strip())
    if width is not None and length >= _SHORT_LINE * width:
        return False  # a wrapped line (read first: most lines of wrapped copy are)
    if _LINE_ENDS_WITH_STOP.search(line) or _LINE_GOES_ON.search(line):
        return False  # a stop is read by the stop rule; a comma or hyphen carries on
    if following[0].islower():
        return False
    if width is None:
        # Too few lines to tell the wrap width: a long line over a line no longer than itself is
        # wrapped ("... WHILE IN USULUTAN\nA GROUP OF ARMED MEN ..."); a headline is shorter
        # than the lead under it.
        return length < _LONG_LINE or length < len(following.strip())
    return True


def _day_before_month(text: str, start: int, end: int, after: int, rules: _Rules) -> bool:
    """ "OSLO, 3. MARS": the stop of a day written with one, before a month name."""
    if not rules.day_months or not _DAY_STOP.search(text, max(start, end - 4), end):
        return False
    m = _NEXT_WORD.match(text, after)
    return m is not None and m.group(1).lower() in rules.day_months


def _camel_break(text: str, at: int, start: int, rules: _Rules) -> bool:
    """ "insurgentsRussia's", "SyriaThe": a word glued to the next sentence's first word."""
    word = _patterns().word_before.search(text, max(start, at - _LAST_WORD_REACH), at)
    if word is None or word.group()[0] in "#@":
        return False
    if word.group()[0].islower():
        return len(word.group()) >= _CAMEL_MIN
    return rules.glued_start is not None and rules.glued_start.match(text, at) is not None


def _caseless_break(text: str, at: int, start: int, rules: _Rules) -> bool:
    """ "الاثنين.وفي": a stop glued to a word of a script without case ends a sentence only where
    that word opens sentences (pack `glued_starts`) and the word before is no abbreviation."""
    if rules.glued_start is None or rules.glued_start.match(text, at) is None:
        return False
    return not _ends_with_abbreviation(text, start, at, rules.abbreviations)


def split_sentences(text: str, pack: LanguagePack | PackSet | None = None) -> list[Sentence]:
    """The sentences of text with absolute spans; pack gives the abbreviations and glued starts
    (a PackSet: every pack's of the set; None: every pack's of the package)."""
    rules = _rules(pack)
    # Line breaks are found apart (whether one ends a sentence depends on the whole text) and
    # taken in turn with the boundaries the pattern finds.
    breaks = _line_breaks(text) if "\n" in text else deque()
    sentences: list[Sentence] = []
    start = 0
    for m in _patterns().boundary.finditer(text):
        start = _take_breaks(sentences, text, start, breaks, m.start())
        kind = m.lastgroup
        if m.start() < start:
            continue  # inside a line break taken already
        if kind in ("stop", "glued", "unspaced") and _ends_with_abbreviation(
            text, start, m.start(), rules.abbreviations
        ):
            continue
        if kind == "stop" and _day_before_month(text, start, m.start(), m.end("stop_close"), rules):
            continue
        if kind == "camel" and not _camel_break(text, m.start(), start, rules):
            continue
        if kind == "caseless" and not _caseless_break(text, m.start(), start, rules):
            continue
        _append(sentences, text, start, m.end(f"{kind}_close") if kind in ("stop", "glued", "unspaced") else m.start())
        start = m.end()
    start = _take_breaks(sentences, text, start, breaks, len(text) + 1)
    _append(sentences, text, start, len(text))
    return sentences


def _take_breaks(sentences: list[Sentence], text: str, start: int, breaks: deque[tuple[int, int]], before: int) -> int:
    """Ends a sentence at each line break before `before` (consumed from breaks); the new start."""
    while breaks and breaks[0][0] < before:
        end, after = breaks.popleft()
        if end >= start:
            _append(sentences, text, start, end)
            start = after
    return start


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    sentences.append(Sentence(Span(s, s + len(stripped)), stripped))
