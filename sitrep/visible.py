"""Invisible characters out for matching, spans back on the original text.

Scraped and copied news carries characters that render as nothing: soft hyphens ("Ka\u00adbul"),
zero-width spaces and joiners, bidi marks, word joiners, byte-order marks, variation
selectors. They split words for every rule of a pack ("Ka" + "bul" is no Kabul). Extraction and
geoparsing run on the text without them; every span they return is mapped back to the original
text, where it covers the same words, invisibles inside included.

Shared by extract and geo (both run on the visible text), so it sits below both: each maps its
own results back (extract/assemble.py the explanation, geo the place mentions).

The set removed is Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt):
characters a renderer shows as nothing. It includes U+200C ZERO WIDTH NON-JOINER, which changes
how words are drawn, not which letters they hold: matching ignores it, spans keep it; inside a
Persian compound ("کشته‌شدند") it is read as the space it stands for.

The same copy is read with the script tables (shared/scripts.toml, sitrep/lang/scripts.py), as
pack words are: Arabic marks and tatweel out too, letter variants, Eastern digits, Arabic
punctuation, Turkish ı/İ and Cyrillic apostrophes folded one character for one.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from sitrep.lang.scripts import INVISIBLE as _INVISIBLE
from sitrep.lang.scripts import read_between, tables
from sitrep.records import Event, Span


@functools.cache
def _removing() -> re.Pattern[str]:
    """Invisible characters and the characters the script tables ignore."""
    return re.compile(f"[{_INVISIBLE.pattern[1:-2]}{tables().ignored.pattern[1:-2]}]+")


@dataclass(frozen=True)
class VisibleText:
    """`text` is `original` without its invisible characters. Each removed run is kept as
    (where it stood in `text`, where in `original`, how many characters in all were removed up to
    and including it), so offsets map both ways by bisection."""

    original: str
    text: str
    at_visible: tuple[int, ...] = ()
    at_original: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    @classmethod
    def of(cls, original: str) -> VisibleText:
        if original.isascii():
            return cls(original, original)
        t = tables()
        read = read_between(original)  # before the invisibles go: a ZWNJ in a compound is a space
        removing = _removing()
        runs = list(removing.finditer(read))
        at_visible, at_original, removed, total = [], [], [], 0
        for m in runs:
            at_visible.append(m.start() - total)
            at_original.append(m.start())
            total += m.end() - m.start()
            removed.append(total)
        text = removing.sub("", read) if runs else read
        if t.folded.search(text):  # translating is a dictionary look-up a character: only when needed
            text = text.translate(t.text)
        return cls(original, text, tuple(at_visible), tuple(at_original), tuple(removed))

    @property
    def changed(self) -> bool:
        return bool(self.removed) or self.text != self.original

    def _original_of(self, i: int) -> int:
        """Where the visible character i stands in the original (every run removed before it)."""
        k = bisect_right(self.at_visible, i)
        return i + (self.removed[k - 1] if k else 0)

    def to_original(self, span: Span) -> Span:
        """A span of `text` on `original`: from its first character to just after its last."""
        if span.end <= span.start:
            start = self._original_of(span.start)
            return Span(start, start)
        end = self._original_of(span.end - 1) + 1
        if self.removed and (marks := tables().ignored.match(self.original, end)):
            end = marks.end()  # the marks of the last letter ("قُتِلَ") are the word's
        return Span(self._original_of(span.start), end)

    def _visible_of(self, i: int) -> int:
        """Where original offset i falls in `text`; inside a removed run, where the run stood."""
        k = bisect_right(self.at_original, i)
        return max(self.at_visible[k - 1], i - self.removed[k - 1]) if k else i

    def to_visible(self, span: Span) -> Span:
        """A span of `original` on `text`."""
        return Span(self._visible_of(span.start), self._visible_of(span.end))

    def event(self, event: Event) -> Event:
        """The event with its evidence spans on the original text."""
        if not self.changed:
            return event
        return replace(event, evidence=tuple((name, self.to_original(span)) for name, span in event.evidence))


def matched(text: str) -> str:
    """The copy of `text` every stage matches (its invisibles and ignored marks out, variants
    folded): for a caller that runs one stage by itself, as the table tests do."""
    return VisibleText.of(text).text
