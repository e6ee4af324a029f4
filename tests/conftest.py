"""Run-wide test settings: at the end of a run, what was skipped for want of a component
(PostgreSQL, Chromium, ../shared: tests/components.py), how many tests, and how to provide it,
so that a run that passes without them says so."""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from typing import Any

import pytest

from tests.components import COMPONENTS, Component


def _reason(report: pytest.TestReport) -> str:
    longrepr: Any = report.longrepr
    return str(longrepr[2]) if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


def _component(reason: str) -> Component | None:
    return next((c for c in COMPONENTS if c.name in reason), None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: Any) -> Generator[None, None, None]:
    """After everything else (pytest's list of skips included), so that it is the last thing said."""
    yield
    _say_what_was_skipped(terminalreporter)


def _say_what_was_skipped(terminalreporter: Any) -> None:
    skipped: list[pytest.TestReport] = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    by_component: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    for report in skipped:
        reason = _reason(report).removeprefix("Skipped: ")
        component = _component(reason)
        key = component.key if component else "other"
        by_component[key] += 1
        reasons.setdefault(key, reason)
    terminalreporter.section("skipped, and why")
    for component in COMPONENTS:
        if n := by_component[component.key]:
            terminalreporter.write_line(
                f"{component.name}: {n} test(s) skipped ({reasons[component.key]}); to run them: {component.provide}"
            )
    if n := by_component["other"]:
        terminalreporter.write_line(f"other: {n} test(s) skipped (reasons in the list above)")
