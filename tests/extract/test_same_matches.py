"""The matchers compiled for speed find exactly what the plain patterns find: the same spans and
the same named group (which trigger, which actor), in every pack.

Each is compared with the pattern written the plain way (what the code compiled before it was
made faster) on phrases written for the packs' tests (tests/lang/<code>/ and tests/golden/<code>/)
and on words made from the packs' own patterns (compounds around each stem: "Xxanschlagen").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.extract import stems
from sitrep.extract.folded import FoldedPattern
from sitrep.extract.triggers import _build_rules as trigger_rules
from sitrep.lang import alternation, available_languages, load_pack

TESTS = Path(__file__).resolve().parents[1]
LANGS = available_languages()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _phrases(code: str) -> list[str]:
    """Every string of the pack's test tables and golden articles (written for the tests)."""
    files = sorted((TESTS / "lang" / code).rglob("*.toml")) + sorted((TESTS / "golden" / code).rglob("*.toml"))
    return [s for f in files for s in _strings(tomllib.loads(f.read_text(encoding="utf-8")))]


def _compounds(patterns: list[str]) -> list[str]:
    """Words around each stem of the patterns: alone, glued after a word, inflected, capitalised."""
    out = []
    for p in patterns:
        s = stems.stem(p)
        if s:
            out += [s, f"Xx{s}", f"{s}en", f"ab{s}s-Zz", s.capitalize(), f"Straßen{s}e", s.upper(), f"-{s} {s}."]
    return out


def _text(code: str, patterns: list[str]) -> str:
    return "\n".join([*_phrases(code), *_compounds(patterns)])


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


def _same(fast: FoldedPattern, plain: str, text: str) -> None:
    """Both ways FoldedPattern matches (on the lower-cased text, and with IGNORECASE)."""
    plain_folded = FoldedPattern.compile(plain)
    lowered = text.lower()
    assert _found(fast.lowered, lowered) == _found(plain_folded.lowered, lowered)
    assert _found(fast.ignorecase, text) == _found(plain_folded.ignorecase, text)


@pytest.mark.parametrize("code", LANGS)
def test_triggers_match_as_the_plain_alternation(code: str) -> None:
    entries = load_pack(code)["triggers"]["trigger"]
    groups = [f"(?P<t{i}>{alternation(e['patterns'])})" for i, e in enumerate(entries)]
    plain = rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])"
    text = _text(code, [p for e in entries for p in e["patterns"]])
    assert _found(re.compile(plain, re.IGNORECASE), text), "the phrases hold triggers"
    _same(trigger_rules(load_pack(code)).pattern, plain, text)


def test_stem_of_a_pattern() -> None:
    assert stems.stem(r"\w*anschlag\w*") == "anschlag"
    assert stems.stem(r"\w*luftschl[aä]g\w*") == "luftschl"
    assert stems.stem(r"\w*bombe?") == "bomb"  # the "e" may be absent
    assert stems.stem(r"\w*gericht (?:in|von)") == "gericht "
    assert stems.stem(r"\w*(?<!panik)attack") is None  # no literal stem
    assert stems.stem(r"\w*anschlag|mord") is None  # "mord" needs no stem: not gated whole
    assert stems.stem(r"\w*(?:anschlag|mord)") is None
    assert stems.stem("anschlag") is None


TOY = [
    r"\w*bombe[n]?",
    "bomber",
    r"\w*angriff\w*",
    r"\w*luftangriff\w*",
    "Mine[n]? explodierte",
    r"\w*mine (?:explodierte|detonierte)",
    r"\w*(?<!panik)attacke",
]
TOY_TEXT = (
    "Autobomben, bomber, Bombe und Bomberin. Luftangriffe; Drohnenangriff-Serie, angriffslustig. "
    "Minen explodierten, eine Landmine explodierte, eine Landmine detonierte. Panikattacke, Attacke. Nichts."
)


def test_a_gated_alternation_matches_as_the_plain_one() -> None:
    groups = [f"(?P<t{i}>{p})" for i, p in enumerate(TOY)]
    plain = rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])"
    gated = [f"(?P<t{i}>{stems.gated_alternation([p])})" for i, p in enumerate(TOY)]
    fast = FoldedPattern.compile(rf"(?<![\w-]){stems.gate(TOY)}(?:{'|'.join(gated)})(?![\w-])")
    words = [TOY_TEXT[a:b] for (a, b), _ in _found(fast.ignorecase, TOY_TEXT)]
    assert words == [
        "Autobomben",
        "bomber",
        "Bombe",
        "Luftangriffe",
        "angriffslustig",
        "Landmine explodierte",
        "Landmine detonierte",
        "Attacke",
    ]
    _same(fast, plain, TOY_TEXT)


def test_no_stem_no_gate() -> None:
    assert stems.gate(["bomber", r"\w*(?<!panik)attacke"]) == ""
    assert stems.gated_alternation(["a", "bb"]) == alternation(["a", "bb"])
