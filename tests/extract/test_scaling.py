"""Extraction work grows linearly with the length of an article, however repetitive the text
(issue 10, item 5: 200 KB once took 57 s). Work is counted, not timed: the number of function
calls (Python and built-in) one extraction makes, which doubles when the text doubles if every
stage is linear and quadruples where one compares all pairs. Wall-clock figures are in
bench/extract_scaling.py."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from sitrep.extract import extract_document, sentences
from sitrep.records import Document
from tests.work import calls

PUBLISHED = dt.date(2020, 1, 15)
SIZE = 6_000  # characters; the test compares SIZE with 2 * SIZE
LINEAR = 2.3  # doubling the text may at most multiply the work by this (pairs would give ~4)
TOWNS = ("Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Baqubah", "Samarra", "Erbil", "Basra", "Najaf")
UNITS: dict[str, Callable[[int], str]] = {
    "news paragraph": lambda i: (
        "Gunmen killed six shepherds and wounded three others near Mayadeen in Deir ez-Zor province on "
        "Monday, a war monitor said. Islamic State claimed responsibility for the attack.\n\n"
    ),
    "one sentence without a full stop": lambda i: (
        f"gunmen attacked a checkpoint in Kabul and killed {i % 90 + 2} soldiers near Herat and "
    ),
    "capitalised names": lambda i: f"Ahmed Karimi, Mosul, Baghdad, John Smith, Deir ez-Zor, Tal Afar, Kirkuk {i}, ",
    "figures": lambda i: f"{i} killed, {i + 1} wounded, {i * 3} dead, at least {i % 50 + 1} people, ",
    "dates": lambda i: f"on {i % 28 + 1} January 2020, on Monday, a day later, in March {1990 + i % 30}, ",
    "actors": lambda i: "Islamic State fighters, ISIS, IS, soldiers, police, gunmen, civilians and Iraqi troops; ",
    "claims": lambda i: "IS claimed responsibility; the Taliban denied responsibility, ",
    "an event per sentence": lambda i: (
        f"A bomb killed {i % 9 + 2} people in {TOWNS[i % 10]} on {i % 28 + 1} March {1900 + i % 199}. "
    ),
}


def _text(unit: Callable[[int], str], size: int) -> str:
    parts, total = [], 0
    while total < size:
        parts.append(unit(len(parts)))
        total += len(parts[-1])
    return "".join(parts)[:size]


def _calls(text: str) -> int:
    doc = Document("scaling", text, PUBLISHED, "en")
    return calls(lambda: extract_document(doc, budget_s=None))


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Packs compiled and the gazetteer opened before anything is counted."""
    extract_document(Document("warm", UNITS["news paragraph"](0), PUBLISHED, "en"))


@pytest.mark.parametrize("kind", UNITS)
def test_work_grows_linearly(kind: str) -> None:
    small, large = _calls(_text(UNITS[kind], SIZE)), _calls(_text(UNITS[kind], 2 * SIZE))
    assert large <= LINEAR * small, f"{kind}: {small} calls for {SIZE} characters, {large} for twice as many"


class _CountingPattern:
    """A compiled pattern that counts the characters it is asked to search."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.searched = pattern, 0

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        self.searched += len(text)
        return self.pattern.search(text, *args)


def test_sentence_splitting_reads_each_stop_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Abbreviations and no sentence end ("Maj. Gen. ... Lt. Col. ..."): the word before each stop
    is read from a short tail, not from the whole sentence so far (that regex work is not a call)."""
    unit = "Maj. Gen. Smith met Lt. Col. Jones and Dr. Karimi at the U.S. embassy on Jan. 14 "
    searched = []
    for size in (SIZE, 2 * SIZE):
        counting = _CountingPattern(sentences._LAST_WORD)
        monkeypatch.setattr(sentences, "_LAST_WORD", counting)
        assert len(sentences.split_sentences(_text(lambda i: unit, size))) == 1
        searched.append(counting.searched)
        monkeypatch.undo()
    assert searched[1] <= LINEAR * searched[0], searched
