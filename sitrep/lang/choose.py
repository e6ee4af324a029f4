"""Which language pack a text gets: the one decision, made here for every entry point
(`sitrep.extract`, `geoparse`, `resolve`, reading files, ingest and the API).

A code the caller gives (`--lang`, `lang=`, a record's `language` field) maps through the codes
each pack claims (pack.toml `langid_codes`: "no" and "nob" -> nb); a code no pack claims is an
error that names it and lists the packs. With no code the language is detected (py3langid), and
a detected language with no pack is read with FALLBACK_LANG's pack.

The module-level functions decide among the packs of the package (sitrep/lang/); a PackSet over
another folder (sitrep.lang.packset) decides among its own through `code_table` and `choose_code`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.errors import SitrepError
from sitrep.lang import available_languages, load_pack_file

FALLBACK_LANG = "en"
# Enough text to decide; classifying a whole long article costs time and adds nothing.
DETECT_CHARS = 2000


class UnknownLanguage(SitrepError, ValueError):
    """A language code no pack covers."""

    def __init__(self, code: str, have: tuple[str, ...] | None = None) -> None:
        self.have = available_languages() if have is None else have
        super().__init__(f"no language pack {code!r} (have: {', '.join(self.have)})")
        self.code = code

    def __reduce__(self) -> tuple[type[UnknownLanguage], tuple[str, tuple[str, ...]]]:
        return UnknownLanguage, (self.code, self.have)


def choose_pack(lang: str | None, text: str) -> str:
    """The pack code for `text`: `lang` when given (through the packs' aliases; UnknownLanguage
    when no pack covers it), else detected."""
    return choose_code(lang, text, _code_to_pack())


def pack_code(code: str) -> str:
    """The pack that covers a language code or alias ('no' -> 'nb'); UnknownLanguage if none."""
    return table_code(code, _code_to_pack())


def choose_code(lang: str | None, text: str, table: Mapping[str, str]) -> str:
    """`choose_pack` among the packs of one code table (`code_table`)."""
    return table_code(lang, table) if lang else detect_language(text, table)


def table_code(code: str, table: Mapping[str, str]) -> str:
    """The pack of `table` that covers a code or alias; UnknownLanguage naming the table's packs if none."""
    found = table.get(code.strip().lower())
    if found is None:
        raise UnknownLanguage(code, tuple(sorted(set(table.values()))))
    return found


def code_table(packs: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """Every language-id code the packs claim, and the pack codes themselves, mapped to the pack
    code: {'en': 'en', 'no': 'nb', 'nob': 'nb', 'nn': 'nb', 'da': 'nb', ...}. `packs` gives each
    pack's code and its pack.toml."""
    table: dict[str, str] = {}
    for code, pack_toml in packs:
        for alias in pack_toml.get("langid_codes", []):
            table.setdefault(str(alias).lower(), code)
        table[code] = code
    return table


@functools.cache
def _code_to_pack() -> dict[str, str]:
    # Only pack.toml: choosing a pack must not depend on the extraction rules loading.
    return code_table((code, load_pack_file(code, "pack")) for code in available_languages())


@functools.cache
def _identifier() -> Any:
    """py3langid over its full model, built once (loading the model takes ~0.1 s).
    The full model, not one restricted to the packs: a German article should fall back to
    English rather than be forced into the nearest pack (Danish -> Norwegian)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str, table: Mapping[str, str] | None = None) -> str:
    """The language pack code for `text` ('en', 'nb', ...), falling back to FALLBACK_LANG's pack (to
    the table's first pack when none covers FALLBACK_LANG).

    Lowercased first: langid's model was trained on mixed case, and ALL-CAPS wire
    transcripts (MUC-4) otherwise come out as anything but English."""
    table = _code_to_pack() if table is None else table
    fallback = table.get(FALLBACK_LANG) or min(table.values(), default=FALLBACK_LANG)
    sample = text[:DETECT_CHARS].lower()
    if not sample.strip():
        return fallback
    code, _score = _identifier().classify(sample)
    return table.get(code, fallback)
