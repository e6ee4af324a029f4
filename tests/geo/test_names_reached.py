"""Names that did not reach the gazetteer (issue 15): stop words inside names the gazetteer has
whole, compass-opened area names, press abbreviations of states after a town, demonyms by
country code and as output of their own. Texts are written for these tests."""

from __future__ import annotations

import pytest

import sitrep
from sitrep.geo import find_places, gazetteer
from sitrep.geo.places import _compass_variants
from sitrep.geo.rules import rules_for
from sitrep.lang import LanguagePack
from tests.geo.conftest import found


def test_a_stop_word_goes_on_only_inside_a_name_the_gazetteer_has_whole(en: LanguagePack) -> None:
    places = found("The Kingdom said the United Kingdom and the Black Sea states would talk.", en)
    assert places["United Kingdom"].location.place.country == "GB"
    assert places["Black Sea"].location.place.feature_code == "SEA"
    assert "Kingdom" not in places and "Black" not in places


def test_in_capitals_a_stop_word_still_ends_a_name(en: LanguagePack) -> None:
    """In ALL-CAPS wire text capitals cannot tell "LA UNION" the town from the word; the stop
    list decides there, as before."""
    places = found("GUERRILLAS ATTACKED THE UNION OFFICE IN SAN MIGUEL.", en)
    assert "UNION" not in places and "THE UNION" not in places


def test_a_name_before_a_settlement_word_describes_it(en: LanguagePack) -> None:
    """'in the Red Sea resort town': the preposition places the town, not the sea."""
    described = found("A bomb went off in the Red Sea resort town.", en)["Red Sea"]
    located = found("A tanker was hit in the Red Sea on Sunday.", en)["Red Sea"]
    assert described.phrase_span == described.span
    assert located.phrase_span.start < located.span.start


def test_compass_variants_are_geonames_forms_of_the_name() -> None:
    variants = _compass_variants("south kordofan")
    assert variants[0] == "southern kordofan"
    assert "south kordofan district" in variants and "southern kordofan district" in variants
    assert _compass_variants("kordofan") == [] and _compass_variants("new york") == []


@pytest.mark.parametrize(
    ("text", "name", "country", "relation"),
    [
        ("Rebels shelled villages in South Kordofan.", "South Kordofan", "SD", "in"),
        ("A drone strike hit a compound in North Waziristan.", "North Waziristan", "PK", "in northern"),
        ("Wildfires spread across West Texas.", "West Texas", "US", "in western"),
    ],
)
def test_compass_opened_area_names_are_found_whole(
    en: LanguagePack, text: str, name: str, country: str, relation: str
) -> None:
    m = found(text, en)[name]
    assert (m.location.place.country, m.location.relation) == (country, relation)
    assert m.location.place.lat is not None


def test_a_compass_word_before_a_town_leaves_the_part_its_own_name(en: LanguagePack) -> None:
    """'East Belfast' is a part of the town with a name of its own, not Belfast 'in eastern'."""
    m = found("Patrols were seen on the streets in East Belfast.", en)["East Belfast"]
    assert m.location.place.name == "East Belfast" and m.location.relation == "in"


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("The fair opened in Gainesville, Va., on Friday.", "Gainesville", "Virginia"),
        ("He grew up in Wheeling, W.Va., and left.", "Wheeling", "West Virginia"),
        ("He grew up in Wheeling, W. Va., and left.", "Wheeling", "West Virginia"),
        ("The rally in Macon, Ga., drew thousands.", "Macon", "Georgia"),
    ],
)
def test_a_state_abbreviation_after_a_town_holds_the_town(en: LanguagePack, text: str, town: str, state: str) -> None:
    places = found(text, en)
    assert places[town].location.place.admin1 == state
    abbreviation = next(m for m in places.values() if m.location.place.feature_code == "ADM1")
    assert abbreviation.location.place.name == state and abbreviation.location.place.country == "US"


def test_an_abbreviation_needs_a_town_and_a_comma_before_it(en: LanguagePack) -> None:
    r = rules_for(en)
    assert r.area_abbreviation is not None
    assert r.area_abbreviation.match("Macon, Ga.", 5) is not None
    assert r.area_abbreviation.match("Macon Ga.", 5) is None
    assert r.area_abbreviation.match("Macon, Gary", 5) is None
    assert "Ga" not in found("Ga. was the word he used.", en)


def test_demonyms_are_output_by_geoparse_only_with_their_kind(en: LanguagePack) -> None:
    text = "Syrian troops and European monitors entered Palmyra."
    extracted = find_places(text, en)  # what event extraction reads: toponyms only
    assert [m.kind for m in extracted] == ["toponym"]
    parsed = sitrep.geoparse(text, "en")
    assert [(m.text, m.kind) for m in parsed] == [
        ("Syrian", "demonym"),
        ("European", "demonym"),
        ("Palmyra", "toponym"),
    ]
    assert parsed[0].to_dict()["kind"] == "demonym" and parsed[2].to_dict()["kind"] == "toponym"
    assert parsed[0].location.place.country == "SY" and parsed[0].location.precision == 3
    assert [m.kind for m in sitrep.geoparse(text, "en", demonyms=False)] == ["toponym"]


@pytest.mark.parametrize(
    ("text", "lang", "demonym"),
    [("Georgian troops crossed.", "en", "Georgian"), ("Georgiske soldater krysset.", "nb", "Georgiske")],
)
def test_a_demonym_names_its_country_by_code(text: str, lang: str, demonym: str) -> None:
    """'Georgian' and 'georgisk' are Georgia the country, never the US state of the same name."""
    parsed = [m for m in sitrep.geoparse(text, lang) if m.text == demonym]
    assert parsed and parsed[0].location.place.country == "GE"
    (given,) = sitrep.resolve(text, [(0, len(demonym))], lang)
    assert given is not None and given.location.place.country == "GE"


def test_a_batch_lookup_keeps_what_it_remembered_when_the_memory_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fetch that clears the remembered names must not lose the batch's remembered ones."""
    gaz = gazetteer.load()
    gaz.lookup(["kabul"])
    monkeypatch.setattr(gazetteer, "REMEMBERED_KEYS", 0)
    result = gaz.lookup(["kabul", "mosul"])
    assert result["kabul"] and result["mosul"]


def test_us_is_the_united_states_also_where_us_is_written(en: LanguagePack) -> None:
    places = found("Let us be frank: U.S. envoys and the US disagree.", en)
    assert places["U.S."].location.place.country == "US" and places["US"].location.place.country == "US"


def test_a_name_glued_to_a_currency_sign_is_the_currency(en: LanguagePack) -> None:
    assert not found("The grant was US$3 million, and $US4 million more came later.", en)


def test_a_town_and_abbreviation_that_are_one_name_are_one_toponym(en: LanguagePack) -> None:
    m = found("Lawmakers met in Washington, D.C., on Monday.", en)["Washington, D.C."]
    assert m.location.place.feature_code == "PPLC" and m.location.place.country == "US"


def test_a_country_named_like_a_demonym_plural_is_the_country(en: LanguagePack) -> None:
    """'Philippines' is also 'Philippine' + the plural ending: the country's own name wins."""
    assert found("Typhoons hit the Philippines.", en)["Philippines"].location.place.country == "PH"
