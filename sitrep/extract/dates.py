"""Date mentions: find them with the language pack's dates.toml, resolve them against the
publication date. OWNER: dates helper. Contract below is used by extract/assemble.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitrep.lang import LanguagePack
from sitrep.records import Span


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    date: dt.date | None  # resolved absolute date; None when chained or unresolvable
    precision: str | None  # 'day' | 'week' | 'month' | 'year'
    chain_offset: int | None = None  # "a day later" -> 1, "the same day" -> 0 (from the previous event)
    rule: str = ""


def find_dates(text: str, pack: LanguagePack, published: dt.date | None) -> list[DateMention]:
    raise NotImplementedError


def resolve_chain(
    mention: DateMention, previous: tuple[dt.date, str] | None
) -> tuple[dt.date | None, str | None]:
    raise NotImplementedError
