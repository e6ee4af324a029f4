"""The dashboard over dates spanning decades, and with a panel whose data cannot be had: the map,
the timeline and the table load and fail on their own, the timeline opens where the events are
and draws decades by year, and no request the page makes is refused (Chromium, a real server)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import Dashboard, api_json
from tests.web.test_dashboard import events, located

pytestmark = pytest.mark.slow  # drives Chromium


def test_a_1966_event_among_2021_news_leaves_nothing_blank(decades_dashboard: Dashboard) -> None:
    """Stored dates spanning 55 years once made the weekly trends call a 400 that blanked the map,
    the table and the timeline."""
    board = decades_dashboard
    refused: list[str] = []
    board.page.on("response", lambda r: r.status >= 400 and refused.append(r.url))
    board.open()
    assert sorted(board.markers()) == sorted(located(board.base))
    assert board.rows() == [e["id"] for e in events(board.base)]
    assert any(e["date"] == "1966-03-12" for e in events(board.base)), "the corpus should hold the 1966 event"
    assert board.page.locator(".panel-error:visible, #banner:visible").count() == 0
    assert refused == [], "every request the page makes is answered"
    # The timeline opens on 2021, by week, where the events are, and says what it leaves out.
    window = api_json(board.base, "/api/trends", period="year")["window"]
    assert (window["first"], window["before"]) == ("1966-03-12", 1) and window["since"].startswith("2021")
    assert board.page.locator("#timeline").get_attribute("data-period") == "week"
    bars = board.bars()
    weekly = api_json(board.base, "/api/trends", period="week", since=window["since"])["rows"]
    assert bars == {r["period"]: r["events"] for r in weekly}
    assert all(period.startswith("2021-W") for period in bars) and sum(bars.values()) == window["dated"] - 1
    note = board.page.locator("#timeline-note")
    assert "1 earlier event lies outside" in note.inner_text()
    assert "per week" in board.page.locator("#timeline-title").inner_text()


def test_show_all_draws_decades_by_year(decades_dashboard: Dashboard) -> None:
    board = decades_dashboard
    board.open()
    board.page.locator("#timeline-note button.show-all").click()
    board.page.locator('#timeline[data-span="all"][data-period="year"]').wait_for()
    bars = board.bars()
    yearly = api_json(board.base, "/api/trends", period="year")["rows"]
    assert bars == {r["period"]: r["events"] for r in yearly}
    assert (min(bars), max(bars), bars["1966"]) == ("1966", "2021", 1)
    assert len(bars) == 2021 - 1966 + 1  # every year drawn, empty ones as zero bars
    assert "timeline=all" in board.page.url
    assert "per year" in board.page.locator("#timeline-title").inner_text()
    # And back to where most events are.
    board.page.locator("#timeline-note button.show-bulk").click()
    board.page.locator('#timeline[data-span="bulk"][data-period="week"]').wait_for()


def test_a_bar_narrows_the_dates_to_its_period(decades_dashboard: Dashboard) -> None:
    board = decades_dashboard
    board.open("?timeline=all")
    board.page.locator('#timeline[data-span="all"]').wait_for()
    before = board.loads()
    board.page.locator('.timeline-bar[data-period="1966"]').click()
    board.wait_loaded(before)
    assert "since=1966-01-01" in board.page.url and "until=1966-12-31" in board.page.url
    assert board.rows() == [e["id"] for e in events(board.base, since="1966-01-01", until="1966-12-31")]
    assert board.page.locator("#timeline").get_attribute("data-period") == "week"


def refuse_trends(board: Dashboard) -> list[str]:
    """Send the page's trends requests on with a period the server refuses (a real 400 from the
    real server, not a canned answer); the URLs refused."""
    rewritten: list[str] = []

    def rewrite(route: Any) -> None:
        url = route.request.url.replace("period=", "period=fortnight&ignored=")
        rewritten.append(url)
        route.continue_(url=url)

    board.page.route("**/api/trends?*", rewrite)
    return rewritten


def test_a_failing_timeline_leaves_the_map_and_table_working(decades_dashboard: Dashboard) -> None:
    board = decades_dashboard
    refused = refuse_trends(board)
    board.open()
    assert refused, "the page asked for trends"
    error = board.page.locator("#timeline-panel .panel-error")
    assert error.is_visible() and error.inner_text().startswith("Could not load the timeline: period: ")
    assert sorted(board.markers()) == sorted(located(board.base))
    assert board.rows() == [e["id"] for e in events(board.base)]
    assert board.page.locator("#map-panel .panel-error").is_hidden()
    assert board.page.locator("#table-panel .panel-error").is_hidden()
    assert board.page.locator("#banner").is_hidden()
    assert board.page.locator(".timeline-bar").count() == 0
    assert board.page.locator("#stat-events").inner_text() == str(len(events(board.base)))
    board.errors[:] = [e for e in board.errors if "status of 400" not in e]  # Chromium logs the refusals


def test_a_failing_table_leaves_the_map_and_timeline_working(dashboard: Dashboard) -> None:
    dashboard.page.route("**/api/events?*", lambda route: route.continue_(url=route.request.url + "&page_size=0"))
    dashboard.open()
    assert "page_size: " in dashboard.page.locator("#table-panel .panel-error").inner_text()
    assert dashboard.rows() == []
    assert sorted(dashboard.markers()) == sorted(located(dashboard.base))
    assert sum(dashboard.bars().values()) > 0
    assert dashboard.page.locator("#map-panel .panel-error, #timeline-panel .panel-error").evaluate_all(
        "es => es.every(e => e.hidden)"
    )
    dashboard.errors[:] = [e for e in dashboard.errors if "status of 400" not in e]


def test_dates_far_past_the_events_are_drawn_over_the_events(dashboard: Dashboard) -> None:
    """A shared link with until=2999-12-31 once asked for 50,000 weeks (a 400 that blanked the
    page): the timeline draws the events' weeks within the reader's dates."""
    refused: list[str] = []
    dashboard.page.on("response", lambda r: r.status >= 400 and refused.append(r.url))
    dashboard.open("?since=1800-01-01&until=2999-12-31")
    assert refused == []
    assert dashboard.page.locator("#timeline").get_attribute("data-period") == "week"
    assert dashboard.bars() == {
        r["period"]: r["events"] for r in api_json(dashboard.base, "/api/trends", period="week")["rows"]
    }
    assert dashboard.rows() == [e["id"] for e in events(dashboard.base)]
