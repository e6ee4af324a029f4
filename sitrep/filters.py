"""The query vocabulary, declared once: the filters stored events can be selected by, the sort
orders, the trend dimensions and the periods. The CLI's options (sitrep/cli.py), the API's
parameters (sitrep/api/params.py) and the dashboard's controls (through GET /api/meta, which
returns `vocabulary()`) are built from these tables, so adding a filter is one row in FILTERS
(and its clause in sitrep/store/queries.py filter_sql, which a test checks for every row).

Filter values are checked the same way by the CLI (`--country`, `--type`, `--since`, ...) and the
API (`country`, `type`, `since`, ...): a value that can match nothing is an error that says what
is expected, never a silent "No events found."

- country: an ISO 3166-1 code (alpha-2 or alpha-3) or a country name in any language of the
  CLDR tables in sitrep/geo/data (every pack's language among them), any case: 'SY', 'SYR',
  'Syria', 'Syrie', 'Syrien' -> 'SY'.
- type: an ACLED event type or sub-event type (sitrep/acled.py, the labels the extractor
  writes), any case, given back as ACLED writes it.
- review: a review state (verified, corrected, reviewed, unreviewed, rejected, all). Rejected
  events are left out of every list, trend and alert unless the filter asks for them.
- dates: YYYY-MM-DD within FIRST_DAY..LAST_DAY; years far outside news (year 1, year 9999)
  would overflow the period arithmetic of trends.
- timestamps (ingested_since): an ISO 8601 time, with a zone (2026-12-06T02:40:00Z) or read as
  UTC, or a day (its midnight UTC); compared with the stored UTC times of ingest.
Each check raises ValueError with a message that does not name the parameter: the caller does
(click's "Invalid value for '--country'", the API's "country: ..."). `filter_value` is the one
reading of a value for the CLI (sitrep/cli.py), the API (sitrep/api/params.py) and
`read_events` (sitrep/analyse/frame.py) alike.

A filter may have shorthands: flags that stand for one of its values (`--rejected` for
`--review rejected`; the API's `rejected=true`), declared on its row (`Filter.shorthands`) and
resolved by `resolve_shorthands`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitrep.acled import ACLED_TYPES, EVENT_TYPES, SUB_EVENT_TYPES

FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2999, 12, 31)

_TYPES_BY_KEY = {name.casefold(): name for name in (*EVENT_TYPES, *SUB_EVENT_TYPES)}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# A NUL cannot be stored in PostgreSQL text (the driver refuses it): bad input, not a server error.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def country_filter(value: str) -> str:
    """The ISO2 code of a country given by code or by name; ValueError for anything else."""
    from sitrep.geo.countries import close_country_names, country_code  # the data is read on first use

    code = country_code(value)
    if code is not None:
        return code
    close = close_country_names(value)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ValueError(
        f"{value!r} is not a country: give an ISO 3166-1 code (SY, SYR) or a country name (Syria, Syrie, Syrien){hint}"
    )


def event_type_filter(value: str) -> str:
    """An ACLED event or sub-event type, any case, as ACLED writes it; ValueError listing them otherwise."""
    found = _TYPES_BY_KEY.get(" ".join(value.split()).casefold())
    if found is not None:
        return found
    close = difflib.get_close_matches(value.casefold(), list(_TYPES_BY_KEY), n=2, cutoff=0.75)
    hint = f"did you mean {' or '.join(repr(_TYPES_BY_KEY[k]) for k in close)}? " if close else ""
    raise ValueError(
        f"{value!r} is not an ACLED event or sub-event type; {hint}event types: "
        f"{', '.join(EVENT_TYPES)}; sub-event types: {', '.join(SUB_EVENT_TYPES)}"
    )


def review_filter(value: str) -> str:
    """A review state (sitrep/store/review.py REVIEW_FILTERS), any case; ValueError listing them."""
    from sitrep.store.review import REVIEW_FILTERS

    key = value.strip().casefold()
    if key not in REVIEW_FILTERS:
        raise ValueError(f"{value!r} is not a review state; choose from {', '.join(REVIEW_FILTERS)}")
    return key


def day_filter(day: dt.date) -> dt.date:
    """A day within FIRST_DAY..LAST_DAY; ValueError otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} lies outside {FIRST_DAY}..{LAST_DAY}")
    return day


def date_filter(value: str | dt.date) -> dt.date:
    """A day given as YYYY-MM-DD (or a date), within FIRST_DAY..LAST_DAY; ValueError otherwise."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        text = str(value).strip()
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")
        try:
            value = dt.date.fromisoformat(text)
        except ValueError as e:
            raise ValueError(f"{text!r} is not a date ({e})") from None
    return day_filter(value)


def timestamp_filter(value: str | dt.datetime | dt.date) -> str:
    """A moment as the store writes its times (UTC, ISO 8601 to the second), from an ISO time
    with or without a zone (without: UTC) or a day (its midnight, UTC); ValueError otherwise."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())
    else:
        moment = _iso_time(str(value).strip())
    day_filter(moment.date())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _iso_time(text: str) -> dt.datetime:
    try:
        if _ISO_DATE.match(text):
            return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a time: give ISO 8601, 2026-12-06T02:40:00Z or 2026-12-06")


def text_filter(value: str) -> str:
    """Free text as given; ValueError for control characters (a NUL cannot reach PostgreSQL)."""
    if _CONTROL.search(value):
        raise ValueError("control characters are not allowed")
    return value


def integer_filter(value: Any, minimum: int | None, maximum: int | None) -> int:
    """A whole number within minimum..maximum (a bool is not one); ValueError otherwise."""
    low = minimum if minimum is not None else 0
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValueError(f"{value!r} is not a whole number of at least {low}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{value!r} is more than {maximum}")
    return value


def bbox_filter(value: Any) -> tuple[float, float, float, float]:
    """'W,S,E,N' or (W, S, E, N) in degrees; ValueError saying what is wrong."""
    from sitrep.store.show import parse_bbox

    return parse_bbox(value if isinstance(value, str) else ",".join(map(str, value)))


# --- the tables -----------------------------------------------------------------------------------

KINDS = ("date", "timestamp", "country", "event_type", "text", "integer", "bbox", "review")


@dataclass(frozen=True)
class Filter:
    """One filter of stored events. `name` is the EventFilter field; `param` the API parameter and
    the dashboard's URL key (default: name), whose CLI option is "--" + param with dashes.
    `kind` says how a value is read and checked (KINDS); `label` shows it in the dashboard's form
    (unlabelled filters work there from the URL only)."""

    name: str
    kind: str
    help: str
    example: str  # a value that parses, for the docs and the tests
    param: str = ""
    label: str | None = None
    minimum: int | None = None  # integer kinds
    maximum: int | None = None
    # Flags that stand for one value each: ("rejected", ...) makes `--rejected` mean
    # `--review rejected` in the CLI, and `rejected=true` in the API.
    shorthands: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"filter {self.name}: no kind {self.kind!r} (choose from {', '.join(KINDS)})")

    @property
    def key(self) -> str:
        return self.param or self.name

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")

    @property
    def check(self) -> Callable[[str], str] | None:
        """The check of a filter with a fixed vocabulary (country, type); None for the others."""
        return {"country": country_filter, "event_type": event_type_filter, "review": review_filter}.get(self.kind)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name": self.key,
            "field": self.name,
            "kind": self.kind,
            "option": self.option,
            "help": self.help,
            "example": self.example,
            "label": self.label,
        }
        if self.kind == "integer":
            d |= {"minimum": self.minimum, "maximum": self.maximum}
        if self.kind == "date":
            d |= {"minimum": FIRST_DAY.isoformat(), "maximum": LAST_DAY.isoformat()}
        if self.kind == "event_type":
            d["values"] = {kind: list(subs) for kind, subs in ACLED_TYPES.items()}
        if self.kind == "review":
            from sitrep.store.review import REVIEW_FILTERS

            d["values"] = list(REVIEW_FILTERS)
        if self.shorthands:
            d["shorthands"] = list(self.shorthands)
        return d


def filter_value(f: Filter, value: Any) -> Any:
    """A filter's value as EventFilter takes it, from the text the CLI or the API was given or
    from a Python value (`read_events`): None for a missing or blank one, else the value read and
    checked, or a ValueError saying what is wrong (without naming the filter: the caller does)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    readers: dict[str, Callable[[Any], Any]] = {
        "date": date_filter,
        "timestamp": timestamp_filter,
        "bbox": bbox_filter,
        "integer": lambda v: integer_filter(v, f.minimum, f.maximum),
        "text": lambda v: text_filter(str(v)),
    }
    check = f.check
    if check is not None:
        return check(str(value).strip())
    return readers[f.kind](value)


FILTERS = (
    Filter("since", "date", "Events on or after this day (YYYY-MM-DD).", "2020-01-01", label="From"),
    Filter("until", "date", "Events on or before this day (YYYY-MM-DD).", "2020-12-31", label="To"),
    Filter(
        "country",
        "country",
        "ISO 3166-1 code (SY, SYR) or country name in any language (Syria, Syrie, Syrien).",
        "Syria",
        label="Country",
    ),
    Filter("admin1", "text", "First-level area (province, governorate), its whole name, any case.", "Deir ez-Zor"),
    Filter("actor", "text", "Part of the name of actor1 or actor2.", "Islamic State", label="Actor"),
    Filter(
        "claimed_by", "text", "Part of the name of a group that claimed the event.", "Islamic State", label="Claimed by"
    ),
    Filter(
        "event_type",
        "event_type",
        "ACLED event type or sub-event type, any case (Battles, Armed clash).",
        "Battles",
        param="type",
        label="Type",
    ),
    Filter("min_fatalities", "integer", "At least this many killed.", "10", minimum=0, maximum=10**9),
    Filter("min_sources", "integer", "Reported by at least this many articles.", "2", minimum=1, maximum=10**6),
    Filter("bbox", "bbox", "West,South,East,North in degrees.", "35,32,42,37"),
    Filter("text", "text", "Part of a source article's text or of the place name.", "mortar"),
    Filter(
        "review",
        "review",
        "An analyst's review: verified, corrected, reviewed (either), unreviewed, rejected, or all"
        " (default: every event but the rejected).",
        "rejected",
        shorthands=("reviewed", "unreviewed", "rejected"),
    ),
    Filter(
        "ingested_since",
        "timestamp",
        "Events first reported by an article stored at or after this time (ISO 8601, UTC unless a zone is"
        " given: 2026-12-06T02:40:00Z): what is new since then.",
        "2020-01-01T00:00:00Z",
    ),
)
FILTER = {f.name: f for f in FILTERS}
SHORTHANDS = {flag: f for f in FILTERS for flag in f.shorthands}  # flag -> the filter it sets


def shorthand_help(f: Filter, flag: str) -> str:
    return f"Shorthand for {f.option} {flag}."


def resolve_shorthands(values: dict[str, Any], key: Callable[[Filter], str] = lambda f: f.name) -> dict[str, Any]:
    """`values` with each shorthand flag (a key of SHORTHANDS) that is set turned into its filter's
    value, under key(filter); ValueError when two say different things. Unset flags are dropped."""
    out = {k: v for k, v in values.items() if k not in SHORTHANDS}
    said = {key(f): f"{f.option} {out[key(f)]}" for f in FILTERS if out.get(key(f)) not in (None, "")}
    for flag in (k for k in values if k in SHORTHANDS and values[k]):
        f = SHORTHANDS[flag]
        if out.get(key(f)) not in (None, "", flag):
            raise ValueError(f"--{flag} and {said[key(f)]} ask for different {f.name} states: give one")
        out[key(f)], said[key(f)] = flag, f"--{flag}"
    return out


@dataclass(frozen=True)
class Choice:
    """A named value of a closed list (a sort key, a dimension, a period) and what it means."""

    name: str
    help: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "help": self.help}


# Sort keys; each sorts smallest first, or largest (newest) first with a leading "-". Missing
# values sort last either way (sitrep/store/queries.py).
SORT_KEYS = (
    Choice("date", "the event's date"),
    Choice("fatalities", "people killed: the best figure, else the low one"),
    Choice("sources", "distinct articles reporting the event"),
)
SORTS = tuple(order for key in SORT_KEYS for order in (f"-{key.name}", key.name))
DEFAULT_SORT = "-date"

# Trend and alert dimensions (how events are grouped: sitrep/analyse/trends.py group_values).
DIMENSIONS = (
    Choice("country", "the country of the event's place"),
    Choice("admin1", "the first-level area of the event's place"),
    Choice("actor", "actor1 and actor2: an event counts under each"),
    Choice("claimant", "each group that claimed the event"),
    Choice("type", "the ACLED event type"),
    Choice("sub_type", "the ACLED sub-event type"),
)
DIMENSION_NAMES = tuple(d.name for d in DIMENSIONS)
ALERT_DIMENSIONS = ("country", "admin1", "actor", "type")  # what `alerts` tests unless told otherwise

PERIODS = (
    Choice("week", "ISO weeks, Monday to Sunday"),
    Choice("month", "calendar months"),
    Choice("year", "calendar years"),
)
PERIOD_NAMES = tuple(p.name for p in PERIODS)


def vocabulary() -> dict[str, Any]:
    """Every table above as JSON (GET /api/meta): what a client can ask for and how."""
    return {
        "filters": [f.to_dict() for f in FILTERS],
        "sorts": list(SORTS),
        "sort_keys": [k.to_dict() for k in SORT_KEYS],
        "default_sort": DEFAULT_SORT,
        "dimensions": [d.to_dict() for d in DIMENSIONS],
        "alert_dimensions": list(ALERT_DIMENSIONS),
        "periods": [p.to_dict() for p in PERIODS],
    }
