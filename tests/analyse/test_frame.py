"""sitrep.read_events: stored events as a pandas DataFrame, filtered as `sitrep events` filters,
over a store filled by `sitrep ingest` from articles written here (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.analyse.export import ACLED_COLUMNS
from sitrep.cli import main
from tests.store.conftest import BACKENDS, backend_url

TOWNS = ("Homs", "Raqqa", "Deir ez-Zor", "Palmyra", "Hasakah")
# Islamic State claims two bombings in the first days of October and five in the first days of
# November; one unclaimed shooting in Iraq each month.
CLAIMED = [dt.date(2024, 10, d) for d in (2, 5, 20)] + [dt.date(2024, 11, d) for d in (1, 2, 3, 4, 6)]
UNCLAIMED = [dt.date(2024, 10, 3), dt.date(2024, 11, 2)]


def articles() -> list[str]:
    texts = [
        (
            day,
            f"A car bomb killed {n + 2} people in {TOWNS[n % len(TOWNS)]}, Syria, on {day.day} {day:%B} 2024. "
            "The Islamic State group claimed responsibility for the attack.",
        )
        for n, day in enumerate(CLAIMED)
    ]
    texts += [
        (day, f"Gunmen shot dead a police officer in Mosul, Iraq, on {day.day} {day:%B} 2024.") for day in UNCLAIMED
    ]
    return [
        json.dumps(
            {"id": f"a{n}", "text": text, "published": (day + dt.timedelta(days=1)).isoformat(), "language": "en"}
        )
        for n, (day, text) in enumerate(texts)
    ]


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("frame")
    path = folder / "a.jsonl"
    path.write_text("\n".join(articles()) + "\n")
    with backend_url(request.param, folder) as url:
        result = CliRunner().invoke(main, ["ingest", "--quiet", "--db", url, str(path)])
        assert result.exit_code == 0, result.output
        yield url


def test_every_event_one_row_in_the_export_columns(db: str) -> None:
    frame = sitrep.read_events(db)
    assert len(frame) == len(CLAIMED) + len(UNCLAIMED)
    assert list(frame.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    assert str(frame["event_date"].dtype).startswith("datetime64")
    assert sorted(frame["event_date"].dt.date) == sorted(CLAIMED + UNCLAIMED)


def test_filters_by_their_api_or_field_names_and_python_values(db: str) -> None:
    syria = sitrep.read_events(db, country="Syria", claimed_by="Islamic State")
    assert sorted(syria["event_date"].dt.date) == CLAIMED
    assert set(syria["country"]) == {"Syria"}
    since = sitrep.read_events(db, since=dt.date(2024, 11, 1), until="2024-11-03", type="Remote explosive/landmine/IED")
    assert sorted(since["event_date"].dt.date) == [dt.date(2024, 11, d) for d in (1, 2, 3)]
    assert len(sitrep.read_events(db, event_type="explosions/remote violence")) == len(CLAIMED)
    assert len(sitrep.read_events(db, event_type="protests")) == 0
    assert list(sitrep.read_events(db, min_fatalities=6)["fatalities"].sort_values()) == [6, 7, 8, 9]


def test_so_far_this_month_against_the_same_days_of_last_month(db: str) -> None:
    """The README's question, in its three lines."""
    ev = sitrep.read_events(db, claimed_by="Islamic State", country="Syria", since="2024-10-01")
    n = ev[ev.event_date.dt.day <= ev.event_date.max().day].groupby(ev.event_date.dt.to_period("M")).size()
    assert (list(map(str, n.index)), list(n), f"{n.iloc[-1] / n.iloc[-2] - 1:+.0%}") == (
        ["2024-10", "2024-11"],
        [2, 5],
        "+150%",
    )


@pytest.mark.parametrize(
    "filters,message",
    [
        ({"contry": "Syria"}, "no filter 'contry'"),
        ({"country": "Syriaa"}, "country: 'Syriaa' is not a country"),
        ({"type": "Bombing"}, "type: 'Bombing' is not an ACLED event or sub-event type"),
        ({"since": "2024-13-01"}, "since: '2024-13-01' is not a date (month must be in 1..12)"),
        ({"min_fatalities": -1}, "min_fatalities: -1 is not a whole number of at least 0"),
        ({"bbox": (40, 30, 35)}, "bbox: '40,30,35': give four numbers"),
    ],
)
def test_a_filter_that_can_match_nothing_is_an_error_naming_it(db: str, filters: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        sitrep.read_events(db, **filters)
    assert str(caught.value).startswith(message)


def test_a_store_that_does_not_exist_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(sitrep.SitrepError):
        sitrep.read_events(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
