"""Numbers and casualty phrases, per language, from tables tests/lang/<code>/counts.toml.

Expected values are short strings:
  "13"    -> Count(13, 13, 13)          "7+" -> Count(7, 7, None)     "<30" -> Count(None, 30, 30)
  "10-15" -> Count(10, 10, 15)          "~12" -> Count(12, None, None) (vague word, ACLED estimate)
  "none"  -> not a figure
A casualty case lists every phrase the text must give, in order, as "kind count [victims] [revised]";
an empty list means the text holds no casualty figure (a trap). A toll case gives the killed and
wounded figures combine_counts makes of every phrase of the text, as if all told of one incident.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.extract.counts import CasualtyMention, find_casualties, parse_number
from sitrep.extract.tolls import combine_counts
from sitrep.lang import available_languages, load_pack
from sitrep.records import Count
from tests.matched import read_table

HERE = Path(__file__).parent
LANGS = available_languages()


def _table(lang: str) -> dict[str, Any]:
    path = HERE / lang / "counts.toml"
    assert path.is_file(), f"every pack needs a counts table: {path}"
    return read_table(path)


def _cases(key: str) -> list[tuple[str, list[Any]]]:
    return [(lang, case) for lang in LANGS for case in _table(lang)[key]]


def _count(token: str) -> Count | None:
    if token == "none":
        return None
    if token.startswith("~"):
        return Count(int(token[1:]), None, None)
    if token.startswith("<"):
        return Count(None, int(token[1:]), int(token[1:]))
    if token.endswith("+"):
        return Count(int(token[:-1]), int(token[:-1]), None)
    if "-" in token:
        low, high = (int(x) for x in token.split("-"))
        return Count(low, low, high)
    return Count.exact(int(token))


def _token(c: Count) -> str:
    return (
        f"~{c.low}"
        if c.best is None
        else f"<{c.best}"
        if c.low is None
        else f"{c.best}+"
        if c.high is None
        else f"{c.low}-{c.high}"
        if c.high != c.low
        else str(c.best)
    )


def _describe(text: str, pack_code: str) -> list[str]:
    out = []
    for m in find_casualties(text, load_pack(pack_code)):
        out.append(" ".join(x for x in (m.kind, _token(m.count), m.victims or "", "revised" if m.revised else "") if x))
    return out


def _toll(mentions: list[CasualtyMention], kind: str) -> str:
    toll = combine_counts([m for m in mentions if m.kind == kind])
    return _token(toll.count) if toll else "none"


@pytest.mark.parametrize("lang", LANGS)
def test_tables_are_big_enough(lang: str) -> None:
    table = _table(lang)
    assert len(table["numbers"]) >= 25
    assert len(table["casualties"]) >= 40


@pytest.mark.parametrize("lang,case", _cases("numbers"), ids=lambda c: str(c)[:40])
def test_number_table(lang: str, case: list[str]) -> None:
    phrase, expected = case
    assert parse_number(phrase, load_pack(lang)) == _count(expected)


@pytest.mark.parametrize("lang,case", _cases("casualties"), ids=lambda c: str(c)[:50])
def test_casualty_table(lang: str, case: list[Any]) -> None:
    text, expected = case
    assert _describe(text, lang) == expected


@pytest.mark.parametrize("lang,case", _cases("tolls"), ids=lambda c: str(c)[:50])
def test_toll_table(lang: str, case: list[str]) -> None:
    text, killed, wounded = case
    mentions = find_casualties(text, load_pack(lang))
    assert (_toll(mentions, "killed"), _toll(mentions, "wounded")) == (killed, wounded)


@pytest.mark.parametrize("lang", LANGS)
def test_tally_is_kept_on_request_and_marked(lang: str) -> None:
    """A tally is dropped by default; asked for, it comes back marked, the event toll beside it unmarked."""
    pack = load_pack(lang)
    for text, expected in _table(lang)["casualties"]:
        kept = find_casualties(text, pack, keep_aggregates=True)
        assert [m for m in kept if not m.aggregate] == find_casualties(text, pack)
        if not expected and kept:
            assert all(m.aggregate for m in kept), text


@pytest.mark.parametrize("lang", LANGS)
def test_spans_point_into_the_text(lang: str) -> None:
    text = _table(lang)["article"]
    found = find_casualties(text, load_pack(lang))
    assert found
    for m in found:
        assert m.span.start <= m.number_span.start < m.number_span.end <= m.span.end
        assert text[m.number_span.start : m.number_span.end].strip() == text[m.number_span.start : m.number_span.end]
        if m.victims:
            assert m.victims in text[m.span.start : m.span.end]


@pytest.mark.parametrize("lang", LANGS)
def test_all_caps_reads_like_mixed_case(lang: str) -> None:
    pack = load_pack(lang)
    for text, _ in _table(lang)["casualties"]:
        low = [(m.kind, m.count, m.span) for m in find_casualties(text, pack)]
        assert [(m.kind, m.count, m.span) for m in find_casualties(text.upper(), pack)] == low, text


@pytest.mark.parametrize("lang", LANGS)
def test_a_2kb_article_gives_the_same_figures_every_time(lang: str) -> None:
    # Speed is measured in bench/stage_speed.py, not asserted here (machines differ).
    pack = load_pack(lang)
    text = (_table(lang)["article"] * 20)[:2048]
    first = [(m.kind, m.count, m.span) for m in find_casualties(text, pack)]
    assert first and all(m.span.end <= len(text) for m in find_casualties(text, pack))
    assert [(m.kind, m.count, m.span) for m in find_casualties(text, pack)] == first
