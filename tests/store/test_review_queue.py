"""The review queue (sitrep/store/queue.py): ordered by the database (worth: unsure, large toll,
sources that disagree, part of a surge), limited there, each event with why it is there; over
SQLite and PostgreSQL, on the dashboard corpus, whose Mali events of the last week are a surge."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.records import DatasetEvent
from sitrep.store import EventFilter, open_store
from tests.store.corpus import write_jsonl


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def surge_store(store_url: str, tmp_path: Path) -> str:
    from tests.web.corpus import ARTICLES

    run("ingest", "--quiet", "--db", store_url, str(write_jsonl(tmp_path / "articles.jsonl", ARTICLES)))
    return store_url


def worth(e: DatasetEvent, surge: bool) -> float:
    """The worth as the module docstring states it, computed here over every event."""
    killed = e.fatalities
    toll = (killed.best or killed.low or 0) if killed else 0
    disagree = bool(killed and killed.low is not None and killed.high is not None and killed.high > killed.low)
    return (1 - e.confidence) + math.log10(1 + toll) / 2 + 0.5 * disagree + 0.5 * surge


def test_the_queue_is_the_best_worth_first_with_surge_events_lifted(surge_store: str) -> None:
    with open_store(surge_store, create=False) as store:
        everything = store.review_queue(limit=1000)
        unreviewed = store.find_events(EventFilter(review="unreviewed"))
        first = store.review_queue(limit=4)
    assert {i.event.id for i in everything} == {e.id for e in unreviewed}
    surging = {i.event.id for i in everything if any(r.startswith("surge: ") for r in i.reasons)}
    april = [e for e in unreviewed if e.date and e.date.month == 4]
    mali = {e.id for e in april if e.location and e.location.place.country == "ML"}
    assert len(mali) == 5 and mali <= surging
    assert all("surge: Mali (country, 2021-W15)" in i.reasons for i in everything if i.event.id in mali)
    expected = sorted(unreviewed, key=lambda e: (-worth(e, e.id in surging), -e.date.toordinal() if e.date else 0))
    assert [round(worth(i.event, i.event.id in surging), 9) for i in everything] == [
        round(worth(e, e.id in surging), 9) for e in expected
    ]
    assert [i.event.id for i in first] == [i.event.id for i in everything[:4]]


def test_every_event_says_why_it_is_in_the_queue(surge_store: str) -> None:
    lines = run("review-queue", "--db", surge_store, "--limit", "100", "--format", "jsonl").splitlines()
    items = [json.loads(line) for line in lines]
    assert items and all(item["reasons"] for item in items)
    large = [item for item in items if (item["event"]["fatalities"] or 0) >= 10]
    assert large and all(any(r.startswith("large toll: ") for r in item["reasons"]) for item in large)
    table = run("review-queue", "--db", surge_store, "--limit", "3")
    assert table.splitlines()[0].split()[-1] == "why" and "surge: Mali (country" in table


def test_reviewed_and_rejected_events_make_no_surge_and_leave_the_queue(surge_store: str) -> None:
    with open_store(surge_store) as store:
        surge = [i.event.id for i in store.review_queue(100) if "surge: Mali (country, 2021-W15)" in i.reasons]
        for event_id in surge[:3]:
            store.review(event_id, status="rejected")
        left = store.review_queue(100)
    assert not {i.event.id for i in left} & set(surge[:3])
    assert not any("surge: Mali (country" in r for i in left for r in i.reasons)  # two events left: no surge
