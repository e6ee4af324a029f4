"""Per-language tables for triggers, claims, actors and roles (phrase -> expected), and whole
sentences (events.toml: text -> the one event expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

import sitrep
from sitrep.extract.actors import actor_name, find_actors, find_claims
from sitrep.extract.counts import find_casualties
from sitrep.extract.roles import counted_victims, event_roles
from sitrep.extract.triggers import find_triggers
from sitrep.lang import available_languages, load_pack
from tests.matched import read_table

HERE = Path(__file__).parent


def _cases(kind: str) -> list[tuple[str, list]]:
    out = []
    for lang in available_languages():
        path = HERE / lang / f"{kind}.toml"
        assert path.is_file(), f"every pack needs a {kind} table: {path}"
        out += [(lang, case) for case in read_table(path)["cases"]]
    return out


@pytest.mark.parametrize("lang,case", _cases("triggers"), ids=lambda c: str(c)[:40])
def test_trigger_table(lang: str, case: list) -> None:
    phrase, event_type, sub_event_type = case
    found = find_triggers(phrase, load_pack(lang))
    if not event_type:
        assert found == []
        return
    best = min(found, key=lambda t: t.rank)
    assert (best.event_type, best.sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize("lang,case", _cases("claims"), ids=lambda c: str(c)[:40])
def test_claim_table(lang: str, case: list) -> None:
    sentence, claimant = case
    pack = load_pack(lang)
    claims = [c for c in find_claims(sentence, pack) if not c.negated]
    groups = [a for a in find_actors(sentence, pack, all_caps=sentence.isupper()) if a.side == "group" and not a.denied]
    if not claimant:
        assert not (claims and groups)
        return
    assert claims, "no claim phrase found"
    nearest = min(groups, key=lambda a: abs(a.span.start - claims[0].span.start))
    assert nearest.name == claimant


@pytest.mark.parametrize("lang,case", _cases("actors"), ids=lambda c: str(c)[:40])
def test_actor_table(lang: str, case: list) -> None:
    phrase, names = case
    all_caps = phrase.isupper()
    found = find_actors(phrase, load_pack(lang), all_caps=all_caps)
    assert [actor_name(a, None) for a in found] == names


@pytest.mark.parametrize("lang,case", _cases("roles"), ids=lambda c: str(c)[:40])
def test_roles_table(lang: str, case: list) -> None:
    """actor1 and actor2 for the sentence's main trigger, the victims those a casualty phrase counts."""
    sentence, actor1, actor2 = case
    pack = load_pack(lang)
    actors = find_actors(sentence, pack, all_caps=sentence.isupper())
    victims = counted_victims(actors, find_casualties(sentence, pack))
    triggers = find_triggers(sentence, pack)
    assert triggers, "no trigger"
    chosen = event_roles(actors, victims, min(triggers, key=lambda t: t.rank))
    assert [actor_name(a, None) if a else "" for a in chosen] == [actor1, actor2]


def _event_cases() -> list[tuple[str, dict]]:
    out = []
    for lang in available_languages():
        path = HERE / lang / "events.toml"
        assert path.is_file(), f"every pack needs an events table: {path}"
        out += [(lang, case) for case in read_table(path)["event"]]
    return out


@pytest.mark.parametrize("lang,case", _event_cases(), ids=lambda c: str(c)[:60])
def test_event_table(lang: str, case: dict) -> None:
    text = case["text"]
    events = sitrep.extract(text, published=case["published"], lang=lang)
    assert len(events) == 1, [e.to_dict() for e in events]
    event = events[0]
    assert event.date_text() == case["date"]
    assert event.location is not None and event.location.place.country == case["country"]
    where = dict(event.evidence).get("location")
    assert where is not None, "no location evidence"
    assert case["place"] in text[where.start : where.end]
    assert event.fatalities is not None and event.fatalities.best == case["fatalities"]
    if "relation" in case:
        assert event.location.relation == case["relation"]
