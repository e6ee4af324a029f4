"""sitrep: offline, multilingual extraction of political-violence events from news.

>>> import sitrep
>>> events = sitrep.extract("Gunmen killed six shepherds near Mayadeen on Monday.",
...                         published="2020-01-15", lang="en")
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ExtractionTimeout, InputError, PackError, SitrepError
from sitrep.extract import EXTRACTION_BUDGET_S, extract_document
from sitrep.geo import PlaceMention, geoparse, resolve
from sitrep.lang.choose import UnknownLanguage
from sitrep.records import Count, Document, Event, Location, Place, Span

if TYPE_CHECKING:  # the store is imported on first use: `import sitrep` stays light
    import pandas

    from sitrep.store import Store

__all__ = [
    "EXTRACTION_BUDGET_S",
    "Count",
    "Document",
    "Event",
    "ExtractionTimeout",
    "InputError",
    "Location",
    "PackError",
    "Place",
    "PlaceMention",
    "SitrepError",
    "Span",
    "UnknownLanguage",
    "extract",
    "extract_document",
    "geoparse",
    "open_store",
    "read_events",
    "resolve",
]
__version__ = "0.1.0"


def extract(
    text: str,
    published: dt.date | str | None = None,
    lang: str | None = None,
    doc_id: str = "text",
    budget_s: float | None = EXTRACTION_BUDGET_S,
) -> list[Event]:
    """Every violent event in `text`. `published` (date or YYYY-MM-DD) anchors relative dates;
    `lang` (a code or alias: "no" is Norwegian) is identified when not given; UnknownLanguage
    when no pack covers it, given or identified (an Italian text is refused, never read with
    another language's pack). The text is sanitised as every input is (a lone
    surrogate becomes U+FFFD, a NUL a space; offsets hold), so the events can be serialised.
    Past `budget_s` seconds (None: no limit) extraction stops with ExtractionTimeout."""
    from sitrep.lang.choose import choose_pack
    from sitrep.read import sanitise

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    text = sanitise(text)
    doc = Document(sanitise(doc_id), text, published, choose_pack(lang, text))
    return extract_document(doc, budget_s)


def open_store(url: str | Path | None = None, create: bool = True) -> Store:
    """The event store (sitrep.store.open_store): a SQLite file, or a postgresql:// URL."""
    from sitrep.store import open_store as _open_store

    return _open_store(url, create)


def read_events(db: str | Path | Store | None = None, **filters: Any) -> pandas.DataFrame:
    """Stored events matching the filters of `sitrep events` as a pandas DataFrame, one row per
    event in the export's columns (sitrep.analyse.frame; pip install 'sitrep[frames]')."""
    from sitrep.analyse.frame import read_events as read

    return read(db, **filters)
