"""Alternations of pack patterns in which some patterns match a word by a part of it: "\\w*anschlag\\w*"
("Selbstmordanschlag"), "\\w*bombe[n]?" ("Autobomben"), as German and Swedish compounds need.

Python's `re` tries such a pattern at every place the alternation is tried: it runs to the end of
the word and back, looking for the stem. With dozens of them (the German triggers) that was most of
the time a pack spent on triggers. So an alternation gets a gate: one look, before the
alternatives, whether one of their literal stems ("anschlag", "bombe") follows in the word, the
stems written as a trie; each stem-led alternative runs only where the gate held. Where it did
not, none of them could have matched, so the matches (spans, and which group) are the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

GATE = "_stem"  # the (empty) group the gate sets; a pattern with a gate must not use the name
_WORD_HEAD = "\\w*"
# What a stem is made of: plain characters, none that means something to `re`.
_LITERAL = re.compile(r"[^\\\[\](){}?*+|.^$]*")
# Tokens that matter for nesting: escapes, classes (their parentheses do not count), parentheses, bars.
_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()|]", re.DOTALL)


def stem(pattern: str) -> str | None:
    """The literal stem a pattern starting with \\w* must find in the word ("anschlag" of
    "\\w*anschlag\\w*", "luftschl" of "\\w*luftschl[aä]g\\w*"), or None for any other pattern, one
    whose stem is empty, or one with an alternative of its own at the top (it cannot be gated whole)."""
    if not pattern.startswith(_WORD_HEAD) or _has_top_level_bar(pattern):
        return None
    literal = _LITERAL.match(pattern, len(_WORD_HEAD))
    assert literal is not None  # the class matches the empty string
    found, after = literal[0], pattern[literal.end() : literal.end() + 1]
    if after in ("?", "*", "{"):
        found = found[:-1]  # its last character may be absent: "\\w*bombe?"
    return found or None


def _has_top_level_bar(pattern: str) -> bool:
    depth = 0
    for token in _TOKEN.finditer(pattern):
        kind = token[0]
        if kind == "(":
            depth += 1
        elif kind == ")":
            depth -= 1
        elif kind == "|" and depth == 0:
            return True
    return False


def gated_alternation(patterns: list[str]) -> str:
    """`sitrep.lang.alternation` of the patterns (the same order), each stem-led one run only
    where the gate (`gate`, placed where the alternation starts) found a stem."""
    return "|".join(gated(p) for p in sorted(patterns, key=len, reverse=True))


def gated(pattern: str) -> str:
    """The pattern, run only where the gate found a stem if it is stem-led."""
    return f"(?({GATE}){pattern}|(?!))" if stem(pattern) else pattern


def gate(patterns: Iterable[str]) -> str:
    """The gate for the stem-led patterns among `patterns`: it sets the group GATE where the word
    that starts here holds one of their stems, and never backtracks; "" when none is stem-led."""
    stems = {s for p in patterns if (s := stem(p))}
    # A stem that holds another adds nothing: a word with "luftangriff" has "angriff".
    needed = sorted(s for s in stems if not any(other != s and other in s for other in stems))
    if not needed:
        return ""
    return rf"(?:(?={_WORD_HEAD}?{_trie(needed)})(?P<{GATE}>))?+"


def _trie(words: list[str]) -> str:
    """An alternation of words (none holding another) with shared beginnings written once:
    `re` tries the branches at a place one first character at a time."""
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(head) + (_trie(rests) if rests != [""] else "") for head, rests in heads.items()]
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
