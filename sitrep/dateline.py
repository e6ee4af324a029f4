"""The dateline at the top of a news text: where, when and through whom a story was filed.

"SAN SALVADOR, 3 JAN 90 (ACAN-EFE) --", "BEIRUT (Reuters) -", "PARIS, 3 janvier 2020 (AFP) -",
"Kabul (NTB):". One reader for every stage, run once per document: read.py takes its date for a
document that comes without a publication date, extract/dates.py takes the same date as the
report's "today", geo takes the opening words as the city the story was filed from, and extract
leaves the dateline's mentions out of the events.

Every word it knows comes from data (`DatelineWords.from_tables`): the months, month
abbreviations, weekdays, day suffixes, dateline keywords and byline words of every pack's
dates.toml, and the words wire services keep whatever the language of the story, with the news
agencies, in lang/shared/datelines.toml. Every pack's words are read in every text: a dateline
may be in another language than its story. A new pack's datelines are read once its dates.toml
is in; an Extractor over a folder of packs of its own reads with that folder's packs' words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.lang import alternation, load_shared, lowered_pattern
from sitrep.lang.packset import PackSet, default_packs
from sitrep.records import Span


@dataclass(frozen=True)
class Dateline:
    """What the top of a text says about its filing. Each field is read on its own: a text may
    open with a place and no date ("BEIRUT (AP) —") or with a date and no place ("Published
    17 January 2018")."""

    # The dateline's line up to and with its end (the dash or the agency): "KABUL, 3 JAN 90 (EFE) -- ".
    # None when the first line ends in no dash or agency, or reads as a sentence.
    span: Span | None
    # The words the text opens with, up to the first comma, bracket or dash ("SAN SALVADOR"): the
    # city the story was filed from when they name one, which the gazetteer decides (geo).
    place_span: Span | None
    # The publication date the dateline gives ("3 JAN 90" -> 1990-01-03); never a guessed year.
    date: dt.date | None
    # The agency or broadcaster named in brackets ("Reuters", "ACAN-EFE"), when there is a dateline span.
    agency: str | None


@dataclass(frozen=True, eq=False)
class DatelineWords:
    """The patterns a dateline is read with, compiled once from data tables (dates.toml and
    shared/datelines.toml). eq=False: compared and hashed by identity, like packs."""

    months: Mapping[str, int]  # every month name and abbreviation, lower case -> 1..12
    dates: tuple[re.Pattern[str], ...]  # a publication date, the surest forms first
    dates_lowered: tuple[re.Pattern[str], ...]  # the same, lower-cased, read on the lower-cased text
    heads: tuple[re.Pattern[str], ...]  # what may stand right before that date
    date_phrase: re.Pattern[str]  # a date in a dateline's words ("3. januar", "mandag"), read as one figure
    date_phrase_lowered: re.Pattern[str]  # the same, lower-cased, read on the lower-cased text
    label: re.Pattern[str]  # a byline or keyword opening a line before the dateline ("By ...", "date ...")
    end: re.Pattern[str]  # where a dateline ends: a dash, or an agency in brackets

    @classmethod
    def from_tables(cls, tables: Sequence[Mapping[str, Any]]) -> DatelineWords:
        months = {
            str(k).lower(): int(v)
            for t in tables
            for key in ("months", "month_abbreviations")
            for k, v in t.get(key, {}).items()
        }
        weekdays = _words(str(k) for t in tables for k in t.get("weekdays", {}))
        suffixes = _words(_list(tables, "day_suffixes"))
        keywords = _list(tables, "dateline_keywords")
        # A keyword before the date: "date 2020-01-27", "Published duration 17 January 2018", "Publisert 14.01.2020".
        keyword_head = re.compile(rf"\b(?:{_words(keywords)})\b[^\d\n]{{0,25}}$", re.IGNORECASE)
        dates = _date_patterns(rf"(?P<month>{_words(months)})\b\.?", suffixes, _linker(tables))
        date_phrase = _date_phrase(_words(months), weekdays, suffixes, _linker(tables))
        return cls(
            months=months,
            dates=dates,
            dates_lowered=tuple(lowered_pattern(p) for p in dates),
            heads=(_TEXT_START, _PLACE_HEAD, keyword_head),
            date_phrase=date_phrase,
            date_phrase_lowered=lowered_pattern(date_phrase),
            label=re.compile(rf"^\s*(?:{_words(keywords + _list(tables, 'byline_words'))})\b", re.IGNORECASE),
            end=re.compile(rf"\s(?:--|[-–—])(?:\s|$)|\((?P<agency>{_words(_list(tables, 'agencies'))})\)\s*:?"),
        )


def _list(tables: Sequence[Mapping[str, Any]], key: str) -> list[str]:
    return [str(word) for table in tables for word in table.get(key, [])]


def _words(words: Iterable[str]) -> str:
    """One regex alternative of literal words, longest first; one that never matches when there are none."""
    escaped = [re.escape(w) for w in dict.fromkeys(words)]
    return alternation(escaped) if escaped else r"(?!x)x"


def _linker(tables: Sequence[Mapping[str, Any]]) -> str:
    """A word that may stand before a month and before a year ("3 de marzo de 2020"), optional."""
    linkers = _list(tables, "date_linkers")
    return rf"(?:(?:{_words(linkers)})\s+)?" if linkers else ""


def _date_patterns(month: str, suffixes: str, link: str = "") -> tuple[re.Pattern[str], ...]:
    # 23 Aug 88 | 3 JAN 90 | 17 January 2018 | 17. januar 2018 | 14. jan. 2020 | 3 de marzo de 2020
    # An ordinal ending may follow the day: "1er mai 1989", "1st May 1989".
    dmy = rf"(?P<day>\d{{1,2}})(?:\.|{suffixes})?\s+{link}{month},?\s+{link}(?P<year>\d{{4}}|\d{{2}})(?!\d)"
    # Oct 5 2019 | March 31, 2018 | JUNE 11 89 (AFP) (a year is required: "March 3 (Reuters)" has
    # none; a two-digit year only right before the agency or the dash, so "May 3 12 people" is no date)
    mdy = (
        rf"{month}\s+(?P<day>\d{{1,2}})(?:{suffixes})?,?\s+"
        r"(?P<year>\d{4}(?!\d)|\d{2}(?=\s*(?:\(|--|-|\u2013|\u2014)))"
    )
    return tuple(re.compile(p, re.IGNORECASE) for p in (_ISO, dmy, mdy, _NUMERIC))


def _date_phrase(months: str, weekdays: str, suffixes: str, link: str = "") -> re.Pattern[str]:
    """A date inside a dateline, in any pack's words: a weekday, a day and month ("3. januar",
    "JAN 5th"), a month and year, numeric forms. Months only with a figure: "may" alone is a word."""
    day_month = rf"\d{{1,2}}(?:\.|{suffixes})?\s+{link}(?:{months})\b\.?(?:,?\s+{link}\d{{4}}|\s+{link}\d{{2}})?(?!\d)"
    month_day = rf"(?:{months})\b\.?\s+(?:\d{{1,2}}(?:{suffixes})?|\d{{4}})(?:,?\s+\d{{4}})?(?!\d)"
    weekday = rf"(?:{weekdays})\b"
    figures = "|".join(_UNNAMED.sub("(?:", p) for p in (_ISO, _NUMERIC))
    return re.compile(rf"(?:{weekday},?\s*)?(?:{day_month}|{month_day}|{figures})|{weekday}", re.IGNORECASE)


# 17.01.2018 (numeric dates, day first)
_NUMERIC = r"(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)"
# 2020-01-27
_ISO = r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)"
# What may stand right before a dateline date: nothing (the text starts with it), "SAN
# SALVADOR, ", "PERTH (AUSTRALIA), " or "QAMISHLI, Syria, " at the start of a line, or a
# keyword of a pack (dates.toml `dateline_keywords`).
_UNNAMED = re.compile(r"\(\?P<\w+>")  # a named group, to be written as a plain one
_TEXT_START = re.compile(r"^\s*$")
_PLACE_HEAD = re.compile(r"(?:^|\n)[ \t]*[^\W\d][^\n,]{0,40}(?:,[ \t]*[^\W\d][^\n,]{0,30})?,[ \t]*$")
# A date and the opening place are read in the first characters only; a dateline's end in fewer.
HEAD_CHARS = 200
END_CHARS = 80
# Two-digit years (MUC-4/FBIS "3 JAN 90") follow POSIX strptime %y: 69-99 -> 1900s, 00-68 -> 2000s.
TWO_DIGIT_YEAR_PIVOT = 69

# A dateline is a place, maybe a region, a date and an agency, at the start of a line: "SAN
# SALVADOR, 3 JAN 90 (ACAN-EFE) --", "RALEIGH, N.C. (AP) —", "BEIRUT –". Each comma-separated
# part holds a few capitalised words or figures; a sentence cut by a dash ("Gunmen killed three
# people in Kabul on Monday — police said") runs longer or has lower-case words, and is no dateline.
PART_WORDS = 4
_BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")  # "(AP)", "[REPORT]", a typo'd "[CADENA 1)"
_LAST_BRACKETED = re.compile(r",.*[(\[]([^()\[\]]*)[)\]]\s*$")  # "SAN SALVADOR, 3 JAN 90 (ACAN-EFE)"
_PARTS = re.compile(r"[,;:]")
_WORDS = re.compile(r"[^\W_]+")
# The opening words end at a comma, a bracket or a dash: "SAN SALVADOR, ", "BEIRUT (AP)", "KABUL — ".
_PLACE_END = re.compile(r"\s*(?:,|\(|--|–|—|-\s)")


def dateline_words(packs: PackSet | None = None) -> DatelineWords:
    """The words of every pack of `packs` (default: the package's; dates.toml) and of
    shared/datelines.toml, compiled once per set of packs."""
    return (default_packs() if packs is None else packs).compiled(_dateline_words)


def _dateline_words(packs: PackSet) -> DatelineWords:
    return DatelineWords.from_tables([*(packs.file(code, "dates") for code in packs.codes), load_shared("datelines")])


def read_dateline(text: str, words: DatelineWords | None = None) -> Dateline | None:
    """The dateline at the top of `text`, or None when its top gives no place, date or end.
    `words` defaults to the package's packs' (`dateline_words`); an Extractor gives its own."""
    words = words or dateline_words()
    span, agency = _extent(text, words)
    found = Dateline(span, _place_span(text), dateline_date(text, words), agency)
    return None if found == NO_DATELINE else found


# No dateline, once read: a caller passes it on so that later stages do not read the text again
# (they read it themselves when given None).
NO_DATELINE = Dateline(None, None, None, None)


# --- the date -------------------------------------------------------------------------------


def dateline_date(text: str, words: DatelineWords | None = None) -> dt.date | None:
    """The publication date in a dateline at the top of `text`, or None.

    Only the first ~200 characters are read, and a date counts only where datelines put it:
    at the very start, right after "PLACE," at the start of a line, or after a keyword
    (date, Published, Publisert, ...). A dateline with no year ("LONDON, March 3 (Reuters)") gives
    None rather than a guessed year.
    """
    words = words or dateline_words()
    head = text[:HEAD_CHARS]
    lowered = head.lower()  # once for every pattern; where it changes the length ("İ"), IGNORECASE
    patterns, read = (words.dates_lowered, lowered) if len(lowered) == len(head) else (words.dates, head)
    for pattern in patterns:
        for m in pattern.finditer(read):
            before = head[: m.start()]
            if any(h.search(before) for h in words.heads):
                return _match_date(m, words.months)
    return None


def _match_date(m: re.Match[str], months: Mapping[str, int]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else months[groups["month"].lower()]
    year = int(groups["year"])
    if year < 100:
        year += 1900 if year >= TWO_DIGIT_YEAR_PIVOT else 2000
    try:
        return dt.date(year, month, int(groups["day"]))
    except ValueError:  # 31 FEB: an impossible date is no date
        return None


# --- the extent and the agency ----------------------------------------------------------------


def _extent(text: str, words: DatelineWords) -> tuple[Span | None, str | None]:
    """(the dateline's span, its agency): the line up to the first dash or agency within
    END_CHARS characters, when what stands before it reads as a dateline."""
    m = words.end.search(text, 0, END_CHARS)
    if m is None:
        return None, None
    line_start = text.rfind("\n", 0, m.start()) + 1  # after a byline ("By Daily staff\n\nKIRKUK, ...")
    raw = text[line_start : m.start()]
    head = _dates_as_figures(raw, words)  # "3. januar" reads as a figure, not as a sentence
    if not (_dateline_like(head) or _dateline_like(_glued(head)) or _labelled(head, words)):
        return None, None
    # The dateline's own line; a headline above it tells the event like any sentence.
    span = Span(text.rfind("\n", 0, m.end() - 1) + 1, m.end())
    return span, m.group("agency") or _bracketed_agency(raw)


def _dates_as_figures(raw: str, words: DatelineWords) -> str:
    """`date_phrase.sub(" 0 ", raw)`, the dates found on the lower-cased text (faster) where
    lower-casing keeps its length; the rest keeps its case, which tells a dateline."""
    lowered = raw.lower()
    if len(lowered) != len(raw):
        return words.date_phrase.sub(" 0 ", raw)
    out, last = [], 0
    for m in words.date_phrase_lowered.finditer(lowered):
        out += [raw[last : m.start()], " 0 "]
        last = m.end()
    return "".join(out) + raw[last:]


def _dateline_like(head: str) -> bool:
    if not head.strip():
        return False
    for part in _PARTS.split(_BRACKETED.sub(",", head)):
        found = _WORDS.findall(part)
        if len(found) > PART_WORDS or any(w[0].islower() for w in found):
            return False
    return True


def _glued(head: str) -> str:
    """The dateline of a story glued to the headline before it ("...Surveillance PrioritiesLONDON"):
    the capitals after the last lower-case letter that runs straight into one; "" if none."""
    for i in range(len(head) - 1, 0, -1):
        if head[i - 1].islower():
            return head[i:] if head[i].isupper() else ""
    return ""


def _labelled(head: str, words: DatelineWords) -> bool:
    """A label before the dateline: a keyword or byline opening the line and a city in capitals
    right before the end ("date 2020-01-27 BEIRUT –", "By JILL COLVIN, Associated Press WASHINGTON —")."""
    found = _WORDS.findall(_BRACKETED.sub(" ", head))
    return bool(words.label.match(head)) and bool(found) and found[-1].isupper() and len(found[-1]) > 1


def _bracketed_agency(head: str) -> str | None:
    """An agency not in the list, bracketed at the end of a dateline after its place ("LIMA, 3 DIC 89
    (ACAN-EFE)"); a bracket right after the place names its region ("PERTH (AUSTRALIA)")."""
    m = _LAST_BRACKETED.search(head)
    return (m.group(1).strip() or None) if m else None


# --- the place --------------------------------------------------------------------------------


def _place_span(text: str) -> Span | None:
    """The words the text opens with, up to the first comma, bracket or dash."""
    start = len(text) - len(text.lstrip())
    m = _PLACE_END.search(text, start, start + HEAD_CHARS)
    return Span(start, m.start()) if m is not None and m.start() > start else None
