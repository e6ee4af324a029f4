"""Which language pack a text gets: the one decision, made here for every entry point
(`sitrep.extract`, `geoparse`, `resolve`, reading files, ingest and the API).

A code the caller gives (`--lang`, `lang=`, a record's `language` field) maps through the codes
each pack claims (pack.toml `langid_codes`: "no" and "nob" -> nb); a code no pack claims is an
error that names it and lists the packs. With no code the language is detected (py3langid), and
a detected language with no pack is read with FALLBACK_LANG's pack.
"""

from __future__ import annotations

import functools
from typing import Any

from sitrep.errors import SitrepError
from sitrep.lang import available_languages, load_pack_file

FALLBACK_LANG = "en"
# Enough text to decide; classifying a whole long article costs time and adds nothing.
DETECT_CHARS = 2000


class UnknownLanguage(SitrepError, ValueError):
    """A language code no pack covers."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no language pack {code!r} (have: {', '.join(available_languages())})")
        self.code = code

    def __reduce__(self) -> tuple[type[UnknownLanguage], tuple[str]]:
        return UnknownLanguage, (self.code,)


def choose_pack(lang: str | None, text: str) -> str:
    """The pack code for `text`: `lang` when given (through the packs' aliases; UnknownLanguage
    when no pack covers it), else detected."""
    return pack_code(lang) if lang else detect_language(text)


def pack_code(code: str) -> str:
    """The pack that covers a language code or alias ('no' -> 'nb'); UnknownLanguage if none."""
    found = _code_to_pack().get(code.strip().lower())
    if found is None:
        raise UnknownLanguage(code)
    return found


@functools.cache
def _code_to_pack() -> dict[str, str]:
    """Every language-id code a pack claims, and the pack codes themselves, mapped to the pack
    code: {'en': 'en', 'no': 'nb', 'nob': 'nb', 'nn': 'nb', 'da': 'nb', ...}."""
    table: dict[str, str] = {}
    for code in available_languages():
        # Only pack.toml: choosing a pack must not depend on the extraction rules loading.
        for alias in load_pack_file(code, "pack").get("langid_codes", []):
            table.setdefault(str(alias).lower(), code)
        table[code] = code
    return table


@functools.cache
def _identifier() -> Any:
    """py3langid over its full model, built once (loading the model takes ~0.1 s).
    The full model, not one restricted to the packs: a German article should fall back to
    English rather than be forced into the nearest pack (Danish -> Norwegian)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def detect_language(text: str) -> str:
    """The language pack code for `text` ('en', 'nb', ...), falling back to FALLBACK_LANG.

    Lowercased first: langid's model was trained on mixed case, and ALL-CAPS wire
    transcripts (MUC-4) otherwise come out as anything but English."""
    sample = text[:DETECT_CHARS].lower()
    if not sample.strip():
        return FALLBACK_LANG
    code, _score = _identifier().classify(sample)
    return _code_to_pack().get(code, FALLBACK_LANG)
