"""One function chooses the pack a text gets (sitrep.lang.choose), for every entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.cli import main
from sitrep.geo import geoparse
from sitrep.lang import available_languages, load_pack_file
from sitrep.lang.choose import UnknownLanguage, choose_pack, pack_code
from sitrep.read import read_inputs

NB_TEXT = "Tre personer ble drept da en bilbombe eksploderte i Kabul mandag, opplyser politiet."


@pytest.mark.parametrize("code", available_languages())
def test_every_code_a_pack_claims_chooses_that_pack(code: str) -> None:
    for alias in [code, *load_pack_file(code, "pack")["langid_codes"]]:
        assert pack_code(alias.upper()) in available_languages()
    assert pack_code(code) == code


@pytest.mark.parametrize(("code", "expected"), [("no", "nb"), ("nob", "nb"), ("NB", "nb"), (" en ", "en")])
def test_aliases(code: str, expected: str) -> None:
    assert pack_code(code) == expected


def test_an_unknown_code_names_itself_and_the_packs() -> None:
    with pytest.raises(UnknownLanguage, match=r"'xx'.*have: " + ", ".join(available_languages())):
        choose_pack("xx", "any text")


def test_detected_when_no_code_is_given() -> None:
    assert choose_pack(None, NB_TEXT) == "nb"


def test_extract_and_geoparse_read_an_alias_alike() -> None:
    events = sitrep.extract(NB_TEXT, lang="no", published="2020-01-15")
    assert [e.fatalities.best for e in events if e.fatalities] == [3]
    assert events == sitrep.extract(NB_TEXT, lang="nb", published="2020-01-15")
    assert [p.text for p in geoparse(NB_TEXT, "no")] == [p.text for p in geoparse(NB_TEXT, "nb")] == ["Kabul"]
    with pytest.raises(UnknownLanguage):
        sitrep.extract(NB_TEXT, lang="xx")
    with pytest.raises(UnknownLanguage):
        geoparse(NB_TEXT, "xx")


def test_a_record_with_an_unknown_language_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": NB_TEXT, "language": "no"}, {"id": "b", "text": NB_TEXT, "language": "xx"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    first, second = read_inputs([str(path)])
    assert isinstance(first, sitrep.Document) and first.lang == "nb"
    assert isinstance(second, sitrep.InputError)
    assert str(second).startswith(f"{path}:2: line 2: no language pack 'xx'")


def test_cli_takes_an_alias_and_refuses_an_unknown_code(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(NB_TEXT, encoding="utf-8")
    ok = CliRunner().invoke(main, ["extract", "--lang", "no", "--published", "2020-01-15", str(article)])
    assert ok.exit_code == 0 and "Kabul" in ok.output
    bad = CliRunner().invoke(main, ["extract", "--lang", "xx", str(article)])
    assert bad.exit_code == 2 and "no language pack 'xx'" in bad.output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tre soldater dödades i går.", "sv"),
        ("En bomb exploderade i Kabul på måndagen och dödade fem personer, uppger polisen.", "sv"),
        ("Tre soldater ble drept i går.", "nb"),
        ("En bombe eksploderede i Kabul mandag og dræbte fem personer, oplyser politiet.", "nb"),
    ],
)
def test_swedish_is_told_from_norwegian_and_danish(text: str, expected: str) -> None:
    """The sv pack claims only Swedish: Norwegian and Danish (nb claims "da") stay with nb."""
    assert choose_pack(None, text) == expected
