"""ALL-CAPS wire cables (issue 15): a settlement word after a name makes it a settlement's, not a
state's or a country's; a small place abroad, or one named only by an alternate name, does not
beat the cable's clear country focus; a one-word name in capitals speaks for the focus only as a
large city; an everyday word that is a country's name in another language is not that country.
And party tags with postal codes ("R-FL"). Texts written for these tests."""

from __future__ import annotations

import pytest

from sitrep.geo import find_places
from sitrep.lang import LanguagePack
from tests.geo.conftest import found


def _countries(text: str, pack: LanguagePack) -> dict[str, str | None]:
    """Toponym as written -> its country."""
    return {name: m.location.place.country for name, m in found(text, pack).items()}


CANTON_EN = (
    "SAN SALVADOR, 28 NOV 89 -- [TEXT] THE ARMY REPORTED THAT TWO SOLDIERS WERE WOUNDED DURING A "
    "GUERRILLA HARASSMENT IN CHIAPAS CANTON AND TEPEYAC HAMLET, CHALATENANGO CITY. TWO REBELS WERE "
    "KILLED NEAR EL REFUGIO FARM, SAN MIGUEL JURISDICTION."
)


def test_settlement_word_after_a_name_rules_out_the_state(en: LanguagePack) -> None:
    by = found(CANTON_EN, en)
    chiapas = by["CHIAPAS"].location.place
    assert chiapas.country == "SV" and chiapas.feature_code != "ADM1"  # a canton, not Mexico's state
    assert by["CHALATENANGO"].location.place.feature_code != "ADM1"  # the town
    assert by["EL REFUGIO"].location.place.country == "SV"  # not pulled to Mexico by Chiapas


@pytest.mark.parametrize(
    "text",
    [
        "AUSTIN, 3 JUN 22 -- POLICE IN THE TEXAS TOWN OF UVALDE SAID THE GUNMAN WAS DEAD.",
        "AUSTIN, 3 JUN 22 -- STORMS HIT A TEXAS TOWN ON MONDAY.",
        "No Texas city has such a policy, officials in Austin said.",
    ],
)
def test_name_before_a_settlement_word_describing_it_stays(text: str, en: LanguagePack) -> None:
    # An article before the name, an of-word after the settlement word, or mixed case: the name
    # describes the town and keeps its own reading.
    by = found(text, en)
    texas = by[next(name for name in by if name.lower() == "texas")].location.place
    assert (texas.country, texas.feature_code) == ("US", "ADM1")


def test_country_before_a_settlement_word_in_mixed_case_stays(en: LanguagePack) -> None:
    place = found("No U.S. city has such a policy, the mayor said.", en)["U.S."].location.place
    assert (place.country, place.feature_code) == ("US", "PCLI")


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "SAN SALVADOR, 4 JUN 90 -- [TEXT] THREE SOLDIERS DIED IN FIGHTING IN THE ESCALON DISTRICT IN "
            "NORTHERN SAN SALVADOR. REBELS ALSO ATTACKED POSTS IN SAN MIGUEL AND JOCORO.",
        ),
        (
            "nb",
            "SAN SALVADOR, 4. JUNI -- TRE SOLDATER DØDE I KAMPER I ESCALON DISTRIKT NORD I SAN SALVADOR. "
            "OPPRØRERE ANGREP OGSÅ POSTER I SAN MIGUEL OG JOCORO.",
        ),
    ],
)
def test_town_abroad_does_not_beat_the_cable_focus(lang: str, text: str, en: LanguagePack, nb: LanguagePack) -> None:
    # Escalon, a Californian town of 7,500, is no district of a Salvadoran cable, nor does its
    # reading make the United States a focus of the cable.
    assert _countries(text, {"en": en, "nb": nb}[lang])["ESCALON"] == "SV"


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "GUATEMALA CITY, 4 FEB 90 -- [TEXT] GUERRILLAS ATTACKED A FARM IN SANTO TOMAS ON FRIDAY, THE "
            "GUATEMALAN ARMY REPORTED. GUATEMALA HAS SENT TROOPS TO THE AREA.",
        ),
        (
            "nb",
            "GUATEMALA BY, 4. FEB -- GERILJAEN ANGREP EN GÅRD I SANTO TOMAS FREDAG, MELDTE DEN GUATEMALANSKE "
            "HÆREN. GUATEMALA HAR SENDT SOLDATER TIL OMRÅDET.",
        ),
    ],
)
def test_small_town_abroad_needs_a_sure_place_close_by(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack
) -> None:
    # Santo Tomas in El Salvador lies some 185 km from Guatemala City: near enough to help choose
    # among readings, too far to believe a town of 15,000 abroad against the cable's focus.
    assert _countries(text, {"en": en, "nb": nb}[lang])["SANTO TOMAS"] == "GT"


def test_one_word_town_abroad_is_no_country_focus_in_capitals(en: LanguagePack) -> None:
    # ROSALES is a town of 67,000 in the Philippines, here a hospital's name: it does not make the
    # Philippines a focus of a Salvadoran cable, so LOPEZ (a surname here, a Philippine town too)
    # is not read there.
    text = (
        "SAN SALVADOR, 23 JUN 89 -- [TEXT] A BOMB EXPLODED AT THE ROSALES HOSPITAL LAST NIGHT. THE "
        "POLICE REPORTED THAT LOPEZ WAS AMONG THE WOUNDED."
    )
    assert _countries(text, en).get("LOPEZ") in (None, "SV")


@pytest.mark.parametrize(
    "lang, text, word",
    [
        ("en", "SAN SALVADOR, 3 JAN 90 -- [TEXT] A GRENADE EXPLODED IN SOYAPANGO.", "GRENADE"),
        ("en", "SANTIAGO, 5 OCT 89 -- [TEXT] SALVADOR ALLENDE DIED IN THE PALACE IN 1973.", "SALVADOR"),
        ("nb", "KIEV, 3. MAI -- DEN NESTE FAS AV KRIGEN I UKRAINA BEGYNTE I GÅR.", "FAS"),
    ],
)
def test_caps_word_is_no_country_by_another_languages_name(
    lang: str, text: str, word: str, en: LanguagePack, nb: LanguagePack
) -> None:
    # "Grenade" is French for Grenada, "Salvador" French for El Salvador, "Fas" Turkish for Morocco.
    mentions = [m for m in find_places(text, {"en": en, "nb": nb}[lang]) if text[m.span.start : m.span.end] == word]
    assert all(m.location.place.feature_code != "PCLI" for m in mentions)


def test_country_name_in_mixed_case_is_still_the_country(en: LanguagePack) -> None:
    assert _countries("The island of Grenada held an election.", en)["Grenada"] == "GD"


@pytest.mark.parametrize(
    "text, written, state",
    [
        ("Senator Ann Roe (R-FL) said the bill would pass.", "FL", "Florida"),
        ("Rep. Tom Doe, D-NY, voted against it on Tuesday.", "NY", "New York"),
    ],
)
def test_party_tag_with_postal_code_is_the_state(text: str, written: str, state: str, en: LanguagePack) -> None:
    place = found(text, en)[written].location.place
    assert (place.country, place.name, place.feature_code) == ("US", state, "ADM1")


def test_party_tag_with_unknown_code_names_nothing(en: LanguagePack) -> None:
    assert "ZZ" not in found("Rep. Tom Doe (R-ZZ) spoke.", en)
