"""Per-language tables for casualties.toml `disasters` (extract/disasters.py): a text whose last
casualty phrase has no violent deed of its own, and the disaster word that phrase is laid to
("" when its toll stays violence's: no disaster before it, or an attack told between)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.extract.counts import read_casualties
from sitrep.extract.disasters import disaster_cause
from sitrep.extract.triggers import find_triggers
from sitrep.lang import available_languages, load_pack
from sitrep.records import Span
from tests.matched import read_table

HERE = Path(__file__).parent


def _cases() -> list[tuple[str, list[str]]]:
    out = []
    for lang in available_languages():
        path = HERE / lang / "disasters.toml"
        assert path.is_file(), f"every pack needs a disasters table: {path}"
        out += [(lang, case) for case in read_table(path)["cases"]]
    return out


@pytest.mark.parametrize("lang,case", _cases(), ids=lambda c: str(c)[:40])
def test_disaster_table(lang: str, case: list[str]) -> None:
    text, cause = case
    pack = load_pack(lang)
    casualties, other_deaths = read_casualties(text, pack)
    assert casualties, "no casualty phrase"
    # As extract/assemble.py reads them: a death word inside a toll of another cause is no trigger.
    triggers = [
        t
        for t in find_triggers(text, pack)
        if not any(o.start <= t.span.start and t.span.end <= o.end for o in other_deaths)
    ]
    word = disaster_cause(text, pack, Span(0, len(text)), casualties[-1].span, triggers)
    assert (text[word.start : word.end] if word else "") == cause


@pytest.mark.parametrize("lang", available_languages())
def test_every_pack_tells_a_disaster_and_a_deed_between(lang: str) -> None:
    """Each table has a toll laid to a disaster and one a deed takes back to violence."""
    causes = [case[1] for case in read_table(HERE / lang / "disasters.toml")["cases"]]
    assert any(causes) and "" in causes
