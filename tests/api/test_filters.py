"""The API's enumerated filters take what the CLI takes (issue 10, item 11; sitrep/filters.py):
`country` an ISO code or a country name in any language, `type` an ACLED event or sub-event type
in any case; anything else is a 400 naming the parameter and what is expected. Every filter is a
row of sitrep/filters.py, which /api/meta returns (issue 12)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sitrep import filters
from sitrep.acled import ACLED_TYPES
from sitrep.analyse.periods import PERIODS
from sitrep.analyse.trends import GROUPINGS
from sitrep.store.queries import SORTS
from tests.api.test_errors import INJECTIONS

ROUTES = ["/api/events", "/api/events.geojson", "/api/trends", "/api/alerts"]


def total(api: TestClient, **params: str) -> int:
    response = api.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


@pytest.mark.parametrize("name", ["Iraq", "Irak", "IRQ", "iq", "العراق", "Irak "])
def test_a_country_by_name_or_code(api: TestClient, name: str) -> None:
    assert total(api, country=name) == total(api, country="IQ") == 1


def test_a_blank_country_or_type_is_no_filter(api: TestClient) -> None:
    assert total(api, country="", type=" ") == total(api) == 4


def test_a_type_in_any_case(api: TestClient) -> None:
    assert total(api, type="explosions/remote violence") == total(api, type="Explosions/Remote violence") > 0


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("parameter", "value", "expected"),
    [
        (
            "country",
            "Narnia",
            "country: 'Narnia' is not a country: give an ISO 3166-1 code (SY, SYR) or a country name",
        ),
        ("country", "Somalai", "did you mean Somalia (SO)?"),
        ("type", "bombing", "type: 'bombing' is not an ACLED event or sub-event type; event types: Battles, "),
    ],
)
def test_an_unknown_value_is_a_400_saying_what_is_expected(
    api: TestClient, route: str, parameter: str, value: str, expected: str
) -> None:
    response = api.get(route, params={parameter: value})
    assert response.status_code == 400, response.text
    assert expected in response.json()["detail"] and response.json()["detail"].startswith(f"{parameter}: ")


@pytest.mark.parametrize("parameter", ["country", "type"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_an_injection_in_an_enumerated_filter_is_a_400(api: TestClient, parameter: str, payload: str) -> None:
    response = api.get("/api/events", params={parameter: payload})
    assert response.status_code == 400 and response.json()["detail"].startswith(f"{parameter}: ")
    assert api.get("/api/health").json() == {"ok": True, "events": 4}


# --- the query vocabulary (sitrep/filters.py): /api/meta and every row as a parameter ------------


def test_meta_is_the_vocabulary(api: TestClient) -> None:
    response = api.get("/api/meta")
    assert response.status_code == 200
    meta = response.json()
    assert meta == filters.vocabulary()
    assert [f["name"] for f in meta["filters"]] == [f.key for f in filters.FILTERS]
    assert meta["sorts"] == list(SORTS) and meta["default_sort"] == "-date"
    assert [d["name"] for d in meta["dimensions"]] == list(GROUPINGS)
    assert [p["name"] for p in meta["periods"]] == list(PERIODS)
    (kinds,) = [f["values"] for f in meta["filters"] if f["kind"] == "event_type"]
    assert kinds == {kind: list(subs) for kind, subs in ACLED_TYPES.items()}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("row", filters.FILTERS, ids=lambda f: f.name)
def test_every_filter_of_the_vocabulary_is_a_parameter(api: TestClient, route: str, row: filters.Filter) -> None:
    response = api.get(route, params={row.key: row.example})
    assert response.status_code == 200, response.text


def test_the_schema_lists_every_filter(api: TestClient) -> None:
    """The parameters come from the table, so the OpenAPI schema documents each one."""
    operation = api.get("/openapi.json").json()["paths"]["/api/events"]["get"]
    documented = {p["name"]: p.get("description") for p in operation["parameters"]}
    assert {f.key: f.help for f in filters.FILTERS}.items() <= documented.items()
    assert {"page", "page_size", "sort"} <= set(documented)


@pytest.mark.parametrize(
    ("row", "value"),
    [
        (filters.FILTER["min_fatalities"], "-1"),
        (filters.FILTER["min_sources"], "0"),
        (filters.FILTER["since"], "2020-13-01"),
        (filters.FILTER["bbox"], "1,2"),
    ],
)
def test_a_bad_value_of_a_row_is_a_400_naming_it(api: TestClient, row: filters.Filter, value: str) -> None:
    response = api.get("/api/events", params={row.key: value})
    assert response.status_code == 400 and response.json()["detail"].startswith(f"{row.key}: "), response.text
