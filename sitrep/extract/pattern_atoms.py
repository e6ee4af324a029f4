"""Reading a pack pattern as regex atoms, for the stages that rewrite patterns before compiling
them (counts.py's relaxed pre-tests, forms.py's word-led forms): its top-level alternatives, each
a list of atoms (a group, class, escape, {placeholder} or character) with their quantifiers."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
_NAMED = re.compile(r"\(\?P?<(?![=!])\w+>")
# Inside a group: escapes and classes (whose parentheses do not count), and parentheses.
_GROUP_TOKEN = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|[()]", re.DOTALL)


def atom_end(p: str, i: int) -> int:
    """Where the atom (group, class, escape, placeholder or character) at p[i] ends, before any quantifier."""
    if p[i] in "\\[":
        token = _GROUP_TOKEN.match(p, i)
        return token.end() if token else i + 1
    if p[i] == "(":
        depth = 0
        for token in _GROUP_TOKEN.finditer(p, i):
            depth += {"(": 1, ")": -1}.get(token[0], 0)
            if depth == 0:
                return token.end()
        return len(p)
    m = PLACEHOLDER.match(p, i)
    return m.end() if m else i + 1


def branches(p: str) -> list[list[str]]:
    """The top-level alternatives of a pattern, each a list of atoms with their quantifiers."""
    out: list[list[str]] = [[]]
    i = 0
    while i < len(p):
        if p[i] == "|":
            out.append([])
            i += 1
            continue
        j = atom_end(p, i)
        q = QUANTIFIER.match(p, j)
        out[-1].append(p[i : q.end() if q else j])
        i = q.end() if q else j
    return out


def group_body(group: str) -> str | None:
    """What a group holds; None for a kind of group this reading does not follow (flags,
    conditions, back-references)."""
    if group.startswith(("(?:", "(?>")):  # an atomic group matches no more than the plain one
        return group[3:-1]
    if named := _NAMED.match(group):
        return group[named.end() : -1]
    return group[1:-1] if group[1] != "?" else None
