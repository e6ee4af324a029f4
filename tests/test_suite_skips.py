"""A run without PostgreSQL or Chromium passes and says what it skipped and why (issue 10, item 3):
pytest runs here in a child process with both turned away (tests/components.py,
tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs pytest in child processes

ROOT = Path(__file__).parents[1]
CLOSED_PORT_URL = "postgresql://postgres@127.0.0.1:1/postgres"  # port 1: nothing listens there
PG_TEST = "tests/test_cli_unicode.py::test_a_document_a_library_caller_builds_is_skipped_alone"
BROWSER_TESTS = "tests/web/test_dashboard.py"


def pytest_run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SITREP_TEST_REQUIRE": "", **env}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--basetemp={tmp_path / 'run'}", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=600,
        check=False,
    )


def test_a_run_without_postgresql_and_chromium_passes_and_says_what_it_skipped(tmp_path: Path) -> None:
    run = pytest_run(
        tmp_path,
        PG_TEST,
        BROWSER_TESTS,
        SITREP_TEST_PG_URL=CLOSED_PORT_URL,
        SITREP_CHROMIUM=str(tmp_path / "no-chromium"),
    )
    assert run.returncode == 0, run.stdout[-3000:]
    lines = run.stdout.splitlines()
    summary = lines[lines.index(next(line for line in lines if "skipped, and why" in line)) + 1 :]
    pg = next(line for line in summary if line.startswith("PostgreSQL: 1 test(s) skipped"))
    assert (
        f"PostgreSQL not reachable at {CLOSED_PORT_URL}" in pg
        and "to run them: start PostgreSQL on 127.0.0.1:5432" in pg
    )
    browser = next(line for line in summary if line.startswith("Chromium: "))
    assert f"Chromium at {tmp_path / 'no-chromium'}" in browser and "apt-get install chromium" in browser
    assert any(line.startswith("SKIPPED [") for line in lines)  # pytest's own list (-rs)


def test_postgresql_can_be_turned_off(tmp_path: Path) -> None:
    run = pytest_run(tmp_path, PG_TEST, SITREP_TEST_PG_URL="off")
    assert run.returncode == 0 and "PostgreSQL tests turned off (SITREP_TEST_PG_URL=off)" in run.stdout, run.stdout


def test_a_required_component_that_is_missing_fails(tmp_path: Path) -> None:
    run = pytest_run(tmp_path, PG_TEST, SITREP_TEST_PG_URL=CLOSED_PORT_URL, SITREP_TEST_REQUIRE="postgresql")
    assert run.returncode == 1 and "(SITREP_TEST_REQUIRE asks for it)" in run.stdout, run.stdout[-3000:]
