"""A new language is a folder of data only: a toy language "xx", made in a temporary folder from
the English pack's files with its own made-up words (a verb for killing, a number, a victim noun,
a month, a preposition), is read by an Extractor over that folder, and nothing in sitrep/ names it.
A small gazetteer of a few rows, built here, stands in for the user's."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest

from sitrep.dateline import dateline_words, read_dateline
from sitrep.extract import Extractor, default_extractor, extract_document
from sitrep.extract.sentences import split_sentences
from sitrep.geo import build as builder
from sitrep.geo import country_of_demonym
from sitrep.geo.gazetteer import Gazetteer, load
from sitrep.lang import PACK_DIR, PACK_FILES, available_languages, load_pack
from sitrep.lang.choose import UnknownLanguage
from sitrep.lang.packset import PackSet
from sitrep.records import Count, Document

# Made-up words, each added to the list of the English pack that plays its part (file, the text
# it is added after, the words added). The English words stay: what matters is that the
# made-up ones, which no code knows, work once the data has them.
TOY_WORDS = [
    ("pack", 'name = "English"', 'name = "Toy"'),
    ("pack", 'langid_codes = ["en", "eng"]', 'langid_codes = ["xx"]'),
    ("triggers", 'patterns = ["ambush(?:ed|es)?",', 'patterns = ["zorped", "ambush(?:ed|es)?",'),
    ("casualties", 'killed_active = ["killed",', 'killed_active = ["zorped", "killed",'),
    ("casualties", 'victims = ["humans",', 'victims = ["vorkels?", "humans",'),
    ("numbers", "[units]\n", "[units]\nblin = 3\n"),
    ("dates", "months = { january = 1,", "months = { flimber = 1, january = 1,"),
    ("places", '[prepositions]\n"in" = "in"\n', '[prepositions]\n"ki" = "in"\n"in" = "in"\n'),
    # Words read across every pack of a set: a demonym, a sentence's abbreviation.
    ("places", 'TR = ["turkish", "turk"]', 'TR = ["grublish", "turkish", "turk"]'),
    ("pack", 'abbreviations = [\n    "mr",', 'abbreviations = [\n    "blorg", "mr",'),
]
TEXT = "Grublers zorped blin vorkels ki Mosul 14 flimber 2020."
PUBLISHED = dt.date(2020, 1, 20)


def _toy_pack(folder: Path) -> Path:
    """The English pack copied to folder/xx, with the made-up words of TOY_WORDS."""
    pack = folder / "xx"
    pack.mkdir(parents=True)
    for name in PACK_FILES:
        shutil.copy(PACK_DIR / "en" / f"{name}.toml", pack / f"{name}.toml")
    for name, old, new in TOY_WORDS:
        path = pack / f"{name}.toml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"en/{name}.toml changed: {old!r} is not there once"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def toy_packs(tmp_path_factory: pytest.TempPathFactory) -> PackSet:
    # Once per module: every test reads the same toy pack.
    return PackSet(_toy_pack(tmp_path_factory.mktemp("packs")))


# A few places, as GeoNames rows would give them: (geonameid, name, country, admin1, admin2, lat,
# lon, population, feature class, feature code) and the names each is known by.
FIXTURE_PLACES = [
    ((8000001, "Mosul", "IQ", "15", None, 36.335, 43.119, 1_739_800, "P", "PPLA"), [("Mosul", 0), ("Al Mawsil", 2)]),
    ((8000002, "Zorbad", "IQ", "15", None, 36.1, 43.3, 12_000, "P", "PPL"), [("Zorbad", 0)]),
    ((8000003, "Iraq", "IQ", None, None, 33.0, 44.0, 38_000_000, "A", "PCLI"), [("Iraq", 0)]),
]


@pytest.fixture(scope="module")
def small_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A gazetteer of FIXTURE_PLACES only, in the schema of the real one (built in milliseconds)."""
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(builder.SCHEMA)
        writer = builder.Writer(db)
        for row, names in FIXTURE_PLACES:
            writer.place(row, names)
        writer.flush()
        db.execute("INSERT INTO admin_names VALUES ('IQ.15', 'Nineveh')")
        builder._index(db)  # the search indexes, as a build makes them
    return Gazetteer(path)


def test_a_toy_language_is_a_folder_of_data(toy_packs: PackSet) -> None:
    assert toy_packs.codes == ("xx",)
    assert toy_packs.code("xx", TEXT) == "xx"
    extractor = Extractor(toy_packs, load())
    [event] = extractor.extract(Document("toy", TEXT, PUBLISHED, "xx"))
    assert (event.sub_event_type, event.fatalities) == ("Attack", Count(3, 3, 3))
    assert (event.date, event.date_precision) == (dt.date(2020, 1, 14), "day")
    assert event.location is not None and event.location.place.country == "IQ"
    location = dict(event.evidence)["location"]
    assert TEXT[location.start : location.end] == "ki Mosul"


def test_the_made_up_words_come_from_the_pack_alone(toy_packs: PackSet) -> None:
    # The same text read with the English pack, which lacks the words, tells nothing.
    assert extract_document(Document("toy", TEXT, PUBLISHED, "en")) == []
    assert Extractor(toy_packs, load()).extract(Document("toy", TEXT, PUBLISHED, "xx"))


def test_a_pack_set_knows_only_its_own_packs(toy_packs: PackSet) -> None:
    with pytest.raises(UnknownLanguage, match=r"'en'.*have: xx"):
        toy_packs.choose("en", TEXT)
    # A made-up language is no language the identifier knows: it is chosen by its code, and a text
    # identified as a real language the set has no pack for is refused, not read with the toy pack.
    with pytest.raises(UnknownLanguage, match=r"have: xx"):
        toy_packs.code(None, TEXT)
    assert toy_packs.code(None, "") == "xx"  # nothing to identify: the set's own pack


def test_an_extractor_reads_places_from_its_own_gazetteer(toy_packs: PackSet, small_gazetteer: Gazetteer) -> None:
    extractor = Extractor(toy_packs, small_gazetteer)
    text = TEXT.replace("Mosul", "Zorbad")  # a village only the small gazetteer has
    [event] = extractor.extract(Document("toy", text, PUBLISHED, "xx"))
    assert event.location is not None
    assert (event.location.place.name, event.location.place.geonameid, event.location.place.admin1) == (
        "Zorbad",
        8000002,
        "Nineveh",
    )
    [place] = extractor.geoparse(text, "xx")
    assert place.location.place.geonameid == 8000002


def test_the_default_extractor_reads_the_package_packs_and_is_one_per_process() -> None:
    extractor = default_extractor()
    assert extractor is default_extractor() and extractor.gazetteer is load()
    assert extractor.packs.get("en") is load_pack("en")  # what stages compile is shared with load_pack's callers
    assert extractor.packs.codes == available_languages()


def test_an_unknown_language_error_names_the_set_packs_after_pickling(toy_packs: PackSet) -> None:
    with pytest.raises(UnknownLanguage) as raised:
        toy_packs.get("nb")
    again = pickle.loads(pickle.dumps(raised.value))  # workers send errors back to the parent
    assert (again.code, again.have, str(again)) == ("nb", ("xx",), str(raised.value))


# A dateline in the toy language's month, a soldier of the toy language's demonym.
DATELINE_TEXT = "MOSUL, 14 FLIMBER 2020 -- Grublish soldiers zorped blin vorkels ki Mosul yesterday."


def test_the_tables_read_across_languages_take_the_set_packs(toy_packs: PackSet) -> None:
    """Dateline words, demonyms and the sentence rules of a text of no known language are read
    across every pack; for a PackSet, across its packs, so the toy pack's words count there."""
    found = read_dateline(DATELINE_TEXT, dateline_words(toy_packs))
    assert found is not None and found.date == dt.date(2020, 1, 14)
    package = read_dateline(DATELINE_TEXT, dateline_words())  # the package's packs lack "flimber"
    assert package is not None and package.date is None
    assert country_of_demonym("Grublish", toy_packs) == "TR" and country_of_demonym("Grublish") is None
    text = "They met Blorg. Smith in Mosul."
    assert len(split_sentences(text, toy_packs)) == 1  # "blorg" is an abbreviation of the toy pack
    assert len(split_sentences(text)) == 2


def test_an_extractor_reads_datelines_and_demonyms_with_its_set_packs(toy_packs: PackSet) -> None:
    [event] = Extractor(toy_packs, load()).extract(Document("toy", DATELINE_TEXT, None, "xx"))
    # "yesterday" of the dateline's date, which only the toy month gives (no publication date).
    assert event.date == dt.date(2020, 1, 13)
    # The toy demonym names the state, not the country of the place (Iraq).
    assert event.actor1 == "Military Forces of Turkey"
