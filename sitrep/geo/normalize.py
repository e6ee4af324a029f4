"""Name normalisation shared by the gazetteer build and the lookup, so both sides agree.

"Deir ez-Zor", "DEIR EZ ZOR" and "Dayr az‑Zawr" differ only in case, accents, apostrophes and
hyphens after `normalise`, "دير الزور" and "دیر الزور" only in a letter variant that `fold` reads
as matching does (sitrep/lang/scripts.py); spelling variants beyond that go through the alias table.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sitrep.lang import load_shared
from sitrep.lang.scripts import fold_words

# Letters NFKD does not decompose but press and GeoNames ASCII names transliterate.
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ı": "i", "ð": "d", "œ": "oe"})
# Apostrophe-like marks inside transliterated Arabic names ("Ra’s al ‘Ayn") carry no letter.
_MARKS = re.compile(r"['’‘ʼʻ`´ʿʾ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,()/]+")
# Arabic articles as separate tokens: "Al Mayadin" is also indexed as "mayadin" (shared/places.toml).
ARTICLES = frozenset(load_shared("places")["name_articles"])


def fold(text: str) -> str:
    """Lower case without accents: 'Usulután' -> 'usulutan'; letter variants as matching reads
    them (shared/scripts.toml: 'قامشلی' -> 'قامشلي', 'Харьковъ' ё -> е)."""
    if text.isascii():
        return text.lower()
    return _fold_letters(text)


# Pure and called for the same words again and again (every token of every article, each
# demonym test): a bounded cache makes accented and non-Latin text cost about what ASCII does.
@functools.lru_cache(maxsize=1 << 16)
def _fold_letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", fold_words(text).lower().translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """The lookup key of a name: folded, apostrophes dropped, separators as single spaces."""
    return _SEPARATORS.sub(" ", _MARKS.sub("", fold(name))).strip()


def without_articles(key: str) -> str:
    """'al mayadin' -> 'mayadin'; returns key unchanged when nothing would be left."""
    words = [w for w in key.split(" ") if w not in ARTICLES]
    return " ".join(words) if words else key
