"""A place the gazetteer lacks takes its country from the place that holds it ("X village in the
Y district of Z", even where Y is unknown too), else from the places resolved in its sentence or
paragraph where the article is a roundup of several countries' stories. Texts written for these
tests."""

from __future__ import annotations

import pytest

from sitrep.geo import _gazetteer
from sitrep.geo.cues import cues_for
from sitrep.geo.places import Finder
from sitrep.geo.resolution import _linked
from sitrep.geo.rules import rules_for
from sitrep.lang import LanguagePack
from tests.geo.conftest import found

ROUNDUP_EN = (
    "Gunmen killed six people in Maiduguri on Monday, officials in Nigeria said. Residents of Borno fled.\n\n"
    "In Texas, a shooting in Houston left two dead, police in the United States said.\n\n"
    "Rebels attacked a checkpoint near the Goain village in the Orakzai district of the "
    "North-West Frontier Province of the country. Troops later cleared the area.\n\n"
    "Elsewhere in Pakistan, gunmen also raided a post in Qilabandkot on Tuesday."
)

ROUNDUP_NB = (
    "Væpnede menn drepte seks personer i Maiduguri mandag, melder myndighetene i Nigeria. "
    "Innbyggere i Borno flyktet.\n\n"
    "I Texas ble to drept i en skyteepisode i Houston, opplyser politiet i USA.\n\n"
    "Opprørere angrep en kontrollpost nær landsbyen Goain i Orakzai-distriktet i Khyber Pakhtunkhwa. "
    "Soldater ryddet senere området.\n\n"
    "Opprørere i Pakistan angrep også en kontrollpost i Qilabandkot tirsdag."
)


def test_an_unknown_village_takes_the_country_of_its_unknown_district_en(en: LanguagePack) -> None:
    places = found(ROUNDUP_EN, en)
    village, district = places["Goain"].location, places["Orakzai"].location
    assert village.place.country == district.place.country == "PK"
    assert village.precision == 2 and village.anchor is not None and village.anchor.country == "PK"
    assert village.place.lat is not None and village.place.lat == district.place.lat


def test_an_unknown_village_takes_the_country_of_its_unknown_district_nb(nb: LanguagePack) -> None:
    places = found(ROUNDUP_NB, nb)
    village = places["Goain"].location
    assert village.place.country == "PK" and village.precision == 2
    assert village.anchor is not None and village.anchor.country == "PK"


def test_in_a_roundup_an_unknown_place_takes_its_paragraphs_country(en: LanguagePack, nb: LanguagePack) -> None:
    assert found(ROUNDUP_EN, en)["Qilabandkot"].location.place.country == "PK"
    assert found(ROUNDUP_NB, nb)["Qilabandkot"].location.place.country == "PK"


def test_a_lone_name_nearby_does_not_outweigh_the_articles_country(en: LanguagePack) -> None:
    """One story, in Peru: a passing name of another country in the sentence describes, it does
    not move the unknown street."""
    text = (
        "A car bomb exploded in Lima on Sunday, Peruvian police said. Police in Lima blamed rebels.\n\n"
        "The blast went off in Quebradilla as visitors from a church in Houston looked on. "
        "Troops were sent to Cusco and Arequipa, and the government of Peru declared an emergency in Lima."
    )
    assert found(text, en)["Quebradilla"].location.place.country == "PE"


@pytest.mark.parametrize(
    ("text", "inner", "outer", "linked"),
    [
        ("Rebels raided the Goain village in the Orakzai district.", "Goain", "Orakzai", True),
        ("REBELS RAIDED THE GOAIN VILLAGE IN THE ORAKZAI DISTRICT.", "GOAIN", "ORAKZAI", True),
        ("Troops shelled the Goain village, Peshawar and Kohat on Monday.", "Goain", "Peshawar", False),
        ("A gunman opened fire in the Texas town of Uvalde on Tuesday.", "Texas", "Uvalde", False),
    ],
)
def test_a_settlement_word_after_a_name_may_stand_before_its_container(
    en: LanguagePack, text: str, inner: str, outer: str, linked: bool
) -> None:
    """'X village in the Y district': Y holds X; not after a comma (a list) nor an of-word ('the
    Texas town of Uvalde': the town is Uvalde)."""
    finder = Finder(text, rules_for(en), _gazetteer(None), cues_for(en))
    raws = {text[finder.t.start[r.i] : finder.t.end[r.i + r.n - 1]]: r for r in finder.candidates()}
    assert _linked(finder, raws[inner], raws[outer]) is linked
