"""A chart of a trend with its surge alerts: PNG or SVG through matplotlib (Agg, no display), or
a self-contained HTML page with the SVG inline (no script, no network).

Top panel: events per period as bars (stacked by group, the largest groups named and the rest
as "other"), with the trailing baseline as a dashed line when there is one series, a partial
latest period hatched, and each alert a numbered red triangle over its period. Bottom panel:
fatalities per period. Under the chart, one line per alert with the numbers behind it.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only: no display, same output on a server or in CI

import matplotlib.dates as mdates  # noqa: E402 - after the backend is chosen
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from sitrep.analyse.alerts import Alert  # noqa: E402
from sitrep.analyse.trends import TrendRow  # noqa: E402

FORMATS = (".png", ".svg", ".html")
MAX_GROUPS = 6  # more stacked colours than this cannot be told apart
MAX_ALERT_LINES = 8
COLOURS = ("#3b6ea8", "#e08a2c", "#5a9e4b", "#8c62aa", "#c2a03a", "#3fa3a3")
OTHER_COLOUR, FATAL_COLOUR, ALERT_COLOUR, BASELINE_COLOUR = "#a0a0a0", "#8b1e1e", "#d62728", "#222222"
UNITS = {"week": "ISO weeks, Monday to Sunday", "month": "calendar months", "year": "calendar years"}


def plot_trend(rows: Sequence[TrendRow], alerts: Sequence[Alert], path: str | Path, title: str | None = None) -> Path:
    """Draw the trend and its alerts into `path` (.png, .svg or .html); return the path."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: the chart is written as {', '.join(FORMATS)} (from the file name)")
    fig = _figure(rows, alerts, title or _title(rows))
    try:
        if path.suffix.lower() == ".html":
            path.write_text(_html_page(fig, rows, alerts, title or _title(rows)), encoding="utf-8")
        else:
            fig.savefig(path, dpi=150, metadata=_metadata(path.suffix.lower()))
    finally:
        plt.close(fig)
    return path


def _metadata(suffix: str) -> dict[str, str | None]:
    """No creation date in the file, so the same data draw the same bytes."""
    return {"Date": None} if suffix == ".svg" else {"Software": "sitrep"}


def _period_of(row: TrendRow) -> str:
    """The period of a row, from its label: "2020-W03", "2020-01" or "2020"."""
    if "-W" in row.period:
        return "week"
    return "year" if len(row.period) == 4 else "month"


def _title(rows: Sequence[TrendRow]) -> str:
    if not rows:
        return "No dated events"
    unit = _period_of(rows[0])
    groups = {r.group for r in rows}
    first, last = min(r.period for r in rows), max(r.period for r in rows)
    grouped = "" if groups == {"all"} else f" ({len(groups)} groups)"
    return f"Events per {unit}{grouped}, {first} to {last}"


def _figure(rows: Sequence[TrendRow], alerts: Sequence[Alert], title: str) -> Any:
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True, height_ratios=(3, 1.4))
    starts = sorted({r.start for r in rows})
    width = _bar_width(starts)
    totals = _stack(top, rows, starts, width, "events", COLOURS[0])
    _mark_partial(top, rows, starts, totals, width)
    _draw_baseline(top, rows)
    _mark_alerts(top, alerts, dict(zip(starts, totals, strict=True)), width)
    _stack(bottom, rows, starts, width, "fatalities", FATAL_COLOUR)
    bottom.set_ylabel("fatalities")
    _style(fig, top, bottom, title, rows)
    _alert_lines(fig, alerts)
    return fig


def _bar_width(starts: Sequence[dt.date]) -> float:
    """Bar width in days: most of the gap between periods (7 for weeks, ~30 for months, ~365 for years)."""
    step = (starts[1] - starts[0]).days if len(starts) > 1 else 7
    return step * 0.8


def _groups(rows: Sequence[TrendRow]) -> list[str]:
    """Groups in the order trend() gives them (most events first)."""
    return list(dict.fromkeys(r.group for r in rows))


def _stack(
    ax: Any, rows: Sequence[TrendRow], starts: list[dt.date], width: float, field: str, single_colour: str
) -> list[int]:
    """Bars of `field` per period, stacked by group (the largest groups named, the rest as
    "other") in the same colours in both panels; returns the total per period."""
    groups = _groups(rows)
    named, rest = groups[:MAX_GROUPS], set(groups[MAX_GROUPS:])
    value = {(r.group, r.start): getattr(r, field) for r in rows}
    layers = [(g, [value.get((g, s), 0) for s in starts], COLOURS[i]) for i, g in enumerate(named)]
    if rest:
        other = [sum(value.get((g, s), 0) for g in rest) for s in starts]
        layers.append((f"other ({len(rest)} groups)", other, OTHER_COLOUR))
    if len(layers) == 1:
        layers = [(field, layers[0][1], single_colour)]
    bottom = [0] * len(starts)
    for label, heights, colour in layers:
        ax.bar(
            starts,
            heights,
            width=width,
            bottom=bottom,
            color=colour,
            label=label,
            align="edge",
            edgecolor="white",
            linewidth=0.4,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    return bottom


def _mark_partial(ax: Any, rows: Sequence[TrendRow], starts: list[dt.date], totals: list[int], width: float) -> None:
    """Hatch the last period when it is not over, so a low bar is not read as a drop."""
    if not rows or not any(r.partial and r.start == starts[-1] for r in rows):
        return
    ax.bar(
        [starts[-1]],
        [max(totals[-1], 0.0001)],
        width=width,
        align="edge",
        fill=False,
        hatch="///",
        edgecolor="#555555",
        linewidth=0,
        label="period not over",
    )


def _draw_baseline(ax: Any, rows: Sequence[TrendRow]) -> None:
    """The trailing baseline mean, for a single series only (per group it would be a tangle)."""
    groups = _groups(rows)
    if len(groups) != 1:
        return
    points = [(r.start, r.baseline_mean) for r in rows if r.baseline_mean is not None]
    # Carry the last level across the last period, so it ends where the bars do.
    if len(rows) > 1 and rows[-1].baseline_mean is not None:
        points.append((rows[-1].start + (rows[-1].start - rows[-2].start), rows[-1].baseline_mean))
    if points:
        xs, ys = zip(*points, strict=True)
        ax.step(
            xs,
            ys,
            where="post",
            color=BASELINE_COLOUR,
            linestyle="--",
            linewidth=1.2,
            label=f"trailing mean (up to {max(r.baseline_periods for r in rows)} periods)",
        )


def _mark_alerts(ax: Any, alerts: Sequence[Alert], totals: dict[dt.date, int], width: float) -> None:
    """One red triangle over each period with alerts, labelled with their numbers ("1–3")."""
    top = max(totals.values(), default=1) or 1
    numbers: dict[dt.date, list[int]] = {}
    for n, alert in enumerate(alerts[:MAX_ALERT_LINES], 1):
        if alert.start in totals:
            numbers.setdefault(alert.start, []).append(n)
    for n, (start, found) in enumerate(numbers.items()):
        y = totals[start] + top * 0.07
        x = start + dt.timedelta(days=width / 2)  # over the middle of the bar
        ax.scatter([x], [y], marker="v", s=120, color=ALERT_COLOUR, zorder=5, label="surge alert" if not n else None)
        ax.annotate(
            _numbers(found),
            (x, y),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
            fontweight="bold",
            color=ALERT_COLOUR,
        )
    ax.set_ylim(0, top * 1.32)  # headroom: the legend sits over the top of the plot area


def _numbers(found: list[int]) -> str:
    """ "1", "1–3" (a run), "1, 4"."""
    if len(found) > 1 and found == list(range(found[0], found[-1] + 1)):
        return f"{found[0]}–{found[-1]}"
    return ", ".join(map(str, found))


def _style(fig: Any, top: Any, bottom: Any, title: str, rows: Sequence[TrendRow]) -> None:
    top.set_title(title, fontsize=14, loc="left", pad=22)
    top.text(0, 1.02, _subtitle(rows), transform=top.transAxes, fontsize=9.5, color="#555555")
    top.set_ylabel("events")
    if top.get_legend_handles_labels()[0]:  # nothing to explain on an empty chart
        top.legend(loc="upper left", frameon=False, fontsize=9, ncols=4)
    for ax in (top, bottom):
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))  # counts: no 2.5 events
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    fig.align_ylabels()


def _alert_lines(fig: Any, alerts: Sequence[Alert]) -> None:
    """The numbers behind each alert, under the chart, so the picture carries its evidence."""
    lines = [f"{n}. {_alert_text(a)}" for n, a in enumerate(alerts[:MAX_ALERT_LINES], 1)]
    if len(alerts) > MAX_ALERT_LINES:
        lines.append(f"… and {len(alerts) - MAX_ALERT_LINES} more (sitrep alerts)")
    head = _test_text(alerts[0]) if alerts else "No surge alerts."
    height = 0.05 + 0.024 * len(lines)
    fig.subplots_adjust(left=0.08, right=0.97, top=0.89, bottom=0.07 + height, hspace=0.12)
    fig.text(0.08, height + 0.005, head, fontsize=9, va="top", ha="left", color="#444444", fontweight="bold")
    fig.text(
        0.08, height - 0.022, "\n".join(lines), fontsize=9, va="top", ha="left", color=ALERT_COLOUR, linespacing=1.45
    )


def _test_text(a: Alert) -> str:
    alpha = a.threshold * a.tests
    return (
        f"Surge alerts: one-sided Poisson test of the latest period against the trailing mean, "
        f"p < {alpha:g} / {a.tests} series (Bonferroni)"
    )


def _subtitle(rows: Sequence[TrendRow]) -> str:
    """Totals, and what a period is, so the bars can be read without the docs."""
    events = sum(r.events for r in rows)
    dead = sum(r.fatalities for r in rows)
    unit = UNITS[_period_of(rows[0])] if rows else UNITS["month"]
    partial = "; the last period is not over" if rows and rows[-1].partial else ""
    many = len({r.group for r in rows}) > 1
    counted = "event counts (an event counts in each of its groups)" if many else "events"
    return f"{events:,} {counted}, {dead:,} fatalities; {unit}{partial}"


def _alert_text(a: Alert) -> str:
    partial = ", period not over" if a.partial else ""
    return (
        f"{a.value} ({a.dimension}), {a.period}: {a.count} events vs a mean of {a.baseline_mean:.1f} "
        f"over {a.baseline_periods} periods, ×{a.ratio:.1f}, p = {a.p_value:.1e}{partial}"
    )


def _html_page(fig: Any, rows: Sequence[TrendRow], alerts: Sequence[Alert], title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=_metadata(".svg"))
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML declaration and DOCTYPE: inline SVG needs neither
    items = "".join(f"<li>{html.escape(_alert_text(a))}</li>" for a in alerts) or "<li>No surge alerts.</li>"
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        "svg{width:100%;height:auto}li{margin:.2em 0}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{svg}<h2>Surge alerts</h2><ol>{items}</ol>"
        f"<p>{sum(r.events for r in rows)} event counts over {len({r.start for r in rows})} periods.</p>"
        "</body></html>\n"
    )
