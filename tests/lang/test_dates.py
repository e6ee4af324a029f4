"""Date extraction, one table of cases per language (tests/lang/<code>/dates.toml), in
dateparser's style. Every language pack present is tested; adding a pack means adding a table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract.dates import DateMention, find_dates, resolve_chain
from sitrep.lang import available_languages, load_pack
from sitrep.records import Span
from tests.matched import read_table

TABLES = Path(__file__).parent
LANGUAGES = available_languages()
# Every language needs a real table, not a token one.
MIN_CASES = 40


def _table(code: str) -> dict[str, Any]:
    return read_table(TABLES / code / "dates.toml")


def _params(section: str) -> list[Any]:
    return [
        pytest.param(code, case, id=f"{code}-{i}-{case['text'][:40]}")
        for code in LANGUAGES
        for i, case in enumerate(_table(code).get(section, []))
    ]


def _check(text: str, found: DateMention, want: dict[str, Any]) -> None:
    assert text[found.span.start : found.span.end] == want["span"]
    assert found.date == want.get("date")
    assert found.precision == want["precision"]
    assert found.chain_offset == want.get("chain")
    assert found.speech is want.get("speech", False)
    assert found.quoted is want.get("quoted", False)
    anchor = None if found.anchor is None else text[found.anchor.start : found.anchor.end]
    assert anchor == want.get("anchor")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_a_table(code: str) -> None:
    assert len(_table(code)["cases"]) >= MIN_CASES


def test_date_packs_have_the_same_keys() -> None:
    keys = {code: sorted(load_pack(code)["dates"]) for code in LANGUAGES}
    assert len(set(map(tuple, keys.values()))) == 1, keys


@pytest.mark.parametrize(("code", "case"), _params("cases"))
def test_case(code: str, case: dict[str, Any]) -> None:
    found = find_dates(case["text"], load_pack(code), case.get("published"))
    assert len(found) == 1, [case["text"][m.span.start : m.span.end] for m in found]
    _check(case["text"], found[0], case)


@pytest.mark.parametrize(("code", "case"), _params("negatives"))
def test_not_a_date(code: str, case: dict[str, Any]) -> None:
    found = find_dates(case["text"], load_pack(code), dt.date(2020, 1, 20))
    assert [case["text"][m.span.start : m.span.end] for m in found] == []


@pytest.mark.parametrize(("code", "case"), _params("articles"))
def test_article(code: str, case: dict[str, Any]) -> None:
    found = find_dates(case["text"], load_pack(code), case.get("published"))
    assert [case["text"][m.span.start : m.span.end] for m in found] == [w["span"] for w in case["expect"]]
    for mention, want in zip(found, case["expect"], strict=True):
        _check(case["text"], mention, want)


@pytest.mark.parametrize(("code", "case"), _params("chains"))
def test_chain_runs_the_right_way(code: str, case: dict[str, Any]) -> None:
    text = case["text"]
    chained = [m for m in find_dates(text, load_pack(code), case["published"]) if m.chain_offset is not None]
    assert len(chained) == 1
    at = text.index(case["trigger"])
    assert resolve_chain(chained[0], (case["previous"], "day"), at) == (case["date"], "day")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_tests_chains_speech_and_anchors(code: str) -> None:
    table = _table(code)
    assert len(table["chains"]) >= 4
    assert sum(bool(c.get("speech")) for c in table["cases"]) >= 4
    assert sum(bool(c.get("quoted")) for c in table["cases"]) >= 2
    assert sum("anchor" in c for c in table["cases"]) >= 2


@pytest.mark.parametrize(("code", "case"), _params("articles"))
def test_a_chain_told_first_counts_from_the_last_day_named(code: str, case: dict[str, Any]) -> None:
    found = find_dates(case["text"], load_pack(code), case.get("published"))
    last = case.get("published")
    for m in found:
        if m.chain_offset is not None:
            want = None if last is None else last + dt.timedelta(days=m.chain_offset)
            want = min(want, case["published"]) if want and case.get("published") else want
            assert resolve_chain(m, None)[0] == want
        elif m.date is not None and m.precision == "day":
            last = m.date


@pytest.mark.parametrize("code", LANGUAGES)
def test_mentions_are_sorted_and_disjoint(code: str) -> None:
    text = " ".join(c["text"] for c in _table(code)["cases"])
    found = find_dates(text, load_pack(code), dt.date(2020, 1, 20))
    ends = [(m.span.start, m.span.end) for m in found]
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(ends, ends[1:]))
    assert len(found) >= MIN_CASES


@pytest.mark.parametrize("code", LANGUAGES)
def test_published_datetime_is_read_as_its_date(code: str) -> None:
    text = _table(code)["cases"][0]["text"]
    at_noon = find_dates(text, load_pack(code), dt.datetime(2020, 1, 22, 12, 0))
    assert at_noon == find_dates(text, load_pack(code), dt.date(2020, 1, 22))
    assert all(type(m.date) is dt.date for m in at_noon if m.date)


def test_resolve_chain() -> None:
    later = DateMention(Span(0, 11), None, "day", 1)
    assert resolve_chain(later, (dt.date(2020, 1, 14), "day")) == (dt.date(2020, 1, 15), "day")
    assert resolve_chain(later, None) == (None, "day")
    # A day after "last week" is still that week; a day after "in October" is still October.
    assert resolve_chain(later, (dt.date(2020, 1, 13), "week")) == (dt.date(2020, 1, 14), "week")
    assert resolve_chain(later, (dt.date(2019, 10, 1), "month")) == (dt.date(2019, 10, 1), "month")
    plain = DateMention(Span(0, 6), dt.date(2020, 1, 20), "day")
    assert resolve_chain(plain, (dt.date(2020, 1, 1), "day")) == (dt.date(2020, 1, 20), "day")


def test_resolve_chain_turns_inside_the_anchor_and_stops_at_publication() -> None:
    # "two days after <a bombing>": span 0-14, anchor 14-24.
    after = DateMention(Span(0, 14), None, "day", 2, anchor=Span(14, 24), not_after=dt.date(2020, 1, 16))
    assert resolve_chain(after, (dt.date(2020, 1, 10), "day"), at=30) == (dt.date(2020, 1, 12), "day")
    assert resolve_chain(after, (dt.date(2020, 1, 10), "day"), at=16) == (dt.date(2020, 1, 8), "day")
    assert resolve_chain(after, (dt.date(2020, 1, 10), "day")) == (dt.date(2020, 1, 12), "day")
    # Two days after an event of the 15th would be after publication (the 16th): it stops there.
    assert resolve_chain(after, (dt.date(2020, 1, 15), "day"), at=30) == (dt.date(2020, 1, 16), "day")
    # Told before any event, a chain counts from the report's day.
    assert resolve_chain(after, None) == (None, "day")
    before = DateMention(Span(0, 14), None, "day", -1, reference=dt.date(2020, 1, 16))
    assert resolve_chain(before, None) == (dt.date(2020, 1, 15), "day")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_dateline_after_publication_is_not_the_reference(code: str) -> None:
    # A misread two-digit year ("11 MAR 11" read as 2011 in a 1911 paper) must not move "today".
    pack = load_pack(code)
    march = next(name for name, number in pack["dates"]["months"].items() if number == 3)
    text = f"MOSCOW, 11 {march.upper()} 11 -- " + _table(code)["today"]
    found = find_dates(text, pack, dt.date(1911, 3, 12))
    assert [m.date for m in found] == [dt.date(1911, 3, 11), dt.date(1911, 3, 12)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_two_digit_years_are_never_in_the_future(code: str) -> None:
    pack = load_pack(code)
    january = next(name for name, number in pack["dates"]["months"].items() if number == 1)
    text = f"14 {january.upper()} 90 -- REPORT"
    assert find_dates(text, pack, dt.date(1990, 1, 20))[0].date == dt.date(1990, 1, 14)
    assert find_dates(text, pack, dt.date(2020, 1, 20))[0].date == dt.date(1990, 1, 14)
    # Undated: 69-99 are 19xx, as POSIX strptime's %y.
    assert find_dates(text, pack, None)[0].date == dt.date(1990, 1, 14)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_2kb_article_gives_the_same_dates_every_time(code: str) -> None:
    # Speed is measured in bench/stage_speed.py, not asserted here (machines differ).
    text = (" ".join(c["text"] for c in _table(code)["cases"][:12]) + " ") * 4
    text, pack = text[:2048], load_pack(code)
    first = find_dates(text, pack, dt.date(2020, 1, 20))
    assert first and all(m.span.end <= len(text) for m in first)
    assert find_dates(text, pack, dt.date(2020, 1, 20)) == first
