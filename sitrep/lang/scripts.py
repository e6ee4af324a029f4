"""How text in every script is read for matching: one set of tables (shared/scripts.toml) for the
text, the pack words and the gazetteer's keys, so that all three agree.

- `ignored` characters (Arabic tatweel, harakat, Quranic marks) are skipped: taken out of the
  text's matching copy (sitrep/visible.py maps spans back to the original) and out of pack words.
- `same` characters are one character for matching: Arabic and Persian letter variants (ي ی ى,
  ك ک, ة ه, hamza forms), Eastern digits, Turkish ı/İ, Russian ё. One character for one, so a
  copy keeps the text's length.
- `text_only` characters are read as another in the text alone: Arabic-script punctuation and
  number marks ("،" is ",", "٫" is "."); a regex in a pack keeps its own "?" and ".".
- `between` characters are read as another only between two letters of one script: ZWNJ inside a
  Persian compound is a space, any apostrophe inside a Cyrillic word is "ʼ".

Pack words are read with `fold_words` when a pack is loaded (sitrep/lang/__init__.py), the text
with `VisibleText.of` (sitrep/visible.py), gazetteer keys with sitrep/geo/normalize.py `fold`.
Case is folded afterwards by each stage (str.lower), which keeps the length once "İ" is "I".
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import PackError
from sitrep.lang.schema import SHARED_SCHEMA, validate

SCRIPTS_FILE = Path(__file__).parent / "shared" / "scripts.toml"
# Characters a renderer shows as nothing, Unicode's Default_Ignorable_Code_Point property
# (DerivedCoreProperties.txt): soft hyphens, zero-width spaces and joiners, bidi marks. The text
# is matched without them (sitrep/visible.py), and pack words are read without them.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]+"
)


@dataclass(frozen=True)
class ScriptTables:
    ignored: re.Pattern[str]  # one or more ignored characters
    # (a letter of the script, a character between two of them, what it is read as)
    between: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...]
    words: dict[int, str]  # str.translate table of `same`
    text: dict[int, str]  # `same` and `text_only`
    folded: re.Pattern[str]  # any character of `text`: text without one needs no translation


@functools.cache
def tables_data() -> dict[str, Any]:
    """shared/scripts.toml as written, checked against the schema (`load_shared("scripts")`)."""
    try:
        data = tomllib.loads(SCRIPTS_FILE.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise PackError(f"{SCRIPTS_FILE}: {e}") from e
    validate(data, SHARED_SCHEMA["scripts"], str(SCRIPTS_FILE))
    return data


@functools.cache
def tables() -> ScriptTables:
    """shared/scripts.toml compiled."""
    path, data = str(SCRIPTS_FILE), tables_data()
    same, text_only = _translation(data["same"], path, "same"), _translation(data["text_only"], path, "text_only")
    between = tuple(_between(row, path, i) for i, row in enumerate(data["between"]))
    return ScriptTables(
        ignored=_compile(f"[{data['ignored']}]+", path, "ignored"),
        between=between,
        words=same,
        text={**same, **text_only},
        folded=re.compile(f"[{re.escape(''.join(map(chr, {**same, **text_only})))}]"),
    )


def _translation(table: dict[str, str], path: str, key: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for to, variants in table.items():
        if len(to) != 1:
            raise PackError(f"{path}: {key}.{to}: a key is one character")
        for ch in variants:
            if ord(ch) in out:
                raise PackError(f"{path}: {key}.{to}: {ch!r} is already read as {out[ord(ch)]!r}")
            out[ord(ch)] = to
    return out


def _between(row: dict[str, str], path: str, i: int) -> tuple[re.Pattern[str], re.Pattern[str], str]:
    if len(row["to"]) != 1:
        raise PackError(f"{path}: between[{i}].to: one character")
    letters = row["letters"]
    pattern = f"(?<=[{letters}])[{re.escape(row['chars'])}](?=[{letters}])"
    return re.compile(f"[{letters}]"), _compile(pattern, path, f"between[{i}].letters"), row["to"]


def _compile(pattern: str, path: str, key: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise PackError(f"{path}: {key}: {e}") from e


def read_between(text: str) -> str:
    """`text` with each `between` character read as its letter ("п’ять" -> "пʼять"); same length."""
    for script, pattern, to in tables().between:
        if script.search(text):  # Latin text is not scanned for Cyrillic apostrophes
            text = pattern.sub(to, text)
    return text


def fold_words(words: str) -> str:
    """A pack word or pattern as matching reads it: ignored and invisible characters out, variants folded
    ("قُتِلَ" -> "قتل", "کشته‌شدند" -> "كشته شدند", "İÇİN" -> "ICIN"). Case is left to the stage."""
    if words.isascii():
        return words
    t = tables()
    return INVISIBLE.sub("", t.ignored.sub("", read_between(words))).translate(t.words)


def fold_data(value: object) -> object:
    """Every string of a pack file (keys of word tables included) through `fold_words`."""
    if isinstance(value, str):
        return fold_words(value)
    if isinstance(value, list):
        return [fold_data(v) for v in value]
    if isinstance(value, dict):
        return {fold_words(k): fold_data(v) for k, v in value.items()}
    return value
