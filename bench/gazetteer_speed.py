"""How long does the gazetteer take to build, how much memory, and how fast are lookups?

    python bench/gazetteer_speed.py              # bundled build into a temporary folder
    python bench/gazetteer_speed.py --geonames allCountries.txt [--alternate-names alternateNamesV2.txt]

The build runs in a fresh subprocess, so its peak memory is its own. Lookups are timed on
20,000 names of random places, cold (nothing remembered), in one batch and one at a time.
A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = 20_000


def build(folder: Path, geonames: str | None, alternates: str | None) -> tuple[float, float]:
    """Seconds and peak MiB of `sitrep gazetteer build --force` in a child process."""
    args = [sys.executable, "-m", "sitrep.cli", "gazetteer", "build", "--force", "--quiet"]
    args += ["--geonames", geonames] if geonames else []
    args += ["--alternate-names", alternates] if alternates else []
    start = time.perf_counter()
    subprocess.run(args, check=True, env={**os.environ, "SITREP_DATA": str(folder)})
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def lookups(folder: Path) -> tuple[float, float]:
    """Names per second: all at once, then one at a time."""
    os.environ["SITREP_DATA"] = str(folder)
    from sitrep.geo import gazetteer
    from sitrep.geo.normalize import normalise

    gaz = gazetteer.load()
    names = [row[0] for row in gaz.db.execute("SELECT name FROM places ORDER BY random() LIMIT ?", (NAMES,))]
    start = time.perf_counter()
    gaz.lookup(normalise(n) for n in names)
    batch = len(names) / (time.perf_counter() - start)
    gaz._remembered.clear()
    start = time.perf_counter()
    for name in names:
        gaz.names(name)
    return batch, len(names) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonames", help="a GeoNames dump to build from instead of the bundled data")
    parser.add_argument("--alternate-names", help="alternateNamesV2.txt, with --geonames")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seconds, mib = build(folder, args.geonames, args.alternate_names)
        size = (folder / "gazetteer.sqlite").stat().st_size / 2**20
        batch, single = lookups(folder)
    rows = [
        ("build", f"{seconds:.1f} s"),
        ("build peak memory", f"{mib:.0f} MiB"),
        ("file size", f"{size:.0f} MiB"),
        ("lookups, one batch", f"{batch:,.0f} names / s"),
        ("lookups, one at a time", f"{single:,.0f} names / s"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
