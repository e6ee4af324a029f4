"""What some tests need beyond the Python packages, found once per run.

- PostgreSQL: the server $SITREP_TEST_PG_URL names, else the local one the ground rules provide,
  postgresql://postgres@127.0.0.1:5432/postgres (trust authentication), if it answers within
  PG_CONNECT_SECONDS. SITREP_TEST_PG_URL=off turns the PostgreSQL tests off.
- Chromium: $SITREP_CHROMIUM, else Debian's /usr/bin/chromium, driven by Playwright (never a
  browser Playwright downloads).
- ../shared: the benchmark sets beside the repository, for the evaluation gate.

A test that lacks one is skipped with a reason naming the component (`missing`); the root
conftest.py says at the end of the run how many tests each missing component skipped and how to
provide it. SITREP_TEST_REQUIRE=postgresql,chromium,shared makes those tests fail instead, for a
run (CI) that must not pass without them.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

LOCAL_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_CONNECT_SECONDS = 2
OFF = "off"
CHROMIUM = os.environ.get("SITREP_CHROMIUM") or "/usr/bin/chromium"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass(frozen=True)
class Component:
    key: str  # as SITREP_TEST_REQUIRE names it
    name: str  # as skip reasons name it: how the summary tells whose skip a reason is
    provide: str  # how to provide it


COMPONENTS = (
    Component(
        "postgresql",
        "PostgreSQL",
        f"start PostgreSQL on 127.0.0.1:5432 with trust authentication ({LOCAL_PG_URL}), "
        "or set SITREP_TEST_PG_URL to a server where the tests may create databases",
    ),
    Component(
        "chromium",
        "Chromium",
        "`apt-get install chromium` (Debian's, at /usr/bin/chromium), or set SITREP_CHROMIUM to a Chromium binary",
    ),
    Component(
        "shared", "../shared", f"check out the shared folder (benchmark sets) beside the repository, at {SHARED}"
    ),
)


def missing(key: str, reason: str) -> None:
    """Skip the test for want of a component (`reason` names it); fail instead when
    SITREP_TEST_REQUIRE lists the component."""
    required = {k.strip() for k in os.environ.get("SITREP_TEST_REQUIRE", "").split(",") if k.strip()}
    if key in required:
        pytest.fail(f"{reason} (SITREP_TEST_REQUIRE asks for it)", pytrace=False)
    pytest.skip(reason)


@functools.cache
def pg_url() -> str | None:
    """The PostgreSQL server the tests may use (they create and drop databases of their own
    there), or None when there is none; `pg_unavailable` says why."""
    return None if pg_unavailable() else _pg_candidate()


def _pg_candidate() -> str:
    return os.environ.get("SITREP_TEST_PG_URL") or LOCAL_PG_URL


@functools.cache
def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run (a skip reason), or None when they can."""
    if os.environ.get("SITREP_TEST_PG_URL", "").strip().lower() == OFF:
        return "PostgreSQL tests turned off (SITREP_TEST_PG_URL=off)"
    url = _pg_candidate()
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=PG_CONNECT_SECONDS, autocommit=True).close()
    except psycopg.Error as e:
        # 'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection refused'
        why = (str(e).strip().splitlines() or [type(e).__name__])[0].rpartition("failed: ")[2]
        return f"PostgreSQL not reachable at {url} ({' '.join(why.split())})"
    return None


def chromium_unavailable() -> str | None:
    if not Path(CHROMIUM).is_file():
        return f"Chromium not found at {CHROMIUM}"
    return None
