"""The stretch of time that holds the bulk of some events: where a timeline should open.

One background event "in 1966" beside a year of 2021 news stretches a timeline over 55 years of
empty periods, with the news squeezed into its last bar. The bulk window leaves out the fewest
events, at either end, that shrink the span to at most a quarter of the whole (SHRINK); it never
leaves out more than 5 % of the events (at least one may go), and never cuts a span of two years
or less, which a weekly series shows whole. A timeline opens on the bulk and says how many events
lie before and after it, so nothing is hidden without a word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

MAX_LEFT_OUT = 0.05  # share of the events a bulk window may leave out (at least one)
SHRINK = 4  # leave events out only when that shrinks the span at least this many times
UNCUT_DAYS = 2 * 365  # a span this short is shown whole


@dataclass(frozen=True, slots=True)
class DateWindow:
    """Dated events' whole span (first..last) and their bulk (since..until)."""

    first: dt.date
    last: dt.date
    since: dt.date
    until: dt.date
    dated: int  # events with a date
    before: int  # of them, before `since`
    after: int  # of them, after `until`

    def to_dict(self) -> dict[str, object]:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in asdict(self).items()}


def bulk_window(dates: Iterable[dt.date]) -> DateWindow | None:
    """The window of the dates (see the module docstring); None when there are none."""
    days = sorted(dates)
    if not days:
        return None
    whole = (days[-1] - days[0]).days
    most = max(1, int(len(days) * MAX_LEFT_OUT)) if len(days) > 2 else 0
    if whole <= UNCUT_DAYS or most == 0 or _tightest(days, most)[0] * SHRINK > whole:
        return DateWindow(days[0], days[-1], days[0], days[-1], len(days), 0, 0)
    left_out = _fewest_left_out(days, most, whole)
    _, start = _tightest(days, left_out)
    kept = len(days) - left_out
    return DateWindow(days[0], days[-1], days[start], days[start + kept - 1], len(days), start, left_out - start)


def _fewest_left_out(days: Sequence[dt.date], most: int, whole: int) -> int:
    """The fewest events to leave out for a window SHRINK times tighter (`most` is known to do).
    The tightest span only shrinks as more are left out, so a binary search finds it."""
    low, high = 1, most
    while low < high:
        middle = (low + high) // 2
        if _tightest(days, middle)[0] * SHRINK <= whole:
            high = middle
        else:
            low = middle + 1
    return low


def _tightest(days: Sequence[dt.date], left_out: int) -> tuple[int, int]:
    """(span in days, first index) of the tightest run of len(days) - left_out consecutive days;
    the latest such run on a tie (the news is at the end)."""
    kept = len(days) - left_out
    span, first = min(((days[i + kept - 1] - days[i]).days, -i) for i in range(left_out + 1))
    return span, -first
