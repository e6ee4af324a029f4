"""Surge alerts: series whose latest period is significantly above their own baseline.

The test (one-sided Poisson, Bonferroni-corrected):

- A series is the count of events per period of one value of one dimension (a country, an
  admin1, an actor, an event type; see sitrep.analyse.trends for how events are grouped).
- The latest period is the one holding `until`, or else the one holding the latest dated
  event. Its count is k. The baseline mean is the mean count of the `baseline` periods just
  before it (fewer when the data start later; a series with no earlier period is not tested).
- Under the null hypothesis the latest count is Poisson with the baseline mean as its rate,
  λ = max(baseline mean, LAMBDA_FLOOR). The floor keeps a group that is new in the data from
  dividing by zero and says "about one event every two periods" is the least we assume.
- p = P(X >= k | λ), computed exactly (a stable sum of the Poisson terms, no scipy).
- m = the number of series tested: every series, over every dimension, with at least one event
  in its window (baseline and latest period). "(unknown)" and "(unclaimed)" groups are not
  tested: they are not a place, actor or type.
- An alert is raised when p < alpha / m (Bonferroni, so the chance of any false alert in a run
  stays near alpha when the series really are Poisson) and k >= min_count (three events is a
  story; one event in a quiet place is not a surge whatever its p-value).

The Poisson model treats the baseline mean as the true rate; real event counts are more
variable (over-dispersed), so p-values are optimistic and alpha should stay small. The measured
false-alarm rate on stable synthetic series is in tests/analyse/test_alerts.py.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.analyse.periods import event_period, is_partial, period_label, period_start, periods_before
from sitrep.analyse.trends import UNCLAIMED, UNKNOWN, Series, json_ready, series
from sitrep.filters import ALERT_DIMENSIONS
from sitrep.records import DatasetEvent

DIMENSIONS = ALERT_DIMENSIONS  # the default; declared with the query vocabulary (sitrep/filters.py)
LAMBDA_FLOOR = 0.5
TEST_NAME = "one-sided Poisson P(X >= k | baseline mean), Bonferroni over the series tested"


@dataclass(frozen=True, slots=True)
class Alert:
    dimension: str  # "country", "admin1", "actor", "type", ...
    value: str  # "Syria", "Islamic State", ...
    period: str  # "2020-W03"
    start: dt.date
    count: int  # events in the latest period (k)
    fatalities: int
    baseline_mean: float  # mean events per period before it, unfloored
    baseline_periods: int
    expected: float  # λ the test used: the baseline mean, floored at LAMBDA_FLOOR
    ratio: float  # count / expected
    p_value: float
    threshold: float  # alpha / tests
    tests: int  # m, the number of series tested
    partial: bool  # the latest period is not over on the reference day
    test: str = TEST_NAME

    def to_dict(self) -> dict[str, object]:
        return json_ready(self)


def poisson_sf(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam). Above the mean the upper tail is summed directly, so tiny
    p-values keep their precision instead of vanishing in 1 - (almost 1)."""
    if k <= 0:
        return 1.0
    if lam <= 0:
        return 0.0
    if k > lam:
        return _upper_sum(k, lam)
    lower = sum(math.exp(_log_pmf(i, lam)) for i in range(k))
    return max(0.0, 1.0 - lower)


def _log_pmf(i: int, lam: float) -> float:
    return -lam + i * math.log(lam) - math.lgamma(i + 1)


def _upper_sum(k: int, lam: float) -> float:
    """Sum of the Poisson terms from k up: each term is the last times lam / i, so they fall
    from the first (k > lam) and the sum stops when they no longer change it."""
    term = math.exp(_log_pmf(k, lam))
    total, i = term, k
    while term > total * 1e-17:
        i += 1
        term *= lam / i
        total += term
    return min(1.0, total)


def surge_alerts(
    events: Sequence[DatasetEvent],
    period: str = "week",
    by: Sequence[str] = DIMENSIONS,
    baseline: int = 8,
    min_count: int = 3,
    alpha: float = 0.01,
    until: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Alert]:
    """Alerts for the latest period, strongest (smallest p) first; see the module docstring."""
    if baseline < 1 or not 0 < alpha < 1:
        raise ValueError("baseline must be >= 1 and alpha between 0 and 1")
    since = _window_start(events, period, baseline, until)
    tested = [c for dim in by for c in _candidates(series(events, period, dim, since, until), dim, baseline)]
    reference = until or today or dt.date.today()
    threshold = alpha / max(1, len(tested))
    alerts = [a for c in tested if (a := c.alert(threshold, len(tested), reference)) and a.count >= min_count]
    return sorted(alerts, key=lambda a: (a.p_value, a.dimension, a.value))


def _window_start(events: Sequence[DatasetEvent], period: str, baseline: int, until: dt.date | None) -> dt.date | None:
    """The first period the test reads: `baseline` periods before the latest one, or the first
    event's when that is later. Nothing earlier changes an alert, so a store spanning decades
    costs no more than one spanning weeks."""
    starts = [p for e in events if (p := event_period(e, period)) and (until is None or p <= until)]
    if not starts:
        return None
    latest = period_start(until, period) if until else max(starts)
    return max(min(starts), periods_before(latest, period, baseline))


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One series' latest period against its baseline, before the threshold is known."""

    dimension: str
    value: str
    series: Series
    counts: tuple[int, ...]  # baseline periods, then the latest
    fatalities: int

    def alert(self, threshold: float, tests: int, reference: dt.date) -> Alert | None:
        k, window = self.counts[-1], self.counts[:-1]
        mean = sum(window) / len(window)
        lam = max(mean, LAMBDA_FLOOR)
        p = poisson_sf(k, lam)
        if p >= threshold:
            return None
        start = self.series.starts[-1]
        return Alert(
            self.dimension,
            self.value,
            period_label(start, self.series.period),
            start,
            k,
            self.fatalities,
            mean,
            len(window),
            lam,
            k / lam,
            p,
            threshold,
            tests,
            is_partial(start, self.series.period, reference),
        )


def _candidates(s: Series, dimension: str, baseline: int) -> list[_Candidate]:
    """The series of one dimension that are tested: a named group, an earlier period to
    compare with, and at least one event in the window."""
    if len(s.starts) < 2:
        return []
    found = []
    for value, counts in s.events.items():
        window = tuple(counts[-(baseline + 1) :])
        if value not in (UNKNOWN, UNCLAIMED) and any(window):
            found.append(_Candidate(dimension, value, s, window, s.fatalities[value][-1]))
    return found
