"""Plain fixed-width tables for a terminal: `fixed_width`, the one renderer of every table sitrep
prints (events, stored events, trends, alerts, evaluation reports), and the table of extracted
events (`sitrep extract --format table`).

Plain text on purpose: no dependency, and it reads the same in a terminal, a log or a CI page.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sitrep.records import Count, Event

HEADERS = ("doc", "date", "type / sub-type", "actor1 → actor2", "claimed by", "place", "killed", "wounded")
# Widest a column may get before its cells are cut with "…". The type column fits the longest
# ACLED pair ("Violence against civilians / Abduction/forced disappearance", 59) uncut.
MAX_WIDTHS = (18, 10, 59, 34, 16, 30, 7, 7)
RIGHT_ALIGNED = {"killed", "wounded"}
EMPTY = "-"
MAX_WIDTH = 40  # the default cap of every column: a long name is cut rather than push the figures off screen


def events_table(events: Sequence[Event]) -> str:
    """A header, a rule, one row per event and a count line; a single line when there are none."""
    if not events:
        return "No events found."
    lines = fixed_width(HEADERS, [_row(e) for e in events], MAX_WIDTHS, RIGHT_ALIGNED)
    docs = len({e.doc_id for e in events})
    lines.append(f"{len(events)} event{'s' * (len(events) != 1)} in {docs} document{'s' * (docs != 1)}")
    return "\n".join(lines)


def _row(e: Event) -> tuple[str, ...]:
    return (
        e.doc_id,
        e.date_text() or EMPTY,
        _type(e),
        f"{e.actor1 or '?'} → {e.actor2 or '?'}",
        e.claimed_by or EMPTY,
        _place(e),
        _count(e.fatalities),
        _count(e.wounded),
    )


def _type(e: Event) -> str:
    parts = [p for p in (e.event_type, e.sub_event_type) if p]
    return " / ".join(parts) or EMPTY


def _place(e: Event) -> str:
    """ "Mayadin (SY, p2)": name, country and ACLED geo-precision (1 the place, 2 near it, 3 region)."""
    if e.location is None:
        return EMPTY
    country = e.location.place.country or "??"
    return f"{e.location.place.name} ({country}, p{e.location.precision})"


def _count(c: Count | None) -> str:
    """The single figure; a range "3-5" or a floor "12+" when that is all the text gives."""
    if c is None:
        return EMPTY
    if c.best is not None:
        return str(c.best)
    if c.low is not None and c.high is not None and c.high != c.low:
        return f"{c.low}-{c.high}"
    return f"{c.low}+" if c.low is not None else EMPTY


def fixed_width(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    max_widths: int | Sequence[int] = MAX_WIDTH,
    right_aligned: Collection[str] = (),
) -> list[str]:
    """A header, a rule and the rows, each column as wide as its widest cell up to its cap (one
    for every column, or one each; longer cells cut with "…"); the `right_aligned` columns
    (numbers) flush right."""
    caps = [max_widths] * len(headers) if isinstance(max_widths, int) else max_widths
    widths = [
        min(cap, max(len(h), *(len(r[i]) for r in rows))) for i, (h, cap) in enumerate(zip(headers, caps, strict=True))
    ]
    right = [h in right_aligned for h in headers]
    lines = [_line(headers, widths, right), "  ".join("─" * w for w in widths)]
    return lines + [_line(r, widths, right) for r in rows]


def _line(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    out = []
    for cell, width, flush_right in zip(cells, widths, right, strict=True):
        cell = _fit(cell.replace("\n", " "), width)
        out.append(cell.rjust(width) if flush_right else cell.ljust(width))
    return "  ".join(out).rstrip()


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
