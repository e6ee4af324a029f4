"""Split text into sentences with their character spans.

News text comes with abbreviations ("Maj. Gen.", "Jan. 14", "U.S."), headlines and datelines on a
line of their own without a final stop, wire copy hard-wrapped at a fixed width, and scraped text
where sentences run together ("in Syria.The desert", "killed 5.Police said", "in SyriaThe
desert"). Rules, not a model:

- a blank line always ends a sentence;
- a stop followed by space and an upper-case letter, a digit or a quote ends one, unless the word
  before it is an abbreviation of the pack (pack.toml `[sentences] abbreviations`) or one letter;
- a stop glued to a capitalised word after a letter or figure ("Syria.The", "5.Police") ends one;
- a line without a final stop followed by a single line break ends one (a headline, a dateline),
  unless the text is hard-wrapped (most line breaks fall mid-sentence at about the same width:
  then only a line much shorter than that width does; in a text of one or two line breaks, a
  long line over one no longer than itself is wrapped), the line ends with a comma or hyphen, or
  the next line starts in lower case;
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

from sitrep.lang import LanguagePack, available_languages, load_pack_file
from sitrep.records import Span

# Latin capitals and small letters of the packs' scripts ("Él", "Ángel", "Ñuflo" start sentences).
_UPPER = "A-ZÆØÅÄÖÜÉÁÍÓÚÑÀÈÌÒÙÂÊÎÔÛÇ"
_LOWER = "a-zæøåäöüéáíóúñàèìòùâêîôûç"
_CLOSERS = "\"'”’»)\\]"
# Opening marks a sentence may start with; Spanish opens questions and exclamations with "¿" "¡".
_OPENERS = "\"'“‘«(\\[¿¡"

_BOUNDARY = re.compile(
    rf"""(?:
        (?P<blank>\n[ \t]*\n\s*)                                         # a blank line
      | (?P<stop>(?<=[.!?])(?P<stop_close>[{_CLOSERS}]*)\s+(?=[{_OPENERS}]?[{_UPPER}0-9]))  # stop, space, capital
      | (?P<glued>(?<=[{_LOWER}0-9”’»"'][.!?])                           # glued: "Syria.The", "5.Police"
            (?P<glued_close>(?:[”’»)\]]|["'](?![{_UPPER}{_LOWER}]))*)     # closing quotes, not opening
            (?=["'“‘«]?[{_UPPER}](?:[{_LOWER}]|[ \t])))
      | (?P<camel>(?<=[{_LOWER}]{{2}})(?=[{_UPPER}][{_LOWER}]))          # no stop: "insurgentsRussia"
    )""",
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.]+)[.!?]$")
_WORD_BEFORE = re.compile(rf"[#@\w]*[{_LOWER}]$")
# A word in lower case glued to a capitalised one is two sentences from this length on ("iPhone",
# "eBay" are one word).
_CAMEL_MIN = 4
# "3. MARS", "14. Juli": a day written with a stop (dates.toml `day_suffixes`) before a month.
_DAY_STOP = re.compile(r"(?<![\d.])\d{1,2}\.$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘«(\[]?([^\W\d_]+)")
# A line ending so ends no sentence: a comma, a hyphen broken word, an open bracket.
_LINE_GOES_ON = re.compile(r"[,;(\[/&+]$|(?<=\w)-$")
_LINE_ENDS_WITH_STOP = re.compile(rf"[.!?:][{_CLOSERS}]*$")
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


def _rules(pack: LanguagePack | None) -> _Rules:
    """The pack's tables; without a pack, the union of every pack's (callers that do not know the
    language lose little: abbreviations rarely end a sentence in another language)."""
    return pack.compiled(_build_rules) if pack is not None else _union_rules()


def _build_rules(pack: LanguagePack) -> _Rules:
    return _tables_rules([pack["pack"]], [pack["dates"]])


@functools.cache
def _union_rules() -> _Rules:
    codes = available_languages()
    return _tables_rules([load_pack_file(c, "pack") for c in codes], [load_pack_file(c, "dates") for c in codes])


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
    word = _WORD_BEFORE.search(text, max(start, at - _LAST_WORD_REACH), at)
    if word is None or word.group()[0] in "#@":
        return False
    if word.group()[0].islower():
        return len(word.group()) >= _CAMEL_MIN
    return rules.glued_start is not None and rules.glued_start.match(text, at) is not None


def split_sentences(text: str, pack: LanguagePack | None = None) -> list[Sentence]:
    """The sentences of text with absolute spans; pack gives the abbreviations and glued starts
    (None: every pack's)."""
    rules = _rules(pack)
    # Line breaks are found apart (whether one ends a sentence depends on the whole text) and
    # taken in turn with the boundaries the pattern finds.
    breaks = _line_breaks(text) if "\n" in text else deque()
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        start = _take_breaks(sentences, text, start, breaks, m.start())
        kind = m.lastgroup
        if m.start() < start:
            continue  # inside a line break taken already
        if kind in ("stop", "glued") and _ends_with_abbreviation(text, start, m.start(), rules.abbreviations):
            continue
        if kind == "stop" and _day_before_month(text, start, m.start(), m.end("stop_close"), rules):
            continue
        if kind == "camel" and not _camel_break(text, m.start(), start, rules):
            continue
        _append(sentences, text, start, m.end(f"{kind}_close") if kind in ("stop", "glued") else m.start())
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
