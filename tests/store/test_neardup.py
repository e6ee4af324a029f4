"""Near-duplicate articles: syndicated copies match, other reports of the same event do not."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sitrep.store import neardup

HEADLINE = "Car bomb kills nine at livestock market in Syria's Manbij\n\n"
PARAGRAPHS = [
    "MANBIJ, Syria, March 14 (Wire) - A car bomb exploded at a crowded livestock market in the northern "
    "Syrian town of Manbij on Saturday morning, killing at least nine civilians and wounding more than "
    "twenty others, a local hospital director and a war monitor said.",
    "The blast went off shortly after nine o'clock as traders were unloading sheep and goats from trucks "
    "at the market on the eastern edge of town, witnesses said. Ambulances ferried the wounded to the "
    "town's main hospital, where doctors appealed for blood donations.",
    '"We heard a huge explosion and then everything was dust and screaming," said Ahmad, a trader who '
    'gave only his first name. "Some of the men who were standing next to the trucks are gone."',
    "No group immediately claimed responsibility for the attack. The Kurdish-led Syrian Democratic "
    "Forces, which control the town, blamed Islamic State sleeper cells, which have carried out a string "
    "of bombings in the area over the past year.",
    "The Syrian Observatory for Human Rights, a Britain-based monitor, said the toll could rise because "
    "several of the wounded were in critical condition. Manbij, about 30 km west of the Euphrates, has "
    "been hit by at least four car bombs since January.",
]
ORIGINAL = HEADLINE + "\n\n".join(PARAGRAPHS)

# The same event written independently by another outlet: same facts, other words.
OTHER_OUTLET = (
    "Nine killed as explosives-laden vehicle hits Manbij market\n\n"
    "BEIRUT (Broadcaster) - At least nine people were killed on Saturday when a vehicle packed with "
    "explosives blew up in a livestock market in Manbij, in northern Syria, according to medical "
    "sources in the town.\n\nMore than twenty people were hurt, several of them seriously. Footage shared "
    "by local activists showed burning trucks and dead animals scattered across the market square.\n\n"
    "The Syrian Democratic Forces said Islamic State militants were behind the bombing, although the "
    "jihadist group has not commented. The Britain-based Syrian Observatory for Human Rights warned "
    "that the number of dead was likely to climb."
)
SECOND_REPORT = (
    "Death toll from Manbij market bombing rises to 13\n\n"
    "MANBIJ, Syria, March 15 (Wire) - The number of people killed by Saturday's car bombing at a "
    "livestock market in Manbij has risen to 13 after four of the wounded died in hospital overnight, "
    "the head of the town's health committee said on Sunday.\n\nFuneral processions were held in several "
    "villages around the town, and shops in the centre stayed closed in mourning. Security forces set up "
    "new checkpoints on the roads leading into Manbij from the south and the west."
)


def copy(headline: str = HEADLINE, paragraphs: list[str] | None = None, sep: str = "\n\n") -> str:
    return headline + sep.join(PARAGRAPHS if paragraphs is None else paragraphs)


EDITED_COPIES = {
    "identical": ORIGINAL,
    "new headline and byline": copy("Bombing at Syrian animal market leaves nine dead\nBy Staff Reporter\n\n"),
    "dateline tweak": ORIGINAL.replace("MANBIJ, Syria, March 14 (Wire) -", "MANBIJ (AFP) --"),
    "last paragraph cut": copy(paragraphs=PARAGRAPHS[:-1]),
    "paragraph appended": copy(
        paragraphs=PARAGRAPHS + ["Additional reporting by a correspondent in Qamishli; editing by the night desk."]
    ),
    "whitespace and quotes": copy(sep="\n \n").replace('"', "\u201c").replace("'", "\u2019").replace(" ", "  "),
    "case and accents": ORIGINAL.upper().replace("SYRIA", "SÝRIA"),
    "cut, appended and retitled": copy(
        "Syria: nine die in Manbij blast\n\n",
        PARAGRAPHS[:3] + PARAGRAPHS[4:] + ["Copyright the Wire. All rights reserved."],
    ),
    "six words copy-edited": ORIGINAL.replace("said.", "told reporters.")
    .replace("civilians", "people")
    .replace("blamed", "accused")
    .replace("ferried", "took")
    .replace("Britain-based", "UK-based")
    .replace("string", "series"),
    "cut to three paragraphs of five": copy(paragraphs=PARAGRAPHS[:3]),
}
# Briefs written from one template: other events, however few words differ.
BRIEFS = [
    (
        "A car bomb exploded in Mosul on Saturday, killing three people, police said.",
        "A car bomb exploded in Kirkuk on Saturday, killing three people, police said.",
    ),
    (
        "Gunmen killed four civilians in an attack on a village near Gwoza in Borno state on Monday, "
        "residents told reporters.",
        "Gunmen killed four civilians in an attack on a village near Bama in Borno state on Monday, "
        "residents told reporters.",
    ),
]
PAIR_SET = Path(__file__).with_name("dedup_pairs.toml")


@pytest.fixture(scope="module")
def original() -> bytes:
    return neardup.signature(ORIGINAL)


@pytest.mark.parametrize("name", EDITED_COPIES)
def test_an_edited_copy_is_a_copy_and_shares_a_band(name: str, original: bytes) -> None:
    sig = neardup.signature(EDITED_COPIES[name])
    assert neardup.similarity(original, sig) >= neardup.THRESHOLD
    assert neardup.is_copy(original, sig)
    assert set(neardup.bands(original)) & set(neardup.bands(sig))


@pytest.mark.parametrize("text", [OTHER_OUTLET, SECOND_REPORT])
def test_another_report_of_the_same_event_is_not_a_copy(text: str, original: bytes) -> None:
    assert neardup.similarity(original, neardup.signature(text)) < neardup.THRESHOLD / 3


@pytest.mark.parametrize(("a", "b"), BRIEFS)
def test_briefs_about_other_places_are_not_copies(a: str, b: str) -> None:
    assert not neardup.is_copy(neardup.signature(a), neardup.signature(b))


def test_no_two_articles_of_the_pair_set_are_copies() -> None:
    with PAIR_SET.open("rb") as f:
        texts = [pair[side]["text"] for pair in tomllib.load(f)["pair"] for side in ("a", "b")]
    sigs = [neardup.signature(t) for t in texts]
    worst = max(neardup.similarity(a, b) for a, b in itertools.combinations(sigs, 2))
    assert worst < neardup.THRESHOLD / 2


def test_signature_and_bands_have_fixed_sizes(original: bytes) -> None:
    assert len(original) == neardup.NUM_PERM * 4
    keys = neardup.bands(original)
    assert len(keys) == len(set(keys)) == neardup.BANDS
    assert [k.split(":")[0] for k in keys] == [f"{i:02d}" for i in range(neardup.BANDS)]


def test_similarity_is_symmetric_and_one_for_itself(original: bytes) -> None:
    other = neardup.signature(OTHER_OUTLET)
    assert neardup.similarity(original, original) == 1.0
    assert neardup.similarity(original, other) == neardup.similarity(other, original)


def test_signature_is_the_same_in_another_process(original: bytes) -> None:
    code = "import sys; from sitrep.store import neardup; sys.stdout.write(neardup.signature(sys.stdin.read()).hex())"
    run = subprocess.run(
        [sys.executable, "-c", code],
        input=ORIGINAL,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345", "PYTHONIOENCODING": "utf-8"},
    )
    assert bytes.fromhex(run.stdout) == original


@pytest.mark.parametrize("text", ["", "   \n\t ", "—“…”!?"])
def test_a_text_without_words_matches_nothing(text: str) -> None:
    sig = neardup.signature(text)
    assert len(sig) == neardup.NUM_PERM * 4 and neardup.is_empty(sig)
    assert neardup.bands(sig) == []
    assert neardup.similarity(sig, sig) == 0.0
    assert not neardup.is_copy(sig, neardup.signature(""))


def test_a_very_short_text_matches_only_itself() -> None:
    short = neardup.signature("Blast in Kabul")
    assert not neardup.is_empty(short) and neardup.bands(short)
    assert neardup.similarity(short, neardup.signature("BLAST in kabul!")) == 1.0
    assert neardup.similarity(short, neardup.signature("Blast in Kandahar")) < neardup.THRESHOLD
    assert neardup.similarity(short, neardup.signature(ORIGINAL)) < neardup.THRESHOLD


def test_a_malformed_signature_is_an_error() -> None:
    with pytest.raises(ValueError):
        neardup.similarity(b"abc", b"abc")
