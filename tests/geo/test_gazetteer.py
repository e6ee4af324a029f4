from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from sitrep.geo import country_name, country_of_demonym, gazetteer
from sitrep.lang import PACK_DIR, available_languages


def test_build_is_cached_and_current() -> None:
    path = gazetteer.build_gazetteer()
    assert path.is_file() and path == gazetteer.cache_path()
    assert gazetteer.build_gazetteer() == path  # second call reuses the cache


def test_corrupt_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    source = gazetteer.build_gazetteer()
    monkeypatch.setenv("SITREP_DATA", str(tmp_path))
    shutil.copy(source, gazetteer.cache_path())
    gazetteer.cache_path().write_bytes(b"not a gazetteer")
    gazetteer.load.cache_clear()
    try:
        gaz = gazetteer.load()
    finally:
        gazetteer.load.cache_clear()
    assert gaz.ids("baghdad")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rebuilding" in err and "Traceback" not in err


def test_committed_data_is_small() -> None:
    for path in gazetteer.DATA.iterdir():
        assert path.stat().st_size < 5_000_000, path


@pytest.mark.parametrize("iso, name", [("IQ", "Iraq"), ("SY", "Syria"), ("RU", "Russia"), ("US", "United States"),
                                       ("sv", "El Salvador"), ("CD", "Democratic Republic of Congo"), ("XX", None)])
def test_country_name(iso: str, name: str | None) -> None:
    assert country_name(iso) == name


@pytest.mark.parametrize("word, iso", [
    ("Iraqi", "IQ"), ("Iraqis", "IQ"), ("SYRIAN", "SY"), ("Afghan", "AF"), ("Afghans", "AF"), ("Salvadoran", "SV"),
    ("Colombian", "CO"), ("Peruvian", "PE"), ("Nicaraguan", "NI"), ("Ukrainian", "UA"), ("South Korean", "KR"),
    ("irakisk", "IQ"), ("irakiske", "IQ"), ("syrisk", "SY"), ("afghansk", "AF"), ("norsk", "NO"), ("nordmenn", "NO"),
    ("russiske", "RU"), ("Baghdad", None), ("the", None),
])
def test_country_of_demonym(word: str, iso: str | None) -> None:
    assert country_of_demonym(word) == iso


def test_places_files_share_one_schema() -> None:
    keys = []
    for code in available_languages():
        with (PACK_DIR / code / "places.toml").open("rb") as f:
            keys.append(sorted(tomllib.load(f)))
    assert keys and all(k == keys[0] for k in keys)
