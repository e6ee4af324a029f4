"""The static checks run with the tests (`make test`, CI): ruff's lint and format check, and mypy
over the sitrep package, as pyproject.toml configures them. A finding fails the test with the
tool's own report. A tool that is not installed skips, saying how to install it (the [test] extra
has both)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHECKED = ("sitrep", "tests", "bench", "scripts")  # ruff's; mypy's package is in pyproject.toml
TIMEOUT_S = 600  # a bound on a hung tool, not a speed check


def _tool(name: str) -> str:
    """The tool installed beside this Python (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _passes(*command: str) -> None:
    """Run a check; its findings, as it reports them, fail the test."""
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    if run.returncode != 0:
        pytest.fail(f"{' '.join(command)}\n{run.stdout}{run.stderr}"[:50_000], pytrace=False)


def test_ruff_finds_nothing() -> None:
    _passes(_tool("ruff"), "check", "--no-fix", *CHECKED)


def test_the_code_is_formatted() -> None:
    _passes(_tool("ruff"), "format", "--check", "--diff", *CHECKED)


def test_mypy_finds_nothing() -> None:
    # The packages mypy reads the types of are this Python's, wherever mypy itself is installed.
    _passes(_tool("mypy"), "--python-executable", sys.executable)
