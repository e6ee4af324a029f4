"""Invisible characters (soft hyphens, zero-width spaces and joiners, bidi marks, byte-order marks)
change nothing that is extracted, and every span stays on the original text (issue 10, item 12)."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.visible import VisibleText
from sitrep.records import Event, Span

SENTENCE = "Gunmen killed three people in Kabul on Monday, police said."
PUBLISHED = "2020-01-15"
INVISIBLES = {
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "left-to-right embedding": "\u202a",
    "pop directional formatting": "\u202c",
    "word joiner": "\u2060",
    "left-to-right isolate": "\u2066",
    "pop directional isolate": "\u2069",
    "arabic letter mark": "\u061c",
    "byte-order mark": "\ufeff",
    "variation selector": "\ufe0f",
    "two of them": "\u200b\u00ad",
}
# Where the invisible character goes: inside the place, the toll, the date, the trigger, and at
# the very start of the text (a byte-order mark left by an editor).
WORDS = ("Kabul", "three", "Monday", "killed", "Gunmen")


def _with(char: str, word: str) -> str:
    return SENTENCE.replace(word, word[:2] + char + word[2:])


def _fields(event: Event) -> dict:
    d = event.to_dict()
    del d["evidence"]
    return d


def _visible(text: str) -> str:
    return VisibleText.of(text).text


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
@pytest.mark.parametrize("word", WORDS)
def test_same_event_with_an_invisible_character(char: str, word: str) -> None:
    [clean] = sitrep.extract(SENTENCE, published=PUBLISHED, lang="en")
    text = _with(char, word)
    [dirty] = sitrep.extract(text, published=PUBLISHED, lang="en")
    assert _fields(dirty) == _fields(clean)
    clean_spans, dirty_spans = dict(clean.evidence), dict(dirty.evidence)
    assert clean_spans.keys() == dirty_spans.keys()
    for name, span in dirty_spans.items():
        written = text[span.start : span.end]
        # The same words, on the original text, the invisible character inside included.
        assert _visible(written) == SENTENCE[clean_spans[name].start : clean_spans[name].end], name
        assert written == written.strip(char), f"{name}: {written!r} starts or ends with an invisible character"
        if word in _visible(written):
            assert char in written, f"{name}: {written!r} lost the invisible character inside {word!r}"


def test_a_byte_order_mark_at_the_start() -> None:
    [event] = sitrep.extract("\ufeff" + SENTENCE, published=PUBLISHED, lang="en")
    [clean] = sitrep.extract(SENTENCE, published=PUBLISHED, lang="en")
    assert _fields(event) == _fields(clean)
    assert dict(event.evidence)["actor1"] == Span(1, 7)


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_geoparse_reads_through_an_invisible_character(char: str) -> None:
    text = _with(char, "Kabul")
    [place] = sitrep.geoparse(text, "en")
    assert (place.location.place.country, place.location.place.name) == ("AF", "Kabul")
    assert text[place.span.start : place.span.end] == place.text == f"Ka{char}bul"
    assert text[place.phrase_span.start : place.phrase_span.end] == f"in Ka{char}bul"


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_resolve_takes_and_gives_spans_on_the_original_text(char: str) -> None:
    text = _with(char, "Kabul")
    start = text.index("Ka")
    given = (start, start + len("Kabul") + len(char))
    [place] = sitrep.resolve(text, [given], "en")
    assert place is not None and place.location.place.country == "AF"
    assert (place.span.start, place.span.end) == given


def test_persian_non_joiner_is_a_space_and_kept_in_spans() -> None:
    """U+200C inside a Persian word ("می‌گویند") is read as the space it stands for (the same
    length, so spans need no mapping), and the span of the word keeps it."""
    original = "\u0645\u06cc\u200c\u06af\u0648\u06cc\u0646\u062f \u06a9\u0627\u0628\u0644"
    visible = VisibleText.of(original)
    assert len(visible.text) == len(original)
    # Persian yeh is read as Arabic yeh.
    assert visible.text.split(" ")[:2] == ["\u0645\u064a", "\u06af\u0648\u064a\u0646\u062f"]
    compound = Span(0, visible.text.index(" ", 3))
    assert visible.to_original(compound) == Span(0, original.index(" "))
    assert original[compound.start : compound.end].count("\u200c") == 1


def test_offsets_map_both_ways() -> None:
    original = "\u200bab\u00ad\u00adcd\u200b e\ufeff"
    visible = VisibleText.of(original)
    assert visible.text == "abcd e"
    for i in range(len(visible.text)):
        j = visible.to_original(Span(i, i + 1))
        assert original[j.start : j.end] == visible.text[i]
        assert visible.to_visible(j) == Span(i, i + 1)
    assert visible.to_original(Span(0, 4)) == Span(1, 7)  # "ab\u00ad\u00adcd": invisibles inside kept
    assert visible.to_original(Span(3, 3)) == Span(6, 6)
    assert not VisibleText.of("plain").changed
