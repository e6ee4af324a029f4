"""Case-insensitive matching that is fast on large alternations.

Python's `re.IGNORECASE` folds case at every comparison, which makes alternations of hundreds of
pack words several times slower. Matching a lower-cased pattern against a lower-cased copy of the
text gives the same spans whenever lower-casing keeps the text's length (it does for all but a
few characters such as 'İ'); otherwise the IGNORECASE pattern is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class FoldedPattern:
    lowered: re.Pattern[str]
    ignorecase: re.Pattern[str]

    @classmethod
    def compile(cls, pattern: str) -> FoldedPattern:
        # Pack patterns use only lower-case escapes (\w \d \s \b), so lower-casing keeps their meaning.
        lowered = pattern.lower().replace("(?p<", "(?P<")  # group syntax is case-sensitive
        return cls(re.compile(lowered), re.compile(pattern, re.IGNORECASE))

    def finditer(self, text: str, lowered: str | None = None) -> Iterator[re.Match[str]]:
        lowered = text.lower() if lowered is None else lowered
        if len(lowered) == len(text):
            return self.lowered.finditer(lowered)
        return self.ignorecase.finditer(text)
