"""Towns named through a descriptive phrase: a settlement word set before the name by a comma
("in the capital, Caracas", "in the northern city, Kano") or described by a demonym ("the
Nigerian city of Jos", "den nigerianske byen Jos", "la ville nigériane de Jos"). The phrase is
the name's locative phrase, says the name is a town's and, with a demonym, names its country as
"Jos, Nigeria" would, over the article's focus and over namesakes elsewhere."""

from __future__ import annotations

import pytest

from sitrep.geo import relations
from sitrep.lang import LanguagePack
from tests.geo.conftest import found, places_pack


@pytest.fixture(scope="module")
def fr() -> LanguagePack:
    return places_pack("fr")


def _packs(en: LanguagePack, nb: LanguagePack, fr: LanguagePack) -> dict[str, LanguagePack]:
    return {"en": en, "nb": nb, "fr": fr}


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Colombian troops fought rebels in Cauca on Sunday near Popayan. "
            "In another story, a bomb went off in the capital, Caracas, on Monday.",
        ),
        (
            "nb",
            "Colombianske soldater kjempet mot opprørere i Cauca søndag nær Popayan. "
            "I en annen sak gikk en bombe av i hovedstaden, Caracas, mandag.",
        ),
        (
            "fr",
            "Des soldats colombiens ont combattu des rebelles dans le Cauca dimanche près de Popayan. "
            "Par ailleurs, une bombe a explosé dans la capitale, Caracas, lundi.",
        ),
    ],
)
def test_town_in_apposition_is_placed_abroad(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack, fr: LanguagePack
) -> None:
    m = found(text, _packs(en, nb, fr)[lang])["Caracas"]
    assert m.location.place.country == "VE"
    assert m.location.relation == relations.IN and m.location.precision == 1
    assert m.phrase_span.start < m.span.start  # the phrase from the preposition is the evidence
    assert m.score >= 0.8  # strong enough to be an event's place against the article's focus


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Gunmen attacked a cattle market in the northern city, Kano, on Tuesday."),
        ("nb", "Væpnede menn angrep et marked i den nordlige byen, Kano, tirsdag."),
    ],
)
def test_compass_word_before_a_settlement_describes_it(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack, fr: LanguagePack
) -> None:
    """ "the northern city, Kano": Kano itself, not its northern part."""
    m = found(text, _packs(en, nb, fr)[lang])["Kano"]
    assert m.location.place.country == "NG"
    assert m.location.relation == relations.IN and m.location.precision == 1


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "A car bomb killed nine people in Baghdad on Sunday and police in Basra and Kirkuk reported "
            "more blasts across Iraq. A suicide bomber also struck a church in the Nigerian city of Jos.",
        ),
        (
            "nb",
            "En bilbombe drepte ni mennesker i Bagdad søndag, og politiet i Basra og Kirkuk meldte om flere "
            "eksplosjoner i Irak. En selvmordsbomber angrep også en kirke i den nigerianske byen Jos.",
        ),
        (
            "fr",
            "Une voiture piégée a tué neuf personnes à Bagdad dimanche et la police de Bassorah et de "
            "Kirkouk a signalé d'autres explosions en Irak. Un kamikaze a aussi frappé une église dans "
            "la ville nigériane de Jos.",
        ),
    ],
)
def test_demonym_settlement_phrase_beats_the_article_focus(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack, fr: LanguagePack
) -> None:
    m = found(text, _packs(en, nb, fr)[lang])["Jos"]
    assert (m.location.place.country, m.location.place.admin1) == ("NG", "Plateau")
    assert m.score >= 0.8


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "en",
            "Militias clashed in Benghazi and Misrata on Friday, Libyan officials said. "
            "Separately, a grenade wounded four people in the Lebanese city of Tripoli.",
        ),
        (
            "nb",
            "Militser sloss i Benghazi og Misrata fredag, opplyser libyske myndigheter. "
            "I en annen sak ble fire såret av en granat i den libanesiske byen Tripoli.",
        ),
    ],
)
def test_demonym_picks_the_namesake_of_its_country(
    lang: str, text: str, en: LanguagePack, nb: LanguagePack, fr: LanguagePack
) -> None:
    """Tripoli among Libyan towns is still the Lebanese one when the phrase says so."""
    assert found(text, _packs(en, nb, fr)[lang])["Tripoli"].location.place.country == "LB"


def test_a_name_before_the_settlement_word_is_no_description(en: LanguagePack) -> None:
    """ "in New York City that the NYPD": "New York" is a name, so the words after "City" are no
    locative phrase of what follows."""
    text = "Groups in New York City said that the NYPD had watched their mosques for years."
    assert "NYPD" not in found(text, en)
