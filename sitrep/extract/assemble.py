"""Assemble mentions into events. OWNER: lead."""

from __future__ import annotations

from sitrep.records import Document, Event


def extract_document(doc: Document) -> list[Event]:
    return []
