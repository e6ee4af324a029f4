"""The dashboard in a real browser (Debian's Chromium through Playwright) over a store of known
events: the map, the timeline and the table agree with the API, filters change all three, an event
opens with its evidence highlighted, hostile article text runs nothing, and nothing is fetched from
the internet. A screenshot is saved as a test artefact."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.web.conftest import ARTEFACTS, Dashboard, api_json
from tests.web.corpus import IMG_PAYLOAD, SCRIPT_PAYLOAD

pytestmark = pytest.mark.slow  # drives Chromium


def located(base: str, **filters: str) -> set[str]:
    """Ids of the events the API can place on a map."""
    features = api_json(base, "/api/events.geojson", **filters)["features"]
    return {f["properties"]["id"] for f in features if f["geometry"]}


def events(base: str, **params: str) -> list[dict[str, Any]]:
    return api_json(base, "/api/events", page_size=500, **params)["events"]


def weekly(base: str, **filters: str) -> dict[str, int]:
    return {r["period"]: r["events"] for r in api_json(base, "/api/trends", period="week", **filters)["rows"]}


def test_corpus_has_what_the_tests_need(server: str) -> None:
    """Guards the tests below against an extractor change emptying their point."""
    found = events(server)
    precisions = {e["location"]["precision"] for e in found if e["location"]}
    assert {e["location"]["country"] for e in found if e["location"]} == {"IQ", "NG", "ML"}
    assert {1, 2, 3} <= precisions, "the corpus should give exact, nearby and regional places"
    assert any(e["location"] is None for e in found), "one event should have no place"
    assert any(e["sources"] == 2 for e in found), "one event should have two sources"


def test_one_marker_per_located_event(dashboard: Dashboard) -> None:
    dashboard.open()
    drawn = dashboard.markers()
    assert sorted(drawn) == sorted(located(dashboard.base))
    assert len(drawn) < len(dashboard.rows()), "the unplaced event is listed but not drawn"
    # Imprecise places are areas (dashed translucent discs), not dots sized like exact places.
    for precision in (2, 3):
        area = dashboard.page.locator(f"path.event-marker.precision-{precision}").first
        assert area.get_attribute("stroke-dasharray")
        assert float(area.get_attribute("fill-opacity")) < 0.5


def test_timeline_and_table_show_every_event(dashboard: Dashboard) -> None:
    dashboard.open()
    assert dashboard.bars() == weekly(dashboard.base)
    assert dashboard.rows() == [e["id"] for e in events(dashboard.base)]
    # The week of the Mali surge carries the API's alert.
    alerts = api_json(dashboard.base, "/api/trends", period="week")["alerts"]
    assert alerts, "the corpus should raise a surge alert"
    for alert in alerts:
        assert dashboard.page.locator(f'.timeline-alert[data-period="{alert["period"]}"]').count() == 1
    assert "Mali" in dashboard.page.locator("#alerts").inner_text()


def test_country_filter_changes_map_timeline_and_table(dashboard: Dashboard) -> None:
    dashboard.open()
    before = (dashboard.markers(), dashboard.bars(), dashboard.rows())
    dashboard.apply(country="ML")
    after = (dashboard.markers(), dashboard.bars(), dashboard.rows())
    assert all(a != b for a, b in zip(after, before))
    assert sorted(after[0]) == sorted(located(dashboard.base, country="ML"))
    assert after[1] == weekly(dashboard.base, country="ML")
    assert after[2] == [e["id"] for e in events(dashboard.base, country="ML")]
    # The filtered view is in the URL: opening it again shows the same.
    assert "country=ML" in dashboard.page.url
    dashboard.page.goto(dashboard.page.url)
    dashboard.wait_loaded(0)
    assert dashboard.rows() == after[2]
    assert dashboard.page.locator("#filters [name=country]").input_value() == "ML"


def test_type_and_date_filters(dashboard: Dashboard) -> None:
    dashboard.open()
    dashboard.apply(type="Violence against civilians", since="2021-04-01")
    expected = events(dashboard.base, type="Violence against civilians", since="2021-04-01")
    assert dashboard.rows() == [e["id"] for e in expected]
    assert 0 < len(expected) < len(events(dashboard.base))


def test_the_filter_form_is_the_vocabulary(dashboard: Dashboard) -> None:
    """The form has a control for each filter /api/meta labels, in its order; a filter without one
    (min_sources) still reaches the API from a shared URL, and stays when the form is applied."""
    labelled = [f for f in api_json(dashboard.base, "/api/meta")["filters"] if f["label"]]
    assert labelled and "min_sources" not in [f["name"] for f in labelled]
    dashboard.open("?min_sources=2")
    controls = dashboard.page.locator("#filters label").evaluate_all(
        "ls => ls.map(l => [l.firstChild.textContent.trim(), l.lastElementChild.name])"
    )
    assert controls == [[f["label"], f["name"]] for f in labelled]
    expected = [e["id"] for e in events(dashboard.base, min_sources="2")]
    assert dashboard.rows() == expected and 0 < len(expected) < len(events(dashboard.base))
    dashboard.apply(country="IQ")
    assert dashboard.rows() == [e["id"] for e in events(dashboard.base, min_sources="2", country="IQ")]
    assert "min_sources=2" in dashboard.page.url


def test_the_map_legend_names_the_vocabularys_event_types(dashboard: Dashboard) -> None:
    """The types and their colours come from /api/meta (sitrep/acled.py), not from a list in the page."""
    (kinds,) = [f["values"] for f in api_json(dashboard.base, "/api/meta")["filters"] if f["kind"] == "event_type"]
    dashboard.open()
    legend = dashboard.page.locator(".legend .legend-row").evaluate_all(
        "rs => rs.map(r => [r.lastElementChild.textContent, r.firstElementChild.style.background])"
    )
    present = {e["event_type"] for e in events(dashboard.base)}
    shown = [(label, colour) for label, colour in legend if label in kinds]
    assert [label for label, _ in shown] == [k for k in kinds if k in present] and shown
    colours = {colour for _, colour in shown}
    assert len(colours) == len(shown) and "rgb(127, 140, 141)" not in colours  # each its own, none the grey of "other"


def test_event_detail_highlights_its_evidence(dashboard: Dashboard) -> None:
    dashboard.open()
    event_id = next(e["id"] for e in events(dashboard.base) if e["sources"] == 2)
    detail = api_json(dashboard.base, f"/api/events/{event_id}")
    dashboard.page.locator(f'tr.event-row[data-event-id="{event_id}"]').click()
    panel = dashboard.page.locator(f'#detail[data-event-id="{event_id}"]')
    panel.wait_for()
    assert f"event={event_id}" in dashboard.page.url
    text = panel.inner_text()
    for value in ("Islamic State", "Mosul", "Nineveh", "1 · the place itself", event_id):
        assert value in text
    for report in detail["reports"]:
        source = panel.locator(f'section.source[data-report-id="{report["report_id"]}"]')
        assert report["outlet"] in source.locator(".outlet").inner_text()
        for reason in report["decision"]["reasons"]:
            assert reason in source.inner_text()
        assert report["evidence"], "every report should have evidence"
        for span in report["evidence"]:
            marks = source.locator(f'.article-text mark[data-field="{span["field"]}"]')
            assert "".join(marks.all_text_contents()) == span["text"]
            assert set(marks.evaluate_all("ms => ms.map(m => m.title)")) == {span["field"]}
        assert source.locator(".article-text mark").first.is_visible()


def test_marker_opens_the_event(dashboard: Dashboard) -> None:
    dashboard.open()
    event_id = dashboard.markers()[-1]
    dashboard.page.locator(f'path.event-marker[data-event-id="{event_id}"]').click(force=True)
    dashboard.page.locator(f'#detail[data-event-id="{event_id}"]').wait_for()
    assert dashboard.page.locator(f'tr.event-row.selected[data-event-id="{event_id}"]').count() == 1


def test_article_markup_runs_nothing(unguarded_dashboard: Dashboard) -> None:
    """The payload article's text, outlet and URL are shown as text; nothing of them runs (with the
    page's Content-Security-Policy off, so that the escaping alone is tested)."""
    dashboard = unguarded_dashboard
    payload_event = events(dashboard.base, text="__pwned")
    assert len(payload_event) == 1
    dashboard.open(f"?event={payload_event[0]['id']}")
    panel = dashboard.page.locator("#detail .source")
    panel.wait_for()
    page = dashboard.page
    page.wait_for_load_state("networkidle")  # an injected <img> would have failed to load by now
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#detail img, #detail script, a[href^='javascript:']").count() == 0
    assert SCRIPT_PAYLOAD in panel.locator(".article-text").text_content()
    assert IMG_PAYLOAD in panel.locator(".outlet").text_content()
    assert "javascript:window.__pwned=3" in panel.locator(".url").text_content()


def test_filter_values_from_the_url_are_text(unguarded_dashboard: Dashboard) -> None:
    """A shared link is input too: its filter values reach the form and the API as text. (The
    free-text filters carry the payloads: country and type take fixed vocabularies, 400 otherwise.)"""
    dashboard = unguarded_dashboard
    actor = '<img src=x onerror="window.__pwned=4">'
    claimant = "<script>window.__pwned=5</script>"
    dashboard.open(f"?actor={quote(actor)}&claimed_by={quote(claimant)}")
    assert dashboard.page.locator("#filters [name=actor]").input_value() == actor
    assert dashboard.page.locator("#filters [name=claimed_by]").input_value() == claimant
    assert dashboard.rows() == []
    dashboard.page.wait_for_load_state("networkidle")
    assert dashboard.page.evaluate("typeof window.__pwned") == "undefined"


def test_works_offline(dashboard: Dashboard) -> None:
    """The base map is sitrep's own boundaries; the fixture fails the test on any outside request."""
    dashboard.open()
    dashboard.page.locator("#map[data-base=ready]").wait_for()
    boundaries = dashboard.page.locator(".leaflet-overlay-pane path:not(.event-marker)").count()
    assert boundaries > 200  # countries (Natural Earth 1:50m, through world-atlas)
    assert dashboard.page.locator(".leaflet-tile").count() == 0, "no tile layer unless the reader picks one"


def test_screenshot(dashboard: Dashboard) -> None:
    """The dashboard with an event open, saved for people to look at (tests/artefacts/)."""
    event_id = next(e["id"] for e in events(dashboard.base) if e["sources"] == 2)
    dashboard.open(f"?event={event_id}")
    dashboard.page.locator("#map[data-base=ready]").wait_for()
    dashboard.page.locator("#detail .article-text mark").first.wait_for()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    dashboard.page.screenshot(path=str(ARTEFACTS / "dashboard.png"))
    dashboard.page.screenshot(path=str(ARTEFACTS / "dashboard-full.png"), full_page=True)
    assert (ARTEFACTS / "dashboard.png").stat().st_size > 10_000


@pytest.mark.parametrize("order", ["-fatalities", "sources"])
def test_table_sorts_by_header(dashboard: Dashboard, order: str) -> None:
    dashboard.open()
    header = dashboard.page.locator(f'#events-table th[data-sort="{order.lstrip("-")}"]')
    for _ in range(1 if order.startswith("-") else 2):  # a first click sorts largest first
        with dashboard.page.expect_response(lambda r: "/api/events?" in r.url):
            header.click()
    direction = "descending" if order.startswith("-") else "ascending"
    # The header is marked in the same step that fills the rows.
    dashboard.page.locator(f'#events-table th[data-sort="{order.lstrip("-")}"][aria-sort="{direction}"]').wait_for()
    assert f"sort={order}" in dashboard.page.url
    assert dashboard.rows() == [e["id"] for e in events(dashboard.base, sort=order)][:100]


def test_overlapping_spans_nest_or_split(dashboard: Dashboard) -> None:
    """Spans inside others nest; a span crossing another's end continues in a second mark; each
    field's marks read exactly its span, and the text reads as before."""
    dashboard.open()
    text = "Gunmen killed three villagers near Gao on Monday"
    spans = [
        {"field": "fatalities", "start": 7, "end": 28},
        {"field": "actor2", "start": 20, "end": 28},
        {"field": "event_type", "start": 7, "end": 13},
        {"field": "location", "start": 20, "end": 38},
        {"field": "date", "start": 39, "end": 48},
        {"field": "same_as_date", "start": 39, "end": 48},
        {"field": "outside", "start": 40, "end": 99},
    ]
    result = dashboard.page.evaluate(
        """async ([text, spans]) => {
        const { highlighted } = await import('./static/highlight.js');
        const box = document.createElement('div');
        box.append(highlighted(text, spans));
        const marks = {};
        for (const m of box.querySelectorAll('mark')) {
            marks[m.dataset.field] = (marks[m.dataset.field] ?? '') + m.textContent;
        }
        return { text: box.textContent, marks, pieces: box.querySelectorAll('mark[data-field=location]').length };
    }""",
        [text, spans],
    )
    assert result["text"] == text
    expected = {s["field"]: text[s["start"] : s["end"]] for s in spans if s["end"] <= len(text)}
    assert result["marks"] == expected
    assert result["pieces"] == 2  # "villagers" inside fatalities, then " near Gao" after it


def test_a_refused_filter_shows_the_api_reason(dashboard: Dashboard) -> None:
    """Every panel asks with the filters, so each says why it was refused, in its own place."""
    dashboard.open()
    before = dashboard.loads()
    form = dashboard.page.locator("#filters")
    form.locator("[name=since]").fill("2021-05-01")
    form.locator("[name=until]").fill("2021-04-01")
    form.get_by_role("button", name="Apply").click()
    dashboard.wait_loaded(before)
    for panel in ("map", "timeline", "table"):
        error = dashboard.page.locator(f"#{panel}-panel .panel-error")
        assert error.is_visible() and "is after until" in error.inner_text(), panel
    assert dashboard.rows() == [] and dashboard.markers() == []
    # Chromium logs each refused request; those are the point of this test.
    dashboard.errors[:] = [e for e in dashboard.errors if "status of 400" not in e]
