"""A re-run over stored input compiles no language pack: the store is asked which documents it
holds before anything is extracted, in this process, in pool workers and with Ray.

Observed from outside the code under test: each `sitrep ingest` runs in a fresh interpreter with
an audit hook that logs every pack data file opened (sitrep/lang/**/*.toml), in it and in the
workers it forks. Reading articles needs a few pack files (language codes, dateline months), so
the re-run may open only what reading the same input alone opens; the first ingest, which
compiles the packs, opens more (the check that the observation works).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs `sitrep ingest` in child processes, Ray among them

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"  # files of one article (read by workers) and a JSON Lines collection

# argv: the log file, then what to run: "read PATH" or the arguments of `sitrep`.
OBSERVED = """
import os, sys
from pathlib import Path

import sitrep.lang

packs = str(Path(sitrep.lang.__file__).parent)
log = os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND | os.O_CREAT)

def hook(event, args):
    # os.write is not audited, so the hook does not call itself; forked workers inherit it.
    if event == "open" and isinstance(args[0], str) and args[0].startswith(packs) and args[0].endswith(".toml"):
        os.write(log, (os.path.relpath(args[0], packs) + "\\n").encode())

sys.addaudithook(hook)
if sys.argv[2] == "read":
    from sitrep.read import read_inputs
    print(sum(1 for _ in read_inputs([sys.argv[3]])))
else:
    from sitrep.cli import main
    main(sys.argv[2:])
"""


def opened_packs(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    """The pack files a fresh interpreter opened running `args`, and its stdout."""
    log = tmp_path / f"opened-{len(list(tmp_path.glob('opened-*')))}.log"
    done = subprocess.run(
        [sys.executable, "-c", OBSERVED, str(log), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(log.read_text().split()) if log.exists() else set(), done.stdout


def unchanged(summary: str) -> tuple[int, int]:
    """(new, unchanged) from an ingest's summary line."""
    m = re.search(r"documents: (\d+) new, (\d+) unchanged", summary)
    assert m, summary
    return int(m[1]), int(m[2])


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str], int]:
    """A store holding examples/, the pack files reading examples/ alone opens, and how many documents it holds."""
    tmp = tmp_path_factory.mktemp("rerun")
    db = tmp / "store.db"
    reading, _ = opened_packs(tmp, "read", str(EXAMPLES))
    compiling, out = opened_packs(tmp, "ingest", str(EXAMPLES), "--db", str(db), "--workers", "1", "--no-progress")
    new, _ = unchanged(out)
    assert new > 0 and compiling - reading, "the first ingest should compile packs: the observation sees nothing"
    return db, reading, new


@pytest.mark.parametrize(
    "engine",
    [["--workers", "1"], ["--workers", "2"], ["--engine", "ray", "--workers", "1"]],
    ids=["one-process", "pool", "ray"],
)
def test_a_rerun_over_stored_input_compiles_no_pack(
    stored: tuple[Path, set[str], int], engine: list[str], tmp_path: Path
) -> None:
    if "ray" in engine:
        pytest.importorskip("ray", reason="Ray is not installed (pip install 'sitrep[ray]')")
    db, reading, documents = stored
    opened, out = opened_packs(tmp_path, "ingest", str(EXAMPLES), "--db", str(db), *engine, "--no-progress")
    assert unchanged(out.splitlines()[-1]) == (0, documents)
    assert opened <= reading, f"a re-run of stored input opened pack files: {sorted(opened - reading)}"
