"""Extraction: Document -> events. Plain functions, no I/O."""

from __future__ import annotations

from sitrep.extract.assemble import explain_document, extract_document
from sitrep.extract.budget import EXTRACTION_BUDGET_S

__all__ = ["EXTRACTION_BUDGET_S", "explain_document", "extract_document"]
