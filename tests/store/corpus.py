"""Articles for the store tests: short wire-style texts about fictional events in real places,
English and Norwegian, written for these tests; and a generator of a few hundred more from
templates for the crash-and-resume test."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

KIRKUK_BOMB = {
    "id": "tigris-kirkuk-bomb",
    "url": "https://tigris.example/2021/03/kirkuk-bomb",
    "source": "Tigris Wire",
    "published": "2021-03-03",
    "language": "en",
    "text": "KIRKUK, Iraq, March 3, 2021 (Tigris Wire) - A roadside bomb killed four policemen and wounded seven "
    "others near Kirkuk on Wednesday, police said.\n\nThe bomb struck a patrol on the road south of the "
    "city shortly after dawn, a police officer said. No group immediately claimed responsibility for "
    "the attack.",
}
# The same event told by another outlet in other words: it must join the event above.
KIRKUK_OTHER_OUTLET = {
    "id": "gulf-kirkuk-ied",
    "url": "https://gulfpost.example/news/88121",
    "source": "Gulf Post",
    "published": "2021-03-03",
    "language": "en",
    "text": "Four Iraqi policemen were killed on Wednesday when an improvised explosive device went off beside "
    "their vehicle near Kirkuk, security sources told the Gulf Post.\n\nSeven other officers were wounded "
    "in the blast. Security forces cordoned off the area and began a search for the attackers.",
}
# A syndicated copy of the first story (a byline, a credit line, another URL): one source, not two.
KIRKUK_COPY = {
    "id": "daily-kirkuk-copy",
    "url": "https://daily.example/world/kirkuk",
    "source": "The Daily (Tigris Wire)",
    "published": "2021-03-03",
    "language": "en",
    "text": "By Daily staff and agencies\n\n"
    + KIRKUK_BOMB["text"]
    + "\n\n(Reporting by Tigris Wire; editing by Sara Lund)",
}
# The next day the toll rises: a revision in the event's history.
KIRKUK_TOLL = {
    "id": "tigris-kirkuk-toll",
    "url": "https://tigris.example/2021/03/kirkuk-toll",
    "source": "Tigris Wire",
    "published": "2021-03-04",
    "language": "en",
    "text": "KIRKUK, Iraq, March 4, 2021 (Tigris Wire) - The death toll from Wednesday's roadside bomb near Kirkuk "
    "rose to six after two more officers died of their injuries in hospital, police said on Thursday.",
}
MAIDUGURI_NB = {
    "id": "ntb-maiduguri",
    "source": "NTB",
    "published": "2021-03-09",
    "language": "nb",
    "text": "MAIDUGURI (NTB): Minst ni mennesker ble drept da to selvmordsbombere sprengte seg selv på et marked i "
    "Maiduguri i Nigeria tirsdag, opplyser politiet.\n\nOver 20 personer ble såret i angrepet. Ingen gruppe "
    "har påtatt seg ansvaret, men Boko Haram har gjennomført en rekke lignende angrep i byen.",
}
MOGADISHU_HOTEL = {
    "id": "horn-mogadishu-hotel",
    "source": "Horn Wire",
    "published": "2021-04-11",
    "language": "en",
    "text": "MOGADISHU, April 11 2021 (Horn Wire) - Al-Shabaab fighters stormed a hotel in Mogadishu on Sunday, "
    "killing at least twelve people before security forces ended the siege, police said.\n\nAl-Shabaab "
    "claimed responsibility for the attack in a statement on its radio station.",
}
GAO_NB = {
    "id": "nrk-gao-konvoi",
    "source": "NRK",
    "published": "2021-05-20",
    "language": "nb",
    "text": "En veibombe drepte tre soldater og såret fem i nærheten av Gao i Mali onsdag, opplyser hæren.\n\n"
    "Bomben eksploderte da en militærkonvoi passerte på veien mellom Gao og Ansongo.",
}

ARTICLES = [KIRKUK_BOMB, KIRKUK_OTHER_OUTLET, KIRKUK_COPY, MAIDUGURI_NB, KIRKUK_TOLL, MOGADISHU_HOTEL, GAO_NB]


def write_jsonl(path: Path, articles: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


# --- generated articles ---------------------------------------------------------------------------

PLACES_EN = [
    ("KIRKUK, Iraq", "Kirkuk"),
    ("MOSUL, Iraq", "Mosul"),
    ("KABUL", "Kabul"),
    ("GAO, Mali", "Gao"),
    ("MOGADISHU", "Mogadishu"),
    ("MAIDUGURI, Nigeria", "Maiduguri"),
    ("ALEPPO, Syria", "Aleppo"),
]
PLACES_NB = [("Kirkuk", "Irak"), ("Mosul", "Irak"), ("Kabul", "Afghanistan"), ("Mopti", "Mali"), ("Homs", "Syria")]
NUMBERS_EN = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"]
NUMBERS_NB = ["to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_NB = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
# Sentences that vary from article to article, so that generated articles are not near-copies of
# each other (only retellings share their facts).
WEAPONS_EN = ["A car bomb", "A roadside bomb", "A bomb hidden in a parked van", "An explosive device"]
SCENES_EN = [
    "at a busy market",
    "outside a police station",
    "near a bus terminal",
    "on a crowded street",
    "at a checkpoint",
    "next to a mosque",
]
AFTER_EN = [
    "Ambulances took the wounded to hospital.",
    "Security forces closed the roads into the area.",
    "Witnesses described a huge blast and thick smoke.",
    "The governor called for calm.",
    "Shops nearby were badly damaged.",
    "Officials said the toll could rise.",
]
SOURCES_EN = ["police said", "a hospital official said", "local officials said", "a security source said"]
CONTEXT_EN = [
    "Schools in the city stayed open.",
    "No group said it was behind the bombing.",
    "The area had been calm for several weeks.",
    "Curfews were imposed in two districts overnight.",
    "Residents said armed men had been seen there the day before.",
]
OFFICIALS = ["Amina Yusuf", "Karim Haddad", "Lars Berg", "Fatima Noor", "Omar Said", "Ingrid Dahl", "Samir Aziz"]
SCENES_NB = [
    "ved et marked",
    "utenfor en politistasjon",
    "ved en busstasjon",
    "i en travel gate",
    "ved et kontrollpunkt",
]
AFTER_NB = [
    "De skadde ble fraktet til sykehus.",
    "Sikkerhetsstyrker sperret av området.",
    "Vitner forteller om et kraftig smell.",
    "Flere butikker ble skadet.",
]
START = dt.date(2022, 1, 3)


def generated(n: int) -> list[dict[str, Any]]:
    """n articles, every one distinct; about one in five retells an earlier event (another outlet,
    the same day, place and toll), so ingest merges as well as creates."""
    return [_generated(i) for i in range(n)]


def _generated(i: int) -> dict[str, Any]:
    story = i - 3 if i % 5 == 4 else i  # a retelling of story i - 3
    day = START + dt.timedelta(days=story)
    killed, wounded = 2 + story % 10, 3 + story % 7
    if i % 3 == 2 and i % 5 != 4:
        return _generated_nb(i, day, killed, wounded)
    dateline, place = PLACES_EN[story % len(PLACES_EN)]
    outlet = "Second Wire" if i != story else "Test Wire"
    text = (
        f"{dateline}, {day:%B} {day.day}, {day.year} ({outlet}) - {WEAPONS_EN[i % 4]} killed "
        f"{NUMBERS_EN[killed - 2]} people and wounded {wounded} others {SCENES_EN[i % 6]} in {place} on "
        f"{WEEKDAYS_EN[day.weekday()]}, {SOURCES_EN[i % 4]}.\n\n{AFTER_EN[i % 6]} {AFTER_EN[(i + 1 + i // 6) % 6]} "
        f"{CONTEXT_EN[(i // 3) % 5]} Police detained {i % 13 + 2} suspects and searched {i % 11 + 1} cars. "
        f"Dispatch {i}, {OFFICIALS[i % 7]} reporting for the {outlet.lower()} desk."
    )
    return {"id": f"gen-{i:04d}", "text": text, "published": day.isoformat(), "language": "en", "source": outlet}


def _generated_nb(i: int, day: dt.date, killed: int, wounded: int) -> dict[str, Any]:
    place, country = PLACES_NB[i % len(PLACES_NB)]
    text = (
        f"{place.upper()} (NTB): {NUMBERS_NB[killed - 2].capitalize()} mennesker ble drept og {wounded} såret "
        f"da en bilbombe gikk av {SCENES_NB[i % 5]} i {place} i {country} {WEEKDAYS_NB[day.weekday()]}, "
        f"opplyser politiet.\n\n{AFTER_NB[i % 4]} Politiet pågrep {i % 13 + 2} personer. "
        f"Melding nummer {i} fra NTB, sendt klokken {i % 24:02d}, skrevet av {OFFICIALS[i % 7]}."
    )
    return {"id": f"gen-{i:04d}", "text": text, "published": day.isoformat(), "language": "nb", "source": "NTB"}
