"""Named lists of pack forms (the actors' groups, the sides) as one pattern that matches exactly as
the plain one, `\\b(?:(?P<name>forms)|...)\\b`, does, only faster in Python's `re`:

- flat: each form at the top of one alternation, followed by an empty group that names its list.
  There `re` rejects a form by its first character; inside a named group it enters the group first.
- split at word ends: `\\b` holds at the end of every word too, where no form that starts with a
  letter can match. There only the forms that may start otherwise are tried ("-13"), in the
  same order; wherever the next character is a letter, every form is, as before.
- gated where forms match a word by a part of it ("\\w*soldat"): see extract/stems.py.
"""

from __future__ import annotations

import re

from sitrep.extract.pattern_atoms import QUANTIFIER, atom_end, branches, group_body
from sitrep.extract.stems import gate, gated

_OPTIONAL = ("?", "*", "{0", "{,")  # quantifiers that allow no repeat
# A class of letters and digits only ("[Cc]", "[aá]", "[a-z]"): it matches a word character.
_LETTER_CLASS = re.compile(r"\[(?:[^\W_](?:-[^\W_])?)+\]")
_ZERO_WIDTH = ("(?=", "(?!", "(?<=", "(?<!", "\\b")


def named_forms(lists: list[tuple[str, list[str]]]) -> tuple[str, dict[str, str]]:
    """The pattern for `\\b(?:(?P<name>alternation(forms))|...)\\b`, and the list's name of each of
    its groups (a match's `lastgroup`)."""
    names: dict[str, str] = {}

    def branches(at_word_end: bool) -> str:
        out = []
        for name, forms in lists:
            for form in sorted(forms, key=len, reverse=True):  # as sitrep.lang.alternation
                if at_word_end and word_led(form):
                    continue
                marker = f"_f{len(names)}"
                names[marker] = name
                out.append(f"(?:{gated(form)})(?P<{marker}>)")
        return "|".join(out) or "(?!)"

    every, at_word_end = branches(False), branches(True)
    return rf"\b{gate(f for _, forms in lists for f in forms)}(?:(?=\w)(?:{every})|(?!\w)(?:{at_word_end}))\b", names


def word_led(pattern: str) -> bool:
    """True when every match of the pattern starts with a word character; False when that is
    not sure (a form this reading does not follow is tried at word ends too: slower, not wrong)."""
    return all(_atoms_word_led(atoms) for atoms in branches(pattern))


def _atoms_word_led(atoms: list[str]) -> bool:
    for atom in atoms:
        quantifier = QUANTIFIER.match(atom, atom_end(atom, 0))
        base = atom[: quantifier.start()] if quantifier else atom
        if base.startswith(_ZERO_WIDTH):
            continue  # takes no character: the next atom starts the match
        if not _atom_word_led(base):
            return False
        if not (quantifier and quantifier[0].startswith(_OPTIONAL)):
            return True
    return False  # may match nothing at all


def _atom_word_led(base: str) -> bool:
    if base[0].isalnum() or base in ("\\w", "\\d"):
        return True
    if base[0] == "[":
        return _LETTER_CLASS.fullmatch(base) is not None
    if base[0] == "(":
        body = group_body(base)
        return body is not None and word_led(body)
    return False
