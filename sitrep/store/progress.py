"""The progress of a long ingest on stderr: a tqdm counter with the running counts and the rate;
skipped inputs are listed with their reasons when the run ends (where they are not lost in the
scroll of a long batch), and written as they happen to an errors file, one JSON object per line
({"source": ..., "reason": ...}, and "language" for an input in a language no pack covers) when
one is given."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import TracebackType
from typing import TextIO

from tqdm import tqdm

from sitrep.store.writer import SKIPPED, IngestStats, Outcome

# Skipped inputs kept for the list at the end; past this many only the errors file has them
# all (memory stays flat over a batch of millions of bad lines).
MAX_LISTED = 1000


class IngestProgress:
    """`update` is the on_progress callback of an ingest; with show=False only skips are printed."""

    def __init__(self, show: bool, errors_file: Path | None = None) -> None:
        self.errors_file = errors_file
        self.errors: TextIO | None = None
        self.listed: list[str] = []
        self.repaired: list[str] = []
        self.skipped = 0
        self.no_pack = 0  # of the skipped, those in a language no pack covers
        self.bar = tqdm(
            desc="ingest", unit=" docs", file=sys.stderr, disable=not show, dynamic_ncols=True, mininterval=0.5
        )

    def update(self, outcome: Outcome, stats: IngestStats) -> None:
        if outcome.status == SKIPPED:
            self._skipped(outcome)
        if len(self.repaired) < MAX_LISTED:  # stored, but changed: said, not counted as skipped
            self.repaired.extend(f"sitrep: repaired {repair}" for repair in outcome.repairs)
        self.bar.set_postfix_str(
            f"new {stats.new}, unchanged {stats.unchanged}, copies {stats.near_duplicates}, "
            f"skipped {stats.skipped}, events {stats.events_new}+{stats.events_merged} merged",
            refresh=False,
        )
        self.bar.update(1)

    def _skipped(self, outcome: Outcome) -> None:
        self.skipped += 1
        self.no_pack += outcome.no_pack is not None
        if len(self.listed) < MAX_LISTED:
            self.listed.append(f"sitrep: skipped {outcome.name}: {outcome.reason}")
        if self.errors is not None:
            record = {"source": outcome.name, "reason": outcome.reason}
            if outcome.no_pack is not None:
                record["language"] = outcome.no_pack
            self.errors.write(json.dumps(record, ensure_ascii=False) + "\n")

    def __enter__(self) -> IngestProgress:
        if self.errors_file is not None:
            self.errors = self.errors_file.open("w", encoding="utf-8")
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.close()
        if self.errors is not None:
            self.errors.close()
        for line in self.repaired + self.listed:
            print(line, file=sys.stderr)
        if self.skipped > len(self.listed):
            where = f" (all of them in {self.errors_file})" if self.errors_file else " (--errors FILE lists them all)"
            print(f"sitrep: ... and {self.skipped - len(self.listed)} more{where}", file=sys.stderr)
