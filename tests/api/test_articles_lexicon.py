"""POST /api/articles reads with the user lexicon as `extract` and `ingest` do (issue 16): the
lexicon of $SITREP_LEXICON (`sitrep serve --lexicon DIR` sets the one in use), its version in
each report of GET /api/events/{id}."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.lang.lexicon import load_lexicon
from tests.api.conftest import auth
from tests.lexicons import MILITIA_ARTICLE, TRIGGER_ARTICLE, VILLAGE, write_lexicon

ARTICLES = [
    {"id": "militia", "text": MILITIA_ARTICLE, "published": "2024-03-05", "language": "en"},
    {"id": "trigger", "text": TRIGGER_ARTICLE, "published": "2024-03-06", "language": "en"},
]


def test_an_upload_is_read_with_the_lexicon(
    writer: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = write_lexicon(tmp_path / "lexicon")
    monkeypatch.setenv("SITREP_LEXICON", str(lexicon))
    assert writer.post("/api/articles", json=ARTICLES, headers=auth()).json()["new"] == 2
    found = sorted(writer.get("/api/events").json()["events"], key=lambda e: e["date"])
    assert [(e["actor1"], e["location"]["name"]) for e in found] == [
        ("Liwa Jabal Qarnas", "Tal Zurayq"),
        ("Unidentified Armed Group", "Tal Zurayq"),  # a trigger word of the lexicon's
    ]
    assert (found[0]["location"]["lat"], found[0]["location"]["lon"]) == VILLAGE
    detail = writer.get(f"/api/events/{found[0]['id']}").json()
    assert [r["lexicon"] for r in detail["reports"]] == [load_lexicon(lexicon).version]
