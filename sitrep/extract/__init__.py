"""Extraction: Document -> events. Plain functions, no I/O; an Extractor holds the packs and the
gazetteer they read with (sitrep.extract.extractor)."""

from __future__ import annotations

from sitrep.extract.budget import EXTRACTION_BUDGET_S
from sitrep.extract.extractor import Extractor, default_extractor, explain_document, extract_document

__all__ = ["EXTRACTION_BUDGET_S", "Extractor", "default_extractor", "explain_document", "extract_document"]
