"""End-to-end golden tests: realistic multi-event articles written for the project, one folder
per language, each with the events a careful ACLED coder would record."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.geo import relations
from sitrep.records import Event

HERE = Path(__file__).parent
CASES = sorted(HERE.glob("*/*.toml"))
# Fields compared as written in the case file; "" stands for null (TOML has no null).
FIELDS = (
    "date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "claimed_by",
    "fatalities",
    "wounded",
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _place_text(event: Event, text: str) -> str:
    span = dict(event.evidence).get("location")
    names = [event.location.place.name if event.location else ""]
    if span:
        names.append(text[span.start : span.end])
    return _fold(" | ".join(names))


def _find(expected: dict[str, Any], events: list[Event], text: str) -> Event:
    def fits(e: Event) -> bool:
        d = e.to_dict()
        if "place" in expected and _fold(expected["place"]) not in _place_text(e, text):
            return False
        return all(d[k] == expected[k] for k in ("date", "sub_event_type") if k in expected)

    found = [e for e in events if fits(e)]
    assert found, f"no event like {expected}; got:\n" + "\n".join(str(e.to_dict()) for e in events)
    return found[0]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_article(path: Path) -> None:
    case = _load(path)
    events = sitrep.extract(case["text"], published=case["published"], lang=path.parent.name, doc_id=path.stem)
    for expected in case["event"]:
        got = _find(expected, events, case["text"]).to_dict()
        for key in FIELDS:
            if key in expected:
                want = expected[key] if expected[key] != "" else None
                assert got[key] == want, f"{key} of {expected}: got {got[key]!r}"
        if "country" in expected:
            assert got["location"]["country"] == expected["country"]
        if "precision" in expected:
            assert got["location"]["precision"] == expected["precision"]
        if "relation" in expected:
            assert got["location"]["relation"] == expected["relation"]
    assert len(events) == len(case["event"]), [e.to_dict() for e in events]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_numbers_that_are_not_casualties(path: Path) -> None:
    case = _load(path)
    events = sitrep.extract(case["text"], published=case["published"], lang=path.parent.name)
    counts = {c for e in events for c in (e.fatalities, e.wounded) if c for c in (c.low, c.best, c.high)}
    assert not counts & set(case["not_counts"])


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_every_field_has_evidence(path: Path) -> None:
    case = _load(path)
    text = case["text"]
    for event in sitrep.extract(text, published=case["published"], lang=path.parent.name):
        evidence = dict(event.evidence)
        assert "event_type" in evidence
        if event.fatalities is not None:
            assert "fatalities" in evidence
        if event.claimed_by is not None:
            assert "claimed_by" in evidence
        for span in evidence.values():
            assert 0 <= span.start < span.end <= len(text)
        assert 0.0 <= event.confidence <= 1.0


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_golden_relations_are_the_shared_vocabulary(path: Path) -> None:
    """Whatever the article's language, a relation is a value of sitrep.geo.relations ("near",
    "north of"), never the article's words ("nær", "nord for"): those stay under the evidence."""
    case = _load(path)
    events = sitrep.extract(case["text"], published=case["published"], lang=path.parent.name)
    expected = [e["relation"] for e in case["event"] if "relation" in e]
    found = [e.location.relation for e in events if e.location]
    assert [r for r in expected + found if not relations.is_relation(r)] == []


def test_both_languages_have_golden_articles() -> None:
    assert {p.parent.name for p in CASES} >= {"en", "nb"}
