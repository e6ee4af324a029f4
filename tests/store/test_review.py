"""Analyst review (sitrep/store/review.py, `sitrep review`): corrections lie over the machine's
values and survive re-ingest and new reports; rejected events leave lists, trends and exports
unless asked for; merges and splits; the trail; the queue. Over SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.store import EventFilter, open_store
from sitrep.store.review import ReviewError

FIRST = [
    {"id": "a", "text": "Gunmen killed five villagers in Tillaberi, Niger, on 3 March 2021, officials said."},
    {"id": "c", "text": "A roadside bomb killed two soldiers near Diffa, Niger, on 9 March 2021."},
]
# A later report of the Tillaberi attack: it merges into the event an analyst has corrected.
LATER = [
    {
        "id": "b",
        "text": "Officials in Niger said gunmen shot dead five villagers and wounded six in Tillaberi on 3 March 2021.",
    }
]


def write(folder: Path, name: str, articles: list[dict]) -> str:
    path = folder / name
    path.write_text("".join(json.dumps({**a, "published": "2021-03-10", "language": "en"}) + "\n" for a in articles))
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def ingest(url: str, path: str) -> None:
    run("ingest", "--quiet", "--db", url, path)


def by_place(url: str, **filters: object) -> dict[str, object]:
    with open_store(url, create=False) as store:
        return {e.location.place.name: e for e in store.find_events(EventFilter(**filters)) if e.location}


@pytest.fixture
def stored(store_url: str, tmp_path: Path) -> str:
    ingest(store_url, write(tmp_path, "first.jsonl", FIRST))
    return store_url


def test_a_correction_survives_re_ingest_and_a_new_report(stored: str, tmp_path: Path) -> None:
    tillaberi = by_place(stored)["Tillabéri"]
    correction = ["--set", "fatalities=7", "--note", "hospital figure", "--reviewer", "ana"]
    run("review", tillaberi.id, "--db", stored, *correction)
    ingest(stored, write(tmp_path, "first.jsonl", FIRST))  # the same input again: a no-op
    ingest(stored, write(tmp_path, "later.jsonl", LATER))  # a new report merges into the event
    event = by_place(stored)["Tillabéri"]
    assert (event.id, event.sources, event.fatalities.best, event.wounded.best) == (tillaberi.id, 2, 7, 6)
    assert event.review_status == "corrected"
    with open_store(stored, create=False) as store:
        detail = store.event(event.id)
    assert detail is not None
    (setting,) = detail.reviews
    assert (setting.action, setting.field) == ("set", "fatalities")
    assert (setting.value["best"], setting.machine["best"]) == (7, 5)
    assert (setting.reviewer, setting.note) == ("ana", "hospital figure")
    shown = run("events", "show", event.id, "--db", stored)
    assert "set fatalities = 7" in shown and "hospital figure" in shown and "review      corrected" in shown


def test_an_empty_value_gives_the_machine_value_back(stored: str) -> None:
    event = by_place(stored)["Tillabéri"]
    with open_store(stored) as store:
        store.review(event.id, {"fatalities": "9", "actor1": "Islamic State in the Greater Sahara"})
        back = store.review(event.id, {"fatalities": ""})
    assert (back.fatalities.best, back.actor1) == (5, "Islamic State in the Greater Sahara")


def test_a_rejected_event_leaves_lists_trends_and_exports_unless_asked(stored: str) -> None:
    diffa = by_place(stored)["Diffa"]
    run("review", diffa.id, "--db", stored, "--reject", "--note", "a training exercise")
    assert set(by_place(stored)) == {"Tillabéri"}
    assert set(by_place(stored, review="rejected")) == {"Diffa"}
    assert set(by_place(stored, review="all")) == {"Tillabéri", "Diffa"}
    assert "Diffa" not in run("events", "--db", stored) and "Diffa" in run("events", "--db", stored, "--review", "all")
    trend = [json.loads(line) for line in run("trends", "--db", stored, "--format", "jsonl").splitlines()]
    assert sum(r["events"] for r in trend) == 1
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", stored, "--review", "all"))))
    assert {r["location"]: r["review_status"] for r in rows} == {"Tillabéri": "unreviewed", "Diffa": "rejected"}
    run("review", diffa.id, "--db", stored, "--verify")  # a second look: it happened after all
    assert by_place(stored, review="reviewed")["Diffa"].review_status == "verified"


def test_merge_and_split(stored: str) -> None:
    places = by_place(stored)
    keep, other = places["Tillabéri"].id, places["Diffa"].id
    assert run("review", keep, "--db", stored, "--merge", other).strip() == f"{other} merged into {keep}"
    (merged,) = by_place(stored).values()
    assert (merged.id, len(merged.reports)) == (keep, 2)
    ids = run("review", keep, "--db", stored, "--split").split()[2:]
    assert ids == [keep, other]
    assert {e.id for e in by_place(stored).values()} == {keep, other}
    with open_store(stored, create=False) as store:
        detail = store.event(keep)
    assert detail is not None and [r.action for r in detail.reviews] == ["merge", "split"]


def test_the_queue_puts_large_and_unsure_events_first_and_leaves_reviewed_ones_out(stored: str) -> None:
    places = by_place(stored)
    queue = run("review-queue", "--db", stored, "--format", "ids").split()
    assert queue == [places["Tillabéri"].id, places["Diffa"].id]  # five killed before two
    run("review", places["Tillabéri"].id, "--db", stored, "--verify")
    assert run("review-queue", "--db", stored, "--format", "ids").split() == [places["Diffa"].id]


@pytest.mark.parametrize(
    "args,message",
    [
        (["--set", "fatalities=many"], "fatalities='many': a toll is a whole number"),
        (["--set", "colour=red"], "'colour=red': give FIELD=VALUE"),
        (["--set", "event_type=Bombing"], "event_type='Bombing': choose from Battles"),
        (["--verify", "--reject"], "--verify and --reject exclude each other"),
        ([], "give --set, --verify or --reject"),
    ],
)
def test_a_review_that_cannot_be_made_is_one_line(stored: str, args: list[str], message: str) -> None:
    event = by_place(stored)["Diffa"]
    result = CliRunner().invoke(main, ["review", event.id, "--db", stored, *args])
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output
    assert by_place(stored)["Diffa"].review_status is None


def test_an_unknown_event_is_a_review_error(stored: str) -> None:
    with open_store(stored) as store, pytest.raises(ReviewError, match="no event 'ev-none'"):
        store.review("ev-none", status="verified")
