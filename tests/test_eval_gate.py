"""Quality gate: extraction and geoparsing on the shared benchmark sets must not fall below the
pinned floors in tests/eval_floors.toml. The sets live beside the repository (../shared/benchmark); clones
without them skip this test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from sitrep.eval import evaluate, format_report
from sitrep.eval_geo import evaluate_geo, format_geo_report
from tests.components import SHARED, missing

BENCHMARK = SHARED / "benchmark"
FLOORS = Path(__file__).with_name("eval_floors.toml")
GATED_SETS = (
    "muc4-tst12",
    "wikievents-dev",
    "wikinews-en",
    "wikinews-fr",
    "wikinews-de",
    "opennews-es",
    "opennews-pt",
    "opennews-sv",
    "opennews-tr",
)
GEO_SETS = ("geo-gwn", "ner-norne-nb-dev")  # toponym sets, scored by `sitrep eval-geo`


def load_limits() -> dict[str, dict[str, dict[str, float]]]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8"))


def limit_failures(metrics: dict[str, Any], limits: dict[str, dict[str, float]]) -> list[str]:
    """Every metric outside its limit, as 'name value < floor' lines (all at once, not the first)."""
    failures = []
    for name, floor in limits.get("min", {}).items():
        value = metrics.get(name)
        if (0.0 if value is None else value) < floor:
            failures.append(f"{name} {value} < floor {floor}")
    for name, ceiling in limits.get("max", {}).items():
        value = metrics.get(name)
        if value is None or value > ceiling:
            failures.append(f"{name} {value} > ceiling {ceiling}")
    return failures


def test_every_gated_set_has_limits() -> None:
    limits = load_limits()
    for name in (*GATED_SETS, *GEO_SETS):
        assert limits.get(name, {}).get("min"), f"{FLOORS.name} has no [{name}.min] floors"


def test_limit_failures_reports_every_broken_limit() -> None:
    limits = {"min": {"f1": 0.5, "recall": 0.1, "precision": 0.2}, "max": {"traps_hit": 0}}
    metrics = {"f1": 0.4, "recall": None, "precision": 0.3, "traps_hit": 2}
    assert limit_failures(metrics, limits) == [
        "f1 0.4 < floor 0.5",
        "recall None < floor 0.1",
        "traps_hit 2 > ceiling 0",
    ]


def benchmark_set(set_name: str) -> Path:
    directory = BENCHMARK / set_name
    if not directory.is_dir():
        missing("shared", f"benchmark set {set_name} not found at {directory} (only the team checkout has ../shared)")
    return directory


@pytest.mark.parametrize("set_name", GATED_SETS)
def test_quality_floor(set_name: str) -> None:
    report = evaluate(benchmark_set(set_name))
    failures = limit_failures(report["metrics"], load_limits()[set_name])
    assert not failures, f"{set_name} below its floors:\n" + "\n".join(failures) + "\n\n" + format_report(report)


@pytest.mark.parametrize("set_name", GEO_SETS)
def test_geo_quality_floor(set_name: str) -> None:
    report = evaluate_geo(benchmark_set(set_name))
    assert not report["input_errors"], report["input_errors"][:5]
    failures = limit_failures(report["metrics"], load_limits()[set_name])
    assert not failures, f"{set_name} below its floors:\n" + "\n".join(failures) + "\n\n" + format_geo_report(report)
