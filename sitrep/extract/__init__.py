"""Extraction: Document -> events. Plain functions, no I/O."""

from __future__ import annotations

from sitrep.extract.assemble import extract_document

__all__ = ["extract_document"]
