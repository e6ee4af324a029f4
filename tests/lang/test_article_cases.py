"""Whole articles (issue 11): each listed failure of the document-level event model has cases in
every pack, written for these tests, in the styles news comes in (wire copy, broadcaster copy,
machine translation, ALL-CAPS transcripts). A case gives the text and every event a careful ACLED
coder would record; the extractor must give exactly those, each field as written.

tests/lang/<code>/articles/<topic>.toml:

    [[case]]
    failure = "restated-toll"      # a slug; every pack covers the same slugs
    style = "wire"                 # wire | broadcaster | mt | caps
    text = "..."
    published = "2020-01-15"
    [[case.event]]                 # one table per expected event, fields compared when present
    date = "2020-01-13"
    place = "Kabul"                # inside the location evidence or the place name
    fatalities = 3                 # "" for null, as for every field

A case the engine still misreads says why in `pending = "..."`: it runs as a strict xfail, so the
suite stays green while the gap is on record, and a fix that makes it pass must drop the key.
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import sitrep
from sitrep.lang import available_languages
from sitrep.records import Event

HERE = Path(__file__).parent
STYLES = ("wire", "broadcaster", "mt", "caps")
TOPICS = sorted(p.stem for p in (HERE / "en" / "articles").glob("*.toml"))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _load(lang: str, topic: str) -> list[dict[str, Any]]:
    path = HERE / lang / "articles" / f"{topic}.toml"
    return tomllib.loads(path.read_text("utf-8"))["case"] if path.is_file() else []


def _cases() -> list[Any]:
    def param(lang: str, topic: str, case: dict[str, Any]) -> Any:
        marks = [pytest.mark.xfail(reason=case["pending"], strict=True)] if case.get("pending") else []
        return pytest.param(lang, topic, case, marks=marks)

    return [
        param(lang, topic, case) for lang in available_languages() for topic in TOPICS for case in _load(lang, topic)
    ]


def _fields(event: Event, text: str) -> dict[str, Any]:
    """The event as a case writes it: null as "", counts as their best figure."""
    d = event.to_dict()
    loc = event.location
    span = dict(event.evidence).get("location")
    fields = {
        k: d[k] for k in ("date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2", "claimed_by")
    }
    fields |= {
        "fatalities": event.fatalities.best if event.fatalities else None,
        "fatalities_low": event.fatalities.low if event.fatalities else None,
        "fatalities_high": event.fatalities.high if event.fatalities else None,
        "wounded": event.wounded.best if event.wounded else None,
        "country": loc.place.country if loc else None,
        "admin1": loc.place.admin1 if loc else None,
        "location_name": loc.place.name if loc else None,
        "precision": loc.precision if loc else None,
        "relation": loc.relation if loc else None,
        "place": " | ".join([loc.place.name if loc else "", text[span.start : span.end] if span else ""]),
    }
    return {k: "" if v is None else v for k, v in fields.items()}


def _fits(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """The fields that differ, as 'name: expected != got'."""
    wrong = []
    for key, want in expected.items():
        have = got[key]
        ok = _fold(str(want)) in _fold(have) if key == "place" else have == want
        if not ok:
            wrong.append(f"{key}: {want!r} != {have!r}")
    return wrong


@pytest.mark.parametrize("lang,topic,case", _cases(), ids=lambda c: c if isinstance(c, str) else c["failure"])
def test_article(lang: str, topic: str, case: dict[str, Any]) -> None:
    events = sitrep.extract(case["text"], published=case.get("published"), lang=lang)
    got = [_fields(e, case["text"]) for e in events]
    expected = case.get("event", [])
    report = "\n".join(str(g) for g in got)
    assert len(got) == len(expected), f"{len(got)} events, expected {len(expected)}:\n{report}"
    unmatched = list(range(len(got)))
    for want in expected:
        fits = [i for i in unmatched if not _fits(want, got[i])]
        if not fits:
            near = min(unmatched, key=lambda i: len(_fits(want, got[i])))
            pytest.fail(f"no event like {want}: nearest differs in {_fits(want, got[near])}\n{report}")
        unmatched.remove(fits[0])


@pytest.mark.parametrize("lang", available_languages())
def test_every_pack_covers_every_failure_and_style(lang: str) -> None:
    """The same failure slugs in every pack, and every style in each pack."""

    def slugs(code: str) -> set[str]:
        return {c["failure"] for t in TOPICS for c in _load(code, t)}

    assert slugs(lang) == slugs("en"), (
        f"{lang} lacks {sorted(slugs('en') - slugs(lang))}, has extra {sorted(slugs(lang) - slugs('en'))}"
    )
    styles = {c["style"] for t in TOPICS for c in _load(lang, t)}
    assert styles <= set(STYLES), f"unknown styles {styles - set(STYLES)}"
    assert styles == set(STYLES), f"{lang} has no cases in the styles {sorted(set(STYLES) - styles)}"
