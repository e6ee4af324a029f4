"""Date mentions: find them with the language pack's dates.toml, resolve them against the
publication date. Contract below is used by extract/assemble.py.

The pack's rule templates ("[on] {month} {day} [{year}]") compile, once per pack, into named
regex alternatives, grouped by the word they can start with; one scan finds those words in a
lower-cased copy of the text and only their alternatives are tried there (first listed wins).
Spans include a leading preposition when the pattern lists one ("on January 14", "i oktober").
A match is resolved by the rule's kind:

- calendar: day/month/year read from the match; a missing year is the most recent one that
  keeps the date on or before publication (news reports past events), unless the date lies just
  ahead of publication (SCHEDULED_DAYS): then it is a plan, and dropped.
- weekday: the most recent such day on or before publication ("Monday" in a Monday paper is
  that day); a rule with a negative shift ("last Monday") means strictly before it.
- relative: publication shifted by shift × num × unit; the unit is the precision.
- chain: no date of its own; an offset in days from the previous event ("a day later" → 1).
  A phrase ending in one of its rule's `anchored_by` words ("two days after X", "the day
  before X") names its anchor X right after it: when X holds a calendar date ("8 days after
  taking office on 1 June") the two are one mention, dated X ± N; otherwise the mention keeps
  X's extent (`anchor`), and an event told inside X lies the other way from the clause's event
  ("this attack comes a week after a bombing": the bombing is a week earlier).

The reference for relative words and year-less dates is the dateline's date when the text opens
with one ("SAN SALVADOR, 1 MAY 89 -- ... TODAY"), else the publication date. No event is dated
after publication: a written year after it is a plan, not an event (dropped); chains stop there.
A date that belongs to a speech verb ("said on Tuesday", "opplyste politiet søndag") is marked
`speech`: it dates the telling, not the event. One inside quotation marks is marked `quoted`.

Code never branches on a language: everything worded lives in the pack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from sitrep.errors import PackError
from sitrep.extract import calendars
from sitrep.lang import LanguagePack
from sitrep.dateline import Dateline, read_dateline
from sitrep.records import Span


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    date: dt.date | None  # resolved absolute date; None when chained or unresolvable
    precision: str | None  # 'day' | 'week' | 'month' | 'year'
    chain_offset: int | None = None  # "a day later" -> 1, "the same day" -> 0 (from the previous event)
    rule: str = ""
    # The date of a telling, not of an event: next to a speech verb ("said on Tuesday", "told
    # reporters Monday", "sa tirsdag", "on Monday said").
    speech: bool = False
    # Inside quotation marks: a speaker's words. Kept apart from `speech` because a quoted date
    # is often the event's own ("'They came on Sunday,' a villager said"; FBIS quotes whole reports).
    quoted: bool = False
    # "two days after X": X's extent (to the end of its clause). An event told inside X lies
    # -chain_offset days from the clause's event (resolve_chain's `at`).
    anchor: Span | None = None
    # The latest date a chain may reach: publication (an event is never dated after it).
    not_after: dt.date | None = None
    # What a chain counts from when no event was told before it: the last day named before it
    # ("issued on 18 August, the same day ..."), else the report's day ("bombs had gone off the
    # day before" at the top of a report: the dateline's date or publication).
    reference: dt.date | None = None


# Between template words: spaces and at most one comma ("Monday, January 14, 2020").
_SEP = r",?\s+"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DIGITS = re.compile(r"\d+")
# Days of a chain unit; months and years are too vague to count from a previous event.
_CHAIN_UNIT_DAYS = {"day": 1, "week": 7}
# Two-digit years without a publication date: 69-99 → 19xx, 00-68 → 20xx (POSIX strptime %y).
_YEAR2_PIVOT = 69
KINDS = ("calendar", "weekday", "relative", "chain")


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str  # regex group name, "r7"
    kind: str
    shift: int
    unit: str
    slots: frozenset[str]  # placeholders captured by this pattern
    label: str  # "calendar:[on] {month} {day} [{year}]", for DateMention.rule
    # Last words that make a chain anchored, followed by its anchor: "two days after <the vote>".
    anchored_by: frozenset[str] = frozenset()
    # Endings of the word right before the phrase that make the words before it its anchor, in
    # languages that put the anchor first: "<seçimden> iki gün sonra" (the ablative "-den").
    anchor_before_endings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Compiled:
    by_first_word: dict[str, re.Pattern[str]]  # "#" for numbers
    starts: re.Pattern[str]  # finds the words that can start a date
    false_hits: re.Pattern[str] | None
    rules: dict[str, _Rule]
    months: dict[str, int]
    # Month names of other calendars by placeholder ("solar_month": {"دی": 10, ...}).
    calendar_months: dict[str, dict[str, int]]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    ambiguous_months: frozenset[str]
    speech_before: re.Pattern[str]  # a speech verb and a few words, right before a date
    speech_after: re.Pattern[str]  # a speech verb right after a date ("on Monday said")
    anchor_breaks: re.Pattern[str]  # a word after "the day before" showing no anchor follows


# ---------------------------------------------------------------- compiling the pack


def _key(word: str) -> str:
    """How a matched word is looked up in the pack's tables: lower case, single spaces, no dot."""
    return " ".join(word.lower().rstrip(".").split())


def _words(words: Iterable[str]) -> str:
    """A regex for a word list as a trie ("j(?:an(?:uary)?|u(?:ne|ly|n|l))"): the matcher then
    rejects a non-word in a character or two instead of trying every word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in " ".join(word.lower().split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [_char(ch) + _trie_regex(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Greedy optional: the longer word wins ("sept" over "sep"), backtracking to the shorter.
    return f"(?:{body})?" if "" in node else body


def _day(suffixes: list[str]) -> str:
    # 1-31, not part of a longer number or a time ("10:30"), with an optional ordinal ending; an
    # ending may start with a colon (Swedish "12:e juli"), a time may not.
    if not suffixes:
        return r"(?:3[01]|[12]\d|0?[1-9])(?![\d:])"
    return rf"(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:{_words(suffixes)}|(?!:))"


def _listed(words: Iterable[str]) -> str:
    """`_words`, or a regex that never matches for an empty list (a calendar a pack leaves empty)."""
    body = _words(words)
    return body if body else "(?!)"


def _table_words(data: dict[str, Any], table: str) -> dict[str, Any]:
    """A word table of dates.toml by its path ("months", "calendars.solar_hijri")."""
    node = data
    for key in table.split("."):
        node = node[key]
    return node


def _placeholders(data: dict[str, Any]) -> dict[str, str]:
    """The regex behind each template placeholder, built from the pack's tables."""
    day = _day(data["day_suffixes"])
    other_months = {name: _listed(data["calendars"][calendar]) for name, calendar in calendars.PLACEHOLDERS.items()}
    return {
        **other_months,
        "calyear": calendars.YEAR,
        "day": day,
        "dayfrom": day,
        "dash": r"\s?[-–—]\s?",
        # An empty abbreviation table (Persian) matches nothing, not the empty string.
        "month": rf"(?:{_listed(data['months'])})|(?:{_listed(data['month_abbreviations'])})\.?",
        "monthnum": r"0[1-9]|1[0-2]",
        # Not a decade: "1990s" ends in a letter, "1990-årene" in hyphen + letter.
        "year": r"(?:19|20)\d\d(?!\d)(?!-[^\W\d_])",
        # Two digits only when no word follows: "3 JAN 90 --", not "on 3 May 12 soldiers".
        "year2": r"\d\d(?!\d)(?!\s+[^\W\d_])",
        "weekday": _words(data["weekdays"]),
        "daypart": _words(data["dayparts"]),
        "num": rf"\d{{1,2}}(?!\d)|{_words(data['numbers'])}",
        "unit": _words(data["units"]),
        "approx": _words(data["approximators"]),
    }


def _alternative(text: str, prefix: str | None, parts: dict[str, str], seen: set[str]) -> str:
    """One alternative of a template word: literal text around placeholders. A placeholder is
    captured as `<prefix>_<name>` the first time it appears in a pattern."""
    pieces = _PLACEHOLDER.split(text)
    out = [re.escape(p.lower()) if i % 2 == 0 else "" for i, p in enumerate(pieces)]
    for i in range(1, len(pieces), 2):
        name = pieces[i]
        if name not in parts:
            raise PackError(f"dates.toml: unknown placeholder {{{name}}} in {text!r}")
        named = prefix is not None and name not in seen
        seen.add(name)
        out[i] = f"(?P<{prefix}_{name}>{parts[name]})" if named else f"(?:{parts[name]})"
    return "".join(out)


def _template(template: str, prefix: str | None, parts: dict[str, str]) -> tuple[str, frozenset[str]]:
    """Compile a template to a regex; also return the placeholders it captures."""
    seen: set[str] = set()
    out, started = "", False
    for word in template.split():
        optional = word.startswith("[") and word.endswith("]")
        body = word[1:-1] if optional else word
        rx = "(?:" + "|".join(_alternative(a, prefix, parts, seen) for a in body.split("|")) + ")"
        if not started:  # leading words: "[on] [early|late] ..." each eats its own separator
            out += f"(?:{rx}{_SEP})?" if optional else rx
            started = not optional
        else:
            out += f"(?:{_SEP}{rx})?" if optional else f"{_SEP}{rx}"
    if not started:
        raise PackError(f"dates.toml: pattern {template!r} has no required word")
    return out, frozenset(seen)


# Patterns are lower case and match a lower-cased copy of the text (ALL-CAPS transcripts are
# common): several times faster than re.IGNORECASE, and offsets stay those of the text.
_FLAGS = 0


_DIGIT_KEY = "#"  # the first-word key of any number
_FIRST_WORD = re.compile(r"\w+")
# Placeholders that start with digits, and the tables whose words can start the others.
_NUMERIC = ("day", "dayfrom", "year", "year2", "monthnum", "calyear")
_VOCAB = {
    "month": ("months", "month_abbreviations"),
    "weekday": ("weekdays",),
    "daypart": ("dayparts",),
    "unit": ("units",),
    "approx": ("approximators",),
    "num": ("numbers",),
    **{name: (f"calendars.{calendar}",) for name, calendar in calendars.PLACEHOLDERS.items()},
}


def _word_key(word: str) -> str:
    return _DIGIT_KEY if word[0].isdigit() else word.lower()


def _first_words_of(alternative: str, data: dict[str, Any]) -> set[str]:
    """The words a template alternative ("{dayfrom}{dash}{day}", "yesterday") can start with."""
    ph = _PLACEHOLDER.match(alternative)
    if ph is None:
        word = _FIRST_WORD.match(alternative)
        if word is None:
            raise PackError(f"dates.toml: {alternative!r} does not start with a word")
        return {_word_key(word.group())}
    name = ph.group(1)
    keys = {_DIGIT_KEY} if name in _NUMERIC or name == "num" else set()
    for table in _VOCAB.get(name, ()):
        keys |= {_word_key(w.split()[0]) for w in _table_words(data, table)}
    return keys


def _first_words(template: str, data: dict[str, Any]) -> set[str]:
    """Words a match of the template can start with: leading optional words, then the first
    required one."""
    keys: set[str] = set()
    for word in template.split():
        optional = word.startswith("[") and word.endswith("]")
        for alternative in (word[1:-1] if optional else word).split("|"):
            keys |= _first_words_of(alternative, data)
        if not optional:
            return keys
    return keys


_Alternative = tuple[str, set[str]]  # a named regex alternative, the words it can start with


def _rules(data: dict[str, Any], parts: dict[str, str]) -> tuple[list[_Alternative], dict[str, _Rule]]:
    """Every pattern as a named regex alternative with the words it can start with, in pack order."""
    alternatives: list[_Alternative] = []
    rules: dict[str, _Rule] = {}
    for spec in data["rules"]:
        if spec["kind"] not in KINDS:
            raise PackError(f"dates.toml: unknown rule kind {spec['kind']!r}")
        for pattern in spec["patterns"]:
            name = f"r{len(rules)}"
            rx, slots = _template(pattern, name, parts)
            alternatives.append((f"(?P<{name}>{rx})", _first_words(pattern, data)))
            label = f"{spec['kind']}:{pattern}"
            shift, unit = spec.get("shift", 0), spec.get("unit", "day")
            anchored_by = frozenset(_key(w) for w in spec.get("anchored_by", []))
            endings = tuple(_key(w) for w in spec.get("anchor_before_endings", []))
            rules[name] = _Rule(name, spec["kind"], shift, unit, slots, label, anchored_by, endings)
    return alternatives, rules


def _by_first_word(alternatives: list[_Alternative]) -> dict[str, re.Pattern[str]]:
    """One regex per possible first word, holding only the alternatives that can start with it
    (in pack order, so the first rule still wins). Trying a handful of alternatives at the few
    words that can start a date is what keeps find_dates well under a millisecond."""
    groups: dict[tuple[int, ...], re.Pattern[str]] = {}
    table: dict[str, re.Pattern[str]] = {}
    for key in set().union(*(keys for _, keys in alternatives)):
        chosen = tuple(i for i, (_, keys) in enumerate(alternatives) if key in keys)
        if chosen not in groups:
            body = "|".join(alternatives[i][0] for i in chosen)
            groups[chosen] = re.compile(rf"(?:{body})(?!\w)", _FLAGS)
        table[key] = groups[chosen]
    return table


def _starts(by_first: dict[str, re.Pattern[str]], glued: list[str]) -> re.Pattern[str]:
    """One scan for the words that can start a date, so Python never loops over other words. A
    clitic the pack glues before a word ("و" in Arabic "وأمس", "ل20 أكتوبر") may stand before
    it; the date starts after the clitic (group `w`)."""
    words = _words(k for k in by_first if k != _DIGIT_KEY)
    clitic = rf"(?:{_words(glued)})?" if glued else ""
    return re.compile(rf"(?<!\w){clitic}(?P<w>\d|(?:{words})(?!\w))", _FLAGS)


def _build(pack: LanguagePack) -> _Compiled:
    """The pack's date regexes (built once per pack, `LanguagePack.compiled`)."""
    return _compile(pack["dates"])


def _table(words: dict[str, Any]) -> dict[str, Any]:
    return {_key(k): v for k, v in words.items()}


def _compile(data: dict[str, Any]) -> _Compiled:
    parts = _placeholders(data)
    alternatives, rules = _rules(data, parts)
    by_first = _by_first_word(alternatives)
    hits = [_template(t, None, parts)[0] for t in data["false_hits"]]
    false_hits = re.compile(rf"(?<!\w)(?:{'|'.join(hits)})(?!\w)", _FLAGS) if hits else None
    return _Compiled(
        by_first,
        _starts(by_first, data["glued_prefixes"]),
        false_hits,
        rules,
        _table(data["months"]) | _table(data["month_abbreviations"]),
        {name: _table(data["calendars"][calendar]) for name, calendar in calendars.PLACEHOLDERS.items()},
        _table(data["weekdays"]),
        _table(data["numbers"]),
        _table(data["units"]),
        frozenset(_key(m) for m in data["ambiguous_months"]),
        *_speech(data),
        re.compile(rf"[^\S\n]*\n?[^\S\n]*(?:{_words(data['anchor_breaks'])})(?!\w)", _FLAGS),
    )


# Words between a speech verb and its date: "told [reporters] on Monday", "opplyste [politiet]
# søndag", "said [in a statement] on Friday" (a longer gap is usually a reported clause).
SPEECH_GAP_WORDS = 3
_GAP_WORD = r"[^\W\d_](?:[\w'’-]|\.(?=\w))*"  # "U.N" inside, never a sentence's last dot


def _speech(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a speech verb and at most SPEECH_GAP_WORDS words, or a report verb, ending where a date
    starts; either verb starting right after a date). A gap never holds a break word ("that",
    "at"), a figure or punctuation: those start a reported clause, whose dates are the event's."""
    verbs, reports = _words(data["speech_verbs"]), _words(data["report_verbs"])
    breaks = _words(data["speech_breaks"])
    gap = rf"(?:\s+(?!(?:{breaks})(?!\w)){_GAP_WORD}){{0,{SPEECH_GAP_WORDS}}}"
    before = re.compile(rf"(?<!\w)(?:(?:{verbs}){gap}|{reports})\s+$", _FLAGS)
    after = re.compile(rf"\s+(?:{verbs}|{reports})(?!\w)", _FLAGS)
    return before, after


# ---------------------------------------------------------------- resolving a match


# A year-less date at most this many days after publication is a plan or a schedule ("the
# funeral is set for 15 January" in a paper of the 13th), not last year's date: it is dropped.
# Further ahead ("on 30 December" in a January paper) it is last year's.
SCHEDULED_DAYS = 90


def _latest_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """The most recent month-day on or before publication (Feb 29 looks back to a leap year);
    None for a date that lies just ahead (SCHEDULED_DAYS)."""
    years = range(published.year, published.year - 9, -1)
    return calendars.latest_of((_gregorian(year, month, day) for year in years), published, SCHEDULED_DAYS)


def _gregorian(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year2(yy: int, published: dt.date | None) -> int:
    """The most recent year ending in `yy` not after publication ("14 JAN 90" in 1990 → 1990)."""
    if published is None:
        return (1900 if yy >= _YEAR2_PIVOT else 2000) + yy
    year = published.year - published.year % 100 + yy
    return year - 100 if year > published.year else year


_Resolved = tuple[dt.date | None, str]  # (date or None when unresolvable, precision)


def _other_calendar(name: str, fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved | None:
    """A day of another calendar ("۲۰ دی ۱۴۰۲", "۹ جدی"), as a Gregorian date."""
    calendar = calendars.PLACEHOLDERS[name]
    month = c.calendar_months[name][_key(fields[name])]
    if "day" not in fields:  # a month of another calendar straddles two Gregorian months
        return None
    day = int(_DIGITS.match(fields["day"]).group())  # type: ignore[union-attr]
    if "calyear" in fields:
        date = calendars.to_gregorian(calendar, int(fields["calyear"]), month, day)
    elif published is None:
        return None, "day"
    else:
        date = calendars.latest(calendar, month, day, published, SCHEDULED_DAYS)
    return (date, "day") if date else None


def _calendar(fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved | None:
    for name in calendars.PLACEHOLDERS:
        if name in fields:
            return _other_calendar(name, fields, c, published)
    month = c.months[_key(fields["month"])] if "month" in fields else None
    month = int(fields["monthnum"]) if "monthnum" in fields else month
    day = int(_DIGITS.match(fields["day"]).group()) if "day" in fields else None  # type: ignore[union-attr]
    year = int(fields["year"]) if "year" in fields else None
    year = _year2(int(fields["year2"]), published) if "year2" in fields else year
    precision = "day" if day else "month" if month else "year"
    try:
        if year is not None:
            return dt.date(year, month or 1, day or 1), precision
    except ValueError:  # "31 April 2020"
        return None
    if published is None:
        return None, precision
    if day is not None and month is not None:
        date = _latest_day(published, month, day)
        return (date, precision) if date else None
    assert month is not None
    first = dt.date(published.year, month, 1)
    if first > published and (first - published).days <= SCHEDULED_DAYS:
        return None  # "in March" in a January paper: ahead, a plan
    return dt.date(published.year - (month > published.month), month, 1), precision


def _weekday(rule: _Rule, fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved:
    """The most recent such day on or before publication; with a negative shift ("last
    Friday" in a Friday paper) strictly before it."""
    if published is None:
        return None, "day"
    back = (published.weekday() - c.weekdays[_key(fields["weekday"])]) % 7
    if back == 0 and rule.shift < 0:
        back = 7
    return published - dt.timedelta(days=back), "day"


def _count(fields: dict[str, str], c: _Compiled) -> int:
    num = fields.get("num")
    if num is None:
        # A unit word that is also a number word carries its own count (a dual: "two weeks").
        unit = _key(fields["unit"]) if "unit" in fields else None
        return c.numbers.get(unit, 1) if unit else 1
    return int(num) if num.isdigit() else c.numbers[_key(num)]


def _shift(published: dt.date, amount: int, unit: str) -> dt.date:
    """Publication moved by `amount` units; month and year land on the 1st (their precision)."""
    if unit == "day":
        return published + dt.timedelta(days=amount)
    if unit == "week":
        return published + dt.timedelta(weeks=amount)
    if unit == "month":
        months = published.year * 12 + published.month - 1 + amount
        return dt.date(months // 12, months % 12 + 1, 1)
    return dt.date(published.year + amount, 1, 1)


def _relative(rule: _Rule, fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved:
    unit = c.units[_key(fields["unit"])] if "unit" in fields else rule.unit
    if published is None:
        return None, unit
    return _shift(published, rule.shift * _count(fields, c), unit), unit


def _chain_offset(rule: _Rule, fields: dict[str, str], c: _Compiled) -> int | None:
    unit = c.units[_key(fields["unit"])] if "unit" in fields else rule.unit
    days = _CHAIN_UNIT_DAYS.get(unit)
    return None if days is None else rule.shift * _count(fields, c) * days


def _ambiguous_month(m: re.Match[str], rule: _Rule, c: _Compiled, text: str) -> bool:
    """A month written as a lower-case word ("may be", "march on") is that word, not a month."""
    if "month" not in rule.slots or m.group(f"{rule.name}_month") is None:
        return False
    written = text[m.start(f"{rule.name}_month") : m.end(f"{rule.name}_month")]
    return _key(written) in c.ambiguous_months and written.islower()


# Punctuation that ends an anchor's clause ("two days after the vote, gunmen ..."); a blank line too.
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\"“”«»„]|\s--|\n[^\S\n]*\n")
_WORD_START = re.compile(r"(?<!\w)\w")
# Marks an anchored chain until _extend_anchors gives it its extent.
_OPEN = Span(0, 0)


def _opens_anchor(rule: _Rule, span: Span, lowered: str, c: _Compiled) -> bool:
    """A phrase ending in an anchoring word ("after", not "later") is followed by its anchor,
    unless a break word follows ("Dagen før ble tre skutt")."""
    if not rule.anchored_by or _key(lowered[span.start : span.end].split()[-1]) not in rule.anchored_by:
        return False
    return c.anchor_breaks.match(lowered, span.end) is None


_LAST_WORD = re.compile(r"(\w+)\s+$")


def _anchor_before(rule: _Rule, span: Span, text: str, lowered: str) -> Span | None:
    """The anchor told before the phrase ("Silahlı kişiler, <Kabil'deki saldırıdan> iki gün
    sonra ..."): from the clause's start to the word before the phrase, when that word has one of
    the rule's endings. An anchor that opens its sentence is fronted, like a fronted "Two days
    after the bombing, ...": it keeps no anchor (see _unless_fronted)."""
    if not rule.anchor_before_endings:
        return None
    last = _LAST_WORD.search(lowered, max(0, span.start - 40), span.start)
    if last is None or not last.group(1).endswith(rule.anchor_before_endings):
        return None
    start = 0
    for stop in _CLAUSE_END.finditer(text, max(0, span.start - 200), last.start()):
        start = stop.end()
    start += len(text[start : last.end(1)]) - len(text[start : last.end(1)].lstrip())
    if _FRONT.search(text, max(0, start - 40), start):
        return None
    return Span(start, last.end(1))


def _anchor_end(start: int, text: str, lowered: str, dates: list[Span], c: _Compiled) -> int:
    """Where an anchor starting at `start` ends: at clause punctuation outside a date phrase
    ("3. mars" keeps its dot), or before a break word ("to dager etter angrepet ble ..."; verb
    second)."""
    end = len(text)
    for stop in _CLAUSE_END.finditer(text, start):
        if not any(d.start <= stop.start() < d.end for d in dates):
            end = stop.start()
            break
    for w in _WORD_START.finditer(lowered, start, end):
        if c.anchor_breaks.match(lowered, w.start()):
            return w.start()
    return end


def _extend_anchors(found: list[DateMention], text: str, lowered: str, c: _Compiled) -> list[DateMention]:
    """Each open anchor gets its extent (None when nothing follows the phrase in its clause)."""
    spans = [m.span for m in found]
    out: list[DateMention] = []
    for m in found:
        if m.anchor is _OPEN:
            end = _anchor_end(m.span.end, text, lowered, spans, c)
            anchor = Span(m.span.end, end) if text[m.span.end : end].strip() else None
            m = replace(m, anchor=anchor)
        out.append(m)
    return out


def _mention(
    m: re.Match[str], c: _Compiled, text: str, lowered: str, reference: dt.date | None, limit: dt.date | None
) -> DateMention | None:
    rule = c.rules[m.lastgroup or ""]
    if _ambiguous_month(m, rule, c, text):
        return None
    fields = {s: v for s in rule.slots if (v := m.group(f"{rule.name}_{s}")) is not None}
    span = Span(m.start(), m.end())
    if rule.kind == "chain":
        offset = _chain_offset(rule, fields, c)
        if offset is None:
            return None
        anchor = _OPEN if _opens_anchor(rule, span, lowered, c) else _anchor_before(rule, span, text, lowered)
        return DateMention(span, None, "day", offset, rule.label, anchor=anchor, not_after=limit, reference=reference)
    if rule.kind == "calendar":
        resolved = _calendar(fields, c, reference)
    elif rule.kind == "weekday":
        resolved = _weekday(rule, fields, c, reference)
    else:
        resolved = _relative(rule, fields, c, reference)
    if resolved is None or (limit is not None and resolved[0] is not None and resolved[0] > limit):
        return None  # a written date after publication is a plan or a schedule, not an event
    return DateMention(span, resolved[0], resolved[1], None, rule.label)


# ---------------------------------------------------------------- public API


# A false hit ("the Sunday Times", "Mail on Sunday") reaches at most this far around a date.
_FALSE_HIT_REACH = 40


def _false_hit(m: re.Match[str], c: _Compiled) -> bool:
    if c.false_hits is None:
        return False
    pos, end = max(0, m.start() - _FALSE_HIT_REACH), m.end() + _FALSE_HIT_REACH
    return any(h.start() < m.end() and m.start() < h.end() for h in c.false_hits.finditer(m.string, pos, end))


def _lower(text: str) -> str:
    """Lower case with the same offsets: the few characters whose lower case is longer ("İ")
    stay as they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def _matches(text: str, c: _Compiled) -> Iterator[re.Match[str]]:
    """Leftmost, non-overlapping matches. Every pattern starts with a word, so only word starts
    whose word can begin some pattern are tried."""
    done = 0
    for word in c.starts.finditer(text):
        if word.start("w") < done:
            continue
        m = c.by_first_word[_word_key(word.group("w"))].match(text, word.start("w"))
        if m is not None:
            done = m.end()
            yield m


def _reference(dateline: Dateline | None, published: dt.date | None) -> dt.date | None:
    """What "today" means: the dateline's date when the text opens with one (a story filed on
    1 May and published on the 2nd), else publication. A dateline after publication is a misread
    two-digit year and is not believed."""
    filed = dateline.date if dateline is not None else None
    if filed is None or (published is not None and filed > published):
        return published
    return filed


def _chain_references(found: list[DateMention]) -> list[DateMention]:
    """Each chain counts, failing a previous event, from the last day named before it."""
    out: list[DateMention] = []
    last: dt.date | None = None
    for m in found:
        if m.chain_offset is not None and last is not None:
            m = replace(m, reference=last)
        elif m.date is not None and m.precision == "day":
            last = m.date
        out.append(m)
    return out


def _anchored(found: list[DateMention]) -> list[DateMention]:
    """ "8 days after taking office on 1 June": a chain whose anchor holds a calendar date is one
    mention dated from that date."""
    out: list[DateMention] = []
    skip = -1
    for i, m in enumerate(found):
        if i == skip:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if m.anchor is None or m.chain_offset is None or nxt is None or nxt.date is None:
            out.append(m)
            continue
        # The anchor's own date may start where the anchor stops ("taking office | on 1 June").
        if not m.anchor.start <= nxt.span.start <= m.anchor.end:
            out.append(m)
            continue
        previous = (nxt.date, nxt.precision or "day")
        date, precision = resolve_chain(replace(m, anchor=None), previous)
        out.append(DateMention(Span(m.span.start, nxt.span.end), date, precision, None, m.rule))
        skip = i + 1
    return out


# What may stand before a fronted phrase: the start of the text or a sentence, a bracketed tag
# ("[TEXT] TWO DAYS AFTER ..."), and at most one word ("Just two days after ...").
_FRONT = re.compile(r"(?:^|[.!?:;\]\"»”]|\n[^\S\n]*\n)\s*(?:[^\W\d_]+\s+)?$")


def _unless_fronted(m: DateMention, text: str) -> DateMention:
    """A fronted "Two days after the bombing(,) gunmen attacked" dates the clause after it from
    the bombing, the event told before: nothing inside it lies the other way. Verb-second
    languages put no comma there ("To dager etter bombeangrepet angrep ..."), so a fronted phrase
    keeps no anchor."""
    if m.anchor is None or not _FRONT.search(text, max(0, m.span.start - 40), m.span.start):
        return m
    return replace(m, anchor=None)


# Quotations: straight quotes pair up in order; a quote never runs past a blank line.
_QUOTES = re.compile(
    r'"(?:[^"\n]|\n(?![^\S\n]*\n))*"|“(?:[^“”\n]|\n(?![^\S\n]*\n))*”|«(?:[^«»\n]|\n(?![^\S\n]*\n))*»'
    r"|„(?:[^„“\n]|\n(?![^\S\n]*\n))*“"
)
# A speech verb is looked for this far before a date.
_SPEECH_REACH = 80


def _quoted(text: str) -> list[Span]:
    if not any(q in text for q in '"“«„'):
        return []
    return [Span(q.start(), q.end()) for q in _QUOTES.finditer(text)]


def _is_quoted(m: DateMention, quotes: list[Span]) -> bool:
    return any(q.start < m.span.start and m.span.end <= q.end for q in quotes)


def _is_speech(m: DateMention, lowered: str, c: _Compiled) -> bool:
    start, end = m.span.start, m.span.end
    if c.speech_after.match(lowered, end):
        return True
    return c.speech_before.search(lowered, max(0, start - _SPEECH_REACH), start) is not None


def _telling(m: DateMention, lowered: str, quotes: list[Span], c: _Compiled) -> DateMention:
    speech, quoted = _is_speech(m, lowered, c), _is_quoted(m, quotes)
    return replace(m, speech=speech, quoted=quoted) if speech or quoted else m


def find_dates(
    text: str, pack: LanguagePack, published: dt.date | None, dateline: Dateline | None = None
) -> list[DateMention]:
    """Every date phrase in `text`, sorted by position and non-overlapping, resolved against the
    dateline's date or `published` (relative phrases stay date=None without either). Nothing is
    dated after `published`. `dateline` is the text's when the caller has read it (extraction
    reads it once per document); else it is read here."""
    if isinstance(published, dt.datetime):  # a datetime would leak into the date arithmetic
        published = published.date()
    c = pack.compiled(_build)
    reference = _reference(dateline or read_dateline(text), published)
    limit = published or reference
    lowered = _lower(text)
    found: list[DateMention] = []
    for m in _matches(lowered, c):
        mention = None if _false_hit(m, c) else _mention(m, c, text, lowered, reference, limit)
        if mention is not None:
            found.append(mention)
    quotes = _quoted(text)
    found = [_unless_fronted(m, text) for m in _anchored(_extend_anchors(found, text, lowered, c))]
    found = _chain_references(found)
    return [_telling(m, lowered, quotes, c) for m in found]


def resolve_chain(
    mention: DateMention, previous: tuple[dt.date, str] | None, at: int | None = None
) -> tuple[dt.date | None, str | None]:
    """A chained mention's date from the previous event's (date, precision); an ordinary
    mention's own date. The offset moves a day- or week-precise date and keeps its precision;
    after a month or a year ("in October ... a day later") the date stays that month or year.
    `at` is where the event's trigger stands: inside the anchor of "a week after <a bombing>"
    the event lies the other way (a week before the clause's event). With no previous event
    the chain counts from the report's day (`reference`); it stops at publication (`not_after`)."""
    if mention.chain_offset is None:
        return mention.date, mention.precision
    if previous is None or previous[0] is None:
        if mention.reference is None:
            return None, "day"
        previous = (mention.reference, "day")  # told before anything else: from the report's day
    date, precision = previous
    if precision in ("month", "year"):  # a day after "in October" is still October
        return date, precision
    offset = mention.chain_offset
    if mention.anchor is not None and at is not None and mention.anchor.start <= at < mention.anchor.end:
        offset = -offset
    moved = date + dt.timedelta(days=offset)
    if mention.not_after is not None and moved > mention.not_after:
        moved = max(date, mention.not_after)
    return moved, precision
