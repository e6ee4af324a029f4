"""Re-extraction: stored documents read again with today's packs and user lexicon, their reports
replaced and their events merged again (sitrep/store/recode.py), the analyst's review overlay
kept. The store keeps each document's text (documents.text), so nothing is read from the inputs
again: an analyst edits the lexicon, then

    with using_lexicon(load_lexicon("my-lexicon")), open_store("events.db") as store:
        stats = reextract(store, since=date(2024, 11, 1))
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.extract import extract_document
from sitrep.lang.lexicon import active_lexicon
from sitrep.records import Document, Event
from sitrep.store import Store, StoredDocument
from sitrep.store.recode import documents_since, recode
from sitrep.store.writer import failure


@dataclass(frozen=True)
class ReextractStats:
    documents: int = 0  # stored documents read again
    reports: int = 0  # reports they gave this time
    events_changed: int = 0  # events whose values changed, new events and removed ones
    failed: int = 0  # documents whose extraction failed: left as they were
    seconds: float = 0.0

    def summary(self) -> str:
        failed = f", {self.failed} failed (left as they were)" if self.failed else ""
        return (
            f"documents re-read: {self.documents}{failed}; reports: {self.reports}; "
            f"events changed: {self.events_changed}; {self.seconds:.1f} s"
        )


Said = Callable[[str], None]


def reextract(store: Store, since: dt.date | None = None, say: Said | None = None) -> ReextractStats:
    """Extract every stored document published on or after `since` (all when None) again with
    the active lexicon (sitrep.lang.lexicon.active_lexicon), one transaction per document. A
    document whose extraction fails is named through `say` and left as it was."""
    lexicon = active_lexicon()
    version = lexicon.version if lexicon else None
    start = time.monotonic()
    documents = reports = failed = 0
    changed: set[str] = set()
    for stored in documents_since(store, since):
        try:
            events = _extract(stored)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop the run
            failed += 1
            if say is not None:
                say(f"{stored.name or stored.id}: {failure(e)}")
            continue
        recoded = recode(store, stored.id, events, version)
        documents += 1
        reports += recoded.reports
        changed |= recoded.changed
    return ReextractStats(documents, reports, len(changed), failed, time.monotonic() - start)


def _extract(stored: StoredDocument) -> tuple[Event, ...]:
    doc = Document(stored.name or stored.id, stored.text, stored.published, stored.lang, stored.outlet, stored.url)
    # Through the stored form, as an ingest stores them (sitrep/run/prepare.py).
    return tuple(Event.from_dict(e.to_dict()) for e in extract_document(doc))
