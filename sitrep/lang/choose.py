"""Which language pack a text gets: the one decision, made here for every entry point
(`sitrep.extract`, `geoparse`, `resolve`, reading files, ingest and the API).

A code the caller gives (`--lang`, `lang=`, a record's `language` field) maps through the codes
each pack claims (pack.toml `langid_codes`: "no" and "nob" -> nb); a code no pack claims is an
UnknownLanguage that names it. With no code the language is identified (py3langid) among the
packs' languages, their close neighbours and the world's main news languages
(shared/languages.toml); a text identified as a language no pack claims is an UnknownLanguage too,
never read with another language's pack ("no language pack for 'it' (Italian)").

The module-level functions decide among the packs of the package (sitrep/lang/); a PackSet over
another folder (sitrep.lang.packset) decides among its own through `code_table` and `choose_code`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

from sitrep.errors import SitrepError
from sitrep.lang import available_languages, load_pack_file, load_shared

FALLBACK_LANG = "en"
# Enough text to decide; classifying a whole long article costs time and adds nothing.
DETECT_CHARS = 2000
# A text is refused only when a language without a pack is clearly likelier than every pack's:
# by more than this many log-probability units (e^5: 150 times). Over an article the gap runs to
# hundreds; over a fragment ("one two three" comes out Welsh by 1.5) it is the benefit of the
# doubt for the packs, so a headline or a name is not skipped on a guess. Measured in bench/langid.py.
NO_PACK_MARGIN = 5.0
# A text with fewer letters than this needs twice the margin: on a short headline in the same script
# ("To drept i Oslo": Croatian by 5.4 over Norwegian) a wrong refusal loses the document, while
# another script is clear however short ("Трое полицейских погибли": Russian by 180).
SHORT_TEXT_LETTERS = 30


class UnknownLanguage(SitrepError, ValueError):
    """A language no pack covers: a code given, or the language a text was identified as.
    `reason` is the short form a skipped document's line gives ("no language pack for 'it'
    (Italian)"); the message adds the packs there are."""

    def __init__(self, code: str, have: tuple[str, ...] | None = None) -> None:
        self.have = available_languages() if have is None else have
        self.code = code
        name = language_name(code)
        self.reason = f"no language pack for {code!r}" + (f" ({name})" if name else "")
        super().__init__(f"{self.reason}; have: {', '.join(self.have)}")

    def __reduce__(self) -> tuple[type[UnknownLanguage], tuple[str, tuple[str, ...]]]:
        return UnknownLanguage, (self.code, self.have)


def language_name(code: str) -> str | None:
    """The English name of a language code (shared/languages.toml), None for a code it lacks."""
    name = _languages()["names"].get(code.strip().lower())
    return str(name) if name is not None else None


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
def _languages() -> dict[str, Any]:
    return load_shared("languages")


def candidates(table: Mapping[str, str]) -> tuple[str, ...]:
    """The languages identification chooses among for the packs of `table`: every code the packs
    claim, each pack's neighbours and the world's main news languages (shared/languages.toml),
    less the codes the identifier does not know."""
    data = _languages()
    codes = set(table) | set(data["world"])
    for pack in set(table.values()):
        codes.update(data["neighbours"].get(pack, ()))
    known = set(_full_identifier().nb_classes)
    return tuple(sorted(codes & known))


@functools.cache
def _full_identifier() -> Any:
    """py3langid over its full model (loading the model takes ~0.1 s), for the list of what it knows."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


@functools.cache
def _identifier(codes: tuple[str, ...]) -> Any:
    """py3langid restricted to `codes`, built once per set of packs. Restricted, because among
    fewer languages short texts come out right more often (a headline is not taken for Latin or
    Maltese); not to the packs alone, because then a German article would be forced into the
    nearest pack (Danish -> Norwegian) instead of being known to have no pack."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages(codes)
    return identifier


def identify(text: str, table: Mapping[str, str] | None = None) -> str | None:
    """The language code `text` is identified as among the `candidates` of `table` ('en', 'no',
    'it', ...), a language some pack claims unless one without a pack is clearly likelier
    (NO_PACK_MARGIN); None for a text with nothing to identify.

    Lowercased first: langid's model was trained on mixed case, and ALL-CAPS wire
    transcripts (MUC-4) otherwise come out as anything but English."""
    table = _code_to_pack() if table is None else table
    sample = text[:DETECT_CHARS].lower()
    if not any(c.isalpha() for c in sample):
        return None
    ranked = _identifier(candidates(table)).rank(sample)
    best, best_score = ranked[0]
    margin = NO_PACK_MARGIN * (1 if sum(c.isalpha() for c in sample) >= SHORT_TEXT_LETTERS else 2)
    for code, score in ranked:
        if code in table:  # the likeliest language that has a pack
            return str(code) if best_score - score <= margin else str(best)
    return str(best)


def detect_language(text: str, table: Mapping[str, str] | None = None) -> str:
    """The language pack code for `text` ('en', 'nb', ...); UnknownLanguage naming the language
    when it is one no pack claims. A text with nothing to identify (no letters) gets
    FALLBACK_LANG's pack (the table's first pack when none covers FALLBACK_LANG)."""
    table = _code_to_pack() if table is None else table
    code = identify(text, table)
    if code is None:
        return table.get(FALLBACK_LANG) or min(table.values(), default=FALLBACK_LANG)
    return table_code(code, table)
