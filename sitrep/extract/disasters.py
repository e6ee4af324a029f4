"""A toll told on its own after a disaster is that disaster's: "An earthquake struck the coast on
Monday. ... Police have reported eleven injuries" counts the quake's victims, not an attack's.

A casualty phrase with no violent deed in its clause (an implied candidate, extract/candidates.py)
is read as violence only when nothing else in its paragraph accounts for it. The last disaster
word (casualties.toml `disasters`) told in the paragraph before the phrase, or in its own clause
after it ("eleven died in the landslide"), with no trigger between that word and the phrase,
names the cause; a trigger between them ("On Tuesday gunmen attacked a bus, killing five")
takes the toll back to violence. A disaster word inside a trigger ("set fire to", "opened fire")
is that trigger's, no disaster.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep.extract.spans import SpanSet
from sitrep.extract.triggers import Trigger
from sitrep.lang import LanguagePack, alternation
from sitrep.records import Span


def _build_disasters(pack: LanguagePack) -> re.Pattern[str]:
    words = pack["casualties"]["disasters"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE) if words else re.compile(r"(?!)")


def disaster_cause(text: str, pack: LanguagePack, region: Span, toll: Span, triggers: Sequence[Trigger]) -> Span | None:
    """The disaster word that a toll with no trigger of its own (`toll`) is laid to: the one
    nearest it within `region` (its paragraph up to the end of its clause) with no trigger of
    `triggers` between them; None when the toll is violence's."""
    inside_triggers = SpanSet(t.span for t in triggers)
    words = [
        Span(m.start(), m.end())
        for m in pack.compiled(_build_disasters).finditer(text, region.start, region.end)
        if not inside_triggers.overlaps(m.start(), m.end())
    ]
    before = [w for w in words if w.end <= toll.start]
    after = [w for w in words if w.start >= toll.end]
    if before and not _between(triggers, before[-1].end, toll.start):
        return before[-1]
    if after and not _between(triggers, toll.end, after[0].start):
        return after[0]
    return None


def _between(triggers: Sequence[Trigger], start: int, end: int) -> bool:
    return any(start <= t.span.start < end for t in triggers)
