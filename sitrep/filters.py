"""The values stored events can be filtered by, declared once and checked the same way by the CLI
(`--country`, `--type`, `--since`, `--until`) and the API (`country`, `type`, `since`, `until`):
a value that can match nothing is an error that says what is expected, never a silent "No
events found."

- country: an ISO 3166-1 code (alpha-2 or alpha-3) or a country name in any language of the
  CLDR tables in sitrep/geo/data (every pack's language among them), any case: 'SY', 'SYR',
  'Syria', 'Syrie', 'Syrien' -> 'SY'.
- type: an ACLED event type or sub-event type (ACLED's codebook, the labels the extractor
  writes), any case, given back as ACLED writes it.
- dates: within FIRST_DAY..LAST_DAY; years far outside news (year 1, year 9999) would overflow
  the period arithmetic of trends.
Each check raises ValueError with a message that does not name the parameter: the caller does
(click's "Invalid value for '--country'", the API's "country: ...").
"""

from __future__ import annotations

import datetime as dt
import difflib

FIRST_DAY, LAST_DAY = dt.date(1800, 1, 1), dt.date(2999, 12, 31)

# ACLED's event types and their sub-event types (ACLED Codebook, 2023).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
EVENT_TYPES = tuple(ACLED_TYPES)
SUB_EVENT_TYPES = tuple(sub for subs in ACLED_TYPES.values() for sub in subs)
_TYPES_BY_KEY = {name.casefold(): name for name in (*EVENT_TYPES, *SUB_EVENT_TYPES)}


def country_filter(value: str) -> str:
    """The ISO2 code of a country given by code or by name; ValueError for anything else."""
    from sitrep.geo.countries import close_country_names, country_code  # the data is read on first use

    code = country_code(value)
    if code is not None:
        return code
    close = close_country_names(value)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ValueError(f"{value!r} is not a country: give an ISO 3166-1 code (SY, SYR) or a country name "
                     f"(Syria, Syrie, Syrien){hint}")


def event_type_filter(value: str) -> str:
    """An ACLED event or sub-event type, any case, as ACLED writes it; ValueError listing them otherwise."""
    found = _TYPES_BY_KEY.get(" ".join(value.split()).casefold())
    if found is not None:
        return found
    close = difflib.get_close_matches(value.casefold(), list(_TYPES_BY_KEY), n=2, cutoff=0.75)
    hint = f"did you mean {' or '.join(repr(_TYPES_BY_KEY[k]) for k in close)}? " if close else ""
    raise ValueError(f"{value!r} is not an ACLED event or sub-event type; {hint}event types: "
                     f"{', '.join(EVENT_TYPES)}; sub-event types: {', '.join(SUB_EVENT_TYPES)}")


def day_filter(day: dt.date) -> dt.date:
    """A day within FIRST_DAY..LAST_DAY; ValueError otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} lies outside {FIRST_DAY}..{LAST_DAY}")
    return day
