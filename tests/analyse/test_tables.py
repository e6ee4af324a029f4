"""Plain-text tables of trend rows and alerts."""

from __future__ import annotations

import datetime as dt

from analyse_factory import weekly_events
from sitrep.analyse.alerts import surge_alerts
from sitrep.analyse.tables import alert_table, trend_table
from sitrep.table import fixed_width
from sitrep.analyse.trends import trend


def test_trend_table_marks_partial_period() -> None:
    text = trend_table(trend(weekly_events([2, 4]), until=dt.date(2020, 1, 15)))
    lines = text.splitlines()
    assert lines[0].split()[:2] == ["period", "events"]  # no group column without grouping
    assert lines[-2].startswith("2020-W03*") and lines[-1] == "* period not over yet"
    assert trend_table([]) == "No dated events found."


def test_alert_table_states_the_test() -> None:
    alerts = surge_alerts(weekly_events([1] * 8 + [9]), by=("country",), until=dt.date(2020, 3, 8))
    text = alert_table(alerts)
    assert "Syria" in text and "×9.0" in text and "Poisson" in text and "(m = 1)" in text
    assert alert_table([]) == "No surge alerts."


def test_the_table_renderer_cuts_long_cells_and_aligns_figures() -> None:
    first, rule, long, short = fixed_width(("name", "n"), [("x" * 50, "7"), ("y", "12")], right_aligned={"n"})
    assert long.endswith("…   7") and len(long.split()[0]) == 40 and short.endswith(" 12")
