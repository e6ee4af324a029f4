"""Why an article gave the events it gave (`sitrep extract --explain`, `sitrep events show`):
each candidate (a trigger or a casualty phrase in its clause), the incident it started or was
merged into and why, and the candidates and incidents dropped as non-incidents and why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.records import Span

NEW, MERGED, DROPPED = "new", "merged", "dropped"


@dataclass(frozen=True, slots=True)
class CandidateNote:
    number: int  # 1-based, in the order the article tells them
    span: Span  # the clause
    trigger: str  # the trigger as written, or the casualty phrase of an implied one
    kind: str  # the trigger's sub-event type
    outcome: str  # NEW, MERGED or DROPPED
    incident: int | None  # the incident it started or joined (1-based)
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "candidate": self.number,
            "start": self.span.start,
            "end": self.span.end,
            "trigger": self.trigger,
            "kind": self.kind,
            "outcome": self.outcome,
            "incident": self.incident,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class IncidentNote:
    number: int
    candidates: tuple[int, ...]
    event: int | None  # the event it became (1-based, in the order of the article's events); None: merged or dropped
    reason: str  # why it is a reported incident, or why it was merged or dropped

    @property
    def kept(self) -> bool:
        return self.event is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident": self.number,
            "candidates": list(self.candidates),
            "event": self.event,
            "kept": self.kept,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    doc_id: str
    candidates: tuple[CandidateNote, ...]
    incidents: tuple[IncidentNote, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "candidates": [c.to_dict() for c in self.candidates],
            "incidents": [i.to_dict() for i in self.incidents],
        }

    def incident_of(self, event: int) -> int | None:
        """The incident that became the article's event number `event` (1-based)."""
        return next((i.number for i in self.incidents if i.event == event), None)

    def lines(self, text: str, incident: int | None = None) -> list[str]:
        """A plain-text account, quoting each clause (shortened) from the article's text; only
        what concerns one incident when `incident` is given."""
        out = [
            f"article {self.doc_id}: {len(self.candidates)} candidates, "
            f"{sum(i.kept for i in self.incidents)} of {len(self.incidents)} incidents kept"
        ]
        for c in self.candidates:
            if incident is not None and c.incident != incident:
                continue
            where = f" incident {c.incident}" if c.incident else ""
            out.append(f"  candidate {c.number} [{c.kind}] {c.trigger!r}: {c.outcome}{where}: {c.reason}")
            out.append(f"      \u201c{_quote(text, c.span)}\u201d")
        for i in self.incidents:
            if incident is not None and i.number != incident:
                continue
            members = ", ".join(str(n) for n in i.candidates)
            verdict = f"event {i.event}" if i.kept else "not an event"
            out.append(f"  incident {i.number} (candidates {members}): {verdict}: {i.reason}")
        return out


QUOTE_CHARS = 110


def _quote(text: str, span: Span) -> str:
    clause = " ".join(text[span.start : span.end].split())
    return clause if len(clause) <= QUOTE_CHARS else clause[: QUOTE_CHARS - 1] + "\u2026"
