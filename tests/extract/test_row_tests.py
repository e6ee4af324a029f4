"""The test before the casualty rows (sitrep/extract/counts.py, `_tests`): a pattern for `re` that
matches wherever a row matches, so that the rows, which the `regex` module runs slowly, are tried
only where one can match. Relaxing a pattern must never refuse a place the pattern takes; on the
packs' own casualty tables, the rows find the same phrases with the test as without it."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.extract import counts
from sitrep.extract.counts import _head, _relaxed, find_casualties
from sitrep.lang import available_languages, load_pack
from tests.matched import read_table

TABLES = Path(__file__).parents[1] / "lang"
WORDS = {"verb": ("(?:shot|stabbed)", True), "people": ("", False)}  # "people" is cut, as figures are


def lookup(name: str) -> tuple[str, bool] | None:
    return WORDS.get(name)


@pytest.mark.parametrize(
    "pattern, relaxed, whole",
    [
        (r"(?<!\w)kill(?!ed)", "kill", True),  # lookarounds only narrow a match: left out
        (r"(?P<who>a|b)c", "(?:a|b)c", True),  # a named group is plain (rows name theirs alike)
        (r"{verb}\s+dead", r"(?:(?:shot|stabbed))\s+dead", True),
        (r"{unknown} x", "{unknown} x", True),  # not a placeholder: text, as `re` reads it
        (r"killed\s+{people}\s+in", r"killed\s+(?:)", False),  # cut: nothing after it is known
        (r"a(?:b|{people})c", "a(?:b|(?:))", False),  # cut in one branch: the group ends the test
        (r"a(?:b{people})?c", "a", False),  # cut in a group that may be skipped: the test ends before
        (r"(a)\1b", "(?:a)", False),  # a back-reference: the test ends before it
        (r"(?i:a)b", "", False),  # a group of a kind it does not read
        (r"[(]x|\(y", r"[(]x|\(y", True),  # parentheses in a class or escaped are characters
        (r"a[{verb}]b", "a", False),  # a placeholder in a class: the test ends before it
    ],
)
def test_relaxed(pattern: str, relaxed: str, whole: bool) -> None:
    assert _relaxed(pattern, lookup) == (relaxed, whole)


def test_a_call_is_relaxed_through_the_lookup() -> None:
    grammar = {"_fig": r"(?<!\w)\d+(?!\d)"}

    def calls(name: str) -> tuple[str, bool] | None:
        """A call is asked for as "&name"."""
        return _relaxed(grammar[name[1:]], calls) if name[1:] in grammar and name[0] == "&" else None

    assert _relaxed(r"(?&_fig)\s+dead", calls) == (r"(?:\d+)\s+dead", True)
    assert _relaxed(r"{_fig}\s+dead", calls) == (r"{_fig}\s+dead", True)  # a placeholder no row has: text


@pytest.mark.parametrize(
    "pattern, head",
    [
        (r"a(?:b)?c?", "a"),
        (r"a\s*", "a"),
        (r"a(?:x){0,3}", "a"),
        (r"a(?:x){2}", "a(?:x){2}"),  # required: kept
        (r"a?b|c(?:d)*", "a?b|c"),
    ],
)
def test_head_leaves_out_what_may_match_nothing_at_the_end(pattern: str, head: str) -> None:
    assert _head(pattern) == head


def test_relaxing_never_refuses_what_the_pattern_takes() -> None:
    pattern = r"(?P<n>\d+)(?!\d)\s+(?:people|(?:civilians?|soldiers?)(?=\s))\s+(?:were\s+)?{verb}"
    texts = ["12 people were shot", "3 civilians stabbed", "7 soldiers were shot dead", "12 cattle shot", "1999 people"]
    full = re.compile(pattern.replace("{verb}", WORDS["verb"][0]))
    test = re.compile(_relaxed(pattern, lookup)[0])
    taken = [t for t in texts if full.match(t)]
    assert taken == texts[:3]
    assert all(test.match(t) for t in taken)
    assert not test.match("12 cattle shot")  # and it still refuses something


def _table_texts(code: str) -> list[str]:
    table = read_table(TABLES / code / "counts.toml")  # as the stages read text: Eastern digits, ZWNJ
    return [case[0] for case in table["casualties"]] + [case[0] for case in table["tolls"]] + [table["article"]]


@pytest.mark.parametrize("code", available_languages())
def test_the_tests_take_every_place_a_row_matches(code: str) -> None:
    pack = load_pack(code)
    c = counts._casualties(pack)
    assert c.word_test is not None, "the pack's rows should compile for `re`"
    places = refused = 0
    for text in _table_texts(code):
        anchors = [m.span() for m in c.anchors.finditer(text)]
        for start, end in counts._regions(anchors, len(text), counts._FIGURE_REACH, 0):
            for p in counts._figure_starts(text, start, end, c):
                if c.figure.match(text, p):
                    places += 1
                    untested = [replace(rows, test=None) for rows in c.figure_rows]
                    hit = any(True for rows in untested for _ in rows.hits(text, p))
                    refused += not c.figure_test.match(text, p)
                    assert c.figure_test.match(text, p) or not hit, text[p : p + 60]
                    for rows, alone in zip(c.figure_rows, untested, strict=True):  # each set's own test
                        assert rows.test is not None, "the pack's figure-led rows should compile for `re`"
                        assert rows.test.match(text, p) or not any(alone.hits(text, p)), text[p : p + 60]
        for start, end in counts._regions(anchors, len(text), counts._BEFORE, counts._AFTER):
            for lead in c.leads.finditer(text, start, end):
                places += 1
                hit = any(True for _ in c.word_rows.hits(text, lead.start()))
                refused += not c.word_test.match(text, lead.start())
                assert c.word_test.match(text, lead.start()) or not hit, text[lead.start() : lead.start() + 60]
    assert 0 < refused < places  # the test does refuse places, and not all of them


@pytest.mark.parametrize("code", available_languages())
def test_the_phrases_are_those_the_rows_alone_find(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack(code)
    texts = _table_texts(code)
    with_tests = [find_casualties(t, pack, keep_aggregates=True) for t in texts]
    compiled = counts._casualties(pack)
    untested = replace(  # the rows at every place
        compiled,
        figure_test=compiled.figure,
        word_test=None,
        figure_rows=tuple(replace(rows, test=None) for rows in compiled.figure_rows),
    )
    monkeypatch.setattr(counts, "_casualties", lambda _pack: untested)
    assert [find_casualties(t, pack, keep_aggregates=True) for t in texts] == with_tests
    assert sum(map(len, with_tests)) > len(texts)  # the tables are full of phrases


def test_rows_re_cannot_compile_get_no_test() -> None:
    """`\\p{L}` is the `regex` module's alone: such rows are tried at every place, as before."""
    pack = load_pack("en")
    parts, grammar = counts._parts(pack["casualties"], counts._numbers(pack), pack["numbers"])
    assert counts._tests([r"{num}\s+\p{L}+\s+killed"], [True], parts, grammar) == (None, None)
    figure_test, word_test = counts._tests(
        [r"{num}\s+killed", r"{killed_active}\s+{num}"], [True, False], parts, grammar
    )
    assert figure_test is not None and figure_test.match("12 killed") and not figure_test.match("12 km")
    assert word_test is not None and word_test.match("killing 5") and not word_test.match("kilometres")
