"""Per-language tables for sentence and clause splitting (tests/lang/<code>/sentences.toml): a
text and the sentences it splits into; a sentence and the clauses it cuts into."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.extract.clauses import split_clauses
from sitrep.extract.sentences import split_sentences
from sitrep.lang import available_languages, load_pack
from tests.matched import read_table

HERE = Path(__file__).parent


def _cases(kind: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for lang in available_languages():
        path = HERE / lang / "sentences.toml"
        assert path.is_file(), f"every pack needs a sentences table: {path}"
        cases = read_table(path).get(kind, [])
        assert cases, f"{path} has no [[{kind}]] cases"
        out += [(lang, case) for case in cases]
    return out


@pytest.mark.parametrize("lang,case", _cases("sentences"), ids=lambda c: c if isinstance(c, str) else c["text"][:40])
def test_sentence_table(lang: str, case: dict[str, Any]) -> None:
    text = case["text"]
    got = split_sentences(text, load_pack(lang))
    assert [s.text for s in got] == case["expect"]
    assert all(text[s.span.start : s.span.end] == s.text for s in got)


@pytest.mark.parametrize("lang,case", _cases("clauses"), ids=lambda c: c if isinstance(c, str) else c["text"][:40])
def test_clause_table(lang: str, case: dict[str, Any]) -> None:
    text = case["text"]
    pack = load_pack(lang)
    sentences = split_sentences(text, pack)
    assert len(sentences) == 1, "a clause case is one sentence"
    got = split_clauses(sentences[0], pack)
    assert [c.text for c in got] == case["expect"]
    assert all(text[c.span.start : c.span.end] == c.text for c in got)
