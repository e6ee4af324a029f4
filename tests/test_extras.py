"""Optional features (pyproject.toml's extras): the core imports none of their packages, and a
feature whose packages are missing says in one line which extra to install. CI also installs the
core alone in a fresh venv and extracts with it (.ci/run)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sitrep.errors import EXTRAS, MissingExtra, needs_extra

ROOT = Path(__file__).parents[1]
EXTRA_MODULES = sorted({m for modules in EXTRAS.values() for m in modules})


def test_a_missing_package_of_an_extra_names_the_extra() -> None:
    with pytest.raises(MissingExtra) as caught, needs_extra("parquet", "Parquet export"):
        raise ModuleNotFoundError("No module named 'pyarrow.parquet'", name="pyarrow.parquet")
    assert str(caught.value) == (
        "Parquet export needs the optional dependencies of sitrep[parquet]: pip install 'sitrep[parquet]'"
    )


def test_any_other_missing_module_is_a_bug_and_raised_as_it_is() -> None:
    with pytest.raises(ModuleNotFoundError), needs_extra("plot", "--plot"):
        raise ModuleNotFoundError("No module named 'pyarrow'", name="pyarrow")  # not the plot extra's


@pytest.mark.slow  # imports sitrep in a fresh interpreter
def test_the_core_imports_no_package_of_an_extra() -> None:
    code = (
        "import sys, sitrep, sitrep.cli, sitrep.run, sitrep.store, sitrep.analyse, sitrep.analyse.export; "
        "sitrep.extract('Gunmen killed three people in Kabul on Monday.', lang='en'); "
        f"print(sorted(m for m in {EXTRA_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_every_extra_is_declared_and_the_core_dependencies_hold_none() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(EXTRAS) <= set(project["optional-dependencies"])
    core = " ".join(project["dependencies"])
    for extra in EXTRAS:
        for requirement in project["optional-dependencies"][extra]:
            assert requirement.split(">")[0] not in core, requirement
