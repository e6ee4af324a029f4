"""Reading articles: files, folders, JSON Lines (benchmark format), HTML, stdin -> Document.
OWNER: read helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from sitrep.errors import InputError
from sitrep.records import Document


def read_inputs(
    paths: Sequence[str], published: dt.date | None = None, lang: str | None = None
) -> Iterator[Document | InputError]:
    """Yield a Document per article, or an InputError per unreadable input; never raise for bad input.
    "-" reads stdin."""
    raise NotImplementedError


def dateline_date(text: str) -> dt.date | None:
    raise NotImplementedError


def detect_language(text: str) -> str:
    raise NotImplementedError
