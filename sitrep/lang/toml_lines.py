"""The line of each key of a TOML file, for messages: tomllib parses without positions, so a
schema error in a user lexicon ("trigger[1].strength: expected a number") is placed by reading
the file's lines once more.

Keys are written as sitrep.lang.schema writes them: dotted, an array of tables' rows by index
(`place[2].lat`), a key that is not a bare word quoted (`groups."Liwa al-Quds"`).
"""

from __future__ import annotations

import re

from sitrep.lang.schema import join_key

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_ONE_KEY = r"""(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-]+)"""
_KEY = re.compile(rf"^\s*({_ONE_KEY}(?:\s*\.\s*{_ONE_KEY})*)\s*=")
_PART = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_\-]+)""")


def key_lines(text: str) -> dict[str, int]:
    """Each key's path -> the line (from 1) where it is written; a table's header line for the
    table itself (`place[0]`, `groups`)."""
    lines: dict[str, int] = {}
    rows: dict[str, int] = {}  # rows of each array of tables so far
    table = ""
    depth = 0  # open brackets of a value that runs over several lines
    for number, line in enumerate(text.splitlines(), start=1):
        if depth > 0:
            depth += _brackets(line)
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            path = _path(header.group(2))
            if header.group(1) == "[[":
                rows[path] = rows.get(path, -1) + 1
                path = f"{path}[{rows[path]}]"
            table = _within_rows(path, rows)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            path = _path(key.group(1), table)
            lines.setdefault(path, number)
            depth = max(0, _brackets(line[key.end() :]))
    return lines


def line_of(lines: dict[str, int], key: str) -> int:
    """The line of `key`, else of the nearest table or key that holds it ("missing" keys, items of
    a list), else 1."""
    while key:
        if key in lines:
            return lines[key]
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    return 1


def _path(dotted: str, table: str = "") -> str:
    path = table
    for m in _PART.finditer(dotted):
        name = m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
        if m.group(1) is not None:
            name = name.encode().decode("unicode_escape") if "\\" in name else name
        path = join_key(path, name)
    return path


def _within_rows(path: str, rows: dict[str, int]) -> str:
    """A sub-table header inside an array of tables (`[trigger.context]` after `[[trigger]]`)
    belongs to its last row."""
    for name, row in rows.items():
        if path.startswith(name + ".") and not path.startswith(f"{name}["):
            return f"{name}[{row}]{path[len(name) :]}"
    return path


def _brackets(value: str) -> int:
    """Open minus closed brackets in `value`, outside strings and comments."""
    depth, quote, i = 0, "", 0
    while i < len(value):
        ch = value[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth
