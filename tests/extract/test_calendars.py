"""Other calendars resolved to Gregorian dates (sitrep/extract/calendars.py, jdatetime and
hijridate): a table of days whose Gregorian dates are well known, and the year-less rule."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.calendars import latest, to_gregorian

DAYS = [
    ("solar_hijri", 1403, 1, 1, dt.date(2024, 3, 20)),  # Nowruz 1403
    ("solar_hijri", 1402, 10, 20, dt.date(2024, 1, 10)),  # 20 Dey / Jadi 1402
    ("solar_hijri", 1403, 7, 10, dt.date(2024, 10, 1)),  # 10 Mehr / Mizan 1403
    ("solar_hijri", 1384, 4, 7, dt.date(2005, 6, 28)),  # 7 Tir / Saratan 1384
    ("solar_hijri", 1399, 12, 30, dt.date(2021, 3, 20)),  # the leap day of 1399
    ("hijri", 1445, 1, 10, dt.date(2023, 7, 28)),  # Ashura 1445
    ("hijri", 1445, 9, 1, dt.date(2024, 3, 11)),  # 1 Ramadan 1445 (Umm al-Qura)
    ("hijri", 1444, 12, 10, dt.date(2023, 6, 28)),  # Eid al-Adha 1444
]


@pytest.mark.parametrize(("calendar", "year", "month", "day", "want"), DAYS)
def test_days_of_other_calendars(calendar: str, year: int, month: int, day: int, want: dt.date) -> None:
    assert to_gregorian(calendar, year, month, day) == want


def test_days_that_do_not_exist_are_none() -> None:
    assert to_gregorian("solar_hijri", 1402, 12, 30) is None  # 1402 is no leap year
    assert to_gregorian("hijri", 1200, 1, 1) is None  # outside Umm al-Qura's table


def test_a_year_less_day_is_the_latest_before_the_reference() -> None:
    # "۹ جدی" in a paper of 2 January 2024 is 30 December 2023; in one of 1 March 2024 too.
    assert latest("solar_hijri", 10, 9, dt.date(2024, 1, 2), 90) == dt.date(2023, 12, 30)
    assert latest("solar_hijri", 10, 9, dt.date(2024, 3, 1), 90) == dt.date(2023, 12, 30)
    # Five days ahead of publication: a plan, not last year's day.
    assert latest("solar_hijri", 10, 9, dt.date(2023, 12, 25), 90) is None
    # Far ahead: last year's ("10 Muharram" in a paper of June 2024 is July 2023).
    assert latest("hijri", 1, 10, dt.date(2024, 3, 1), 90) == dt.date(2023, 7, 28)
