"""Dates written in other calendars, resolved to Gregorian dates (used by extract/dates.py).

A pack names the months of a calendar in dates.toml `[calendars]` (a table of word -> month
number per calendar) and writes its rules with `{solar_month}` or `{hijri_month}` and
`{calyear}` ("{day} {solar_month} [{calyear}]": "۲۰ دی ۱۴۰۲", "۹ جدی"). The conversion is done
by well-kept libraries, never by tables of our own:

- `solar_hijri`: the Solar Hijri (Iranian and Afghan) calendar, by `jdatetime`;
- `hijri`: the Hijri (lunar) calendar, by `hijridate` (Umm al-Qura, 1343-1500 AH).

A date without a year takes the year that puts it nearest before the reference date (the
publication or the dateline), as a year-less Gregorian date does; one that lies just ahead of it
(`SCHEDULED_DAYS` in dates.py) is a plan and is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import jdatetime
from hijridate import Gregorian, Hijri

# The placeholder of each calendar's month names in a pack's date rules.
PLACEHOLDERS = {"solar_month": "solar_hijri", "hijri_month": "hijri"}
# A year of these calendars: 1200-1599 (Solar Hijri 1403 is 2024, Hijri 1446 is 2024).
YEAR = r"1[2-5]\d\d(?!\d)"


def _solar(year: int, month: int, day: int) -> dt.date:
    gregorian: dt.date = jdatetime.date(year, month, day).togregorian()
    return gregorian


def _solar_year(date: dt.date) -> int:
    year: int = jdatetime.date.fromgregorian(date=date).year
    return year


def _hijri(year: int, month: int, day: int) -> dt.date:
    return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())


def _hijri_year(date: dt.date) -> int:
    return int(Gregorian(date.year, date.month, date.day).to_hijri().year)


_TO_GREGORIAN: dict[str, Callable[[int, int, int], dt.date]] = {"solar_hijri": _solar, "hijri": _hijri}
_YEAR_OF: dict[str, Callable[[dt.date], int]] = {"solar_hijri": _solar_year, "hijri": _hijri_year}


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a day of `calendar`; None for a day that does not exist there or
    lies outside the library's range."""
    try:
        return _TO_GREGORIAN[calendar](year, month, day)
    except (ValueError, OverflowError):
        return None


def latest(calendar: str, month: int, day: int, reference: dt.date, ahead_days: int) -> dt.date | None:
    """A year-less day of `calendar`: the most recent one on or before `reference`; None when
    the nearest lies at most `ahead_days` after it (a plan, not a past event)."""
    try:
        year = _YEAR_OF[calendar](reference)
    except (ValueError, OverflowError):
        return None
    return latest_of(
        (to_gregorian(calendar, y, month, day) for y in range(year + 1, year - 3, -1)), reference, ahead_days
    )


def latest_of(dates: Iterable[dt.date | None], reference: dt.date, ahead_days: int) -> dt.date | None:
    """The first of `dates` (latest first; None: no such day that year) on or before `reference`;
    None when one lies at most `ahead_days` after it first (a plan, not a past event). Gregorian
    year-less dates are chosen the same way (extract/dates.py)."""
    for date in dates:
        if date is None:
            continue
        if date <= reference:
            return date
        if (date - reference).days <= ahead_days:
            return None
    return None
