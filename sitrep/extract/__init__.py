"""Extraction: Document -> events. Plain functions, no I/O."""

from __future__ import annotations

from sitrep.extract.assemble import extract_document
from sitrep.extract.budget import EXTRACTION_BUDGET_S

__all__ = ["EXTRACTION_BUDGET_S", "extract_document"]
