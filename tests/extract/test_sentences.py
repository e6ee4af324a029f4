"""split_sentences: spans, pack tables, hard-wrapped copy. Language cases live in the per-pack
tables (tests/lang/<code>/sentences.toml); these test the mechanics."""

from __future__ import annotations

import random

import pytest

from sitrep.extract.sentences import split_sentences
from sitrep.lang import available_languages, load_pack


def _check_spans(text: str) -> list[str]:
    sentences = split_sentences(text)
    for s in sentences:
        assert text[s.span.start : s.span.end] == s.text
        assert s.text == s.text.strip() and s.text
    starts = [s.span.start for s in sentences]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in zip(sentences, sentences[1:]))
    return [s.text for s in sentences]


def test_spans_are_offsets_into_the_text() -> None:
    text = "  Bomb kills two\n\nA bomb killed two in Kabul.  Police said 5.Others fled.\n"
    assert _check_spans(text) == ["Bomb kills two", "A bomb killed two in Kabul.", "Police said 5.", "Others fled."]


@pytest.mark.parametrize("seed", range(20))
def test_any_text_gives_valid_spans(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [
        "word",
        "Word",
        "WORD",
        ".",
        ". ",
        "\n",
        "\n\n",
        " ",
        "5",
        "Dr.",
        "U.S.",
        '"',
        "»",
        "«",
        ",",
        "the",
        "The",
    ]
    _check_spans("".join(rng.choice(pieces) for _ in range(rng.randint(0, 200))))


def test_without_a_pack_every_packs_abbreviations_hold() -> None:
    text = "Dr. Berg met the police at approx. noon and was told bl.a. this. Then he left."
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize("lang", available_languages())
def test_each_pack_reads_its_own_abbreviations(lang: str) -> None:
    pack = load_pack(lang)
    for word in pack["pack"]["sentences"]["abbreviations"]:
        text = f"Word {word}. Word Word. Word"
        assert len(split_sentences(text, pack)) == 2, word


def test_a_word_that_is_no_abbreviation_ends_the_sentence() -> None:
    pack = load_pack("en")
    assert len(split_sentences("They came from Kabul. Word Word.", pack)) == 2


def test_hard_wrapped_copy_is_not_cut_at_line_breaks() -> None:
    line = "word " * 13
    text = "\n".join([line.strip()] * 6) + "."
    assert len(split_sentences(text)) == 1


def test_a_short_line_in_hard_wrapped_copy_is_a_headline() -> None:
    line = ("Word " * 13).strip()
    text = "Headline Of Few Words\n" + "\n".join([line] * 6) + "."
    assert [s.text for s in split_sentences(text)][0] == "Headline Of Few Words"


def test_a_few_lines_without_stops_are_headlines_not_wrapping() -> None:
    text = "First Headline\nSecond Line\nThird Line\nThe body. More body."
    assert len(split_sentences(text)) == 5


# Scripts other than Latin, in sentences written for these tests: case is read from Unicode, and a
# script without case (Arabic, Persian) starts a sentence with any letter after a stop and a space.
@pytest.mark.parametrize(
    "text, expected",
    [
        # Cyrillic: a stop and a capital, a stop glued to a capital, a word glued to a capitalised one.
        ("Взрыв прогремел в Киеве. Погибли два человека.", ["Взрыв прогремел в Киеве.", "Погибли два человека."]),
        ("Взрыв прогремел в Киеве.Погибли двое.", ["Взрыв прогремел в Киеве.", "Погибли двое."]),
        ("Обстрел продолжался всю ночьЖители ушли.", ["Обстрел продолжался всю ночь", "Жители ушли."]),
        ("Взрыв прогремел в г. Киеве днём.", ["Взрыв прогремел в г. Киеве днём."]),  # one letter and a stop
        ("Сказал он. потом ушёл.", ["Сказал он. потом ушёл."]),  # lower case goes on
        # Turkish: dotted capital İ and Ç open sentences.
        (
            "Saldırı İstanbul'da oldu. İki kişi öldü. Çatışma sürüyor.",
            ["Saldırı İstanbul'da oldu.", "İki kişi öldü.", "Çatışma sürüyor."],
        ),
        ("Patlama Şırnak'ta oldu.Üç asker yaralandı.", ["Patlama Şırnak'ta oldu.", "Üç asker yaralandı."]),
        # Greek.
        ("Έκρηξη στην Αθήνα. Δύο νεκροί.", ["Έκρηξη στην Αθήνα.", "Δύο νεκροί."]),
        # Arabic and Persian: any letter after a stop and a space; the Arabic question mark stops.
        ("انفجرت قنبلة في بغداد. قتل شخصان.", ["انفجرت قنبلة في بغداد.", "قتل شخصان."]),
        ("من المسؤول؟ لا أحد يعرف.", ["من المسؤول؟", "لا أحد يعرف."]),
        ("في بغداد. ٣ قتلى في الهجوم.", ["في بغداد.", "٣ قتلى في الهجوم."]),
        ("انفجار در تهران رخ داد. دو نفر کشته شدند.", ["انفجار در تهران رخ داد.", "دو نفر کشته شدند."]),
        # ... but a single letter before the stop is an abbreviation ("د." doctor); a stop glued
        # between two words of two letters or more ends a sentence, one between initials does not.
        ("قال د. أحمد إن الهجوم وقع ليلا.", ["قال د. أحمد إن الهجوم وقع ليلا."]),
        ("وقع الهجوم في بغداد.قتل شخصان.", ["وقع الهجوم في بغداد.", "قتل شخصان."]),
        ("اعضای پ.ک.ک حمله کردند.", ["اعضای پ.ک.ک حمله کردند."]),
    ],
)
def test_sentences_in_other_scripts(text: str, expected: list[str]) -> None:
    assert _check_spans(text) == expected
