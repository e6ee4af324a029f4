"""GET /api/events, /api/events.geojson, /api/events/{id}, /api/documents/{id} over the store
corpus (four events: Kirkuk with three reports, Maiduguri, Mogadishu, Gao), on both backends."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import app as app_module
from sitrep.store import EventFilter
from sitrep.store.queries import SORTS

ALL = {"Kirkuk", "Maiduguri", "Mogadishu", "Gao"}


def places(api: TestClient, query: str = "", path: str = "/api/events") -> list[str]:
    response = api.get(f"{path}?{query}")
    assert response.status_code == 200, response.text
    body = response.json()
    return [e["location"]["name"] for e in body["events"]]


def test_events_list_every_event_newest_first_with_notes(api: TestClient) -> None:
    body = api.get("/api/events").json()
    assert (body["total"], body["page"], body["page_size"]) == (4, 1, 100)
    assert [e["location"]["name"] for e in body["events"]] == ["Gao", "Mogadishu", "Maiduguri", "Kirkuk"]
    kirkuk = body["events"][-1]
    assert kirkuk["sources"] == 3 and len(kirkuk["documents"]) == 4  # the syndicated copy counts once
    assert (
        kirkuk["notes"]
        == "On 3 March 2021, an explosive device hit Police Forces of Iraq near Kirkuk, killing six and wounding seven."
    )
    assert {
        "id",
        "date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "claimed_by",
        "fatalities",
        "fatalities_count",
        "wounded",
        "confidence",
        "documents",
    } <= kirkuk.keys()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2021-04-01", {"Mogadishu", "Gao"}),
        ("until=2021-03-09", {"Kirkuk", "Maiduguri"}),
        ("since=2021-03-04&until=2021-04-30", {"Maiduguri", "Mogadishu"}),
        ("country=ng", {"Maiduguri"}),
        ("admin1=BORNO", {"Maiduguri"}),
        ("actor=shabaab", {"Mogadishu"}),  # actor1
        ("actor=Military%20Forces%20of%20Mali", {"Gao"}),  # actor2
        ("claimed_by=al-shabaab", {"Mogadishu"}),
        ("type=Explosions/Remote%20violence", {"Kirkuk", "Maiduguri", "Gao"}),
        ("type=suicide%20bomb", {"Maiduguri"}),  # a sub-event type
        ("min_fatalities=9", {"Maiduguri", "Mogadishu"}),
        ("min_fatalities=0", ALL),
        ("min_sources=2", {"Kirkuk"}),
        ("min_sources=3", {"Kirkuk"}),
        ("min_sources=4", set()),
        ("bbox=40,30,50,40", {"Kirkuk"}),
        ("bbox=-10,0,50,20", {"Maiduguri", "Mogadishu", "Gao"}),
        ("bbox=40,-90,-170,90", {"Kirkuk", "Mogadishu"}),  # across the antimeridian
        ("text=SELVMORDSBOMBERE", {"Maiduguri"}),  # the article text, any case
        ("text=gulf%20post", {"Kirkuk"}),  # any source of the event
        ("text=%20", ALL),  # a blank filter is no filter
        ("country=ML&min_fatalities=4", set()),
        (
            "country=IQ&since=2021-03-01&until=2021-03-31&min_sources=2&type=Remote%20explosive/landmine/IED"
            "&actor=police&min_fatalities=6&bbox=44,35,45,36&text=kirkuk&admin1=kirkuk",
            {"Kirkuk"},
        ),
    ],
)
def test_filters(api: TestClient, query: str, expected: set[str]) -> None:
    body = api.get(f"/api/events?{query}").json()
    assert {e["location"]["name"] for e in body["events"]} == expected
    assert body["total"] == len(expected)


def test_pages_split_the_list_and_total_counts_them_all(api: TestClient) -> None:
    everything = places(api)
    first, second = (api.get(f"/api/events?page_size=3&page={n}").json() for n in (1, 2))
    assert [e["location"]["name"] for e in first["events"] + second["events"]] == everything
    assert first["total"] == second["total"] == 4 and (second["page"], second["page_size"]) == (2, 3)
    assert places(api, "page=9&page_size=3") == []
    assert api.get("/api/events?country=NG&page_size=1").json()["total"] == 1


def _figure(e: dict[str, Any], sort: str) -> Any:
    return {"date": e["date"], "fatalities": e["fatalities"], "sources": e["sources"]}[sort.lstrip("-")]


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_every_sort_orders_the_whole_list_and_the_pages(api: TestClient, sort: str) -> None:
    events = api.get(f"/api/events?sort={sort}").json()["events"]
    figures = [_figure(e, sort) for e in events]
    assert figures == sorted(figures, reverse=sort.startswith("-"))
    paged = [e for n in (1, 2) for e in api.get(f"/api/events?sort={sort}&page_size=2&page={n}").json()["events"]]
    assert [e["id"] for e in paged] == [e["id"] for e in events]


def test_sorts_by_fatalities_and_sources(api: TestClient) -> None:
    assert places(api, "sort=-fatalities") == ["Mogadishu", "Maiduguri", "Kirkuk", "Gao"]
    assert places(api, "sort=fatalities") == ["Gao", "Kirkuk", "Maiduguri", "Mogadishu"]
    assert places(api, "sort=-sources")[0] == "Kirkuk"
    assert places(api, "sort=date") == ["Kirkuk", "Maiduguri", "Mogadishu", "Gao"]


def test_the_store_refuses_an_order_it_does_not_know() -> None:
    # The ORDER BY text comes from SORTS only; nothing a client sends is put into SQL.
    with pytest.raises(ValueError, match="cannot sort by"):
        EventFilter(order="e.id; DROP TABLE events")


# --- GeoJSON --------------------------------------------------------------------------------------


def test_geojson_has_a_point_and_the_table_fields_per_event(api: TestClient) -> None:
    body = api.get("/api/events.geojson").json()
    assert body["type"] == "FeatureCollection" and (body["total"], body["truncated"]) == (4, False)
    listed = {e["id"]: e for e in api.get("/api/events").json()["events"]}
    for feature in body["features"]:
        event, props = listed[feature["id"]], feature["properties"]
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [event["location"]["lon"], event["location"]["lat"]],
        }
        assert props["location"] == event["location"]["name"] and props["notes"] == event["notes"]
        for key in (
            "id",
            "date",
            "date_precision",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "claimed_by",
            "fatalities",
            "wounded",
            "fatalities_count",
            "wounded_count",
            "sources",
        ):
            assert props[key] == event[key], key
        for key in ("country", "admin1", "precision", "relation"):
            assert props[key] == event["location"][key], key


def test_geojson_takes_the_filters_and_the_sort(api: TestClient) -> None:
    body = api.get("/api/events.geojson?country=SO").json()
    assert [f["properties"]["location"] for f in body["features"]] == ["Mogadishu"] and body["total"] == 1
    by_toll = api.get("/api/events.geojson?sort=-fatalities").json()["features"]
    assert [f["properties"]["location"] for f in by_toll] == ["Mogadishu", "Maiduguri", "Kirkuk", "Gao"]


def test_geojson_says_when_it_is_truncated(api: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "MAX_FEATURES", 3)
    body = api.get("/api/events.geojson").json()
    assert (len(body["features"]), body["total"], body["truncated"]) == (3, 4, True)


# --- one event, one document -------------------------------------------------------------------


def _kirkuk(api: TestClient) -> dict[str, Any]:
    (event,) = api.get("/api/events?text=kirkuk").json()["events"]
    response = api.get(f"/api/events/{event['id']}")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_event_detail_has_reports_decisions_history_and_notes(api: TestClient) -> None:
    detail = _kirkuk(api)
    assert len(detail["reports"]) == 4 and detail["sources"] == 3
    assert [r["decision"]["same"] for r in detail["reports"][1:]] == [True, True, True]
    assert all(r["decision"]["reasons"] for r in detail["reports"][1:])
    assert any(h["field"] == "fatalities" and h["value"]["best"] == 6 for h in detail["history"])
    assert detail["notes"].startswith("On 3 March 2021")


def test_event_detail_evidence_spans_cover_their_text_in_the_documents(api: TestClient) -> None:
    detail = _kirkuk(api)
    docs = detail["documents"]
    assert set(docs) == {r["doc_id"] for r in detail["reports"]}
    for report in detail["reports"]:
        text = docs[report["doc_id"]]["text"]
        assert report["evidence"], report["report_id"]
        for span in report["evidence"]:
            assert span["text"] == text[span["start"] : span["end"]] and span["text"]
    outlets = {d["outlet"] for d in docs.values()}
    assert outlets == {"Tigris Wire", "Gulf Post", "The Daily (Tigris Wire)"}
    assert all({"name", "url", "lang", "published"} <= d.keys() for d in docs.values())


def test_document_by_id(api: TestClient) -> None:
    detail = _kirkuk(api)
    doc_id = detail["reports"][0]["doc_id"]
    doc = api.get(f"/api/documents/{doc_id}").json()
    assert doc == detail["documents"][doc_id]
    assert (doc["id"], doc["name"], doc["published"], doc["lang"]) == (doc_id, "tigris-kirkuk-bomb", "2021-03-03", "en")
    assert doc["text"].startswith("KIRKUK, Iraq, March 3, 2021")


@pytest.mark.parametrize(
    "path",
    ["/api/events/ev-000000000000", "/api/documents/0123abc", "/api/events/x'%20OR%20'1'='1", "/api/documents/%25"],
)
def test_unknown_ids_are_404_json(api: TestClient, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("no ")
