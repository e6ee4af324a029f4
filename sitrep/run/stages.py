"""The work a worker does: read deferred files, extract documents for the store.

The same functions run in this process, in a process pool and in Ray tasks. A task is a list of
units (documents, or files of one article to read first); its result is one entry per unit:
the Prepared of a document, or the (item, Prepared) pairs of a file. Documents travel to the
worker and only their extracted form comes back (sitrep.store.ingest.Extracted: no text).
"""

from __future__ import annotations

import os
import time

from sitrep.errors import InputError
from sitrep.read import FileUnit, read_unit
from sitrep.records import Document
from sitrep.store.backends import Database, connect
from sitrep.store.ingest import AlreadyStored, Prepared, content_id, prepare, stored

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
# each process opens its own read connection, lazily.
_store_target: str | None = None
_store_db: Database | None = None


def init_worker(store: str | None) -> None:
    """Pool initializer: which store to check read files against (None: extract every file)."""
    global _store_target, _store_db
    _store_target, _store_db = store, None


def use_store(db: Database | None) -> None:
    """In this process: check read files against this open store."""
    global _store_target, _store_db
    _store_target, _store_db = None, db


def prepare_units(units: list[Unit]) -> list[Result]:
    """A task: each unit prepared for the store, in order."""
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
    db = _store()
    if db is not None:
        doc_id = content_id(doc)
        if stored(db, doc_id):
            return AlreadyStored(doc_id)
    return prepare_document(doc)


def _store() -> Database | None:
    global _store_db
    if _store_db is None and _store_target is not None:
        _store_db = connect(_store_target, write=False)
    return _store_db


def warm_up() -> None:
    """Load every language pack, the gazetteer and the MinHash permutations now, so a forked
    worker shares them with its parent and the first task is not slow."""
    from sitrep.extract import extract_document
    from sitrep.lang import available_languages

    for code in available_languages():
        extract_document(Document("warm-up", "Warm-up in Oslo.", lang=code))
    prepare(Document("warm-up", "Warm-up."))
