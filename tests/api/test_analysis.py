"""GET /api/trends, /api/alerts, /api/places, /api/health, the OpenAPI schema, the dashboard
hook, and a store that is not there."""

from __future__ import annotations

import datetime as dt
import sys
import types
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sitrep.analyse import surge_alerts, trend
from sitrep.api import create_app
from sitrep.store import EventFilter, open_store


def test_monthly_trend_counts_events_and_fatalities(api: TestClient) -> None:
    body = api.get("/api/trends?period=month").json()
    rows = [(r["group"], r["period"], r["events"], r["fatalities"]) for r in body["rows"]]
    assert rows == [("all", "2021-03", 2, 15), ("all", "2021-04", 1, 12), ("all", "2021-05", 1, 3)]
    assert body["alerts"] == [] and body["left_out"] == {}
    assert body["rows"][1]["change"] == -1 and body["rows"][1]["start"] == "2021-04-01"


def test_trend_by_a_dimension_with_filters_and_a_window(api: TestClient) -> None:
    body = api.get(
        "/api/trends?period=month&by=country&type=Explosions/Remote%20violence&since=2021-03-01&until=2021-04-30"
    ).json()
    groups = {(r["group"], r["period"]): r["events"] for r in body["rows"]}
    assert groups == {
        ("Iraq", "2021-03"): 1,
        ("Iraq", "2021-04"): 0,
        ("Nigeria", "2021-03"): 1,
        ("Nigeria", "2021-04"): 0,
    }


def test_trend_is_the_library_trend_over_the_stored_events(api: TestClient, corpus_url: str) -> None:
    with open_store(corpus_url) as store:
        events = store.find_events(EventFilter())
    for period, by in (("week", "actor"), ("month", "claimant"), ("week", None)):
        query = f"period={period}&baseline=3" + (f"&by={by}" if by else "")
        body = api.get(f"/api/trends?{query}").json()
        assert body["rows"] == [r.to_dict() for r in trend(events, period, by, baseline=3)]


def test_alerts_pass_their_parameters_to_the_test(api: TestClient, corpus_url: str) -> None:
    # One event in the latest week against an empty baseline is no alert at the defaults, but
    # is one at a loose enough alpha and a minimum count of one.
    assert api.get("/api/alerts").json() == {"alerts": []}
    (alert,) = api.get("/api/alerts?by=country&alpha=0.999&min_count=1").json()["alerts"]
    assert (alert["dimension"], alert["value"], alert["period"], alert["count"]) == ("country", "Mali", "2021-W20", 1)
    with open_store(corpus_url) as store:
        events = store.find_events(EventFilter())
    expected = surge_alerts(events, "month", ("type",), 1, 1, 0.999, until=dt.date(2021, 4, 30))
    body = api.get("/api/alerts?period=month&by=type&baseline=1&min_count=1&alpha=0.999&until=2021-04-30")
    assert body.json()["alerts"] == [a.to_dict() for a in expected] != []
    expected = surge_alerts(events, "week", ("country", "actor"), 3, 1, 0.5)
    body = api.get("/api/alerts?by=country,actor&baseline=3&min_count=1&alpha=0.5")
    assert body.json()["alerts"] == [a.to_dict() for a in expected]


def test_trends_carry_the_alerts_of_their_series(api: TestClient) -> None:
    # A timeline marks the alerts of the series it draws: those /api/alerts finds for that dimension.
    body = api.get("/api/trends?period=week&by=country&baseline=2").json()
    alerts = api.get("/api/alerts?period=week&by=country&baseline=2").json()["alerts"]
    assert body["alerts"] == alerts


def test_place_search(api: TestClient) -> None:
    found = api.get("/api/places?q=kirkuk&limit=3").json()
    assert 1 <= len(found) <= 3
    assert (found[0]["name"], found[0]["country"]) == ("Kirkuk", "IQ")
    assert set(found[0]) == {"name", "country", "admin1", "lat", "lon", "geonameid", "feature_code", "population"}
    assert api.get("/api/places?q=mayad*").json()[0]["name"] == "Al Mayādīn"  # a prefix
    assert api.get("/api/places?q=zzqqxxnowhere").json() == []


def test_health_counts_the_events(api: TestClient) -> None:
    assert api.get("/api/health").json() == {"ok": True, "events": 4}


def test_openapi_schema_lists_every_endpoint_and_no_cdn_docs(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/events",
        "/api/events.geojson",
        "/api/events/{event_id}/review",
        "/api/events/{event_id}",
        "/api/documents/{doc_id}",
        "/api/trends",
        "/api/alerts",
        "/api/places",
        "/api/health",
        "/api/meta",
        "/api/watch",
        "/api/articles",
    }
    assert {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]} >= {
        "since",
        "until",
        "country",
        "admin1",
        "actor",
        "claimed_by",
        "type",
        "min_fatalities",
        "min_sources",
        "bbox",
        "text",
        "page",
        "page_size",
        "sort",
    }
    assert api.get("/docs").status_code == 404 and api.get("/redoc").status_code == 404


def test_a_missing_sqlite_store_is_a_503_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.db"
    with TestClient(create_app(str(path), token="")) as client:
        for url in ("/api/health", "/api/events", "/api/events/ev-1", "/api/trends", "/api/alerts"):
            response = client.get(url)
            assert response.status_code == 503
            assert str(path) in response.json()["detail"] and "no event store" in response.json()["detail"]
    assert not path.exists()


def test_an_unreachable_server_is_a_503() -> None:
    with TestClient(create_app("postgresql://nobody@127.0.0.1:1/none", token="")) as client:
        response = client.get("/api/events")
    assert response.status_code == 503 and "cannot connect" in response.json()["detail"]


def test_the_dashboard_is_mounted_when_its_package_is_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mounted: list[FastAPI] = []
    web = types.ModuleType("sitrep.web")
    web.mount = mounted.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sitrep.web", web)
    app = create_app(str(tmp_path / "x.db"))
    assert mounted == [app]


def test_the_api_runs_without_the_dashboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sitrep.web", None)  # importing it raises ImportError
    with TestClient(create_app(str(tmp_path / "x.db"))) as client:
        assert client.get("/").status_code == 404
        assert client.get("/api/health").status_code == 503
