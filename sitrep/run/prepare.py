"""The worker-side step of an ingest: what a document gives without a database.

`prepare` is pure: the content hash, the extracted events and the MinHash signature of a
document. It runs in this process, in worker processes or in Ray tasks; the results go back to
this process, which hands them to the store's writer in input order (`deliver`). Before anything
is extracted the store is asked which documents it holds (`already_stored`): a re-run over
stored input extracts nothing, and so compiles no language pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.errors import InputError, NoLanguagePack
from sitrep.extract import extract_document
from sitrep.lang.lexicon import active_lexicon
from sitrep.records import Document, Event
from sitrep.store import BatchWriter, IngestStats, Store, content_id, neardup
from sitrep.store.writer import Progress, failure


@dataclass(frozen=True)
class Extracted:
    """A document's content hash, events and MinHash signature. No text: small to send back
    from a worker, which was sent the document."""

    doc_id: str
    events: tuple[Event, ...]
    signature: bytes
    lexicon: str | None = None  # the version of the user lexicon extraction read with


@dataclass(frozen=True)
class Failed:
    """Extraction raised (or its worker process died): the document is skipped for this reason."""

    reason: str


@dataclass(frozen=True)
class AlreadyStored:
    """The store held the document before extraction: nothing to compute."""

    doc_id: str


Prepared = Extracted | Failed | AlreadyStored


def prepare(doc: Document) -> Extracted | Failed:
    """Extract a document for the store; an exception becomes Failed (one bad article must not
    stop the batch)."""
    try:
        # Events go through their stored form here, so a report reads the same now as when it is
        # loaded again later (to_dict rounds the confidence and keeps less of an anchor place).
        events = tuple(Event.from_dict(e.to_dict()) for e in extract_document(doc))
        lexicon = active_lexicon()
        return Extracted(content_id(doc), events, neardup.signature(doc.text), lexicon.version if lexicon else None)
    except Exception as e:  # noqa: BLE001 - reported as the reason the document was skipped
        return Failed(failure(e))


def already_stored(store: Store, doc: Document) -> AlreadyStored | None:
    """The cheap check, before extraction: AlreadyStored when the store holds the document."""
    try:
        doc_id = content_id(doc)
    except ValueError:  # a text that cannot be hashed (a lone surrogate a library caller left):
        return None  # prepare() skips it and says why
    return AlreadyStored(doc_id) if store.stored_ids([doc_id]) else None


def prepare_unless_stored(store: Store, doc: Document) -> Prepared:
    return already_stored(store, doc) or prepare(doc)


def deliver(writer: BatchWriter, item: Document | InputError, prepared: Prepared | None) -> None:
    """Hand one input and what was prepared of it to the store's writer (None: an InputError)."""
    if isinstance(item, InputError):
        writer.skip(item.source, item.reason, no_pack=item.language if isinstance(item, NoLanguagePack) else None)
    elif isinstance(prepared, Extracted):
        writer.add(item, prepared.doc_id, prepared.events, prepared.signature, prepared.lexicon)
    elif isinstance(prepared, AlreadyStored):
        writer.unchanged(item, prepared.doc_id)
    elif isinstance(prepared, Failed):
        writer.skip(item.id, prepared.reason, item.repairs)
    else:
        raise TypeError(f"{item.id}: nothing prepared for a document")  # a bug of the engine, not the input


def ingest_documents(
    store: Store, items: Iterable[Document | InputError], on_progress: Progress | None = None
) -> IngestStats:
    """Prepare and store every item in this process, one after the other, in batched
    transactions (the store stores; extracting is done here, in run/); sitrep.run.ingest does it
    with worker processes or Ray."""
    with store.guard(), store.writer(on_progress) as writer:
        for item in items:
            deliver(writer, item, None if isinstance(item, InputError) else prepare_unless_stored(store, item))
    return writer.stats
