"""`sitrep reextract` (issue 16): stored documents read again with an edited user lexicon, their
events merged again, an analyst's correction kept; the lexicon version stored per document.
Over SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitrep.cli import main
from sitrep.lang.lexicon import load_lexicon
from sitrep.records import DatasetEvent
from sitrep.store import EventFilter, open_store
from tests.lexicons import MILITIA_ARTICLE, TRIGGER_ARTICLE, VILLAGE, write_lexicon

# A report from before the period re-extracted: left as it was.
OLDER = {
    "id": "older",
    "text": "A roadside bomb killed two soldiers near Diffa, Niger, on 9 March 2021.",
    "published": "2021-03-10",
    "language": "en",
}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def ingest(url: str, folder: Path) -> None:
    rows = [
        OLDER,
        {"id": "militia", "text": MILITIA_ARTICLE, "published": "2024-03-05", "language": "en"},
        {"id": "trigger", "text": TRIGGER_ARTICLE, "published": "2024-03-06", "language": "en"},
    ]
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run("ingest", "--quiet", "--workers", "1", "--db", url, str(path))


def events(url: str) -> list[DatasetEvent]:
    with open_store(url, create=False) as store:
        return sorted(store.find_events(EventFilter()), key=lambda e: e.date)  # type: ignore[arg-type, return-value]


def lexicons(url: str) -> dict[str, str | None]:
    with open_store(url, create=False) as store:
        return {r["name"]: r["lexicon"] for r in store.db.rows("SELECT name, lexicon FROM documents")}


def test_reextract_after_editing_the_lexicon_keeps_the_correction(store_url: str, tmp_path: Path) -> None:
    ingest(store_url, tmp_path)
    diffa, militia = events(store_url)  # the trigger article gave no event without the lexicon
    assert militia.actor1 != "Liwa Jabal Qarnas" and len(events(store_url)) == 2
    assert set(lexicons(store_url).values()) == {None}
    run("review", militia.id, "--db", store_url, "--set", "fatalities=7", "--note", "clinic records")

    lexicon = write_lexicon(tmp_path / "lexicon")
    said = run("reextract", "--db", store_url, "--since", "2024-01-01", "--lexicon", str(lexicon))
    # Two documents re-read (not the 2021 one); the militia event changed and the trigger gave a new one.
    assert said.startswith("documents re-read: 2; reports: 2; events changed: 2;"), said
    older, changed, new = events(store_url)
    assert older.id == diffa.id and older.to_dict() == diffa.to_dict()
    assert changed.id == militia.id  # the same event: the review overlay is still on it
    assert (changed.actor1, changed.location.place.name) == ("Liwa Jabal Qarnas", "Tal Zurayq")  # type: ignore[union-attr]
    assert (changed.location.place.lat, changed.location.place.lon) == VILLAGE  # type: ignore[union-attr]
    assert changed.fatalities.best == 7 and changed.review_status == "corrected"  # type: ignore[union-attr]
    assert new.sub_event_type == "Attack" and new.location.place.name == "Tal Zurayq"  # type: ignore[union-attr]
    version = load_lexicon(lexicon).version
    assert lexicons(store_url) == {"older": None, "militia": version, "trigger": version}
    assert f"lexicon    {version}" in run("events", "show", changed.id, "--db", store_url)

    write_lexicon(lexicon, lat=36.4)  # the analyst moves the village
    said = run("reextract", "--db", store_url, "--lexicon", str(lexicon))
    assert said.startswith("documents re-read: 3; reports: 3; events changed: 2;"), said
    _older, moved, _new = events(store_url)
    assert (moved.id, moved.location.place.lat, moved.fatalities.best) == (militia.id, 36.4, 7)  # type: ignore[union-attr]
    assert set(lexicons(store_url).values()) == {load_lexicon(lexicon).version}

    said = run("reextract", "--db", store_url, "--lexicon", str(lexicon))  # nothing edited: nothing changes
    assert said.startswith("documents re-read: 3; reports: 3; events changed: 0;"), said

    said = run("reextract", "--db", store_url)  # without the lexicon: back to the packs alone
    assert "events changed: 2;" in said
    assert [e.id for e in events(store_url)] == [diffa.id, militia.id]  # the trigger's event is gone
    assert events(store_url)[1].fatalities.best == 7  # type: ignore[union-attr]
