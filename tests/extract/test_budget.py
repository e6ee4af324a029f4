"""A time budget per article (issue 10, item 5): past it extraction stops with ExtractionTimeout,
one clear line, and a batch skips the article. Budgets here are already spent (0 s), so no
machine is fast enough to finish in time and none is too slow for the test."""

from __future__ import annotations

import datetime as dt
import functools
import pickle

import pytest

import sitrep
from sitrep.extract import EXTRACTION_BUDGET_S, extract_document
from sitrep.extract.budget import Deadline
from sitrep.records import Document
from sitrep.run import prepare

TEXT = "Gunmen killed three people in Kabul on Monday, police said.\n\n" * 50
DOC = Document("long-article", TEXT, dt.date(2020, 1, 15), "en")


def test_a_spent_budget_stops_extraction() -> None:
    with pytest.raises(sitrep.ExtractionTimeout) as raised:
        extract_document(DOC, budget_s=0)
    message = str(raised.value)
    assert message == "long-article: the article took more than 0 s to extract and was skipped"
    assert isinstance(raised.value, sitrep.SitrepError)


def test_the_public_function_takes_a_budget() -> None:
    with pytest.raises(sitrep.ExtractionTimeout, match=r"^text: the article took more than 0 s"):
        sitrep.extract(TEXT, published="2020-01-15", lang="en", budget_s=0)
    assert sitrep.extract(TEXT, published="2020-01-15", lang="en", budget_s=None)


def test_the_default_budget_lets_an_article_finish() -> None:
    assert EXTRACTION_BUDGET_S > 0
    assert extract_document(DOC) == extract_document(DOC, budget_s=None)


def test_a_deadline_in_the_past_raises_at_the_next_check() -> None:
    deadline = Deadline("doc", 2.0, at=0.0)  # monotonic time 0 is long gone
    with pytest.raises(sitrep.ExtractionTimeout, match="more than 2 s"):
        deadline.check()
    Deadline.start("doc", None).check()  # no budget: never raises


def test_the_error_crosses_processes() -> None:
    error = pickle.loads(pickle.dumps(sitrep.ExtractionTimeout("doc-7", 60.0)))
    assert (str(error), error.doc_id, error.budget_s) == (
        "doc-7: the article took more than 60 s to extract and was skipped",
        "doc-7",
        60.0,
    )


def test_ingest_skips_the_article_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's prepare step turns the timeout into a skipped document with its reason."""
    monkeypatch.setattr(prepare, "extract_document", functools.partial(extract_document, budget_s=0))
    outcome = prepare.prepare(DOC)
    assert isinstance(outcome, prepare.Failed)
    assert "\n" not in outcome.reason
    assert outcome.reason.endswith("long-article: the article took more than 0 s to extract and was skipped")
