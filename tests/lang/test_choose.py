"""One function chooses the pack a text gets (sitrep.lang.choose), for every entry point."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.cli import main
from sitrep.geo import geoparse
from sitrep.errors import NoLanguagePack
from sitrep.lang import available_languages, load_pack_file, load_shared
from sitrep.lang.choose import UnknownLanguage, candidates, choose_pack, code_table, identify, language_name, pack_code
from sitrep.read import read_inputs

NB_TEXT = "Tre personer ble drept da en bilbombe eksploderte i Kabul mandag, opplyser politiet."
EN_TEXT = "Three policemen were killed when gunmen attacked a checkpoint on the edge of the town, the army said."
# Languages none of the packs of issue 13 covers, in text written for these tests.
IT_TEXT = (
    "Tre agenti di polizia sono stati uccisi quando uomini armati hanno attaccato un posto di blocco "
    "alla periferia della città, ha detto un portavoce dell'esercito."
)
NL_TEXT = (
    "Drie politieagenten zijn gedood toen gewapende mannen een controlepost aan de rand van de stad "
    "aanvielen, zei een woordvoerder van het leger."
)
PL_TEXT = (
    "Trzech policjantów zginęło, gdy uzbrojeni mężczyźni zaatakowali punkt kontrolny na obrzeżach miasta, "
    "poinformowało wojsko."
)
NO_PACK = [(IT_TEXT, "it", "Italian"), (NL_TEXT, "nl", "Dutch"), (PL_TEXT, "pl", "Polish")]


@pytest.mark.parametrize("code", available_languages())
def test_every_code_a_pack_claims_chooses_that_pack(code: str) -> None:
    for alias in [code, *load_pack_file(code, "pack")["langid_codes"]]:
        assert pack_code(alias.upper()) in available_languages()
    assert pack_code(code) == code


@pytest.mark.parametrize(("code", "expected"), [("no", "nb"), ("nob", "nb"), ("NB", "nb"), (" en ", "en")])
def test_aliases(code: str, expected: str) -> None:
    assert pack_code(code) == expected


def test_an_unknown_code_names_itself_and_the_packs() -> None:
    with pytest.raises(UnknownLanguage, match=r"^no language pack for 'xx'; have: " + ", ".join(available_languages())):
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
    assert isinstance(second, NoLanguagePack) and second.language == "xx"
    assert str(second) == f"{path}:2: line 2: no language pack for 'xx'"


def test_cli_takes_an_alias_and_refuses_an_unknown_code(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(NB_TEXT, encoding="utf-8")
    ok = CliRunner().invoke(main, ["extract", "--lang", "no", "--published", "2020-01-15", str(article)])
    assert ok.exit_code == 0 and "Kabul" in ok.output
    bad = CliRunner().invoke(main, ["extract", "--lang", "xx", str(article)])
    assert bad.exit_code == 2 and "no language pack for 'xx'" in bad.output


# --- identification among the packs' languages, their neighbours and the world's ----------------


@pytest.mark.parametrize(("text", "code", "name"), NO_PACK)
def test_a_language_without_a_pack_is_identified_and_refused(text: str, code: str, name: str) -> None:
    assert identify(text) == code
    with pytest.raises(UnknownLanguage) as raised:
        choose_pack(None, text)
    assert (raised.value.code, raised.value.reason) == (code, f"no language pack for {code!r} ({name})")
    # A short text too: the first clause alone.
    assert identify(text.split(",")[0]) == code


@pytest.mark.parametrize("text", [EN_TEXT, EN_TEXT.upper(), EN_TEXT.split(",")[0], NB_TEXT])
def test_the_packs_languages_are_identified_among_the_candidates(text: str) -> None:
    assert choose_pack(None, text) == ("nb" if text == NB_TEXT else "en")


def test_the_candidates_come_from_the_packs_and_the_shared_data() -> None:
    data = load_shared("languages")
    table = code_table((code, load_pack_file(code, "pack")) for code in available_languages())
    chosen = set(candidates(table))
    assert {"en", "no"} <= chosen  # the packs' own codes (py3langid's; "nob" is no code of its)
    assert "nob" not in chosen
    for pack in available_languages():
        assert set(data["neighbours"].get(pack, [])) <= chosen
    assert set(data["world"]) <= chosen
    # A pack's neighbours are candidates only while the pack is there; a code the identifier
    # does not know (a made-up pack's) is left out, not an error.
    alone = candidates({"xx": "xx"})
    assert "fy" in chosen and "fy" not in alone  # Frisian: a neighbour of English, no world language
    assert "xx" not in alone and set(data["world"]) <= set(alone)


def test_a_fragment_is_read_with_a_pack() -> None:
    # Too few letters to tell a language from its neighbours: chosen among the packs, not refused.
    fragments = ("one two three", "Bomb kills five", "Tre ble drept")
    assert [choose_pack(None, t) for t in fragments] == ["en", "en", "nb"]
    # A short headline is never refused on a guess; it goes to the likeliest pack.
    assert choose_pack(None, "To drept i Oslo") in available_languages()
    assert identify("") is None and identify("12 34") is None


def test_every_pack_and_candidate_has_a_name() -> None:
    # Messages name the language: every pack's code and every world language is in names.
    names = load_shared("languages")["names"]
    for code in [*available_languages(), *load_shared("languages")["world"]]:
        assert code in names, code
    assert language_name("IT") == "Italian" and language_name("xx") is None


def test_a_document_in_a_language_without_a_pack_is_skipped_naming_it(tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text(IT_TEXT, encoding="utf-8")
    rows = [
        {"id": "en", "text": EN_TEXT},
        {"id": "nl", "text": NL_TEXT},
        {"id": "it-given", "text": EN_TEXT, "language": "it"},  # a language given wins over the text's
    ]
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "b.jsonl"), str(tmp_path / "it.txt")]))
    assert [type(i).__name__ for i in items] == ["Document", "NoLanguagePack", "NoLanguagePack", "NoLanguagePack"]
    assert [str(i) for i in items[1:]] == [
        f"{tmp_path}/b.jsonl:2: line 2: no language pack for 'nl' (Dutch)",
        f"{tmp_path}/b.jsonl:3: line 3: no language pack for 'it' (Italian)",
        f"{tmp_path}/it.txt: no language pack for 'it' (Italian)",
    ]
    assert [i.language for i in items[1:] if isinstance(i, NoLanguagePack)] == ["nl", "it", "it"]


def test_a_no_pack_error_survives_pickling() -> None:
    # Workers that read files send their errors back to the parent.
    error = NoLanguagePack("a.txt", "no language pack for 'it' (Italian)", "it")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.source, again.reason, again.language) == (NoLanguagePack, "a.txt", error.reason, "it")


def test_extract_names_and_counts_each_document_without_a_pack(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "it.txt").write_text(IT_TEXT, encoding="utf-8")
    (tmp_path / "nl.txt").write_text(NL_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--published", "2020-01-15", str(tmp_path)])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert f"sitrep: skipped {tmp_path}/it.txt: no language pack for 'it' (Italian)" in lines
    assert f"sitrep: skipped {tmp_path}/nl.txt: no language pack for 'nl' (Dutch)" in lines
    assert lines[-1] == "sitrep: 2 input(s) skipped (2 with no language pack)"
    assert json.loads(result.stdout.splitlines()[0])["fatalities"] == 3  # the English one is read


def test_extract_with_only_documents_without_a_pack_reads_nothing(tmp_path: Path) -> None:
    (tmp_path / "it.txt").write_text(IT_TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "it.txt")])
    assert result.exit_code == 1 and "no language pack for 'it' (Italian)" in result.stderr


def test_the_readme_lists_every_pack() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Languages\n", 1)[1].split("\n## ", 1)[0]
    for code in available_languages():
        assert f"| `{code}` |" in section, f"README.md, Languages: no row for the {code} pack"


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
