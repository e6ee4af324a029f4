"""A set of spans to test other spans against, in log time.

Stages ask "does this mention overlap any of those?" for every mention; comparing every pair
makes a long article (a list of a thousand names or figures) quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from sitrep.records import Span


class SpanSet:
    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach = list(accumulate((s.end for s in ordered), max))  # the furthest end up to each span

    def overlaps(self, start: int, end: int) -> bool:
        """Does any span start before `end` and end after `start`?"""
        i = bisect_left(self.starts, end)  # spans [0, i) start before `end`
        return i > 0 and self.reach[i - 1] > start
