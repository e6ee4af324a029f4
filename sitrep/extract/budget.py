"""A time budget for one article: extraction checks its deadline between stages and between
sentences, and stops with ExtractionTimeout once it has passed (cooperatively: a stage that is
running finishes first). A worker process that hangs altogether is the batch engine's concern.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from sitrep.errors import ExtractionTimeout

# Seconds one article may take. A news article takes ~5 ms and the longest benchmark article
# (~30 KB) ~0.2 s; time grows linearly with length (`python bench/extract_scaling.py`: 5-11 ms
# per KB on the 2-core reference machine, however repetitive the text), so the largest article
# the readers accept (5 MB, sitrep.read.MAX_ARTICLE_BYTES) needs ~30-55 s there. 60 s lets every
# accepted article finish, yet an input that still finds a slow path is skipped within a minute
# instead of holding a worker for good.
EXTRACTION_BUDGET_S = 60.0


@dataclass(frozen=True, slots=True)
class Deadline:
    doc_id: str
    budget_s: float
    at: float  # time.monotonic() at which the budget is spent; inf for no budget

    @classmethod
    def start(cls, doc_id: str, budget_s: float | None) -> Deadline:
        """A deadline `budget_s` seconds from now; None means no budget."""
        if budget_s is None:
            return cls(doc_id, math.inf, math.inf)
        return cls(doc_id, budget_s, time.monotonic() + budget_s)

    def check(self) -> None:
        """Raise ExtractionTimeout once the budget is spent (a budget of 0 is spent at once)."""
        if time.monotonic() >= self.at:
            raise ExtractionTimeout(self.doc_id, self.budget_s)
