"""`sitrep trends`, `sitrep alerts` and `sitrep export` over a store filled by `sitrep ingest`
from articles written here: eight quiet weeks in Syria (one killing a week), then a week with
one every day."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import sitrep.cli
from sitrep.analyse.trends import GROUPINGS
from sitrep.cli import main
from tests.store.conftest import BACKENDS, backend_url

TOWNS = ("Homs", "Hama", "Aleppo", "Idlib", "Latakia", "Tartus", "Daraa", "Palmyra")
MONTHS = ("January", "February", "March")
QUIET_START = dt.date(2020, 1, 8)  # a Wednesday in 2020-W02
SURGE_MONDAY = dt.date(2020, 3, 2)  # 2020-W10


def article(n: int, day: dt.date, town: str) -> str:
    text = (
        f"Gunmen shot dead three civilians in {town}, Syria, on {day.day} {MONTHS[day.month - 1]} 2020, officials said."
    )
    return json.dumps(
        {
            "id": f"a{n}",
            "text": text,
            "published": (day + dt.timedelta(days=1)).isoformat(),
            "language": "en",
            "source": "Test Wire",
        }
    )


def write_articles(path: Path, surge: bool) -> Path:
    days = [QUIET_START + dt.timedelta(weeks=w) for w in range(8)]
    days += [SURGE_MONDAY + dt.timedelta(days=d) for d in range(7)] if surge else [SURGE_MONDAY + dt.timedelta(days=2)]
    path.write_text("\n".join(article(n, day, TOWNS[n % len(TOWNS)]) for n, day in enumerate(days)) + "\n")
    return path


def ingested(db: str, folder: Path, surge: bool) -> str:
    result = CliRunner().invoke(main, ["ingest", "--quiet", "--db", db, str(write_articles(folder / "a.jsonl", surge))])
    assert result.exit_code == 0, result.output
    return db


# Every command over SQLite and over a real PostgreSQL server (skipped without SITREP_TEST_PG_URL).
@pytest.fixture(scope="module", params=BACKENDS)
def surge_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("surge")
    with backend_url(request.param, folder) as url:
        yield ingested(url, folder, surge=True)


@pytest.fixture(scope="module", params=BACKENDS)
def quiet_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("quiet")
    with backend_url(request.param, folder) as url:
        yield ingested(url, folder, surge=False)


def run(*args: str) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout, result.stderr


def test_trends_jsonl_weekly(surge_db: str) -> None:
    rows = [json.loads(line) for line in run("trends", "--db", surge_db, "--format", "jsonl")[0].splitlines()]
    assert [(r["period"], r["events"]) for r in rows] == [(f"2020-W{w:02d}", 1) for w in range(2, 10)] + [
        ("2020-W10", 7)
    ]
    assert rows[-1]["baseline_mean"] == 1.0 and rows[-1]["baseline_change_pct"] == 600.0
    assert sum(r["fatalities"] for r in rows) == 45


def test_trends_table_and_csv_by_country(surge_db: str) -> None:
    table = run("trends", "--db", surge_db, "--by", "country", "--since", "2020-02-24")[0]
    assert table.splitlines()[0].split() == [
        "group",
        "period",
        "events",
        "vs",
        "prev",
        "%",
        "baseline",
        "vs",
        "base",
        "%",
        "fatalities",
    ]
    assert "Syria" in table and "2020-W10" in table and "+600%" in table
    rows = list(csv.DictReader(io.StringIO(run("trends", "--db", surge_db, "--by", "country", "--format", "csv")[0])))
    assert rows[-1]["group"] == "Syria" and rows[-1]["events"] == "7"


def test_trends_and_alerts_by_year(surge_db: str) -> None:
    rows = [
        json.loads(line)
        for line in run("trends", "--db", surge_db, "--period", "year", "--format", "jsonl")[0].splitlines()
    ]
    assert [(r["period"], r["events"], r["start"]) for r in rows] == [("2020", 15, "2020-01-01")]
    assert run("alerts", "--db", surge_db, "--period", "year")[0].strip() == "No surge alerts."


def test_trends_plot(surge_db: str, tmp_path: Path) -> None:
    _out, err = run("trends", "--db", surge_db, "--plot", str(tmp_path / "chart.png"))
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG") and "chart written" in err


def test_alerts_flag_the_surge(surge_db: str) -> None:
    alerts = [json.loads(line) for line in run("alerts", "--db", surge_db, "--format", "jsonl")[0].splitlines()]
    syria = next(a for a in alerts if a["dimension"] == "country")
    assert (syria["value"], syria["period"], syria["count"], syria["baseline_mean"]) == ("Syria", "2020-W10", 7, 1.0)
    assert syria["p_value"] < syria["threshold"]
    table = run("alerts", "--db", surge_db, "--by", "country,type")[0]
    assert "Syria" in table and "Violence against civilians" in table and "Poisson" in table


def test_no_alerts_on_a_quiet_store(quiet_db: str) -> None:
    assert run("alerts", "--db", quiet_db)[0].strip() == "No surge alerts."


def test_export_csv_jsonl_geojson(surge_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", surge_db, "--format", "csv")[0])))
    assert len(rows) == 15 and {r["country"] for r in rows} == {"Syria"} and rows[0]["event_id_cnty"][:3] == "SYR"
    assert all(r["notes"].startswith("On ") and r["source"] == "Test Wire" for r in rows)
    lines = run("export", "--db", surge_db, "--format", "jsonl", "--since", "2020-03-01")[0].splitlines()
    assert len(lines) == 7
    doc = json.loads(run("export", "--db", surge_db, "--format", "geojson", "--country", "SY")[0])
    assert len(doc["features"]) == 15 and doc["features"][0]["geometry"]["type"] == "Point"


def test_export_parquet_needs_a_file(surge_db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", surge_db, "--format", "parquet"])
    assert result.exit_code == 2 and "-o FILE" in result.output
    _out, err = run("export", "--db", surge_db, "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 15 and "15 event(s) written" in err


def test_bad_options() -> None:
    assert CliRunner().invoke(main, ["alerts", "--by", "colour"]).exit_code == 2
    assert CliRunner().invoke(main, ["trends", "--plot", "chart.pdf"]).exit_code == 2


def test_cli_dimensions_match_the_library() -> None:
    assert sitrep.cli._TREND_DIMENSIONS == GROUPINGS
