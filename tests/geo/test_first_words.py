"""Gazetteer.first_words: which words open some name, so that the finder never builds the n-grams
of a word that opens none. It must never leave out a word that does (a place would be lost)."""

from __future__ import annotations

import pytest

from sitrep.geo import find_places, gazetteer
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.user_places import UserPlaces
from sitrep.lang.lexicon import UserPlace

from tests.geo.conftest import places_pack


def _opens_by_scan(gaz: Gazetteer, word: str) -> bool:
    """The same question asked the slow way: a key that is the word, or the word and a space."""
    row = gaz.db.execute(
        "SELECT EXISTS (SELECT 1 FROM names WHERE key = ? OR substr(key, 1, length(?) + 1) = ? || ' ')",
        (word, word, word),
    ).fetchone()
    return bool(row[0])


def test_a_word_opens_a_name_alone_or_as_its_first_word_only() -> None:
    gaz = gazetteer.load()
    words = ["baghdad", "deir", "baghda", "zzqxv", "ez"]
    opening = gaz.first_words(words)
    assert {"baghdad", "deir"} <= opening  # "baghdad", "deir ez zor"
    assert "baghda" not in opening  # only the start of a longer word
    assert "zzqxv" not in opening
    # Asked again (now remembered), the answer is the same.
    assert gaz.first_words(words) == opening


def test_the_first_words_of_slices_of_keys_all_open_and_their_pieces_agree_with_a_scan() -> None:
    gaz = Gazetteer(gazetteer.load().path)  # nothing remembered
    # Two slices of the table, Latin and Arabic script.
    keys = [k for (k,) in gaz.db.execute("SELECT key FROM names WHERE key >= 'mos' ORDER BY key LIMIT 300")]
    keys += [k for (k,) in gaz.db.execute("SELECT key FROM names WHERE key >= 'ب' ORDER BY key LIMIT 300")]
    firsts = {k.split(" ")[0] for k in keys}
    assert firsts <= gaz.first_words(firsts)
    # Cut words, words with a letter added: each answer as a scan of the table gives it.
    pieces = {w[:cut] for w in firsts for cut in (2, 3, -1) if w[:cut]} | {w + "x" for w in list(firsts)[:100]}
    opening = gaz.first_words(pieces)
    assert {w for w in pieces if _opens_by_scan(gaz, w)} == opening


def test_a_user_place_opens_its_own_names() -> None:
    base = gazetteer.load()
    place = UserPlace("Qaryat Zzqxv Saghira", ("Zzqxv Kabira",), "village", "SY", 35.0, 40.0)
    gaz = UserPlaces(base, [place])
    assert {"qaryat", "zzqxv"} <= gaz.first_words(["qaryat", "zzqxv", "baghdad", "qqqzz"])
    assert "qqqzz" not in gaz.first_words(["qqqzz"])
    assert "baghdad" in gaz.first_words(["baghdad"])


@pytest.mark.parametrize(
    "text, lang, place",
    [
        # Every word of a script without case may open a name: those that open none are skipped,
        # the name after them is still found, also behind a clitic ("بال") and as an exonym.
        ("قتل ثلاثة أشخاص في انفجار سيارة مفخخة بالموصل يوم الاثنين.", "ar", "الموصل"),
        ("یک ماین کنار جاده در منطقه قبایلی باجور دو شبه نظامی را کشت.", "fa", "باجور"),
        ("Three people were killed in a car bomb in Mosul on Monday.", "en", "Mosul"),
    ],
)
def test_names_after_words_that_open_none_are_found(text: str, lang: str, place: str) -> None:
    found = [text[m.span.start : m.span.end] for m in find_places(text, places_pack(lang))]
    assert any(place in f or f in place for f in found), found
