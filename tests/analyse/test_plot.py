"""plot_trend(): a PNG, an SVG or a self-contained HTML page, with alerts marked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analyse_factory import weekly_events
from sitrep.analyse.alerts import surge_alerts
from sitrep.analyse.plot import plot_trend
from sitrep.analyse.trends import trend
from sitrep.records import Place

UNTIL = dt.date(2020, 3, 8)
HOMS = Place("Homs", "SY", "Homs", None, 34.73, 36.71)


def surge_data() -> tuple[list, list]:
    events = weekly_events([3, 4, 2, 5, 3, 4, 3, 2, 15], killed=2)
    events += weekly_events([1, 0, 2, 1, 1, 0, 1, 2, 1], prefix="h", place=HOMS, actor1="Unidentified Armed Group")
    alerts = surge_alerts(events, until=UNTIL)
    assert alerts
    return events, alerts


@pytest.mark.parametrize("by", [None, "admin1"])
def test_png(tmp_path: Path, by: str | None) -> None:
    events, alerts = surge_data()
    path = plot_trend(trend(events, by=by, until=UNTIL), alerts, tmp_path / "trend.png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


def test_svg(tmp_path: Path) -> None:
    events, alerts = surge_data()
    text = plot_trend(trend(events, until=dt.date(2020, 3, 6)), alerts, tmp_path / "trend.svg").read_text()
    assert "<svg" in text[:1000] and text.rstrip().endswith("</svg>")


def test_html_is_self_contained(tmp_path: Path) -> None:
    events, alerts = surge_data()
    text = plot_trend(trend(events, until=UNTIL), alerts, tmp_path / "trend.html").read_text()
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "</html>" in text
    assert "<script" not in text and "http://cdn" not in text and "<?xml" not in text
    assert "Deir ez-Zor, Syria (admin1), 2020-W10: 15 events" in text


def test_no_rows_no_alerts(tmp_path: Path) -> None:
    assert plot_trend([], [], tmp_path / "empty.png").stat().st_size > 0


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".png"):
        plot_trend([], [], tmp_path / "trend.pdf")


def test_years(tmp_path: Path) -> None:
    events = weekly_events([1, 2], first_monday=dt.date(2021, 3, 1))
    events += weekly_events([1], first_monday=dt.date(1966, 3, 7), prefix="old")
    rows = trend(events, "year", until=dt.date(2021, 12, 31))
    text = plot_trend(rows, [], tmp_path / "trend.html").read_text()
    assert "Events per year, 1966 to 2021" in text and "calendar years" in text
