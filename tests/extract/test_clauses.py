"""split_clauses: absolute spans, coverage of the sentence, and the conditions of a cut. Language
cases live in the per-pack tables (tests/lang/<code>/sentences.toml)."""

from __future__ import annotations

import random

import pytest

from sitrep.extract.clauses import earlier_asides, split_clauses
from sitrep.extract.sentences import Sentence, split_sentences
from sitrep.extract.triggers import find_triggers
from sitrep.lang import available_languages, load_pack
from sitrep.records import Span
from tests.work import calls

EN = load_pack("en")
TWO = "Intro sentence here. A car bomb killed four people in Kirkuk, while gunmen shot dead a guard in Mosul."


def test_clause_spans_are_offsets_into_the_text() -> None:
    sentence = split_sentences(TWO, EN)[1]
    clauses = split_clauses(sentence, EN)
    assert len(clauses) == 2
    for c in clauses:
        assert TWO[c.span.start : c.span.end] == c.text
        assert sentence.span.start <= c.span.start < c.span.end <= sentence.span.end


def test_triggers_found_already_give_the_same_clauses() -> None:
    sentence = split_sentences(TWO, EN)[1]
    assert split_clauses(sentence, EN, find_triggers(TWO, EN)) == split_clauses(sentence, EN)


def test_a_sentence_without_a_cut_comes_back_whole() -> None:
    sentence = Sentence(Span(3, 20), "Bombs hit Kabul.")
    assert split_clauses(sentence, EN) == [sentence]


def test_no_cut_without_a_trigger_on_each_side() -> None:
    text = "Officials met in Kirkuk, while a car bomb killed four people in Mosul."
    assert len(split_clauses(split_sentences(text, EN)[0], EN)) == 1


@pytest.mark.parametrize(
    ("text", "asides"),
    [
        # A pluperfect relative clause between commas: to its closing comma.
        (
            "The clinic, which had been shelled in May 2016, was hit by an air strike.",
            ["which had been shelled in May 2016"],
        ),
        # At the sentence's end: to the end.
        ("Gunmen stormed the depot on Friday, which rebels had looted in 2019.", ["which rebels had looted in 2019."]),
        # A plain relative clause is often the same incident: no aside.
        ("A bomb exploded at the market, which killed nine people on Friday.", []),
    ],
)
def test_earlier_asides_run_from_their_opener_to_the_next_comma(text: str, asides: list[str]) -> None:
    sentence = Sentence(Span(5, 5 + len(text)), text)
    assert [text[a.start - 5 : a.end - 5] for a in earlier_asides(sentence, EN)] == asides


@pytest.mark.parametrize("lang", available_languages())
def test_every_pack_has_a_clause_table(lang: str) -> None:
    table = load_pack(lang)["pack"]["clauses"]
    assert table["connectives"] and table["coordinators"]


@pytest.mark.parametrize("seed", range(20))
def test_clauses_keep_their_order_and_never_overlap(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [
        "a bomb killed",
        " in Kirkuk",
        " in Mosul",
        ", while",
        " and",
        "; ",
        " gunmen shot",
        " two",
        " the attack",
        ",",
    ]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))).strip() or "x"
    sentence = Sentence(Span(10, 10 + len(text)), text)
    clauses = split_clauses(sentence, EN)
    for c in clauses:
        assert text[c.span.start - 10 : c.span.end - 10] == c.text and c.text
    assert all(a.span.end <= b.span.start for a, b in zip(clauses, clauses[1:]))


def _calls(text: str) -> int:
    """Function calls one split makes: work, counted rather than timed."""
    sentence = Sentence(Span(0, len(text)), text)
    assert len(split_clauses(sentence, EN)) > 10
    return calls(lambda: split_clauses(sentence, EN))


def test_work_grows_linearly_with_the_cuts() -> None:
    """A run-on sentence of hundreds of cuts: triggers and places are looked up, not rescanned."""
    towns = ["Kabul", "Herat", "Kunduz", "Ghazni", "Zaranj"]
    unit = [
        f"a bomb killed {i % 9 + 2} people in {towns[i % 5]}, while in {towns[(i + 2) % 5]} gunmen attacked a post; "
        for i in range(400)
    ]
    small, large = _calls("".join(unit[:200])), _calls("".join(unit))
    assert large <= 2.3 * small, (small, large)
