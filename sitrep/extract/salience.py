"""Is a candidate a reported incident or a statistic, and why an incident is kept: explicit,
language-independent features (the language-dependent cues, tallies, plans, threats, court
cases, seizures and denials, are read in extract/candidates.py). Each decision comes with the
reason `--explain` shows. A toll checked here at the candidate stays checked in the incident:
a candidate passes only with its own place and day, which its incident then has, or as the toll
of an incident of its kind named just before, which has its own (assemble._tells_more)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sitrep.extract.counts import CasualtyMention

if TYPE_CHECKING:  # incidents are made of candidates, which ask this module about tolls
    from sitrep.extract.incidents import Incident

# A toll this large with no place or day of its own is a war's or a year's total, not one
# incident's ("the killing of over 70,000 Salvadorans").
STATISTIC_TOLL = 1000


def statistic(killed: Iterable[CasualtyMention], dated: bool, placed: bool) -> str:
    """Why a toll is a statistic rather than an incident's ("" when it is not)."""
    toll = max((c.count.low or c.count.best or 0 for c in killed), default=0)
    if toll >= STATISTIC_TOLL and not (dated and placed):
        return f"a statistic: a toll of {toll} with no place and day of its own"
    return ""


def kept_reason(incident: Incident) -> str:
    parts = []
    if incident.own_place and incident.place is not None:
        parts.append(f"place {incident.place.location.place.name}")
    if incident.date_span is not None:
        parts.append(f"date {incident.date}")
    if incident.killed or incident.wounded:
        parts.append("a toll")
    return "a reported incident: " + (", ".join(parts) if parts else "told in the article's own voice")
