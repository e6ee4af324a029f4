"""Split text into sentences with their character spans.

News text comes with abbreviations ("Maj. Gen.", "Jan. 14", "U.S."), paragraphs without a final
stop, and scraped text where sentences run together ("in Syria.The desert"). Rules, not a model:
a boundary is a stop followed by space and an upper-case letter or a quote, unless the word before
it is a known abbreviation or a single letter; a blank line always ends a sentence; a stop glued
to a capitalised word after a lower-case letter ("Syria.The") is a boundary too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.records import Span

# Words after which a period does not end a sentence (English and Norwegian press usage).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig rev st sen rep gov pres
    jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig approx est inc ltd co corp
    u.s u.k u.n e.g i.e vs etc jr sr mt ft km
    bl.a f.eks ca nr kl mv osv pga dvs jf hhv mill mrd""".split()
)

_BOUNDARY = re.compile(
    r"""(?:
        \n[ \t]*\n\s*                                   # a blank line
      | (?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-ZÆØÅÄÖÜÉ0-9])  # stop, space, capital
      | (?<=[a-zæøå][.!?])(?=[A-ZÆØÅ][a-zæøå])          # glued: "Syria.The"
    )""",
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.]+)[.!?]$")


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str


# How far back from a stop the word before it is read: longer than any abbreviation, so a word
# that reaches back further is none. Reading the whole sentence so far instead made a text of
# abbreviations and no sentence end ("Maj. Gen. ... Lt. Col. ...") quadratic.
_LAST_WORD_REACH = 40


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Does text[start:end] end with an abbreviation or a single letter and its stop?"""
    lo = max(start, end - _LAST_WORD_REACH)
    m = _LAST_WORD.search(text[lo:end].rstrip("\"'”’)] \t"))
    if not m or (m.start() == 0 and lo > start):  # no word, or one longer than the reach
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group() and _ends_with_abbreviation(text, start, m.start()):
            continue
        _append(sentences, text, start, m.start())
        start = m.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    sentences.append(Sentence(Span(s, s + len(stripped)), stripped))
