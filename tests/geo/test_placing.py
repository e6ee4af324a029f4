"""Where an event happened (issue 11, places): the speaker's place, a village placed by the phrase
after it, far relative locations, and the area references the incident model carries a place over
with. Texts written for these tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.extract.placing import area_references, event_place, focus_country
from sitrep.extract.triggers import Trigger
from sitrep.geo import PlaceMention, find_places, relations
from sitrep.geo.relative import FAR_KM, distance_from
from sitrep.lang import LanguagePack, load_pack
from sitrep.records import Location, Place, Span


@pytest.fixture(scope="module")
def packs() -> dict[str, LanguagePack]:
    return {code: load_pack(code) for code in ("en", "nb")}


def _trigger(text: str, word: str) -> Trigger:
    start = text.index(word)
    return Trigger(Span(start, start + len(word)), "Violence against civilians", "Attack", rank=1, strength=1.0)


def _names(text: str, pack: LanguagePack) -> dict[str, PlaceMention]:
    return {" ".join(text[m.span.start : m.span.end].split()): m for m in find_places(text, pack)}


@pytest.mark.parametrize(
    ("code", "text", "trigger", "speaker", "event"),
    [
        (
            "en",
            "A bomb killed four in Helmand province, the governor told reporters in Kabul.",
            "killed",
            "Kabul",
            "Helmand",
        ),
        (
            "en",
            "SPEAKING AT A NEWS CONFERENCE IN KABUL, THE GOVERNOR SAID GUNMEN KILLED SIX IN HELMAND PROVINCE.",
            "KILLED",
            "KABUL",
            "HELMAND",
        ),
        (
            "nb",
            "En bombe drepte fire i Helmand-provinsen, sa guvernøren til journalister i Kabul.",
            "drepte",
            "Kabul",
            "Helmand",
        ),
        (
            "nb",
            "Guvernøren opplyste på en pressekonferanse i Kabul at væpnede menn drepte seks i Helmand-provinsen.",
            "drepte",
            "Kabul",
            "Helmand",
        ),
    ],
)
def test_the_speakers_place_is_never_the_events(
    packs: dict[str, LanguagePack], code: str, text: str, trigger: str, speaker: str, event: str
) -> None:
    found = _names(text, packs[code])
    assert found[speaker].speaker and not found[event].speaker
    chosen = event_place(list(found.values()), _trigger(text, trigger), "AF")
    assert chosen is not None and chosen.text == event


def test_a_speakers_place_weighs_little_in_the_focus() -> None:
    place = PlaceMention(Span(0, 5), Span(0, 5), _location("IQ"), 0.9, text="Mosul")
    spoken = [
        replace(place, location=_location("AF"), speaker=True, text="Kabul", span=Span(10, 15), phrase_span=Span(7, 15))
        for _ in range(3)
    ]
    assert focus_country([place, *spoken]) == "IQ"
    assert focus_country(spoken) == "AF"  # still a country when nothing else is named


def _location(cc: str) -> Location:
    return Location(Place(name=cc, country=cc, admin1="A", lat=1.0, lon=1.0), 1, relations.IN)


@pytest.mark.parametrize(
    ("code", "text", "village"),
    [
        ("en", "Shelling killed six in the village of Kafr Dibsiyah near Aleppo.", "Kafr Dibsiyah"),
        ("en", "SHELLING KILLED SIX IN THE VILLAGE OF KAFR DIBSIYAH NEAR ALEPPO.", "KAFR DIBSIYAH"),
        ("nb", "Artilleri drepte seks i landsbyen Kafr Dibsiyah nær Aleppo.", "Kafr Dibsiyah"),
        ("nb", "ARTILLERI DREPTE SEKS I LANDSBYEN KAFR DIBSIYAH NÆR ALEPPO.", "KAFR DIBSIYAH"),
    ],
)
def test_an_unknown_village_is_not_renamed_to_its_anchor(
    packs: dict[str, LanguagePack], code: str, text: str, village: str
) -> None:
    found = _names(text, packs[code])
    chosen = event_place(list(found.values()), _trigger(text, text.split()[1]), "SY")
    assert chosen is not None and chosen.text == village
    loc = chosen.location
    assert loc.place.name.lower() == village.lower() and loc.precision == 2 and loc.relation == relations.NEAR
    assert loc.anchor is not None and loc.place.lat == loc.anchor.lat  # the anchor's point, the village's name


def test_a_distance_without_direction_is_near_only_when_close() -> None:
    mosul = Place(name="Mosul", country="IQ", admin1="Nineveh", lat=36.34, lon=43.13)
    near = distance_from(mosul, 10.0)
    assert (near.place, near.precision, near.relation, near.anchor) == (mosul, 2, relations.NEAR, mosul)
    far = distance_from(mosul, FAR_KM + 1)
    assert far.precision == 3 and far.place.country == "IQ" and far.place.name != "Mosul" and far.place.admin1 is None


@pytest.mark.parametrize(
    ("code", "text", "anchor"),
    [
        ("en", "A car bomb killed four 200 km north of Baghdad.", "Baghdad"),
        ("nb", "En bilbombe drepte fire 200 km nord for Bagdad.", "Bagdad"),
    ],
)
def test_far_offsets_are_not_named_after_their_anchor(
    packs: dict[str, LanguagePack], code: str, text: str, anchor: str
) -> None:
    loc = _names(text, packs[code])[anchor].location
    assert loc.precision == 3 and loc.place.name != "Baghdad" and loc.place.admin1 != "Baghdad"
    assert loc.anchor is not None and loc.anchor.name == "Baghdad"


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        ("en", "A bomb hit Kirkuk. Gunmen shot a shopkeeper in the area.", ["in the area"]),
        ("en", "Gunmen attacked nearby Tal Afar and the area of Sinjar.", []),
        ("en", "Gunmen shot two men nearby al-Mayadin. Another man died nearby.", ["nearby"]),
        ("en", "TROOPS CLASHED NEARBY AT DAWN. MORTARS FELL NEARBY MOSUL.", ["NEARBY"]),
        ("nb", "En bombe rammet Kirkuk. Væpnede menn skjøt en mann i nærheten.", ["i nærheten"]),
        ("nb", "Kampene nådde området rundt Sinjar og i nærheten av Tal Afar.", []),
        ("nb", "SOLDATENE FANT TO LIK I OMRÅDET I NATT.", ["I OMRÅDET"]),
    ],
)
def test_area_references(packs: dict[str, LanguagePack], code: str, text: str, want: list[str]) -> None:
    spans = area_references(text, packs[code])
    assert [text[s.start : s.end] for s in spans] == want
    assert all(isinstance(s, Span) for s in spans)
