"""Date mentions: find them with the language pack's dates.toml, resolve them against the
publication date. Contract below is used by extract/assemble.py.

The pack's rule templates ("[on] {month} {day} [{year}]") compile, once per pack, into named
regex alternatives, grouped by the word they can start with; one scan finds those words in a
lower-cased copy of the text and only their alternatives are tried there (first listed wins).
Spans include a leading preposition when the pattern lists one ("on January 14", "i oktober").
A match is resolved by the rule's kind:

- calendar: day/month/year read from the match; a missing year is the most recent one that
  keeps the date on or before publication (news reports past events).
- weekday: the most recent such day on or before publication ("Monday" in a Monday paper is
  that day; so is "last Monday", a known simplification).
- relative: publication shifted by shift × num × unit; the unit is the precision.
- chain: no date of its own; an offset in days from the previous event ("a day later" → 1).

Code never branches on a language: everything worded lives in the pack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.errors import PackError
from sitrep.lang import LanguagePack
from sitrep.records import Span


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    date: dt.date | None  # resolved absolute date; None when chained or unresolvable
    precision: str | None  # 'day' | 'week' | 'month' | 'year'
    chain_offset: int | None = None  # "a day later" -> 1, "the same day" -> 0 (from the previous event)
    rule: str = ""


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


@dataclass(frozen=True, slots=True)
class _Compiled:
    by_first_word: dict[str, re.Pattern[str]]  # "#" for numbers
    starts: re.Pattern[str]  # finds the words that can start a date
    false_hits: re.Pattern[str] | None
    rules: dict[str, _Rule]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    ambiguous_months: frozenset[str]


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
    # 1-31, not part of a longer number or a time ("10:30"), with an optional ordinal ending.
    ending = f"(?:{_words(suffixes)})?" if suffixes else ""
    return rf"(?:3[01]|[12]\d|0?[1-9])(?![\d:]){ending}"


def _placeholders(data: dict[str, Any]) -> dict[str, str]:
    """The regex behind each template placeholder, built from the pack's tables."""
    day = _day(data["day_suffixes"])
    return {
        "day": day,
        "dayfrom": day,
        "dash": r"\s?[-–—]\s?",
        "month": rf"(?:{_words(data['months'])})|(?:{_words(data['month_abbreviations'])})\.?",
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
_NUMERIC = ("day", "dayfrom", "year", "year2", "monthnum")
_VOCAB = {
    "month": ("months", "month_abbreviations"),
    "weekday": ("weekdays",),
    "daypart": ("dayparts",),
    "unit": ("units",),
    "approx": ("approximators",),
    "num": ("numbers",),
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
        keys |= {_word_key(w.split()[0]) for w in data[table]}
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
            rules[name] = _Rule(name, spec["kind"], shift, unit, slots, label)
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


def _starts(by_first: dict[str, re.Pattern[str]]) -> re.Pattern[str]:
    """One scan for the words that can start a date, so Python never loops over other words."""
    words = _words(k for k in by_first if k != _DIGIT_KEY)
    return re.compile(rf"(?<!\w)(?:\d|(?:{words})(?!\w))", _FLAGS)


_CACHE: dict[str, _Compiled] = {}


def _compiled(pack: LanguagePack) -> _Compiled:
    """The pack's date regexes, built once per language code (packs are loaded once too)."""
    if pack.code not in _CACHE:
        _CACHE[pack.code] = _compile(pack["dates"])
    return _CACHE[pack.code]


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
        _starts(by_first),
        false_hits,
        rules,
        _table(data["months"]) | _table(data["month_abbreviations"]),
        _table(data["weekdays"]),
        _table(data["numbers"]),
        _table(data["units"]),
        frozenset(_key(m) for m in data["ambiguous_months"]),
    )


# ---------------------------------------------------------------- resolving a match


def _latest_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """The most recent month-day on or before publication (Feb 29 looks back to a leap year)."""
    for year in range(published.year, published.year - 9, -1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= published:
            return date
    return None


def _year2(yy: int, published: dt.date | None) -> int:
    """The most recent year ending in `yy` not after publication ("14 JAN 90" in 1990 → 1990)."""
    if published is None:
        return (1900 if yy >= _YEAR2_PIVOT else 2000) + yy
    year = published.year - published.year % 100 + yy
    return year - 100 if year > published.year else year


_Resolved = tuple[dt.date | None, str]  # (date or None when unresolvable, precision)


def _calendar(fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved | None:
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
    return dt.date(published.year - (month > published.month), month, 1), precision


def _weekday(fields: dict[str, str], c: _Compiled, published: dt.date | None) -> _Resolved:
    if published is None:
        return None, "day"
    back = (published.weekday() - c.weekdays[_key(fields["weekday"])]) % 7
    return published - dt.timedelta(days=back), "day"


def _count(fields: dict[str, str], c: _Compiled) -> int:
    num = fields.get("num")
    if num is None:
        return 1
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


def _mention(m: re.Match[str], c: _Compiled, text: str, published: dt.date | None) -> DateMention | None:
    rule = c.rules[m.lastgroup or ""]
    if _ambiguous_month(m, rule, c, text):
        return None
    fields = {s: v for s in rule.slots if (v := m.group(f"{rule.name}_{s}")) is not None}
    span = Span(m.start(), m.end())
    if rule.kind == "chain":
        offset = _chain_offset(rule, fields, c)
        return None if offset is None else DateMention(span, None, "day", offset, rule.label)
    if rule.kind == "calendar":
        resolved = _calendar(fields, c, published)
    elif rule.kind == "weekday":
        resolved = _weekday(fields, c, published)
    else:
        resolved = _relative(rule, fields, c, published)
    return None if resolved is None else DateMention(span, resolved[0], resolved[1], None, rule.label)


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
        if word.start() < done:
            continue
        m = c.by_first_word[_word_key(word.group())].match(text, word.start())
        if m is not None:
            done = m.end()
            yield m


def find_dates(text: str, pack: LanguagePack, published: dt.date | None) -> list[DateMention]:
    """Every date phrase in `text`, sorted by position and non-overlapping, resolved against
    `published` (relative phrases stay date=None without it)."""
    if isinstance(published, dt.datetime):  # a datetime would leak into the date arithmetic
        published = published.date()
    c = _compiled(pack)
    found: list[DateMention] = []
    for m in _matches(_lower(text), c):
        mention = None if _false_hit(m, c) else _mention(m, c, text, published)
        if mention is not None:
            found.append(mention)
    return found


def resolve_chain(
    mention: DateMention, previous: tuple[dt.date, str] | None
) -> tuple[dt.date | None, str | None]:
    """A chained mention's date from the previous event's (date, precision); an ordinary
    mention's own date. The offset moves a day- or week-precise date and keeps its precision;
    after a month or a year ("in October ... a day later") the date stays that month or year."""
    if mention.chain_offset is None:
        return mention.date, mention.precision
    if previous is None or previous[0] is None:
        return None, "day"
    date, precision = previous
    if precision in ("month", "year"):  # a day after "in October" is still October
        return date, precision
    return date + dt.timedelta(days=mention.chain_offset), precision
