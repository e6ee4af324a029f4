"""sitrep.dateline: one reader of the dateline (span, place, date, agency), its words from data only.

The date alone is tested at length in tests/test_read.py (`dateline_date`); here, every field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sitrep.dateline import Dateline, DatelineWords, dateline_words, read_dateline
from sitrep.lang import load_shared
from sitrep.records import Span

D = dt.date


def _fields(text: str, words: DatelineWords | None = None) -> tuple[str | None, str | None, dt.date | None, str | None]:
    """(span text, place text, date, agency) of the dateline `text` opens with."""
    found = read_dateline(text, words) or Dateline(None, None, None, None)
    span, place = found.span, found.place_span
    return (
        text[span.start : span.end] if span else None,
        text[place.start : place.end] if place else None,
        found.date,
        found.agency,
    )


# text -> (the dateline's span, its place, date, agency), with every pack's words.
DATELINES = [
    (
        "   SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- [TEXT] THE ARMY",
        ("   SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- ", "SAN SALVADOR", D(1990, 1, 3), "ACAN-EFE"),
    ),
    ("BOGOTA, 12 ENE 90 (EFE) -- [TEXT] GUERRILLAS", ("BOGOTA, 12 ENE 90 (EFE) ", "BOGOTA", D(1990, 1, 12), "EFE")),
    (
        "BOGOTA, 27 APR 90 [INRAVISION TELEVISION CADENA 1) -- THE",
        (
            "BOGOTA, 27 APR 90 [INRAVISION TELEVISION CADENA 1) -- ",
            "BOGOTA",
            D(1990, 4, 27),
            "INRAVISION TELEVISION CADENA 1",
        ),
    ),
    (
        "   PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] SECURITY",
        ("   PERTH (AUSTRALIA), JUNE 11 89 (AFP) ", "PERTH", D(1989, 6, 11), "AFP"),
    ),
    ("BEIRUT (Reuters) - A Kurdish militia", ("BEIRUT (Reuters) ", "BEIRUT", None, "Reuters")),
    ("RALEIGH, N.C. (AP) — The storm", ("RALEIGH, N.C. (AP) ", "RALEIGH", None, "AP")),
    ("Kabul (NTB): Tre personer", ("Kabul (NTB):", "Kabul", None, "NTB")),
    ("KABUL — Gunmen killed", ("KABUL — ", "KABUL", None, None)),
    # A region in brackets right after the place is no agency.
    ("MANAGUA (NICARAGUA) -- THE ARMY", ("MANAGUA (NICARAGUA) -- ", "MANAGUA", None, None)),
    # Norwegian writes months in lower case: "3. januar" is a date in the dateline, not a sentence's words.
    ("KABUL, 3. januar (NTB) – Væpnede menn drepte tre personer", ("KABUL, 3. januar (NTB) ", "KABUL", None, "NTB")),
    ("OSLO, mandag (NTB) – Politiet", ("OSLO, mandag (NTB) ", "OSLO", None, "NTB")),
    (
        "Surveillance PrioritiesLONDON — For the second time",
        ("Surveillance PrioritiesLONDON — ", "Surveillance PrioritiesLONDON", None, None),
    ),
    # A byline's own line comes before the dateline's, and is not part of it.
    (
        "By Daily staff\n\nKIRKUK, Iraq, March 3, 2021 (Tigris Wire) - A bomb",
        ("KIRKUK, Iraq, March 3, 2021 (Tigris Wire) - ", "By Daily staff\n\nKIRKUK", D(2021, 3, 3), "Tigris Wire"),
    ),
    # A label opening the line: a keyword and the page's date, or a byline, then the city in capitals.
    (
        "date 2020-01-27 BEIRUT –\nIS hunters ambushed",
        ("date 2020-01-27 BEIRUT –\n", "date 2020-01-27 BEIRUT", D(2020, 1, 27), None),
    ),
    (
        "By JILL COLVIN, Associated Press WASHINGTON — The president",
        ("By JILL COLVIN, Associated Press WASHINGTON — ", "By JILL COLVIN", None, None),
    ),
    # A date and no place.
    ("Published 17 January 2018\n\nGunmen attacked", (None, None, D(2018, 1, 17), None)),
    # No dateline: a sentence, an ALL-CAPS sentence, a capital place ending a sentence, a quote, a list.
    (
        "Gunmen killed three people in Kabul on Monday — police said.",
        (None, "Gunmen killed three people in Kabul on Monday", None, None),
    ),
    (
        "GUNMEN KILLED THREE PEOPLE IN KABUL ON MONDAY -- POLICE SAID.",
        (None, "GUNMEN KILLED THREE PEOPLE IN KABUL ON MONDAY", None, None),
    ),
    ("Gunmen killed three people in KABUL — police said.", (None, "Gunmen killed three people in KABUL", None, None)),
    ("Espen rekker opp hånden. - Ja, sier han.", (None, "Espen rekker opp hånden.", None, None)),
    (
        "The CEOs of Europe’s five largest airline groups – Lufthansa",
        (None, "The CEOs of Europe’s five largest airline groups", None, None),
    ),
    ("Gunmen attacked a convoy near Gao.", (None, None, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline(text: str, expected: tuple[str | None, str | None, dt.date | None, str | None]) -> None:
    assert _fields(text) == expected


def test_no_dateline_is_none() -> None:
    assert read_dateline("Gunmen attacked a convoy near Gao.") is None
    assert read_dateline("") is None


def test_the_place_is_the_opening_words_after_blank_space() -> None:
    found = read_dateline("\n  SAN SALVADOR, 3 JAN 90 -- [TEXT]")
    assert found is not None and found.place_span == Span(3, 15)


# A French pack's dates.toml, as far as datelines go; there is no French pack yet.
FRENCH_DATES: dict[str, Any] = {
    "months": {
        "janvier": 1,
        "février": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
    },
    "month_abbreviations": {"janv": 1, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12},
    "weekdays": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "day_suffixes": [],
    "dateline_keywords": ["publié", "mis à jour"],
    "byline_words": ["par"],
}


def test_a_new_pack_s_words_are_enough_to_read_its_dateline() -> None:
    """Issue 12: "PARIS, 3 janvier 2020 (AFP)" gives no date until its words are in a pack; then it does."""
    text = "PARIS, 3 janvier 2020 (AFP) - Des hommes armés ont tué trois personnes."
    without = DatelineWords.from_tables([load_shared("datelines")])
    with_french = DatelineWords.from_tables([FRENCH_DATES, load_shared("datelines")])
    assert _fields(text, without) == (None, "PARIS", None, None)
    assert _fields(text, with_french) == ("PARIS, 3 janvier 2020 (AFP) ", "PARIS", D(2020, 1, 3), "AFP")
    assert _fields("Publié le 4 mars 2021\nUne bombe", with_french)[2] == D(2021, 3, 4)
    assert _fields("PARIS, mardi (AFP) - Une bombe", with_french)[0] == "PARIS, mardi (AFP) "


def test_with_no_words_only_the_dash_and_the_place_are_read() -> None:
    """No month, keyword or agency is written in the reader's code: with empty tables, none is known."""
    nothing = DatelineWords.from_tables([])
    assert _fields("SAN SALVADOR, 3 JAN 90 -- [TEXT]", nothing) == (
        "SAN SALVADOR, 3 JAN 90 -- ",
        "SAN SALVADOR",
        None,
        None,
    )
    assert _fields("BEIRUT (Reuters) - Gunmen", nothing) == ("BEIRUT (Reuters) - ", "BEIRUT", None, None)
    assert _fields("date 2020-01-27 BEIRUT –\nIS", nothing)[0] is None


@pytest.mark.parametrize("agency", load_shared("datelines")["agencies"])
def test_every_shared_agency_ends_a_dateline(agency: str) -> None:
    assert _fields(f"BEIRUT ({agency}) - Gunmen attacked")[3] == agency


def test_the_default_words_are_every_pack_s_and_the_shared_ones() -> None:
    words = dateline_words()
    assert {"january": 1, "januar": 1, "enero": 1} == {w: words.months[w] for w in ("january", "januar", "enero")}
