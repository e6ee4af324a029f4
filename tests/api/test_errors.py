"""Bad input: every kind is a 400 whose JSON detail names the parameter; injection attempts in
filters are data (empty results, the store intact); no input makes a 500."""

from __future__ import annotations

from typing import get_args

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.analyse.trends import GROUPINGS
from sitrep.api.params import Grouping, Sort
from sitrep.store.queries import SORTS

BAD = [
    # dates
    ("/api/events", "since=2021-02-30", "since"),
    ("/api/events", "since=20210101", "since"),
    ("/api/events", "until=yesterday", "until"),
    ("/api/events", "until=0000-01-01", "until"),
    ("/api/events", "since=0001-01-01", "since"),  # outside the range period arithmetic can take
    ("/api/events", "since=2021-05-01&until=2021-04-01", "since"),
    # bbox
    ("/api/events", "bbox=1,2,3", "bbox"),
    ("/api/events", "bbox=a,b,c,d", "bbox"),
    ("/api/events", "bbox=0,95,10,96", "bbox"),
    ("/api/events", "bbox=0,10,10,5", "bbox"),  # south above north
    ("/api/events", "bbox=200,0,210,10", "bbox"),
    ("/api/events", "bbox=nan,0,1,1", "bbox"),
    ("/api/events", "bbox=1,2,3,4);DROP%20TABLE%20events;--", "bbox"),
    # paging and sorting
    ("/api/events", "page_size=501", "page_size"),
    ("/api/events", "page_size=0", "page_size"),
    ("/api/events", "page=0", "page"),
    ("/api/events", "page=-1", "page"),
    ("/api/events", "page=abc", "page"),
    ("/api/events", "page=10000000", "page"),
    ("/api/events", "sort=place", "sort"),
    ("/api/events", "sort=date;DROP%20TABLE%20events", "sort"),
    ("/api/events.geojson", "sort=e.id", "sort"),
    # numbers and codes
    ("/api/events", "min_fatalities=-1", "min_fatalities"),
    ("/api/events", "min_fatalities=1e99", "min_fatalities"),
    ("/api/events", "min_fatalities=99999999999999999999999", "min_fatalities"),
    ("/api/events", "min_sources=0", "min_sources"),
    ("/api/events", "country=Narnia", "country"),
    ("/api/events", "country=S1", "country"),
    ("/api/events", "country=IQ'%20OR%201=1%20--", "country"),
    # text
    ("/api/events", "text=a%00b", "text"),
    ("/api/events", "actor=" + "x" * 501, "actor"),
    ("/api/events.geojson", "until=2021-13-01", "until"),
    # trends and alerts
    ("/api/trends", "period=day", "period"),
    ("/api/trends", "by=city", "by"),
    ("/api/trends", "baseline=0", "baseline"),
    ("/api/trends", "baseline=521", "baseline"),
    ("/api/trends", "since=1800-01-01&until=2999-12-31", "since"),  # millions of periods
    ("/api/trends", "since=1960-01-01", "since"),  # to the last event (2021): more weeks than allowed
    ("/api/alerts", "by=country,city", "by"),
    ("/api/alerts", "by=,", "by"),
    ("/api/alerts", "alpha=0", "alpha"),
    ("/api/alerts", "alpha=1", "alpha"),
    ("/api/alerts", "alpha=nan", "alpha"),
    ("/api/alerts", "min_count=0", "min_count"),
    ("/api/alerts", "period=decade", "period"),
    # places
    ("/api/places", "", "q"),
    ("/api/places", "q=%20", "q"),
    ("/api/places", "q=x&limit=0", "limit"),
    ("/api/places", "q=x&limit=101", "limit"),
]


@pytest.mark.parametrize(("path", "query", "parameter"), BAD)
def test_bad_input_is_a_400_naming_the_parameter(api: TestClient, path: str, query: str, parameter: str) -> None:
    response = api.get(f"{path}?{query}")
    assert response.status_code == 400, response.text[:300]
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail.startswith(f"{parameter}: "), detail


INJECTIONS = [
    "x' OR 1=1 --",
    "x' OR '1'='1",
    "'; DROP TABLE events; --",
    "%",
    "_",
    "\\",
    "') OR ('1'='1",
    '" OR ""="',
    "1; DELETE FROM documents",
    "Kirkuk' UNION SELECT id, data FROM events --",
]


# `country` and `type` take a fixed vocabulary: an injection there is a 400 (tests/api/test_filters.py).
@pytest.mark.parametrize("parameter", ["admin1", "actor", "claimed_by", "text"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_in_a_text_filter_is_data(api: TestClient, parameter: str, payload: str) -> None:
    for path in ("/api/events", "/api/events.geojson", "/api/trends", "/api/alerts"):
        response = api.get(path, params={parameter: payload})
        assert response.status_code == 200, response.text
    body = api.get("/api/events", params={parameter: payload}).json()
    assert (body["total"], body["events"]) == (0, [])
    assert api.get("/api/health").json() == {"ok": True, "events": 4}  # nothing dropped or deleted


@pytest.mark.parametrize("payload", INJECTIONS + ['"', "*", "NEAR(a b)", "a OR b", "^x", "x:y"])
def test_injection_in_a_place_search_is_data(api: TestClient, payload: str) -> None:
    response = api.get("/api/places", params={"q": payload})
    assert response.status_code == 200, response.text
    assert isinstance(response.json(), list)


def test_literals_match_the_library() -> None:
    assert set(get_args(Sort)) == set(SORTS)
    assert set(get_args(Grouping)) == set(GROUPINGS)


PARAMETERS = [
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
    "period",
    "by",
    "baseline",
    "min_count",
    "alpha",
]


@settings(max_examples=150, deadline=None, database=None)  # a failure prints its example; none is kept
@given(
    path=st.sampled_from(["/api/events", "/api/events.geojson", "/api/trends", "/api/alerts"]),
    values=st.dictionaries(st.sampled_from(PARAMETERS), st.text(max_size=30), max_size=4),
)
def test_no_query_makes_a_server_error(api: TestClient, path: str, values: dict[str, str]) -> None:
    # TestClient re-raises an exception a route lets out, so a 500 cannot hide here.
    response = api.get(path, params=values)
    assert response.status_code in (200, 400), (response.status_code, response.text)
    assert response.headers["content-type"] == "application/json"
