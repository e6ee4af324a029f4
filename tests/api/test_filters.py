"""The API's enumerated filters take what the CLI takes (issue 10, item 11; sitrep/filters.py):
`country` an ISO code or a country name in any language, `type` an ACLED event or sub-event type
in any case; anything else is a 400 naming the parameter and what is expected."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

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
@pytest.mark.parametrize(("parameter", "value", "expected"), [
    ("country", "Narnia", "country: 'Narnia' is not a country: give an ISO 3166-1 code (SY, SYR) or a country name"),
    ("country", "Somalai", "did you mean Somalia (SO)?"),
    ("type", "bombing", "type: 'bombing' is not an ACLED event or sub-event type; event types: Battles, "),
])
def test_an_unknown_value_is_a_400_saying_what_is_expected(api: TestClient, route: str, parameter: str, value: str,
                                                           expected: str) -> None:
    response = api.get(route, params={parameter: value})
    assert response.status_code == 400, response.text
    assert expected in response.json()["detail"] and response.json()["detail"].startswith(f"{parameter}: ")


@pytest.mark.parametrize("parameter", ["country", "type"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_an_injection_in_an_enumerated_filter_is_a_400(api: TestClient, parameter: str, payload: str) -> None:
    response = api.get("/api/events", params={parameter: payload})
    assert response.status_code == 400 and response.json()["detail"].startswith(f"{parameter}: ")
    assert api.get("/api/health").json() == {"ok": True, "events": 4}
