"""A one-sentence English summary of an event, from its fields only (ACLED's `notes` column):

    "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria near
    Al Mayādīn (Deir ez-Zor), killing 13 and wounding 4. Islamic State claimed responsibility."

The sentence is built from parts, each left out when its field is empty: the date at its
precision, the actors and a verb for the sub-event type (a passive form when the perpetrator is
unknown: "an explosive device went off"), the place with its relation and admin1, the
casualties, then the claim. Relations are sitrep.geo.relations' vocabulary, which reads as
English ("near", "20 km south-east of", "in northern"); a value outside it (a store written
before relations were canonical: "sør for") is written from the geo-precision ("in" or "near").
"""

from __future__ import annotations

from sitrep import acled
from sitrep.geo import relations
from sitrep.records import Count, DatasetEvent, Location

# sub_event_type -> (perpetrator and target, perpetrator only, target only, neither).
VERBS: dict[str, tuple[str, str, str, str]] = {
    "Armed clash": (
        "{a} clashed with {b}",
        "{a} were involved in an armed clash",
        "{b} came under attack",
        "an armed clash broke out",
    ),
    "Government regains territory": (
        "{a} regained territory from {b}",
        "{a} regained territory",
        "{b} lost territory",
        "government forces regained territory",
    ),
    "Non-state actor overtakes territory": (
        "{a} seized territory from {b}",
        "{a} seized territory",
        "{b} lost territory",
        "an armed group seized territory",
    ),
    "Attack": ("{a} attacked {b}", "{a} carried out an attack", "{b} were attacked", "an attack took place"),
    "Air/drone strike": (
        "{a} struck {b} from the air",
        "{a} carried out an air strike",
        "an air strike hit {b}",
        "an air strike hit",
    ),
    "Shelling/artillery/missile attack": (
        "{a} shelled {b}",
        "{a} fired shells or rockets",
        "{b} came under shelling",
        "shells or rockets hit",
    ),
    "Remote explosive/landmine/IED": (
        "{a} bombed {b}",
        "{a} set off an explosive device",
        "an explosive device hit {b}",
        "an explosive device went off",
    ),
    "Suicide bomb": (
        "{a} carried out a suicide bombing against {b}",
        "{a} carried out a suicide bombing",
        "a suicide bomber attacked {b}",
        "a suicide bomber struck",
    ),
    "Grenade": (
        "{a} threw a grenade at {b}",
        "{a} carried out a grenade attack",
        "a grenade hit {b}",
        "a grenade went off",
    ),
    "Abduction/forced disappearance": (
        "{a} abducted {b}",
        "{a} abducted people",
        "{b} were abducted",
        "people were abducted",
    ),
    "Sexual violence": (
        "{a} committed sexual violence against {b}",
        "{a} committed sexual violence",
        "{b} suffered sexual violence",
        "sexual violence was reported",
    ),
    "Violent demonstration": (
        "{a} rioted against {b}",
        "{a} took part in a violent demonstration",
        "rioters confronted {b}",
        "a violent demonstration took place",
    ),
    "Mob violence": ("{a} attacked {b}", "{a} formed a violent mob", "a mob attacked {b}", "mob violence broke out"),
    "Excessive force against protesters": (
        "{a} used excessive force against {b}",
        "{a} used excessive force against protesters",
        "{b} met excessive force",
        "protesters met excessive force",
    ),
    "Peaceful protest": (
        "{a} protested against {b}",
        "{a} held a protest",
        "people protested against {b}",
        "a protest took place",
    ),
    "Looting/property destruction": (
        "{a} looted or destroyed property of {b}",
        "{a} looted or destroyed property",
        "property of {b} was looted or destroyed",
        "property was looted or destroyed",
    ),
}
DEFAULT_VERBS = ("{a} attacked {b}", "{a} carried out an attack", "{b} were attacked", "a violent incident took place")

# ACLED's generic sides read as common nouns inside a sentence.
GENERIC_ACTORS = {
    acled.CIVILIANS: "civilians",
    acled.PROTESTERS: "protesters",
    acled.RIOTERS: "rioters",
    acled.UNIDENTIFIED: "unidentified gunmen",
}
# Named groups get "militants" ("Islamic State militants") unless the name already says what
# its members are ("Syrian Democratic Forces", "Wagner Group", "Houthis").
COLLECTIVE_WORDS = frozenset(
    {
        "forces",
        "group",
        "army",
        "militia",
        "militias",
        "cartel",
        "houthis",
        "colectivos",
        "cinchoneros",
        "rebels",
        "militants",
        "gunmen",
        "police",
        "protesters",
        "rioters",
    }
)
# Written out rather than strftime("%B"), which follows the process locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SMALL_NUMBERS = ("no one", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def note(event: DatasetEvent) -> str:
    """One English sentence (two with a claim) saying what happened, when, where, to whom."""
    clause = _clause(event)
    place = _place(event.location)
    sentence = " ".join(part for part in (clause, place) if part) + _casualties(event) + "."
    when = _date(event)
    sentence = f"{when}, {sentence}" if when else sentence
    return sentence[0].upper() + sentence[1:] + _claim(event.claimed_by)


def _date(event: DatasetEvent) -> str | None:
    d = event.date
    if d is None:
        return None
    if event.date_precision == "year":
        return f"In {d.year}"
    month = MONTHS[d.month - 1]
    if event.date_precision == "month":
        return f"In {month} {d.year}"
    if event.date_precision == "week":
        return f"In the week of {d.day} {month} {d.year}"
    return f"On {d.day} {month} {d.year}"


def _clause(event: DatasetEvent) -> str:
    both, a_only, b_only, neither = VERBS.get(event.sub_event_type or "", DEFAULT_VERBS)
    a, b = _actor(event.actor1), _actor(event.actor2)
    if event.actor1 == acled.UNIDENTIFIED and event.event_type == acled.EXPLOSIONS:
        a = "unidentified attackers"  # nobody saw guns
    if a and b:
        return both.format(a=a, b=b)
    if a:
        return a_only.format(a=a)
    return b_only.format(b=b) if b else neither


def _actor(name: str | None) -> str | None:
    """How an actor reads in running text: "civilians", "Islamic State militants"."""
    if not name:
        return None
    base = name.split(" (")[0]  # ACLED's qualifiers: "Civilians (Syria)", "Military Forces of Syria (2011-)"
    if base in GENERIC_ACTORS:
        return GENERIC_ACTORS[base]
    if base.startswith(acled.STATE_PREFIXES) or base.split()[-1].lower() in COLLECTIVE_WORDS:
        return name
    return f"{name} militants"


def _place(location: Location | None) -> str | None:
    """ "near Al Mayādīn (Deir ez-Zor)", "20 km west of Mosul (Nineveh)", "in Syria"."""
    if location is None or not location.place.name:
        return None
    p = location.place
    where = f"{p.name} ({p.admin1})" if p.admin1 and p.admin1 != p.name else p.name
    relation = location.relation
    if relation == relations.BETWEEN and " – " in p.name:
        first, second = p.name.split(" – ", 1)
        return f"between {first} and {second}"
    if relation == relations.BORDER:
        return f"in the border area of {where}"
    # The vocabulary reads as English; a dateline, or a store written before it (the article's
    # own words: "sør for"), falls back to the precision.
    if relation == relations.DATELINE or not relations.is_relation(relation):
        relation = relations.NEAR if location.precision == 2 else relations.IN
    return f"{relation} {where}"


def _casualties(event: DatasetEvent) -> str:
    parts = [
        f"{verb} {figure}"
        for verb, count in (("killing", event.fatalities), ("wounding", event.wounded))
        if (figure := _figure(count))
    ]
    return ", " + " and ".join(parts) if parts else ""


def _figure(count: Count | None) -> str | None:
    """ "13", "nine", "3 to 5", "at least 12" (a vague word's estimate); None for none or zero."""
    if count is None:
        return None
    if count.best is not None:
        return _number(count.best) if count.best else None
    if count.low is not None and count.high is not None and count.high > count.low:
        return f"{_number(count.low)} to {_number(count.high)}"
    return f"at least {_number(count.low)}" if count.low else None


def _number(n: int) -> str:
    """Words for one to nine, figures from 10 (news style)."""
    return SMALL_NUMBERS[n] if 0 <= n < len(SMALL_NUMBERS) else f"{n:,}"


def _claim(claimants: tuple[str, ...]) -> str:
    if not claimants:
        return ""
    who = claimants[0] if len(claimants) == 1 else ", ".join(claimants[:-1]) + " and " + claimants[-1]
    return f" {who} claimed responsibility."
