"""The language packs of one folder, as an Extractor uses them: each pack read when a text in its
language first arrives, and the choice of pack for a text made among this folder's packs only.

The default folder is the package's own (sitrep/lang/): its packs are the very objects `load_pack`
returns, so what a stage compiles from a pack is shared with every other caller. Any other folder
with the same layout (one sub-folder per language, the files of PACK_FILES in each) is a PackSet
too: a new language is a folder of data, no code.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from sitrep.errors import PackError
from sitrep.lang import (
    PACK_DIR,
    PACK_FILES,
    LanguagePack,
    available_languages,
    load_pack,
    load_pack_file,
    read_pack,
    read_pack_file,
)
from sitrep.lang.choose import UnknownLanguage, choose_code, code_table

T = TypeVar("T")

# What was compiled across the package's own packs: shared by every PackSet of that folder, as
# load_pack shares each pack.
_OWN_COMPILED: dict[Callable[[PackSet], Any], Any] = {}


class PackSet:
    """The packs of `folder` (default: the package's), each loaded once on first use."""

    def __init__(self, folder: Path | str = PACK_DIR) -> None:
        self.folder = Path(folder)
        self._own = self.folder.resolve() == PACK_DIR.resolve()
        self._loaded: dict[str, LanguagePack] = {}
        self._files: dict[tuple[str, str], dict[str, Any]] = {}
        self._compiled: dict[Callable[[PackSet], Any], Any] = _OWN_COMPILED if self._own else {}
        self._lock = threading.Lock()  # the API serves requests from threads

    def __repr__(self) -> str:
        return f"PackSet({str(self.folder)!r})"

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        """Codes of the packs present, e.g. ('en', 'nb')."""
        if self._own:
            return available_languages()
        return tuple(sorted(p.parent.name for p in self.folder.glob("*/pack.toml")))

    def get(self, code: str) -> LanguagePack:
        """The pack of a pack code ('nb', not an alias: `choose` maps aliases)."""
        if code not in self.codes:
            raise UnknownLanguage(code, self.codes)
        if self._own:
            return load_pack(code)
        with self._lock:
            if code not in self._loaded:
                self._loaded[code] = self._read(code)
            return self._loaded[code]

    def _read(self, code: str) -> LanguagePack:
        folder = self.folder / code
        missing = [name for name in PACK_FILES if not (folder / f"{name}.toml").is_file()]
        if missing:
            raise PackError(f"{folder}: language pack lacks {', '.join(f'{m}.toml' for m in missing)}")
        return read_pack(folder)  # every file checked against the schema

    def file(self, code: str, name: str) -> dict[str, Any]:
        """One data file of a pack ("dates" -> dates.toml), for the tables read across every pack
        of the set (`compiled`): an error in another file of a pack does not stop them."""
        if code not in self.codes:
            raise UnknownLanguage(code, self.codes)
        if self._own:
            return load_pack_file(code, name)
        with self._lock:
            if code in self._loaded:
                return self._loaded[code][name]
            if (code, name) not in self._files:
                self._files[code, name] = read_pack_file(self.folder / code, name)
            return self._files[code, name]

    def compiled(self, build: Callable[[PackSet], T]) -> T:
        """What `build` makes of every pack of the set together (the dateline words of every
        language, every pack's demonyms), built on first use: a pack in this folder adds its words
        to them as it adds its own rules."""
        try:
            return cast(T, self._compiled[build])
        except KeyError:
            made = self._compiled[build] = build(self)
            return made

    def choose(self, lang: str | None, text: str) -> LanguagePack:
        """The pack for `text`: `lang` when given (a code or an alias the packs claim;
        UnknownLanguage naming this folder's packs when none covers it), else detected."""
        return self.get(self.code(lang, text))

    def code(self, lang: str | None, text: str) -> str:
        """The code of the pack `choose` gives."""
        return choose_code(lang, text, self._table)

    @functools.cached_property
    def _table(self) -> dict[str, str]:
        # Only pack.toml of each pack: choosing must not depend on the extraction rules loading.
        return code_table((code, read_pack_file(self.folder / code, "pack")) for code in self.codes)


@functools.cache
def default_packs() -> PackSet:
    """The package's packs (sitrep/lang/), one PackSet per process."""
    return PackSet()
