"""Trend rows and alerts as plain fixed-width tables (sitrep/table.py's renderer) and CSV, for
`sitrep trends` and `sitrep alerts`."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from sitrep.analyse.alerts import Alert
from sitrep.analyse.trends import TOTAL, TrendRow
from sitrep.table import EMPTY, fixed_width


def trend_table(rows: Sequence[TrendRow]) -> str:
    """Group, period, events, change against the previous period and the baseline, fatalities;
    a partial period is marked "*" with a footnote."""
    if not rows:
        return "No dated events found."
    headers: tuple[str, ...] = ("group", "period", "events", "vs prev", "%", "baseline", "vs base %", "fatalities")
    cells: list[tuple[str, ...]] = [
        (
            r.group,
            r.period + ("*" if r.partial else ""),
            str(r.events),
            _signed(r.change),
            _pct(r.change_pct),
            _mean(r.baseline_mean),
            _pct(r.baseline_change_pct),
            str(r.fatalities),
        )
        for r in rows
    ]
    if {r.group for r in rows} == {TOTAL}:  # no grouping: the column would say "all" on every line
        headers, cells = headers[1:], [c[1:] for c in cells]
    text = "\n".join(fixed_width(headers, cells, right_aligned=headers[2 if len(headers) == 8 else 1 :]))
    return text + ("\n* period not over yet" if any(r.partial for r in rows) else "")


def alert_table(alerts: Sequence[Alert]) -> str:
    if not alerts:
        return "No surge alerts."
    headers = ("dimension", "value", "period", "events", "baseline", "ratio", "p-value", "threshold", "fatalities")
    cells = [
        (
            a.dimension,
            a.value,
            a.period + ("*" if a.partial else ""),
            str(a.count),
            _mean(a.baseline_mean),
            f"×{a.ratio:.1f}",
            f"{a.p_value:.2e}",
            f"{a.threshold:.2e}",
            str(a.fatalities),
        )
        for a in alerts
    ]
    note = f"test: {alerts[0].test} (m = {alerts[0].tests})"
    partial = "\n* period not over yet" if any(a.partial for a in alerts) else ""
    return "\n".join(fixed_width(headers, cells, right_aligned=headers[3:])) + "\n" + note + partial


def _signed(n: int | None) -> str:
    return EMPTY if n is None else f"{n:+d}"


def _pct(x: float | None) -> str:
    return EMPTY if x is None else f"{x:+.0f}%"


def _mean(x: float | None) -> str:
    return EMPTY if x is None else f"{x:.1f}"


def trend_csv(rows: Sequence[TrendRow]) -> str:
    """A header of TrendRow's field names, one line per row; empty cells for None."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(TrendRow.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    writer.writerows(r.to_dict() for r in rows)
    return out.getvalue().rstrip("\n")
