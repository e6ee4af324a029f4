from __future__ import annotations

import pytest

from sitrep.geo.places import tokenize
from sitrep.lang import LanguagePack, load_pack
from tests.geo.conftest import found

# (text, toponym as written, place name, country, precision, relation: sitrep.geo.relations)
EN_CASES = [
    ("Gunmen killed six shepherds in Mayadeen on Monday.", "Mayadeen", "Al Mayādīn", "SY", 1, "in"),
    ("Gunmen killed six shepherds near Mayadeen on Monday.", "Mayadeen", "Al Mayādīn", "SY", 2, "near"),
    ("Fighting broke out near al-Mayadin, east of the river.", "al-Mayadin", "Al Mayādīn", "SY", 2, "near"),
    ("A car bomb exploded 20 km west of Mosul on Sunday.", "Mosul", "Mosul", "IQ", 2, "20 km west of"),
    ("Troops advanced north of Baghdad.", "Baghdad", "Baghdad", "IQ", 2, "north of"),
    ("Rockets fell on the outskirts of Aleppo.", "Aleppo", "Aleppo", "SY", 2, "near"),
    ("Clashes erupted in Deir ez-Zor province.", "Deir ez-Zor", "Deir ez-Zor", "SY", 3, "in"),
    ("Clashes erupted in Deir el-Zour province.", "Deir el-Zour", "Deir ez-Zor", "SY", 3, "in"),
    ("Two soldiers died in Syria.", "Syria", "Syria", "SY", 3, "in"),
    ("Protesters gathered in Salaheddine province.", "Salaheddine", "Salah ad Din", "IQ", 3, "in"),
    ("Shelling hit Qamishlo overnight, Kurdish officials said.", "Qamishlo", "Al Qāmishlī", "SY", 1, "in"),
    ("Turkish drones struck Serêkaniyê in northeast Syria.", "Serêkaniyê", "Ra’s al ‘Ayn", "SY", 1, "in"),
    ("An airstrike hit a market in the town of Maarat al-Numan in Idlib province.", "Idlib", "Idlib", "SY", 3, "in"),
    ("Police said a bomb went off in Kabul.", "Kabul", "Kabul", "AF", 1, "in"),
    ("The attack took place in the U.S. state of Texas.", "U.S.", "United States", "US", 3, "in"),
]


NB_CASES = [
    ("To personer ble drept i Kabul søndag.", "Kabul", "Kabul", "AF", 1, "in"),
    ("Angrepet skjedde nær Mosul.", "Mosul", "Mosul", "IQ", 2, "near"),
    ("Raketter traff et område 15 km sørøst for Bagdad.", "Bagdad", "Baghdad", "IQ", 2, "15 km south-east of"),
    ("Kampene fortsatte i Idlib-provinsen.", "Idlib", "Idlib", "SY", 3, "in"),
    ("Flere ble skadd i Helmand-provinsen, opplyser afghanske myndigheter.", "Helmand", "Helmand", "AF", 3, "in"),
    ("Eksplosjonen skjedde utenfor Damaskus.", "Damaskus", "Damascus", "SY", 2, "near"),
    ("Norske soldater er stasjonert i Irak.", "Irak", "Iraq", "IQ", 3, "in"),
    ("Politiet rykket ut til en skyting i Oslo sentrum.", "Oslo", "Oslo", "NO", 1, "in"),
    ("Demonstranter samlet seg ved Stortinget i Tromsø.", "Tromsø", "Tromsø", "NO", 1, "in"),
]


@pytest.mark.parametrize(
    "lang, text, written, name, country, precision, relation",
    [("en", *case) for case in EN_CASES] + [("nb", *case) for case in NB_CASES],
)
def test_places_by_language(
    lang: str, text: str, written: str, name: str, country: str, precision: int, relation: str
) -> None:
    m = found(text, load_pack(lang))[written]
    assert (m.location.place.name, m.location.place.country) == (name, country)
    assert (m.location.precision, m.location.relation) == (precision, relation)
    # The relation is the shared vocabulary; the article's own words stay in the evidence span,
    # which starts with them ("15 km sørøst for Bagdad").
    words = text[m.phrase_span.start : m.span.start].split()
    if relation != "in":
        assert words, f"no relation words before {written!r}"
    if words:
        assert text[m.phrase_span.start - 1] == " " and words[0][0].isalnum()


CAPS = (
    "   SAN SALVADOR, 3 JAN 90 -- [REPORT] [TEXT] THE ARMY REPORTED THAT TERRORISTS KIDNAPPED 50\n"
    "PEASANTS IN SAN MIGUEL DEPARTMENT.  THE KIDNAPPING TOOK PLACE IN SAN LUIS DEL MONTE\n"
    "VERDE.  ONE EXTREMIST WAS KILLED NEAR LA PALOMITA FARM, SANTA ELENA JURISDICTION,\n"
    "USULUTAN DEPARTMENT.  TWO SOLDIERS DIED IN MORAZAN AND CHALATENANGO DEPARTMENTS.\n"
    "A BOMB EXPLODED IN SAN MIGUEL YESTERDAY."
)


def test_all_caps_transcript(en: LanguagePack) -> None:
    places = [
        (CAPS[m.span.start : m.span.end].replace("\n", " "), m)
        for m in __import__("sitrep.geo").geo.find_places(CAPS, en)
    ]
    by = {w: m for w, m in places}
    assert by["SAN SALVADOR"].rule == "dateline" and by["SAN SALVADOR"].location.place.country == "SV"
    dept = next(m for w, m in places if w == "SAN MIGUEL" and m.location.precision == 3)
    assert dept.location.place.feature_code == "ADM1" and dept.location.place.country == "SV"
    town = [m for w, m in places if w == "SAN MIGUEL" and m.location.precision == 1]
    assert town and town[0].location.place.country == "SV"  # not San Miguel in the Philippines
    assert by["USULUTAN"].location.place.admin1 == "Usulután" and by["USULUTAN"].location.precision == 3
    assert by["MORAZAN"].location.precision == 3 and by["CHALATENANGO"].location.precision == 3
    farm = by["LA PALOMITA"]
    assert farm.location.precision == 2 and farm.location.place.country == "SV" and farm.rule == "syntax"
    assert by["SAN LUIS DEL MONTE VERDE"].location.place.name == "San Luis del Monte Verde"
    assert "THE ARMY" not in by and "TERRORISTS" not in by


@pytest.mark.parametrize(
    "text, absent",
    [
        ("President Jordan met the delegation.", "Jordan"),
        ("Damascus said the strikes were illegal.", "Damascus"),
        ("Of the 12 dead, most were civilians.", "Of"),
        ("Since March, Police have arrested Ali.", "March"),
        ("Since March, Police have arrested Ali.", "Police"),
        ("Since March, Police have arrested Ali.", "Ali"),
        ("Mr Aleppo is a fictional name.", "Aleppo"),
        ("Syrian forces shelled the area.", "Syrian"),
        ("The Washington Post reported it.", "Washington"),
        ("There is Hope in the camp, said Gen. Mosul Smith.", "Hope"),
        ("THE GUERRILLAS ATTACKED AT DAWN IN THE EARLY HOURS.", "DAWN"),
        ("THE GUERRILLAS ATTACKED AT DAWN IN THE EARLY HOURS.", "EARLY"),
        ("A BOMB EXPLODED IN A RESIDENTIAL AREA OF THE CAPITAL.", "RESIDENTIAL"),
        ("THE FOREST WAS BURNED BY THE REBELS IN AN EFFORT TO HIDE.", "FOREST"),
    ],
)
def test_false_hits(en: LanguagePack, text: str, absent: str) -> None:
    assert absent not in found(text, en)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Statsminister Jordan møtte pressen.", "Jordan"),
        ("Damaskus sa at angrepene var ulovlige.", "Damaskus"),
        ("I mars ble flere pågrepet.", "I"),
    ],
)
def test_false_hits_norwegian(nb: LanguagePack, text: str, absent: str) -> None:
    assert absent not in found(text, nb)


def test_unknown_place_after_preposition(en: LanguagePack) -> None:
    text = "Iraqi police said gunmen attacked a checkpoint in Qaryat Umm Zubaydah overnight."
    m = found(text, en)["Qaryat Umm Zubaydah"]
    assert m.rule == "syntax" and m.location.place.country == "IQ" and m.location.place.lat is None
    assert m.score < 0.5


def test_country_focus_picks_namesake(en: LanguagePack) -> None:
    salvadoran = "Salvadoran troops clashed with rebels in San Miguel, the army said."
    assert found(salvadoran, en)["San Miguel"].location.place.country == "SV"
    peruvian = "Peruvian police said the attack in San Miguel killed two."
    assert found(peruvian, en)["San Miguel"].location.place.country == "PE"


def test_admin_context_disambiguates(en: LanguagePack) -> None:
    text = "Fighting was reported near Santa Ana, Usulutan Department."
    m = found(text, en)["Usulutan"]
    assert m.location.place.feature_code == "ADM1" and m.location.place.country == "SV"


def test_glued_sentences_and_arabic_script(en: LanguagePack) -> None:
    text = "A general was killed in SyriaThe desert near دير الزور is dangerous."
    got = found(text, en)
    assert got["Syria"].location.place.country == "SY"


def test_spans_point_into_text(en: LanguagePack) -> None:
    text = "Clashes in Homs and near Hama left 5 dead, Syrian media said."
    for w, m in found(text, en).items():
        assert " ".join(text[m.span.start : m.span.end].split()) == w
        assert m.phrase_span.start <= m.span.start and m.phrase_span.end >= m.span.end


def test_everyday_word_that_names_a_large_city_stays(en: LanguagePack) -> None:
    assert found("A BOMB EXPLODED IN PARIS YESTERDAY.", en)["PARIS"].location.place.country == "FR"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("au nord d'Alep", ["au", "nord", "d", "Alep"]),  # the elided word is split off the name
        ("la Côte d'Ivoire", ["la", "Côte", "d'Ivoire"]),  # after a capitalised word it is the name's
        ("vers L'Aquila", ["vers", "L'Aquila"]),  # an elided capital is the name's
        ("DANS LE VILLAGE D'EL ZAPOTAL", ["DANS", "LE", "VILLAGE", "D", "EL", "ZAPOTAL"]),  # capitals tell nothing
        ("aujourd'hui", ["aujourd'hui"]),  # no capital after the apostrophe
    ],
)
def test_elided_words(text: str, words: list[str]) -> None:
    toks = tokenize(text)
    assert [text[s:e] for s, e in zip(toks.start, toks.end, strict=True)] == words
