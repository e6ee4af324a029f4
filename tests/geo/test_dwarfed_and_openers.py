"""Issue 15, geoparsing quality: a very large place beats a namesake a hundred times smaller that
only the article's country speaks for; an everyday word that opens a sentence does not swallow
the name after it; a district known by name alone abroad is no venue ("in Berkshire"); a span
given to resolve gets its surest reading however weak."""

from __future__ import annotations

import pytest

from sitrep.geo import resolve
from sitrep.geo.gazetteer import load
from sitrep.lang import LanguagePack
from sitrep.lang.packset import default_packs
from tests.geo.conftest import found


def _where(text: str, pack: LanguagePack) -> dict[str, tuple[str | None, str | None]]:
    """Toponym as written -> (country, feature code)."""
    return {name: (m.location.place.country, m.location.place.feature_code) for name, m in found(text, pack).items()}


def test_capital_beats_small_namesake_in_the_articles_country(en: LanguagePack) -> None:
    text = (
        "A New York court awarded damages to graffiti artists in Queens on Monday. "
        "Lawyers in Ohio and Pennsylvania followed the case, and London boroughs protect such murals too."
    )
    assert _where(text, en)["London"] == ("GB", "PPLC")


def test_first_level_area_beats_a_village_of_its_name(en: LanguagePack) -> None:
    text = "The number of police officers in England and Wales has fallen by a fifth since its peak."
    assert _where(text, en)["Wales"] == ("GB", "ADM1")


def test_state_beats_a_village_of_its_name(en: LanguagePack) -> None:
    # Wyoming, Delaware, a village within 200 km of the cities named, is not meant.
    text = "A federal judge in Wyoming halted the rule on Thursday. Environmental groups in Philadelphia had sued."
    assert _where(text, en)["Wyoming"] == ("US", "ADM1")


def test_small_namesake_beside_the_articles_places_stays(en: LanguagePack) -> None:
    text = "Commuters from Vienna, Fairfax and Reston crowded the Metro on Monday, officials in Virginia said."
    assert _where(text, en)["Vienna"] == ("US", "PPL")


def test_namesake_in_a_container_stays(en: LanguagePack) -> None:
    text = "A tornado damaged homes in London, Ohio, on Tuesday."
    assert _where(text, en)["London"][0] == "US"


@pytest.mark.parametrize(
    "text, name",
    [
        ("The train left after a delay. After Paris, London is the second city on the line.", "Paris"),
        ("Though London's total was higher, the gap has narrowed, though slowly.", "London"),
    ],
)
def test_everyday_word_opening_a_sentence_is_not_part_of_the_name(text: str, name: str, en: LanguagePack) -> None:
    assert name in found(text, en)


@pytest.mark.parametrize(
    "text, name",
    [
        # Inside a sentence a capitalised everyday word opens a person's name.
        ("The award went to the actor Mark Lincoln after the show.", "Lincoln"),
        # A first name that opens a sentence is a common word too, but never written in lower case.
        ("Larry Grayson was a comedian. Grayson understood that all most lines needed was timing.", "Grayson"),
    ],
)
def test_capitalised_everyday_word_before_a_name_still_guards(text: str, name: str, en: LanguagePack) -> None:
    assert name not in found(text, en)


def test_district_known_by_name_only_abroad_is_no_venue(en: LanguagePack) -> None:
    # GeoNames lists a Jamaican district "Berkshire" without a point or inhabitants: after "in", in
    # an article about England, the name is a place the gazetteer lacks, in the article's country.
    text = "Police in Berkshire arrested two men on Monday after a chase from London."
    assert _where(text, en)["Berkshire"] == ("GB", None)


def test_district_known_by_name_only_stays_without_a_venue(en: LanguagePack) -> None:
    # Bagram, an Afghan district the gazetteer knows by name alone, beside Iraq's capital.
    text = "Rockets struck Baghdad International Airport and Bagram Air Base overnight."
    assert _where(text, en)["Bagram"] == ("AF", "ADM2")


def test_district_known_by_name_only_stays_where_no_other_country_is_named(nb: LanguagePack) -> None:
    # Askøy, a Norwegian municipality, has neither a point nor inhabitants here; Norwegian news
    # does not name Norway.
    assert _where("Tore hiver seg i bilen og kjører fra Askøy til byen.", nb)["Askøy"] == ("NO", "ADM2")


def test_district_known_by_name_only_stays_in_its_country(en: LanguagePack) -> None:
    text = "The Jamaican police said a man was shot in Treasure Beach on Monday."
    assert _where(text, en)["Treasure Beach"] == ("JM", "ADM2")


@pytest.mark.parametrize(
    "text, written, country",
    [
        ("Fans in the United States love the United States tour. Clacton fans will love it too.", "Clacton", "GB"),
        ("Tickets sold out in Texas and Ohio. The Dundrum show was cancelled.", "Dundrum", "IE"),
    ],
)
def test_a_given_span_gets_its_surest_reading_however_weak(text: str, written: str, country: str) -> None:
    # find_places abstains on these (a foreign alternate name, a small foreign town); a span given
    # as a toponym is a place, and its surest reading beats none.
    start = text.index(written)
    (m,) = resolve(text, [(start, start + len(written))], "en", packs=default_packs(), gazetteer=load())
    assert m is not None and m.location.place.country == country and m.score == 0.3
