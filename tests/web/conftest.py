"""Dashboard fixtures: a store of the articles in tests/web/corpus.py, the API and dashboard served by
uvicorn on a free local port, and Debian's Chromium driven by Playwright (never a downloaded browser).

Every page the tests open refuses requests to any host but the local server and records them, and
records console errors; a test that caused either fails when its page is closed.
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest

from tests.components import CHROMIUM, chromium_unavailable, missing

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NO_CHROMIUM = (
    f"browser tests need Chromium at {CHROMIUM}: `apt-get install chromium` (Debian), or set "
    "SITREP_CHROMIUM to a Chromium binary; Playwright's own browser download is not used"
)
ARTEFACTS = Path(os.environ.get("SITREP_TEST_ARTEFACTS") or Path(__file__).parents[1] / "artefacts")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def ingested(folder: Path, articles: list[dict[str, str]]) -> str:
    """A SQLite store in `folder` holding the articles."""
    from sitrep.read import read_inputs
    from sitrep.store import open_store
    from sitrep.run import ingest_documents
    from tests.store.corpus import write_jsonl

    db = str(folder / "web.db")
    with open_store(db) as store:
        ingest_documents(store, read_inputs([str(write_jsonl(folder / "articles.jsonl", articles))]))
    return db


@contextmanager
def serving(db: str, token: str = "") -> Iterator[str]:
    """The base URL of sitrep's app (API and dashboard) over the store `db`, served by uvicorn on a
    free local port in a thread; writes need `token` ("": disabled)."""
    import uvicorn

    from sitrep.api import create_app

    # No websockets, no lifespan: nothing the dashboard needs, and fewer imports in the thread.
    config = uvicorn.Config(
        create_app(db, token=token),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        ws="none",
        lifespan="off",
        http="h11",
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = instance.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the dashboard corpus."""
    from tests.web.corpus import ARTICLES

    return ingested(tmp_path_factory.mktemp("web"), ARTICLES)


@pytest.fixture(scope="session")
def server(web_db: str) -> Iterator[str]:
    """The base URL of sitrep's app over the corpus store."""
    with serving(web_db) as base:
        yield base


@pytest.fixture(scope="session")
def decades_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over the corpus plus an event of 1966 and a Norwegian report placed relative to a
    town (tests/web/corpus.py: DECADES)."""
    from tests.web.corpus import DECADES

    with serving(ingested(tmp_path_factory.mktemp("decades"), DECADES)) as base:
        yield base


def api_json(base: str, path: str, **params: str | int) -> Any:
    """A JSON response of the test server (what the dashboard is expected to show)."""
    query = f"?{urlencode(params)}" if params else ""
    with urllib.request.urlopen(f"{base}{path}{query}", timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if chromium_unavailable():
        missing("chromium", NO_CHROMIUM)
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser tests need the playwright package")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class Dashboard:
    """A browser page on the dashboard, with what it asked of other hosts and what went wrong."""

    page: Any
    base: str
    external: list[str] = field(default_factory=list)  # requests to hosts other than the test server
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def open(self, query: str = "") -> None:
        self.page.goto(f"{self.base}/{query}")
        self.wait_loaded(0)

    def loads(self) -> int:
        """How many times the page has loaded its data (each filter change is one more)."""
        return int(self.page.evaluate("Number(document.body.dataset.loads || 0)"))

    def wait_loaded(self, after: int) -> None:
        # A function, not an expression: the page's policy forbids eval, which an expression would need.
        self.page.wait_for_function("after => Number(document.body.dataset.loads || 0) > after", arg=after)

    def apply(self, **filters: str) -> None:
        """Fill the filter form as a reader would, press Apply and wait for the new data."""
        before = self.loads()
        form = self.page.locator("#filters")
        for name, value in filters.items():
            box = form.locator(f"[name={name}]")
            if box.evaluate("e => e.tagName") == "SELECT":
                box.select_option(value)
            else:
                box.fill(value)
        form.get_by_role("button", name="Apply").click()
        self.wait_loaded(before)

    def markers(self) -> list[str]:
        """The event ids of the event layers drawn on the map."""
        return self.page.locator("path.event-marker").evaluate_all("ps => ps.map(p => p.dataset.eventId)")

    def rows(self) -> list[str]:
        return self.page.locator("tr.event-row").evaluate_all("rs => rs.map(r => r.dataset.eventId)")

    def bars(self) -> dict[str, int]:
        """Timeline: events per week, by ISO week label."""
        found = self.page.locator(".timeline-bar").evaluate_all(
            "bs => bs.map(b => [b.dataset.period, Number(b.dataset.events)])"
        )
        return dict(found)


@contextmanager
def open_dashboard(browser: Any, server: str, bypass_csp: bool = False) -> Iterator[Dashboard]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    board = Dashboard(page, server)

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            board.external.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.on("console", lambda m: m.type == "error" and board.errors.append(m.text))
    page.on("pageerror", lambda e: board.errors.append(str(e)))
    yield board
    context.close()
    assert board.external == [], "the dashboard asked other hosts for something"
    assert board.errors == [], "the page logged errors"


@pytest.fixture
def dashboard(browser: Any, server: str) -> Iterator[Dashboard]:
    """A page under the dashboard's own Content-Security-Policy (a violation is a console error)."""
    with open_dashboard(browser, server) as board:
        yield board


@pytest.fixture
def decades_dashboard(browser: Any, decades_server: str) -> Iterator[Dashboard]:
    """The dashboard over the store spanning 1966 to 2021."""
    with open_dashboard(browser, decades_server) as board:
        yield board


@pytest.fixture
def unguarded_dashboard(browser: Any, server: str) -> Iterator[Dashboard]:
    """A page with the Content-Security-Policy switched off, which alone would block an inline
    handler: what runs or not here depends on the escaping only."""
    with open_dashboard(browser, server, bypass_csp=True) as board:
        yield board
