"""How long does a gazetteer take to build from a full GeoNames dump, and how much memory?

    python bench/gazetteer_full.py                       # synthetic dumps of 1M and 3M rows
    python bench/gazetteer_full.py --rows 200000 500000  # other sizes (two or more for the fit)

GeoNames' allCountries.txt (12.4M rows) is not on a build machine, so this writes SYNTHETIC dumps
in its format (19 tab-separated columns) and an alternateNamesV2.txt beside each: random but
realistic-length names, GeoNames' mix of feature classes and codes (approximate, from its
statistics page), 30 % of rows with alternate names in several scripts, most places without a
population, and 1.4 alternateNamesV2 rows per place (links and postcodes among them). Each
`sitrep gazetteer build --geonames ... --alternate-names ...` runs in a fresh child process, so
its peak memory is its own. Seconds and peak memory are fitted to a line over the sizes and
extrapolated to 12.4M rows: an EXTRAPOLATION from synthetic dumps, not a measurement on the real
one. A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ALL_COUNTRIES_ROWS = 12_400_000
SEED = 15
# (feature class, share of rows, codes with their share within the class); approximate.
FEATURES = [
    ("P", 0.38, {"PPL": 0.87, "PPLX": 0.05, "PPLA4": 0.02, "PPLA3": 0.02, "PPLL": 0.02, "PPLA2": 0.01, "PPLH": 0.01}),
    ("H", 0.20, {"STM": 0.45, "LK": 0.15, "RSV": 0.1, "SPNG": 0.1, "BAY": 0.1, "WLL": 0.1}),
    ("T", 0.18, {"MT": 0.35, "HLL": 0.35, "PK": 0.1, "VAL": 0.1, "ISL": 0.1}),
    ("S", 0.16, {"SCH": 0.3, "CH": 0.25, "HTL": 0.2, "FRM": 0.15, "BLDG": 0.1}),
    ("L", 0.045, {"LCTY": 0.5, "PRK": 0.3, "AREA": 0.2}),
    ("A", 0.035, {"ADM1": 0.01, "ADM2": 0.1, "ADM3": 0.5, "ADM4": 0.3, "ADMD": 0.09}),
    ("V", 0.005, {"FRST": 1.0}),
    ("R", 0.004, {"RD": 1.0}),
    ("U", 0.001, {"SMU": 1.0}),
]
COUNTRIES = ["US", "CN", "IN", "RU", "MX", "BR", "ID", "NG", "IR", "DE", "FR", "SY", "IQ", "AF", "NO", "UA", "TR"]
SYLLABLES = "ka ri mo sa lu na de vi to ba el an or ha zu qi ye shi tal abu mar san ber gor vo".split()
CYRILLIC = "ко ри мо са лу на де ви то ба ель ан ор".split()
ARABIC = "كا ري مو سا لو نا دي في تو با".split()
OTHER = "京 山 川 市 村 Ελ λά δα".split()  # scripts the build leaves out
ALT_LANGS = ["en", "de", "fr", "es", "ru", "ar", "fa", "zh", "link", "post", "wkdt", "iata"]


def word(rng: random.Random, syllables: list[str], joiner: str = "") -> str:
    return joiner.join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def name(rng: random.Random) -> str:
    words = [word(rng, SYLLABLES).capitalize() for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))]
    return " ".join(words)


def alternate(rng: random.Random) -> str:
    script = rng.random()
    if script < 0.7:
        return name(rng)
    if script < 0.8:
        return word(rng, CYRILLIC).capitalize()
    if script < 0.85:
        return word(rng, ARABIC)
    return word(rng, OTHER)


def feature(rng: random.Random) -> tuple[str, str]:
    fclass, _share, codes = rng.choices(FEATURES, weights=[f[1] for f in FEATURES])[0]
    return fclass, rng.choices(list(codes), weights=list(codes.values()))[0]


def population(rng: random.Random, fclass: str) -> int:
    if fclass not in "PA" or rng.random() < 0.85:
        return 0
    return int(rng.lognormvariate(7.5, 1.8))


def write_dump(folder: Path, rows: int) -> tuple[Path, Path]:
    """allCountries.txt and alternateNamesV2.txt of `rows` synthetic places."""
    rng = random.Random(SEED)
    dump, alternates = folder / f"allCountries-{rows}.txt", folder / f"alternateNamesV2-{rows}.txt"
    alt_id = 0
    with dump.open("w", encoding="utf-8") as places, alternates.open("w", encoding="utf-8") as alts:
        for gid in range(1, rows + 1):
            fclass, code = feature(rng)
            own = name(rng)
            others = ",".join(alternate(rng) for _ in range(rng.randint(1, 8))) if rng.random() < 0.3 else ""
            cc = rng.choice(COUNTRIES)
            lat, lon = round(rng.uniform(-60, 75), 5), round(rng.uniform(-180, 180), 5)
            cols = [gid, own, own, others, lat, lon, fclass, code, cc, "", f"{rng.randint(1, 40):02d}"]
            cols += [str(rng.randint(1, 300)), "", "", population(rng, fclass), "", rng.randint(0, 3000)]
            places.write("\t".join(map(str, cols)) + "\tEurope/Oslo\t2024-01-01\n")
            for _ in range(int(1.4 + rng.random())):  # 1.4 alternateNamesV2 rows per place on average
                alt_id += 1
                lang = rng.choice(ALT_LANGS)
                text = {"link": f"https://en.wikipedia.org/wiki/{gid}", "post": str(rng.randint(10000, 99999))}
                alts.write(f"{alt_id}\t{gid}\t{lang}\t{text.get(lang) or alternate(rng)}\t\t\t\t\t\t\n")
    return dump, alternates


def build(folder: Path, dump: Path, alternates: Path) -> tuple[float, float]:
    """Seconds and peak MiB of one build, in a child that reports its own child's peak memory."""
    measure = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    args = [sys.executable, "-m", "sitrep.cli", "gazetteer", "build", "--force", "--quiet"]
    args += ["--geonames", str(dump), "--alternate-names", str(alternates)]
    env = {**os.environ, "SITREP_DATA": str(folder)}
    out = subprocess.run([sys.executable, "-c", measure, *args], check=True, env=env, capture_output=True, text=True)
    seconds, mib = out.stdout.split()[-2:]
    return float(seconds), float(mib)


def fit(xs: list[int], ys: list[float], at: int) -> float:
    """Least-squares line through (xs, ys), read at `at`."""
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return my + slope * (at - mx) if n > 1 else ys[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 3_000_000])
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for rows in args.rows:
            started = time.perf_counter()
            dump, alternates = write_dump(folder, rows)
            written = time.perf_counter() - started
            seconds, mib = build(folder, dump, alternates)
            size = (folder / "gazetteer.sqlite").stat().st_size / 2**20
            results.append((rows, seconds, mib))
            print(
                f"{rows:>10,} rows (written in {written:.0f} s): build {seconds:.0f} s, {rows / seconds:,.0f} rows/s, "
                f"peak {mib:.0f} MiB, file {size:.0f} MiB",
                flush=True,
            )
            dump.unlink()
            alternates.unlink()
    xs = [r for r, _s, _m in results]
    seconds = fit(xs, [s for _r, s, _m in results], ALL_COUNTRIES_ROWS)
    mib = fit(xs, [m for _r, _s, m in results], ALL_COUNTRIES_ROWS)
    print(
        f"extrapolated to {ALL_COUNTRIES_ROWS:,} rows (allCountries.txt), from SYNTHETIC dumps: "
        f"build about {seconds / 60:.0f} min, peak about {mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()
