"""Two-letter state postal codes after a town and a comma in wire copy ("Macon, GA", "HORRY
COUNTY, SC"): the state, holding the town, as the press abbreviations are; never the words "IN",
"OR" elsewhere. Texts written for these tests."""

from __future__ import annotations

import pytest

from sitrep.lang import LanguagePack
from tests.geo.conftest import found


@pytest.mark.parametrize(
    ("text", "town", "code", "state"),
    [
        ("Two people died in a fire in Macon, GA on Sunday.", "Macon", "GA", "Georgia"),
        ("A third man was hurt in Salem, OR, officials said.", "Salem", "OR", "Oregon"),
        ("HORRY COUNTY, SC (WMBF) - A man was shot dead on Friday.", "HORRY COUNTY", "SC", "South Carolina"),
        ("The plant in Gary, IN 46402 closed.", "Gary", "IN", "Indiana"),
    ],
)
def test_a_postal_code_after_a_town_is_its_state(en: LanguagePack, text: str, town: str, code: str, state: str) -> None:
    places = found(text, en)
    assert places[code].location.place.name == state and places[code].location.place.country == "US"
    assert places[code].location.place.feature_code == "ADM1"
    assert places[town].location.place.country == "US"


def test_a_postal_code_of_washington_dc_is_one_toponym(en: LanguagePack) -> None:
    places = found("Officials met in Washington, DC on Monday.", en)
    assert "DC" not in places and places["Washington, DC"].location.place.country == "US"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Votes went to Smith, Jones, OR Brown in the poll.", "OR"),  # no town before it
        ("Protesters in Boston, IN THE RAIN, marched on.", "IN"),  # a capitalised word follows
        ("The report came from Reuters, PA Media said.", "PA"),
        ("IN Boston rallies went on.", "IN"),  # no comma before it
        ("TWO DIED IN MACON, GA, ON SUNDAY, POLICE SAID.", "GA"),  # in capitals, no code is read
    ],
)
def test_a_postal_code_word_is_no_state_elsewhere(en: LanguagePack, text: str, word: str) -> None:
    assert word not in found(text, en)
