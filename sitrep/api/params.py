"""Query parameters of the API: parsed and checked here, so a route gets typed values or the
client gets a 400 naming the parameter and what is wrong with it.

Values only ever reach SQL as bound parameters (sitrep/store/queries.py); the checks here are
for clear messages and sane sizes, not for safety.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, Literal, TYPE_CHECKING, TypeAlias

from fastapi import Depends, HTTPException, Query

from sitrep import filters
from sitrep.records import DatasetEvent
from sitrep.store import EventFilter

MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # page * page_size stays far inside a 64-bit OFFSET
MAX_TEXT = 500  # characters in a text filter
# Periods one trend may span: 2,000 weeks is 38 years, 2,000 months 166. Every period is computed
# for every group, so an open-ended range ("since 1800") must not run for minutes; years cover
# every date the API accepts, so a series over decades is drawn by year rather than refused.
MAX_PERIODS = 2_000
DAYS_PER_PERIOD = {"week": 7, "month": 365.25 / 12, "year": 365.25}  # every period of filters.PERIODS

# The closed lists of the query vocabulary (sitrep/filters.py), as types FastAPI checks and the
# OpenAPI schema lists.
if TYPE_CHECKING:
    Sort: TypeAlias = str
    Period: TypeAlias = str
    Grouping: TypeAlias = str
else:
    Sort = Literal[filters.SORTS]
    Period = Literal[filters.PERIOD_NAMES]
    Grouping = Literal[filters.DIMENSION_NAMES]


def bad(name: str, reason: str) -> HTTPException:
    """A 400 whose detail names the parameter first, as every input error of the API does."""
    return HTTPException(400, f"{name}: {reason}")


def check_text(name: str, value: str | None) -> str | None:
    """A text filter as given; None for a missing or blank one (no filter, as in the CLI)."""
    return _value(filters.FILTER["text"], value, name)  # type: ignore[no-any-return]


def _parameter(f: filters.Filter) -> inspect.Parameter:
    """The query parameter of a filter of the vocabulary, as FastAPI reads it from a signature."""
    if f.kind == "integer":
        query = Query(ge=f.minimum, le=f.maximum, description=f.help)
        return inspect.Parameter(
            f.key, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[int | None, query]
        )
    # Dates and boxes are bounded by their form; free text and names by MAX_TEXT.
    query = Query(description=f.help) if f.kind in ("date", "bbox") else Query(max_length=MAX_TEXT, description=f.help)
    return inspect.Parameter(
        f.key, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[str | None, query]
    )


def _value(f: filters.Filter, value: Any, name: str | None = None) -> Any:
    """A filter's value as EventFilter takes it (filters.filter_value), or a 400 naming its parameter."""
    try:
        return filters.filter_value(f, value)
    except ValueError as e:
        raise bad(name or f.key, str(e)) from None


def _shorthand(flag: str, f: filters.Filter) -> inspect.Parameter:
    query = Query(description=filters.shorthand_help(f, flag).replace(f.option, f.key + "="))
    return inspect.Parameter(flag, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Annotated[bool, query])


async def event_filters(**values: Any) -> EventFilter:
    """The filters `sitrep events` takes, as an EventFilter (no paging). Its parameters are the
    rows of sitrep/filters.py FILTERS and their shorthand flags (the signature below)."""
    try:
        values = filters.resolve_shorthands(values, key=lambda f: f.key)
    except ValueError as e:
        raise bad(next(flag for flag in filters.SHORTHANDS if values.get(flag)), str(e)) from None
    found = {f.name: _value(f, values.get(f.key)) for f in filters.FILTERS}
    if found["since"] and found["until"] and found["since"] > found["until"]:
        raise bad("since", f"{found['since']} is after until ({found['until']})")
    return EventFilter(**found)


event_filters.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [*map(_parameter, filters.FILTERS), *(_shorthand(flag, f) for flag, f in filters.SHORTHANDS.items())],
    return_annotation=EventFilter,
)
Filters = Annotated[EventFilter, Depends(event_filters)]


def paged(f: EventFilter, page: int, page_size: int, sort: str) -> EventFilter:
    return replace(f, limit=page_size, offset=(page - 1) * page_size, order=sort)


PageQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PageSizeQuery = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Events per page (1..{MAX_PAGE_SIZE}).")]
SortQuery = Annotated[Sort, Query(description="date, fatalities or sources; a leading '-' for largest first.")]
PeriodQuery = Annotated[Period, Query(description="ISO weeks, calendar months or calendar years.")]
BaselineQuery = Annotated[int, Query(ge=1, le=520, description="Periods in the trailing baseline.")]


def groupings(value: str | None) -> tuple[str, ...] | None:
    """'country,actor' -> ('country', 'actor'); None when not given."""
    if value is None:
        return None
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in filters.DIMENSION_NAMES]
    if unknown or not names:
        raise bad("by", f"{', '.join(unknown) or 'nothing given'}: choose from {', '.join(filters.DIMENSION_NAMES)}")
    return names


def check_span(events: Sequence[DatasetEvent], first: dt.date | None, last: dt.date | None, period: str) -> None:
    """400 when the series from `first` (else the earliest event) to `last` (else the latest)
    would hold more than MAX_PERIODS periods."""
    dates = [e.date for e in events if e.date is not None]
    first, last = first or min(dates, default=None), last or max(dates, default=None)
    if first and last and (last - first).days / DAYS_PER_PERIOD[period] > MAX_PERIODS:
        longer = [p for p, days in DAYS_PER_PERIOD.items() if days > DAYS_PER_PERIOD[period]]
        instead = f", or count by {' or '.join(longer)}" if longer else ""
        raise bad("since", f"{first}..{last} spans more than {MAX_PERIODS} {period}s; narrow since and until{instead}")
