"""The review shorthands (`--reviewed`, `--unreviewed`, `--rejected`, declared once on the review
row of sitrep/filters.py): the same events as `--review STATE` in every command that filters
stored events, the API's `reviewed=true` ..., and read_events; two that disagree are a usage
error. Rejected events stay out of trends and surge alerts unless asked for."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

import sitrep
from sitrep.api import create_app
from sitrep.cli import main
from sitrep.store import EventFilter, open_store
from tests.store.corpus import write_jsonl

FILTERING = [
    ["events", "--format", "ids"],
    ["trends", "--format", "jsonl"],
    ["alerts", "--format", "jsonl", "--min-count", "1", "--alpha", "0.5"],
    ["export", "--format", "jsonl"],
]
FLAGS = ("reviewed", "unreviewed", "rejected")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def output(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The dashboard corpus with one event verified, one corrected and the Mali surge rejected
    but for two of its five events."""
    from tests.web.corpus import ARTICLES

    folder = tmp_path_factory.mktemp("flags")
    db = str(folder / "flags.db")
    output("ingest", "--quiet", "--db", db, str(write_jsonl(folder / "articles.jsonl", ARTICLES)))
    with open_store(db) as store:
        mali = store.find_events(EventFilter(country="ML", since=dt.date(2021, 4, 1), order="date"))
        surge = [e for e in mali if e.date and e.date.month == 4]
        others = store.find_events(EventFilter(country="IQ", order="date"))
        assert len(surge) == 5 and len(others) >= 2
        for event in surge[:3]:
            store.review(event.id, status="rejected")
        store.review(others[0].id, status="verified")
        store.review(others[1].id, {"fatalities": "9"})
    return db


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("command", FILTERING, ids=lambda c: c[0])
def test_a_shorthand_is_its_review_state(reviewed_db: str, command: list[str], flag: str) -> None:
    expected = output(*command, "--db", reviewed_db, "--review", flag)
    assert output(*command, "--db", reviewed_db, f"--{flag}") == expected
    assert output(*command, "--db", reviewed_db, f"--{flag}", "--review", flag) == expected  # said twice: fine


def test_the_shorthands_select_the_states(reviewed_db: str) -> None:
    def ids(*args: str) -> set[str]:
        return set(output("events", "--db", reviewed_db, "--format", "ids", *args).split())

    everything = ids("--review", "all")
    rejected, reviewed, unreviewed = ids("--rejected"), ids("--reviewed"), ids("--unreviewed")
    assert (len(rejected), len(reviewed)) == (3, 2)
    assert rejected | reviewed | unreviewed == everything and not (rejected & (reviewed | unreviewed))
    assert ids() == everything - rejected


@pytest.mark.parametrize(
    "args",
    [["--rejected", "--reviewed"], ["--unreviewed", "--review", "verified"], ["--review", "all", "--rejected"]],
)
def test_shorthands_that_disagree_are_a_usage_error(reviewed_db: str, args: list[str]) -> None:
    result = run("events", "--db", reviewed_db, *args)
    assert result.exit_code == 2 and "ask for different review states" in result.stderr
    assert "Traceback" not in result.output


def test_the_api_takes_the_shorthands(reviewed_db: str) -> None:
    with TestClient(create_app(reviewed_db, token="", hosts=["testserver"])) as client:

        def ids(**params: str) -> set[str]:
            answer = client.get("/api/events", params={"page_size": "500", **params})
            assert answer.status_code == 200, answer.text
            return {e["id"] for e in answer.json()["events"]}

        for flag in FLAGS:
            assert ids(**{flag: "true"}) == ids(review=flag) and ids(**{flag: "false"}) == ids()
        refused = client.get("/api/events", params={"rejected": "true", "review": "verified"})
        assert refused.status_code == 400 and refused.json()["detail"].startswith("rejected: ")

        def surges(**params: str) -> list[str]:
            answer = client.get("/api/alerts", params={"by": "country", **params})
            assert answer.status_code == 200, answer.text
            return [a["value"] for a in answer.json()["alerts"]]

        assert (surges(), surges(review="all")) == ([], ["Mali"])  # rejected events make no surge
        parameters = client.get("/openapi.json").json()["paths"]["/api/events"]["get"]["parameters"]
        assert set(FLAGS) <= {p["name"] for p in parameters}


def test_read_events_takes_the_shorthands(reviewed_db: str) -> None:
    pytest.importorskip("pandas")
    assert list(sitrep.read_events(reviewed_db, rejected=True)["sitrep_id"]) == list(
        sitrep.read_events(reviewed_db, review="rejected")["sitrep_id"]
    )


def test_rejected_events_stay_out_of_trends_and_alerts_unless_asked(reviewed_db: str) -> None:
    def alerts(*args: str) -> list[dict[str, object]]:
        lines = output("alerts", "--db", reviewed_db, "--format", "jsonl", "--by", "country", *args)
        return [json.loads(line) for line in lines.splitlines()]

    def april_events(*args: str) -> int:
        lines = output("trends", "--db", reviewed_db, "--format", "jsonl", "--period", "month", *args)
        return sum(r["events"] for r in map(json.loads, lines.splitlines()) if r["start"] == "2021-04-01")

    assert [a["value"] for a in alerts("--review", "all")] == ["Mali"]  # five in a week where one was usual
    assert alerts() == []  # two left: no surge
    assert april_events("--review", "all") - april_events() == 3
