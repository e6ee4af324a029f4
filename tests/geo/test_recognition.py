"""Recognition of names never seen as plain toponyms (issue 15): places used as modifiers,
capitals datelines, party-and-hometown tags, headlines; and the false hits of organisations,
landmarks, people's names and parts of hyphenated names. Texts written for these tests."""

from __future__ import annotations

import pytest

from sitrep.geo import find_places
from sitrep.lang import LanguagePack, load_pack
from tests.geo.conftest import found

# (text, toponym as written, place name, country)
EN_FOUND = [
    # A place name used as a modifier of an institution's words.
    ("The Texas Supreme Court ruled on the appeal.", "Texas", "Texas", "US"),
    ("The Harris County Sheriff said two men were held.", "Harris County", "Harris County", "US"),
    ("Delegates met at the Marine Energy Wales Annual Conference to talk about energy.", "Wales", "Wales", "GB"),
    # A dateline in capitals, after a caption or a byline, or with its dash lost.
    ("Fans cheer. (AP Photo/Jane Roe)\n\nCOLUMBUS, Ohio (AP) — Police said on Monday.", "COLUMBUS", "Columbus", "US"),
    ("By Jane Roe. BOSTON (Reuters) - A fire broke out in a warehouse.", "BOSTON", "Boston", "US"),
    ("LONDON Pope Francis again called for peace.", "LONDON", "London", "GB"),
    # Party-and-hometown tags.
    ("Rep. John Smith (R-Springfield) voted against the bill.", "Springfield", "Springfield", "US"),
    ("Sen. Jane Roe, D-Ill., spoke against it.", "Ill", "Illinois", "US"),
    # A headline in Title Case, its prepositions capitalised too.
    ("Car Bomb Kills Five Near Kandahar Market\nA car bomb killed five near a market.", "Kandahar", "Kandahār", "AF"),
]


# (text, a name that is no toponym here)
EN_ABSENT = [
    # Organisations and landmarks, where the article's country has a town of that name.
    ("WASHINGTON (AP) — Talks went on in Texas. Later, White House aides said they went well.", "White House"),
    # The name of an institution, a unit or an event that holds no place the article names.
    ("He served with the Parachute Regiment for ten years.", "Parachute"),
    ("A Chapman University survey found support for the plan.", "Chapman"),
    # People: a family name after an initial and its later mentions, a speaker, a genitive.
    ("Police said Gino D. Bassett, 56, was charged. Bassett is accused of the stabbing.", "Bassett"),
    ("Andrew Jackson spoke first. Later Jackson left the hall.", "Jackson"),
    ('"I cannot sleep," said Noma. She works in a shop.', "Noma"),
    ("Narendra Modi won. Farmers voted in Modi's name.", "Modi"),
    # Parts of hyphenated names.
    ("The Diaz-Balart family spoke.", "Balart"),
    # A stop-listed name in capitals stays a stop word; a small town's name that speaks is a person.
    ("Ties between NATO and Tunisia grew.", "NATO"),
    ('"We moved too slowly," Sandberg said. Later, Sandberg would not say more.', "Sandberg"),
]


def test_modifier_kept_where_the_article_names_the_town_alone(en: LanguagePack) -> None:
    text = "Crews of the Tralee Volunteer Brigade came. The fire spread through Tralee."
    starts = [m.span.start for m in find_places(text, en) if m.location.place.name == "Tralee"]
    assert starts == [text.index("Tralee"), text.rindex("Tralee")]


def test_hyphenated_places_stay_parts_of_other_names_go(en: LanguagePack) -> None:
    by = found("He drank Coca-Cola near the Syria-Iraq border.", en)
    assert {"Syria", "Iraq"} <= set(by) and not {"Coca", "Cola"} & set(by)


def test_listed_landmark_is_a_place_only_as_a_venue(en: LanguagePack) -> None:
    """After a locative phrase a listed landmark is the venue where something happened; as an
    organisation ("White House aides") it is no toponym."""
    text = "WASHINGTON (AP) — Protesters gathered at the White House. Later, White House aides said so."
    starts = [m.span.start for m in find_places(text, en) if text[m.span.start : m.span.end] == "White House"]
    assert starts == [text.index("White House")]


NB_FOUND = [
    # A capitals dateline after a first line.
    ("Oppdatert kl. 12.\nBERGEN (NTB): Politiet rykket ut til sentrum.", "BERGEN", "Bergen", "NO"),
]


NB_ABSENT = [
    ("Albania ble tatt opp i NATO i fjor.", "NATO"),
    ("Han drakk Coca-Cola hele dagen.", "Coca"),
]


@pytest.mark.parametrize(
    "lang, text, written, name, country", [("en", *row) for row in EN_FOUND] + [("nb", *row) for row in NB_FOUND]
)
def test_names_found(lang: str, text: str, written: str, name: str, country: str) -> None:
    m = found(text, load_pack(lang))[written]
    assert (m.location.place.name, m.location.place.country) == (name, country)


@pytest.mark.parametrize(
    "lang, text, absent", [("en", *row) for row in EN_ABSENT] + [("nb", *row) for row in NB_ABSENT]
)
def test_no_place(lang: str, text: str, absent: str) -> None:
    assert absent not in found(text, load_pack(lang))


@pytest.mark.parametrize(
    "lang, text, street",
    [
        ("en", "Shots were fired near Elm Street.", "Elm Street"),
        ("en", "The bar on Bourbon St. was closed.", "Bourbon St"),
        ("nb", "En bil brant i Moss gate i natt.", "Moss gate"),
    ],
)
def test_street_is_no_town_of_its_name(lang: str, text: str, street: str) -> None:
    """A name before a street word is the street's: a place the gazetteer lacks, never the
    town of that name (places.toml street_words)."""
    m = found(text, load_pack(lang))[street]
    assert m.rule == "syntax" and m.location.place.geonameid is None
