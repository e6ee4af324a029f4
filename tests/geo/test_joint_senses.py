"""Senses chosen jointly over the article (issue 15): the other places named decide between
namesakes, a province holding them beats a same-named country, a famous foreign namesake loses
to the local town, a demonym does not swing the article, and names reach the area they mean."""

from __future__ import annotations

import pytest

from sitrep.geo import resolve
from sitrep.geo.gazetteer import load
from sitrep.lang import LanguagePack
from sitrep.lang.packset import default_packs
from tests.geo.conftest import found


def _where(text: str, pack: LanguagePack) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Toponym as written -> (country, province name, feature code)."""
    return {
        name: (m.location.place.country, m.location.place.admin1, m.location.place.feature_code)
        for name, m in found(text, pack).items()
    }


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Storms flooded roads in Atlanta and Savannah on Tuesday. Officials in Georgia said more rain was coming.",
        ),
        ("nb", "Uvær stengte veier i Atlanta og Savannah tirsdag. Myndighetene i Georgia varslet mer regn."),
    ],
)
def test_state_holding_the_other_places_beats_the_country(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack
) -> None:
    assert _where(text, {"en": en, "nb": nb}[lang])["Georgia"] == ("US", "Georgia", "ADM1")


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Police in Alexandria searched a house on Monday. Officers from Arlington and Fairfax joined the search.",
        ),
        ("nb", "Politiet i Alexandria ransaket et hus mandag. Betjenter fra Arlington og Fairfax deltok i søket."),
    ],
)
def test_local_town_beats_famous_foreign_namesake(lang: str, text: str, en: LanguagePack, nb: LanguagePack) -> None:
    assert _where(text, {"en": en, "nb": nb}[lang])["Alexandria"] == ("US", "Virginia", "PPL")


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Gunmen clashed in Tripoli on Sunday. The army sent troops from Halba and Zgharta. "
            "A Libyan national was among the wounded.",
        ),
        (
            "nb",
            "Væpnede menn skjøt i Tripoli søndag. Hæren sendte soldater fra Halba og Zgharta. "
            "En libysk statsborger var blant de skadde.",
        ),
    ],
)
def test_one_demonym_does_not_swing_the_article(lang: str, text: str, en: LanguagePack, nb: LanguagePack) -> None:
    where = _where(text, {"en": en, "nb": nb}[lang])
    assert where["Tripoli"][0] == "LB"
    assert where["Zgharta"][0] == "LB"  # a town of unknown size, kept for the places around it
    alone = (
        "A Libyan official said gunmen attacked a hotel in Tripoli."
        if lang == "en"
        else ("En libysk tjenestemann sier at væpnede menn angrep et hotell i Tripoli.")
    )
    assert _where(alone, {"en": en, "nb": nb}[lang])["Tripoli"][0] == "LY"  # alone, it still speaks


def test_neighbouring_towns_support_each_other(en: LanguagePack) -> None:
    """No name is sure alone (Dover is also in England, Smyrna in Georgia): together they are in Delaware."""
    where = _where("Two men were arrested in Dover and Smyrna on Friday.", en)
    assert where["Dover"][:2] == ("US", "Delaware") and where["Smyrna"][:2] == ("US", "Delaware")


def test_towns_of_one_state_support_each_other(en: LanguagePack) -> None:
    where = _where("Shots were fired in Portland and Bangor overnight.", en)
    assert where["Portland"][:2] == ("US", "Maine")


def test_counties_named_before_a_shared_unit_word(en: LanguagePack) -> None:
    where = _where("Flooding closed schools in Cook and DuPage counties on Monday.", en)
    assert where["Cook"] == ("US", "Illinois", "ADM2")
    assert where["DuPage"] == ("US", "Illinois", "ADM2")


def test_county_of_a_common_name_in_its_neighbours_state(en: LanguagePack) -> None:
    text = "Flooding hit Harrisonburg on Friday. In Rockingham and Augusta counties, schools closed."
    where = _where(text, en)
    assert where["Rockingham"] == ("US", "Virginia", "ADM2") and where["Augusta"] == ("US", "Virginia", "ADM2")


def test_alternate_name_of_a_village_does_not_hide_the_city(en: LanguagePack) -> None:
    """A village in New York State bears "Washington" as an alternate name: in a list of
    cities, "Washington, New York" is not that village."""
    where = _where("The prince made stops in Washington, New York and Boston.", en)
    assert where["Washington"][0] == "US" and where["Washington"][2] == "PPLC"


@pytest.mark.parametrize("written, state", [("Ga.", "Georgia"), ("Mont.", "Montana"), ("Wash.", "Washington")])
def test_press_abbreviation_given_alone_names_its_state(written: str, state: str) -> None:
    text = f"The company moved its offices to {written} last year."
    start = text.index(written)
    (m,) = resolve(text, [(start, start + len(written))], "en", packs=default_packs(), gazetteer=load())
    assert m is not None and m.location.place.name == state and m.location.place.feature_code == "ADM1"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "A car bomb killed four soldiers in northern Mali on Monday, the army of Mali said. The attack "
            "came a year after the strikes in France that killed 12 people in Bayeux, the worst in France "
            "in a decade. Officials said the blast hit a checkpoint in the province of Zorbatene.",
        ),
        (
            "nb",
            "En bilbombe drepte fire soldater nord i Mali mandag, opplyste hæren i Mali. Angrepet kom et år "
            "etter angrepene i Frankrike som drepte 12 mennesker i Bayeux, de verste i Frankrike på ti år. "
            "Myndighetene sa at bomben traff en kontrollpost i provinsen Zorbatene.",
        ),
    ],
)
def test_an_unknown_place_is_in_the_country_the_lead_names(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack
) -> None:
    """Two countries named as often: a place the gazetteer lacks is in the first named, the story's
    own, not in the one its comparison names (and a town of which it picks)."""
    assert _where(text, {"en": en, "nb": nb}[lang])["Zorbatene"][0] == "ML"
