"""The progress of a long ingest on stderr: a tqdm counter with the running counts and the rate,
and one line per skipped input (written above the bar, so the bar stays whole)."""

from __future__ import annotations

import sys
from types import TracebackType

from tqdm import tqdm

from sitrep.store.ingest import SKIPPED, IngestStats, Outcome


class IngestProgress:
    """`update` is the Store.ingest on_progress callback; with show=False only skips are printed."""

    def __init__(self, show: bool) -> None:
        self.bar = tqdm(desc="ingest", unit=" docs", file=sys.stderr, disable=not show, dynamic_ncols=True,
                        mininterval=0.5)

    def update(self, outcome: Outcome, stats: IngestStats) -> None:
        if outcome.status == SKIPPED:
            self.bar.write(f"sitrep: skipped {outcome.name}: {outcome.reason}", file=sys.stderr)
        self.bar.set_postfix_str(
            f"new {stats.new}, unchanged {stats.unchanged}, copies {stats.near_duplicates}, "
            f"skipped {stats.skipped}, events {stats.events_new}+{stats.events_merged} merged", refresh=False)
        self.bar.update(1)

    def __enter__(self) -> IngestProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.close()
