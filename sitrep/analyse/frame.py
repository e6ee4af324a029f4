"""Stored events as a pandas DataFrame, for notebooks (the `frames` extra):

    ev = sitrep.read_events("events.db", country="Syria", claimed_by="Islamic State", since="2024-10-01")

One row per dataset event, in the columns of `sitrep export` (ACLED's, then sitrep's own), with
`event_date` as a datetime column. The filters are those of `sitrep events` and the API, by their
API names or their field names (sitrep/filters.py FILTERS), checked the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep import filters as vocabulary
from sitrep.analyse.export import COLUMNS, acled_row
from sitrep.errors import needs_extra
from sitrep.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    import pandas


def read_events(db: str | Path | Store | None = None, **filters: Any) -> pandas.DataFrame:
    """The stored events matching every filter, newest first (`limit`, `offset` and `order` page
    and sort as in EventFilter). `db`: an open Store, a SQLite path or a postgresql:// URL (None:
    $SITREP_DB, else the default store), opened read-only. A filter that is not in the vocabulary,
    or a value that can match nothing, is a ValueError naming it."""
    with needs_extra("frames", "read_events"):
        import pandas
    wanted = event_filter(filters)
    if isinstance(db, Store):
        found = db.find_events(wanted)
    else:
        with open_store(db, create=False) as store:
            found = store.find_events(wanted)
    frame = pandas.DataFrame([acled_row(e) for e in found], columns=list(COLUMNS))
    frame["event_date"] = pandas.to_datetime(frame["event_date"])
    return frame


def event_filter(given: dict[str, Any]) -> EventFilter:
    """An EventFilter from Python values: dates as dt.date or YYYY-MM-DD, a box as (W, S, E, N) or
    'W,S,E,N', a country by code or name, a type as ACLED writes it (any case)."""
    paging = {k: given.pop(k) for k in ("limit", "offset", "order") if k in given}
    given = vocabulary.resolve_shorthands(given)  # rejected=True: review="rejected"
    by_key = {f.key: f for f in vocabulary.FILTERS} | vocabulary.FILTER
    unknown = sorted(set(given) - set(by_key))
    if unknown:
        raise ValueError(
            f"no filter {', '.join(map(repr, unknown))}; filters: {', '.join(f.key for f in vocabulary.FILTERS)}"
        )
    values: dict[str, Any] = {}
    for key, value in given.items():
        f = by_key[key]
        try:
            values[f.name] = vocabulary.filter_value(f, value)
        except ValueError as e:
            raise ValueError(f"{key}: {e}") from None
    return EventFilter(**values, **paging)
