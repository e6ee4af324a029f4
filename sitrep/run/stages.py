"""The work a worker does: read deferred files, extract documents for the store.

The same functions run in this process, in a process pool and in Ray tasks. A task is a list of
units (documents, or files of one article to read first); its result is one entry per unit:
the Prepared of a document, or the (item, Prepared) pairs of a file. Documents travel to the
worker and only their extracted form comes back (sitrep.run.prepare.Extracted: no text).

Nothing is loaded ahead of need: a worker that finds every file it reads stored already
compiles no language pack. Workers forked from this process share what it loaded before the
fork (LocalPool warms up the languages of the first documents it sends).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

from sitrep.errors import InputError
from sitrep.extract import extract_document
from sitrep.lang.lexicon import Lexicon, using_lexicon
from sitrep.read import FileUnit, read_unit
from sitrep.records import Document
from sitrep.run.prepare import Prepared, already_stored, prepare
from sitrep.store import Store, open_store

Unit = Document | FileUnit
Pair = tuple[Document | InputError, Prepared | None]
Result = Prepared | list[Pair]

# Test hook: a worker that meets a document containing this marker dies on the spot (os._exit),
# as a segfault in a C extension or the kernel's OOM killer would kill it. Read at each call, so
# only a process whose environment sets it (a test) is affected.
CRASH_MARKER_ENV = "SITREP_TEST_CRASH_MARKER"
CRASH_EXIT_CODE = 70
# Test hook: a worker that meets a document containing this marker sleeps forever, as a loop in C
# code would hang it (where extract_document's own time budget cannot stop it).
HANG_MARKER_ENV = "SITREP_TEST_HANG_MARKER"

# The store a worker checks deferred files against (a re-run skips extracting stored articles);
# each process opens its own reader, lazily.
_store_target: str | None = None
_store: Store | None = None


def init_worker(store: str | None) -> None:
    """Pool initializer: which store to check read files against (None: extract every file)."""
    global _store_target, _store
    _store_target, _store = store, None


def use_store(store: Store | None) -> None:
    """In this process: check read files against this open store."""
    global _store_target, _store
    _store_target, _store = None, store


def prepare_units(units: list[Unit], lexicon: Lexicon | None = None) -> list[Result]:
    """A task: each unit prepared for the store, in order, read with the user lexicon the task
    carries (the one in use where the batch started: sitrep.lang.lexicon.active_lexicon). A
    worker merges a lexicon into its packs once, by its version (extract.default_extractor)."""
    with using_lexicon(lexicon):
        return [prepare_unit(u) for u in units]


def prepare_unit(unit: Unit) -> Result:
    if isinstance(unit, FileUnit):
        return [(item, None if isinstance(item, InputError) else _unless_stored(item)) for item in read_unit(unit)]
    return prepare_document(unit)


def prepare_document(doc: Document) -> Prepared:
    marker = os.environ.get(CRASH_MARKER_ENV)
    if marker and marker in doc.text:
        os._exit(CRASH_EXIT_CODE)
    hang = os.environ.get(HANG_MARKER_ENV)
    if hang and hang in doc.text:
        while True:
            time.sleep(3600)
    return prepare(doc)


def _unless_stored(doc: Document) -> Prepared:
    store = _reader()
    return (already_stored(store, doc) if store is not None else None) or prepare_document(doc)


def _reader() -> Store | None:
    global _store
    if _store is None and _store_target is not None:
        _store = open_store(_store_target, create=False)
    return _store


def warm_up(languages: Iterable[str]) -> None:
    """Load these languages' packs and the gazetteer now, so workers forked after it share them
    with this process and their first task is not slow. Called only once there is a document to
    extract: a re-run over stored input loads nothing."""
    for code in sorted(set(languages)):
        extract_document(Document("warm-up", "Warm-up in Oslo.", lang=code))
