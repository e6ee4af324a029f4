"""Script normalisation (shared/scripts.toml, sitrep/lang/scripts.py, sitrep/visible.py): a toy
pack writes its words in one variant of their script; text written in the others is read the
same, and every evidence span is on the original text."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tomllib
from pathlib import Path

import pytest

from sitrep.errors import PackError
from sitrep.extract import Extractor
from sitrep.extract.counts import parse_number
from sitrep.geo import build as builder
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalize import normalise
from sitrep.lang import PACK_DIR, PACK_FILES, load_pack
from sitrep.lang import scripts
from sitrep.lang.packset import PackSet
from sitrep.lang.scripts import fold_words
from sitrep.records import Count, Document, Event, Span
from sitrep.visible import VisibleText, matched

HERE = Path(__file__).parent
PUBLISHED = dt.date(2020, 1, 20)
# Verbs for killing as the toy pack writes them: with hamza and Arabic yeh and kaf, a Persian
# compound with a space, Turkish dotless ı and dotted İ, a Ukrainian apostrophe and Russian ё.
PACK_VERBS = ["أكيلوا", "زارت شدند", "vurdılar", "İzdiler", "уб’ёли"]
# Each verb as it may be written in the text instead.
WRITTEN = [
    ("أكيلوا", "اکیلوا"),  # no hamza, Persian kaf and yeh
    ("أكيلوا", "أَكِيلُوا"),  # harakat, the last on the last letter
    ("أكيلوا", "أكـيـلوا"),  # tatweel
    ("أكيلوا", "\u0623\u0643\u064a\u0644\u0648\u0627\u064e"),  # a mark after the word
    ("زارت شدند", "زارت\u200cشدند"),  # ZWNJ for the space
    ("زارت شدند", "زارت شدند"),
    ("vurdılar", "VURDILAR"),
    ("vurdılar", "vurdilar"),
    ("İzdiler", "izdiler"),
    ("İzdiler", "İZDİLER"),
    ("İzdiler", "IZDILER"),
    ("уб’ёли", "УБʼЕЛИ"),
    ("уб’ёли", "уб'ели"),
    ("уб’ёли", "уб`ёли"),
]
# Figures as written, and as the English pack (the toy's base) reads them.
FIGURES = [("١٢", 12), ("۱۲", 12), ("١٬٢٠٠", 1200), ("۱٬۲۰۰", 1200), ("12", 12)]


def _text(verb: str, figure: str) -> str:
    return f"Gunmen {verb} {figure} civilians in Mosul on 14 January 2020."


@pytest.fixture(scope="module")
def toy_packs(tmp_path_factory: pytest.TempPathFactory) -> PackSet:
    """The English pack with PACK_VERBS among its triggers and killing verbs."""
    folder = tmp_path_factory.mktemp("packs")
    pack = folder / "xs"
    pack.mkdir()
    for name in PACK_FILES:
        shutil.copy(PACK_DIR / "en" / f"{name}.toml", pack / f"{name}.toml")
    words = ", ".join(f'"{w}"' for w in PACK_VERBS)
    for name, old in [("triggers", 'patterns = ["ambush(?:ed|es)?",'), ("casualties", 'killed_active = ["killed",')]:
        path = pack / f"{name}.toml"
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"en/{name}.toml changed: {old!r} is not there once"
        path.write_text(text.replace(old, old.replace("[", f"[{words}, ", 1)), "utf-8")
    path = pack / "pack.toml"
    path.write_text(path.read_text("utf-8").replace('langid_codes = ["en", "eng"]', 'langid_codes = ["xs"]'), "utf-8")
    return PackSet(folder)


@pytest.fixture(scope="module")
def extractor(toy_packs: PackSet, tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    """The toy packs and a gazetteer of Mosul alone."""
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(builder.SCHEMA)
        writer = builder.Writer(db)
        writer.place((8000001, "Mosul", "IQ", "15", None, 36.335, 43.119, 1_739_800, "P", "PPLA"), [("Mosul", 0)])
        writer.flush()
        builder._index(db)
    return Extractor(toy_packs, Gazetteer(path))


def _read(extractor: Extractor, text: str) -> Event:
    [event] = extractor.extract(Document("s", text, PUBLISHED, "xs"))
    return event


def _fields(event: Event) -> dict:
    d = event.to_dict()
    del d["evidence"]
    return d


@pytest.mark.parametrize(("pack_word", "written"), WRITTEN)
@pytest.mark.parametrize(("figure", "value"), FIGURES)
def test_a_variant_reads_as_the_pack_word(
    extractor: Extractor, pack_word: str, written: str, figure: str, value: int
) -> None:
    as_packed, text = _text(pack_word, matched(figure)), _text(written, figure)
    clean, event = _read(extractor, as_packed), _read(extractor, text)
    assert _fields(event) == _fields(clean)
    assert event.fatalities == Count.exact(value)
    clean_spans, spans = dict(clean.evidence), dict(event.evidence)
    assert spans.keys() == clean_spans.keys()
    for name, span in spans.items():
        evidence = text[span.start : span.end]
        # The same words, on the original text, each as written there, marks and joiners included.
        assert _key(evidence) == _key(as_packed[clean_spans[name].start : clean_spans[name].end]), name
        assert evidence == evidence.strip(), name
        if _key(pack_word) in _key(evidence):
            assert written in evidence, f"{name}: {evidence!r} cuts {written!r}"


def _key(text: str) -> str:
    return matched(text).lower()


def _cases() -> list[list[str]]:
    with (HERE / "scripts.toml").open("rb") as f:
        return list(tomllib.load(f)["cases"])


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c[0])
def test_matching_reads_each_variant_as_one(case: list[str]) -> None:
    """tests/extract/scripts.toml: a phrase and the copy matching reads."""
    phrase, expected = case
    assert matched(phrase) == expected
    assert fold_words(phrase) == expected or any(ch in phrase for ch in "،؛؟۔٫٬")  # punctuation: text only


def test_pack_words_are_folded_at_load(toy_packs: PackSet) -> None:
    words = {w for trigger in toy_packs.get("xs")["triggers"]["trigger"] for w in trigger["patterns"]}
    assert {"اكيلوا", "زارت شدند", "vurdilar", "Izdiler", "убʼели"} <= words


@pytest.mark.parametrize(("written", "value"), [("١٢", 12), ("۱۲", 12), ("١٬٢٠٠", 1200), ("۱٬۲۰۰", 1200)])
def test_eastern_figures(written: str, value: int) -> None:
    assert parse_number(matched(written), load_pack("en")) == Count.exact(value)


def test_spans_map_back_over_removed_marks() -> None:
    original = "قُتِلَ ١٢ شخصاً"
    visible = VisibleText.of(original)
    assert visible.text == "قتل 12 شخصا"
    word = visible.text.index("شخصا")
    span = visible.to_original(Span(word, word + 4))
    assert original[span.start : span.end] == "شخصاً"


@pytest.mark.parametrize(
    ("one", "other"),
    [("قامشلی", "القامشلي"[2:]), ("دیر الزور", "دير الزور"), ("Харьков", "ХАРЬКОВ"), ("Кам’янське", "Камʼянське")],
)
def test_gazetteer_keys_fold_variants(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


@pytest.mark.parametrize(
    ("table", "message"),
    [({"ab": "x"}, "one character"), ({"a": "xy", "b": "y"}, "already read as")],
)
def test_a_mistake_in_the_tables_is_a_pack_error(table: dict[str, str], message: str) -> None:
    with pytest.raises(PackError, match=message):
        scripts._translation(table, "scripts.toml", "same")
