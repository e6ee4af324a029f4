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

from sitrep.dateline import _dates_as_figures, dateline_words
from sitrep.extract import forms, stems
from sitrep.extract.folded import FoldedPattern
from sitrep.extract.actors import SIDES, TARGET_SIDES
from sitrep.extract.actors import _build_rules as actor_rules
from sitrep.extract.triggers import _build_rules as trigger_rules
from sitrep.geo.normalize import fold
from sitrep.geo.normalize import normalise
from sitrep.geo.rules import _common_words, rules_for
from sitrep.lang import alternation, available_languages, load_pack, load_shared
from sitrep.visible import matched

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
    """Every string of the pack's test tables and golden articles (written for the tests), read as
    the stages read text (sitrep.visible.matched: letter variants folded, as the pack's words are)."""
    files = sorted((TESTS / "lang" / code).rglob("*.toml")) + sorted((TESTS / "golden" / code).rglob("*.toml"))
    return [matched(s) for f in files for s in _strings(tomllib.loads(f.read_text(encoding="utf-8")))]


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


def _same(fast: FoldedPattern, plain: str, text: str, names: dict[str, str] | None = None) -> None:
    """Both ways FoldedPattern matches (on the lower-cased text, and with IGNORECASE); `names`:
    the plain pattern's group name for each of the fast one's groups."""

    def found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
        return [(span, (names or {}).get(str(group), group)) for span, group in _found(pattern, text)]

    plain_folded = FoldedPattern.compile(plain)
    lowered = text.lower()
    assert found(fast.lowered, lowered) == _found(plain_folded.lowered, lowered)
    assert found(fast.ignorecase, text) == _found(plain_folded.ignorecase, text)


@pytest.mark.parametrize("code", LANGS)
def test_triggers_match_as_the_plain_alternation(code: str) -> None:
    entries = load_pack(code)["triggers"]["trigger"]
    groups = [f"(?P<t{i}>{alternation(e['patterns'])})" for i, e in enumerate(entries)]
    plain = rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])"
    text = _text(code, [p for e in entries for p in e["patterns"]])
    assert _found(re.compile(plain, re.IGNORECASE), text), "the phrases hold triggers"
    _same(trigger_rules(load_pack(code)).pattern, plain, text)


@pytest.mark.parametrize("code", LANGS)
def test_actor_groups_match_as_the_named_alternation(code: str) -> None:
    shared, actors = load_shared("actors"), load_pack(code)["actors"]
    groups = list(actors["groups"].values())
    named = [f"(?P<g{len(shared['group']) + j}>{alternation(patterns)})" for j, patterns in enumerate(groups)]
    literals = alternation([re.escape(a) for g in shared["group"] for a in g["aliases"]])
    plain = rf"\b(?:{'|'.join([*named, f'(?P<alias>{literals})'])})\b"
    aliases = [a for g in shared["group"] for a in g["aliases"]]
    text = _text(code, [p for ps in actors["groups"].values() for p in ps]) + "\n" + ", ".join(aliases)
    rules = actor_rules(load_pack(code))
    assert {rules.group_forms[str(m.lastgroup)] for m in rules.groups.ignorecase.finditer(text)} > {"alias"}
    _same(rules.groups, plain, text, rules.group_forms)


@pytest.mark.parametrize("code", LANGS)
def test_actor_sides_match_as_the_named_alternation(code: str) -> None:
    actors = load_pack(code)["actors"]
    lists = [(f"target_{s}", actors["targets"][s]) for s in TARGET_SIDES] + [(s, actors["sides"][s]) for s in SIDES]
    lists.append(("weapon", actors["weapons"]["forms"]))
    plain = rf"\b(?:{'|'.join(f'(?P<{name}>{alternation(forms)})' for name, forms in lists)})\b"
    text = _text(code, [p for _, forms in lists for p in forms])
    rules = actor_rules(load_pack(code))
    assert len({rules.side_forms[str(m.lastgroup)] for m in rules.sides.ignorecase.finditer(text)}) >= 4
    _same(rules.sides, plain, text, rules.side_forms)


@pytest.mark.parametrize("code", LANGS)
def test_subject_breaks_on_the_lowered_text_as_with_ignorecase(code: str) -> None:
    rules = actor_rules(load_pack(code))
    text = _text(code, []) + "\nKabul.In Kabul. AND THEN; (x) “y”\n\nend."
    assert len(text.lower()) == len(text)  # else FoldedPattern reads with IGNORECASE
    found = [m.span() for m in rules.subject_breaks.finditer(text)]
    assert len(found) > 100
    assert found == [m.span() for m in rules.subject_breaks.ignorecase.finditer(text)]


def _spans(m: re.Match[str] | None) -> tuple[tuple[int, int], str | None] | None:
    return None if m is None else (m.span(), m.lastgroup)


@pytest.mark.parametrize("code", LANGS)
def test_trigger_cues_on_the_lowered_text_as_with_ignorecase(code: str) -> None:
    rules = trigger_rules(load_pack(code))
    text = _text(code, [])
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    found = 0
    for cues in (rules.irrealis, rules.generic, rules.non_incident):
        for start, end in lines:
            expected = _spans(cues.plain.search(text, start, end))
            assert _spans(cues.search(text, start, end)) == expected
            line = text[start:end]
            assert _spans(cues.search(line)) == _spans(cues.plain.search(line))
            found += expected is not None
    assert found > 10


@pytest.mark.parametrize("code", LANGS)
def test_place_relations_on_the_lowered_text_as_with_ignorecase(code: str) -> None:
    """The relation before every word: the same span, groups and (normalised) words."""
    rules = rules_for(load_pack(code))
    text = _text(code, [])
    lowered = text.lower()
    assert len(lowered) == len(text)
    found = 0
    for word in re.finditer(r"\w+", text):
        at = word.start()
        plain = rules.relation.search(text, max(0, at - 70), at)
        fast = rules.relation_lowered.search(lowered, max(0, at - 70), at)
        assert (plain is None) == (fast is None)
        if plain is not None and fast is not None:
            assert plain.regs == fast.regs
            assert {k: normalise(v) for k, v in plain.groupdict("").items()} == {
                k: normalise(v) for k, v in fast.groupdict("").items()
            }
            found += 1
    assert found > 20


def test_dateline_dates_match_as_with_ignorecase() -> None:
    """The lower-cased date patterns on the lower-cased text find what IGNORECASE finds."""
    words = dateline_words()
    months = [m for code in LANGS for key in ("months", "month_abbreviations") for m in load_pack(code)["dates"][key]]
    datelines = [f"{city}, {day} {m} {year} (AFP) -" for m in months for city, day, year in (("KABUL", 3, 2020),)]
    datelines += [f"{m.upper()} 5, 2019 --" for m in months] + [f"Published {m.capitalize()} 17 2018" for m in months]
    phrases = datelines + [p for code in LANGS for p in _phrases(code)]
    found = 0
    for phrase in phrases:
        for plain, lowered in zip(words.dates, words.dates_lowered, strict=True):
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(phrase)]
            assert [(m.span(), m.groupdict()) for m in lowered.finditer(phrase.lower())] == [
                (span, {k: v.lower() if v else v for k, v in groups.items()}) for span, groups in expected
            ]
            found += len(expected)
    assert found >= len(datelines)
    figures = [_dates_as_figures(p, words) for p in phrases]
    assert figures == [words.date_phrase.sub(" 0 ", p) for p in phrases]
    assert sum(" 0 " in f for f in figures) >= len(datelines)


@pytest.mark.parametrize("code", LANGS)
def test_common_words_as_wordfreqs_dictionary_gives_them(code: str) -> None:
    """Read past wordfreq's cache, the same words as through its `get_frequency_dict`."""
    from wordfreq import get_frequency_dict

    places = load_pack(code)["places"]
    c = places["common_words"]
    lists = [(c["min_zipf"], "small")] + ([(c["noun_min_zipf"], "large")] if places["capitalised_nouns"] else [])
    for zipf, wordlist in lists:
        floor = 10 ** (float(zipf) - 9)
        words = get_frequency_dict(c["wordfreq_language"], wordlist=wordlist)
        expected = frozenset(fold(w) for w, f in words.items() if f >= floor)
        assert len(expected) > 1000
        assert _common_words(c["wordfreq_language"], zipf, wordlist) == expected


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


WORD_LED = [
    ("Boko Haram", True),
    ("(?:el |los )?talib[aá]n(?:es)?", True),
    ("(?:(?:sicarios|miembros) (?:del|de) )?(?:el )?[Cc][aá]rtel de Sinaloa", True),
    (r"\w*soldat(?:en)?", True),
    ("(?<!panik)attack", True),
    (r"\d+ Soldaten", True),
    ("-13", False),
    ("[- ]Miliz", False),
    ("(?:Miliz|-Miliz)", False),
    ("Miliz|-Miliz", False),
    ("(?:Miliz)?", False),  # may match nothing
    ("_x", False),
    ("[^a]b", False),
]


@pytest.mark.parametrize(("pattern", "led"), WORD_LED)
def test_word_led(pattern: str, led: bool) -> None:
    assert forms.word_led(pattern) is led


def test_named_forms_match_as_named_groups_at_word_ends_too() -> None:
    lists = [("a", ["MS-13", "-13er", r"\w*soldat(?:en)?"]), ("b", ["13", "[- ]Miliz", "Miliz(?:en)?"])]
    plain = rf"\b(?:{'|'.join(f'(?P<{name}>{alternation(fs)})' for name, fs in lists)})\b"
    pattern, names = forms.named_forms(lists)
    text = "MS-13 und die Gruppe-13er, Milizen, Grenzsoldaten; 13 - Miliz, 13-Miliz, Soldat-Miliz."
    fast = FoldedPattern.compile(pattern)
    found = [(text[a:b], names[str(g)]) for (a, b), g in _found(fast.ignorecase, text)]
    assert found == [
        ("MS-13", "a"),
        ("-13er", "a"),  # at the end of "Gruppe"
        ("Milizen", "b"),
        ("Grenzsoldaten", "a"),
        ("13", "b"),
        ("Miliz", "b"),
        ("13", "b"),
        ("-Miliz", "b"),
        ("Soldat", "a"),
        ("-Miliz", "b"),
    ]
    _same(fast, plain, text, names)
