"""Place recognition and resolution, one table of cases per language (tests/lang/<code>/places.toml),
in dateparser's style. Every language pack present is tested; adding a pack means adding a table.

Table kinds (see the header of tests/lang/en/places.toml):
  recognise     the toponyms geoparse finds, as written, in text order
  absent        words that must not be found as toponyms (any occurrence, whole words)
  resolve       one toponym as geoparse resolves it: country, feature, precision, relation (a value
                of sitrep.geo.relations, whatever the language), the relation's words as
                written (where the location's evidence starts), point
  resolve_only  sitrep.resolve on given spans: country and point of each
  area_reference  the phrases placing an event where the previous one was ("in the area"),
                as written, in text order (sitrep.extract.placing.area_references)
  demonym       (optional) the demonyms and area adjectives geoparse gives as `kind` "demonym",
                as written, in text order, and the country of each ("" for a larger area)
recognise and absent are about toponyms (`kind` "toponym"); demonyms are never among them.
Places are compared by country, feature code and coordinates, not by gazetteer name strings.
"""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.extract.placing import area_references
from sitrep.geo import PlaceMention, relations
from sitrep.lang import available_languages, load_pack
from sitrep.records import Place
from sitrep.visible import matched

TABLES = Path(__file__).parent
LANGUAGES = available_languages()
KINDS: dict[str, tuple[set[str], set[str]]] = {  # kind -> (required keys, optional keys)
    "recognise": ({"text", "places"}, set()),
    "absent": ({"text", "absent"}, set()),
    "resolve": (
        {"text", "place", "country"},
        {
            "occurrence",
            "feature_code",
            "admin1",
            "precision",
            "relation",
            "words",
            "near",
            "anchor",
            "anchor_near",
            "name",
            "speaker",
        },
    ),
    "resolve_only": ({"text", "spans", "expect"}, set()),
    "area_reference": ({"text", "phrases"}, set()),
    "demonym": ({"text", "demonyms", "countries"}, set()),
}
OPTIONAL_KINDS = {"demonym"}
EXPECT_KEYS = {"country", "near", "feature_code"}
MIN_CASES = 40


def _table(code: str) -> dict[str, list[dict[str, Any]]]:
    path = TABLES / code / "places.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def _params(kind: str) -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}-{i}-{case['text'][:40]}")
        for code in LANGUAGES
        for i, case in enumerate(_table(code).get(kind, []))
    ]


def _written(text: str, m: PlaceMention) -> str:
    return " ".join(text[m.span.start : m.span.end].split())


def _find(text: str, needle: str, occurrence: int = 1, after: int = 0) -> tuple[int, int]:
    """Offsets of the n-th whole-word occurrence of `needle` at or after `after`."""
    hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text[after:])]
    assert len(hits) >= occurrence, f"{needle!r} (occurrence {occurrence}) is not in the text"
    start, end = hits[occurrence - 1]
    return start + after, end + after


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def _describe(p: Place) -> str:
    return f"{p.name} ({p.country}, {p.admin1}, {p.feature_code}, {p.lat}, {p.lon})"


def _check_place(p: Place, want: dict[str, Any], what: str) -> None:
    country = want["country"] or None  # "" = a place in no one country (a region, a continent)
    assert p.country == country, f"{what}: country {p.country}, want {country}: {_describe(p)}"
    if "feature_code" in want:
        assert (p.feature_code or "").startswith(want["feature_code"]), (
            f"{what}: feature {p.feature_code}, want {want['feature_code']}*: {_describe(p)}"
        )
    if "admin1" in want:
        assert p.admin1 == want["admin1"], f"{what}: admin1 {p.admin1}, want {want['admin1']}: {_describe(p)}"
    if "near" in want:
        _check_near(p, want["near"], what)


def _check_near(p: Place, near: list[float], what: str) -> None:
    lat, lon, km = near
    assert p.lat is not None and p.lon is not None, f"{what}: no coordinates: {_describe(p)}"
    d = _km(p.lat, p.lon, lat, lon)
    assert d <= km, f"{what}: {d:.0f} km from ({lat}, {lon}), want within {km} km: {_describe(p)}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_a_table(code: str) -> None:
    table = _table(code)
    assert table, f"every language pack needs a place table: {TABLES / code / 'places.toml'}"
    assert set(table) <= set(KINDS), f"unknown table kinds: {set(table) - set(KINDS)}"
    missing = [k for k in KINDS if not table.get(k) and k not in OPTIONAL_KINDS]
    assert not missing, f"missing kinds: {missing}"
    assert sum(len(cases) for cases in table.values()) >= MIN_CASES


@pytest.mark.parametrize("code", LANGUAGES)
def test_table_schema(code: str) -> None:
    for kind, cases in _table(code).items():
        required, optional = KINDS[kind]
        for i, case in enumerate(cases):
            where = f"{code} {kind}[{i}] {case.get('text', '')[:40]!r}"
            assert required <= set(case), f"{where}: missing {required - set(case)}"
            assert set(case) <= required | optional, f"{where}: unknown keys {set(case) - required - optional}"
            if kind == "resolve":
                _find(case["text"], case["place"], case.get("occurrence", 1))
                for key in ("near", "anchor_near"):
                    assert len(case.get(key, [0, 0, 0])) == 3, f"{where}: {key} is [lat, lon, km]"
            if kind == "resolve_only":
                assert len(case["spans"]) == len(case["expect"]), f"{where}: one expectation per span"
                assert all(set(e) <= EXPECT_KEYS and "country" in e for e in case["expect"]), where
            if kind == "demonym":
                assert len(case["demonyms"]) == len(case["countries"]), f"{where}: one country per demonym"
            for word in (
                case.get("places", [])
                + case.get("absent", [])
                + case.get("spans", [])
                + case.get("phrases", [])
                + case.get("demonyms", [])
            ):
                _find(case["text"], word)


@pytest.mark.parametrize(("code", "case"), _params("recognise"))
def test_recognise(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    assert [_written(text, m) for m in sitrep.geoparse(text, code) if m.kind == "toponym"] == case["places"]


@pytest.mark.parametrize(("code", "case"), _params("absent"))
def test_absent(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    found = [m for m in sitrep.geoparse(text, code) if m.kind == "toponym"]
    for word in case["absent"]:
        spots = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
        hits = [m for m in found if any(m.span.start < e and s < m.span.end for s, e in spots)]
        assert not hits, f"{word!r} taken as {[(_written(text, m), _describe(m.location.place)) for m in hits]}"


@pytest.mark.parametrize(("code", "case"), _params("demonym"))
def test_demonym(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    found = [m for m in sitrep.geoparse(text, code) if m.kind == "demonym"]
    assert [_written(text, m) for m in found] == case["demonyms"]
    assert [m.location.place.country or "" for m in found] == case["countries"]
    assert all(m.location.precision == 3 for m in found)
    assert not [m for m in sitrep.geoparse(text, code, demonyms=False) if m.kind == "demonym"]


@pytest.mark.parametrize(("code", "case"), _params("resolve"))
def test_resolve(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    start, end = _find(text, case["place"], case.get("occurrence", 1))
    found = sitrep.geoparse(text, code)
    overlapping = [m for m in found if m.span.start < end and start < m.span.end]
    assert overlapping, f"{case['place']!r} not found; found {[_written(text, m) for m in found]}"
    m = next((m for m in overlapping if (m.span.start, m.span.end) == (start, end)), overlapping[0])
    loc = m.location
    _check_place(loc.place, case, case["place"])
    if "precision" in case:
        want = case["precision"]
        assert loc.precision == want, f"precision {loc.precision} ({loc.relation!r}), want {want}"
    if "relation" in case:
        assert loc.relation == case["relation"]
    if "name" in case:  # the place's own name, where a rule decides it ("the village of X near Y" is X)
        assert loc.place.name == case["name"], (
            f"named {loc.place.name!r}, want {case['name']!r}: {_describe(loc.place)}"
        )
    if "speaker" in case:
        assert m.speaker == case["speaker"], f"speaker {m.speaker}, want {case['speaker']}"
    if "words" in case:  # the article's own words stay as evidence: the phrase starts with them
        phrase = text[m.phrase_span.start : m.phrase_span.end]
        assert phrase.lower().startswith(case["words"].lower()), (
            f"location phrase {phrase!r}, want {case['words']!r}..."
        )
    if "anchor" in case or "anchor_near" in case:
        assert loc.anchor is not None, f"no anchor; place {_describe(loc.place)}"
        assert case.get("anchor", "") in loc.anchor.name, f"anchor {_describe(loc.anchor)}"
        if "anchor_near" in case:
            _check_near(loc.anchor, case["anchor_near"], "anchor")


@pytest.mark.parametrize("code", LANGUAGES)
def test_relations_are_the_shared_vocabulary(code: str) -> None:
    """Every relation the table expects, and every relation geoparse gives on the table's texts,
    is a value of sitrep.geo.relations: no language's own words ("i", "øst i", "nord-")."""
    table = _table(code)
    expected = [case["relation"] for case in table.get("resolve", []) if "relation" in case]
    found = [
        m.location.relation for cases in table.values() for case in cases for m in sitrep.geoparse(case["text"], code)
    ]
    assert expected and found
    assert [r for r in expected + found if not relations.is_relation(r)] == []


@pytest.mark.parametrize(("code", "case"), _params("resolve_only"))
def test_resolve_only(code: str, case: dict[str, Any]) -> None:
    text, after = case["text"], 0
    spans: list[tuple[int, int]] = []
    for word in case["spans"]:  # each span is the next occurrence of its word
        spans.append(_find(text, word, after=after))
        after = spans[-1][1]
    resolved = sitrep.resolve(text, spans, code)
    assert len(resolved) == len(spans)
    for (start, end), m, want in zip(spans, resolved, case["expect"], strict=True):
        word = text[start:end]
        assert m is not None, f"{word!r} not resolved"
        assert (m.span.start, m.span.end) == (start, end), f"{word!r}: resolved span is {_written(text, m)!r}"
        _check_place(m.location.place, want, word)


@pytest.mark.parametrize(("code", "case"), _params("area_reference"))
def test_area_reference(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    # The stage reads text as read_document gives it (letter variants folded, same length).
    spans = area_references(matched(text), load_pack(code))
    found = [" ".join(text[s.start : s.end].split()) for s in spans]
    assert found == case["phrases"]
