"""note(): one English sentence per event, from its fields only."""

from __future__ import annotations

import datetime as dt

import pytest

from analyse_factory import MAYADEEN, event
from sitrep.analyse.notes import note
from sitrep.records import Count, Place

D = dt.date
KABUL = Place("Kabul", "AF", "Kabul", None, 34.53, 69.17)
MOGADISHU = Place("Mogadishu", "SO", "Banaadir", None, 2.04, 45.34)
SYRIA = Place("Syria", "SY", None, None, 35.0, 38.0, 163843, "PCLI")
BETWEEN = Place("Al Mayādīn – Al Bukamal", "SY", "Deir ez-Zor", None, 34.7, 40.7)

CASES = [
    (
        {"killed": 13, "wounded": 4, "relation": "near", "geo_precision": 2},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria near Al Mayādīn "
        "(Deir ez-Zor), killing 13 and wounding four.",
    ),
    (
        {"killed": 13, "claimed_by": ("Islamic State",)},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria in Al Mayādīn "
        "(Deir ez-Zor), killing 13. Islamic State claimed responsibility.",
    ),
    (
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Suicide bomb",
            "actor2": "Civilians",
            "place": KABUL,
            "relation": "in western",
            "geo_precision": 2,
            "killed": 9,
            "wounded": 24,
            "date": D(2019, 10, 5),
        },
        "On 5 October 2019, Islamic State militants carried out a suicide bombing against civilians in western Kabul, "
        "killing nine and wounding 24.",
    ),
    (
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Remote explosive/landmine/IED",
            "actor1": None,
            "actor2": None,
            "relation": "near",
            "geo_precision": 2,
        },
        "On 14 January 2020, an explosive device went off near Al Mayādīn (Deir ez-Zor).",
    ),
    (
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Remote explosive/landmine/IED",
            "actor1": "Unidentified Armed Group",
            "killed": 4,
        },
        "On 14 January 2020, unidentified attackers bombed Military Forces of Syria in Al Mayādīn (Deir ez-Zor), "
        "killing four.",
    ),
    (
        {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor1": "Unidentified Armed Group",
            "actor2": "Civilians",
            "killed": 21,
        },
        "On 14 January 2020, unidentified gunmen attacked civilians in Al Mayādīn (Deir ez-Zor), killing 21.",
    ),
    (
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack",
            "actor1": "Al-Shabaab",
            "actor2": "Civilians",
            "place": MOGADISHU,
            "killed": 2,
            "wounded": 5,
        },
        "On 14 January 2020, Al-Shabaab militants shelled civilians in Mogadishu (Banaadir), killing two and "
        "wounding five.",
    ),
    (
        {
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Syria",
            "actor2": "Hayat Tahrir al-Sham",
            "killed": Count(3, None, 5),
        },
        "On 14 January 2020, Military Forces of Syria struck Hayat Tahrir al-Sham militants from the air in Al Mayādīn "
        "(Deir ez-Zor), killing three to five.",
    ),
    (
        {
            "event_type": "Violence against civilians",
            "sub_event_type": "Abduction/forced disappearance",
            "actor1": "Boko Haram",
            "actor2": "Civilians",
            "killed": Count(12, None, None),
        },
        "On 14 January 2020, Boko Haram militants abducted civilians in Al Mayādīn (Deir ez-Zor), killing at least 12.",
    ),
    (
        {"actor1": None, "actor2": "Military Forces of Syria", "precision": "month", "date": D(2020, 1, 1)},
        "In January 2020, Military Forces of Syria came under attack in Al Mayādīn (Deir ez-Zor).",
    ),
    (
        {
            "actor1": "Syrian Democratic Forces",
            "actor2": None,
            "precision": "year",
            "place": SYRIA,
            "relation": "in eastern",
            "geo_precision": 3,
        },
        "In 2020, Syrian Democratic Forces were involved in an armed clash in eastern Syria.",
    ),
    (
        {
            "precision": "week",
            "date": D(2019, 10, 28),
            "sub_event_type": None,
            "event_type": None,
            "actor1": None,
            "actor2": None,
            "killed": 1,
        },
        "In the week of 28 October 2019, a violent incident took place in Al Mayādīn (Deir ez-Zor), killing one.",
    ),
    ({"date": None, "place": None, "killed": 0}, "Islamic State militants clashed with Military Forces of Syria."),
    (
        {"relation": "sør for", "geo_precision": 2, "wounded": 2},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria near Al Mayādīn "
        "(Deir ez-Zor), wounding two.",
    ),
    (
        {"relation": "20 km west of", "geo_precision": 2, "killed": 1500},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria 20 km west of Al Mayādīn "
        "(Deir ez-Zor), killing 1,500.",
    ),
    (
        {"relation": "between", "place": BETWEEN, "geo_precision": 2},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria between Al Mayādīn and "
        "Al Bukamal.",
    ),
    (
        {"relation": "dateline", "geo_precision": 2, "claimed_by": ("Islamic State", "JNIM", "Al-Qaeda")},
        "On 14 January 2020, Islamic State militants clashed with Military Forces of Syria near Al Mayādīn "
        "(Deir ez-Zor). Islamic State, JNIM and Al-Qaeda claimed responsibility.",
    ),
    (
        {
            "event_type": "Riots",
            "sub_event_type": "Violent demonstration",
            "actor1": "Rioters",
            "actor2": None,
            "place": MAYADEEN,
        },
        "On 14 January 2020, rioters took part in a violent demonstration in Al Mayādīn (Deir ez-Zor).",
    ),
]


@pytest.mark.parametrize(("fields", "expected"), CASES)
def test_note(fields: dict[str, object], expected: str) -> None:
    assert note(event(**fields)) == expected  # type: ignore[arg-type]
