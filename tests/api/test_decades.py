"""A store whose dates span decades (one event of 1966 among 2021 news), on SQLite and PostgreSQL:
series are drawn by month or year instead of refused, the window of the bulk of the events is
given, and alerts answer whatever the span."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.read import read_inputs
from sitrep.store import open_store
from sitrep.run import ingest_documents
from tests.store.conftest import BACKENDS, backend_url
from tests.store.corpus import write_jsonl
from tests.web.corpus import DECADES


@pytest.fixture(params=BACKENDS, scope="module")
def decades(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp(f"decades-{request.param}")
    with backend_url(request.param, folder) as url:
        with open_store(url) as store:
            ingest_documents(store, read_inputs([str(write_jsonl(folder / "articles.jsonl", DECADES))]))
        with TestClient(create_app(url, token="")) as client:
            yield client


def rows(client: TestClient, **params: str) -> dict[str, int]:
    response = client.get("/api/trends", params=params)
    assert response.status_code == 200, response.text
    return {r["period"]: r["events"] for r in response.json()["rows"]}


def test_years_span_the_decades(decades: TestClient) -> None:
    yearly = rows(decades, period="year")
    assert list(yearly) == [str(y) for y in range(1966, 2022)]  # every year, empty ones as zeros
    assert yearly["1966"] == 1 and yearly["2021"] > 10 and sum(yearly.values()) == yearly["1966"] + yearly["2021"]


def test_months_span_the_decades(decades: TestClient) -> None:
    monthly = rows(decades, period="month")
    assert (min(monthly), max(monthly), monthly["1966-03"]) == ("1966-03", "2021-04", 1)


def test_the_window_holds_the_bulk_and_counts_the_rest(decades: TestClient) -> None:
    window = decades.get("/api/trends?period=year").json()["window"]
    assert window["first"] == "1966-03-12" and window["last"] == "2021-04-16"
    assert window["since"] == "2021-03-03" and window["until"] == "2021-04-16"
    assert (window["before"], window["after"]) == (1, 0) and window["dated"] == len(DECADES) - 1  # one undated
    # The same window whatever period is asked, and weeks over it are answered.
    assert decades.get("/api/trends?period=month").json()["window"] == window
    weekly = rows(decades, period="week", since=window["since"])
    assert min(weekly) == "2021-W09" and max(weekly) == "2021-W15" and sum(weekly.values()) == window["dated"] - 1


def test_weeks_over_decades_are_refused_with_what_to_do(decades: TestClient) -> None:
    response = decades.get("/api/trends?period=week")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "since: 1966-03-12..2021-04-16 spans more than 2000 weeks; narrow since and until, or count by month or year"
    )


def test_alerts_answer_whatever_the_span(decades: TestClient) -> None:
    """Once a 400: alerts read only the latest periods and their baseline."""
    for period in ("week", "month", "year"):
        assert decades.get(f"/api/alerts?period={period}").status_code == 200
    (alert,) = decades.get("/api/alerts?period=week&by=country").json()["alerts"]
    assert (alert["value"], alert["period"], alert["count"]) == ("Mali", "2021-W15", 5)
