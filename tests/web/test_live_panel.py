"""The dashboard's live panel (Chromium through Playwright) over a store that real `sitrep watch
--once` runs filled: a folder of JSON Lines files and a feed URL where nothing listens. The panel
shows the last cycle, each source's state (the dead feed failing, with its reason), and on a second
visit the events new since the first, which a click lists; over a store never watched it stays
hidden."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from tests.run.sites import free_port
from tests.store.corpus import write_jsonl
from tests.web.conftest import ARTEFACTS, Dashboard, api_json, open_dashboard, serving

pytestmark = pytest.mark.slow  # drives Chromium


def watch_once(db: Path, *sources: str) -> None:
    result = CliRunner().invoke(main, ["watch", *sources, "--db", str(db), "--once", "--timeout", "2"])
    assert result.exit_code == 0, result.output


# Fixed times instead of the clock: the store keeps ingest times to the second, so the test says
# when each batch came in rather than waiting for the next second.
LONG_AGO = 946_684_800  # 2000-01-01, as a file's modification time
FIRST_BATCH = "2000-01-01T00:00:00+00:00"
VISIT = "2010-01-01T00:00:00Z"  # a visit after the first batch, before the second
BETWEEN = "2020-01-01T00:00:00+00:00"  # after that visit, before any visit made by the test's browser


def settled(path: Path) -> Path:
    """A file as a folder source reads it: written long ago, not still being written."""
    os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def ingested_at(db: Path, stamp: str) -> None:
    """Every document of the store ingested at `stamp`, as if the batches had come in then."""
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET ingested_at = ?", (stamp,))
    conn.close()


def wait_live(board: Dashboard) -> Any:
    board.page.wait_for_function("() => document.body.dataset.live === 'ready'")
    return board.page.locator("#live")


def event_ids(base: str, **params: str) -> set[str]:
    return {e["id"] for e in api_json(base, "/api/events", page_size=500, **params)["events"]}


def test_the_live_panel_shows_the_watch_and_what_is_new_since_the_last_visit(browser: Any, tmp_path: Path) -> None:
    from tests.web.corpus import IRAQ, NIGERIA

    wire = tmp_path / "wire"
    wire.mkdir()
    settled(write_jsonl(wire / "first.jsonl", IRAQ))
    dead = f"http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    db = tmp_path / "live.db"
    watch_once(db, str(wire), dead)
    ingested_at(db, FIRST_BATCH)
    with serving(str(db)) as base, open_dashboard(browser, base) as board:
        board.open()
        live = wait_live(board)
        assert live.is_visible()
        (cycle,) = api_json(base, "/api/watch")["cycles"]
        shown = live.locator(".live-cycle").inner_text()
        assert f"{cycle['documents']} new documents" in shown and f"{cycle['events_new']} new events" in shown
        assert "1 error" in shown and "Connection refused" in shown
        sources = live.locator(".live-source")
        assert sources.count() == 2
        failing = live.locator(".live-source.failing")
        assert failing.get_attribute("data-kind") == "feed" and dead in failing.inner_text()
        assert "1 cycle in a row" in failing.inner_text() and "Connection refused" in failing.inner_text()
        assert str(wire) in live.locator(".live-source:not(.failing)").inner_text()
        assert live.locator(".live-new").count() == 0  # a first visit: nothing to compare with
        visit = board.page.evaluate("() => localStorage.getItem('sitrep.lastVisit')")
        assert visit is not None and visit.endswith("Z")  # the visit is remembered, to the second
        board.page.evaluate(f"() => localStorage.setItem('sitrep.lastVisit', '{VISIT}')")
        before = event_ids(base)

        settled(write_jsonl(wire / "second.jsonl", NIGERIA))
        watch_once(db, str(wire), dead)
        new = event_ids(base) - before
        assert new and event_ids(base, ingested_since=VISIT) == new

        board.page.reload()
        board.wait_loaded(0)
        live = wait_live(board)
        assert live.locator(".live-new").get_attribute("data-count") == str(len(new))
        assert "2 cycles in a row" in live.locator(".live-source.failing").inner_text()
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        board.page.screenshot(path=str(ARTEFACTS / "live-panel.png"))  # for people to look at
        loads = board.loads()
        live.locator("button.live-show-new").click()
        board.wait_loaded(loads)
        assert set(board.rows()) == new
        assert "ingested_since=" in board.page.url and "Listing the" in live.locator(".live-new").inner_text()
        loads = board.loads()
        live.locator("button.live-show-all").click()
        board.wait_loaded(loads)
        assert set(board.rows()) == event_ids(base) and "ingested_since=" not in board.page.url

        # The visit just made is the last one now: a batch that came in before it is not new.
        ingested_at(db, BETWEEN)
        board.page.reload()
        board.wait_loaded(0)
        assert wait_live(board).locator(".live-new").get_attribute("data-count") == "0"


def test_the_live_panel_stays_hidden_over_a_store_never_watched(dashboard: Dashboard) -> None:
    dashboard.open()
    assert wait_live(dashboard).is_hidden()
