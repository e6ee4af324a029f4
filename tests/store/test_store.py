"""The event store through its library API, on SQLite and PostgreSQL (`store_url`, `corpus_url`)."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import InputError, StoreError
from sitrep.records import Document, Report
from sitrep.store import EventFilter, Store, dedup, open_store
from sitrep.run import ingest_documents
from sitrep.run import prepare as preparing
from sitrep.store import writer
from sitrep.store.migrations import MIGRATIONS, Migration, applied, migrate
from tests.store.conftest import NO_PG, PG_URL, fresh_pg_database
from tests.store.corpus import (
    ARTICLES,
    GAO_NB,
    KIRKUK_BOMB,
    KIRKUK_COPY,
    KIRKUK_OTHER_OUTLET,
    KIRKUK_TOLL,
    MAIDUGURI_NB,
    MOGADISHU_HOTEL,
)

TABLES = ("documents", "doc_bands", "reports", "events", "merges", "event_history", "migrations")


def doc(article: dict[str, Any]) -> Document:
    """A corpus article as read_inputs makes it."""
    return Document(
        article["id"],
        article["text"],
        dt.date.fromisoformat(article["published"]),
        article["language"],
        article.get("source"),
        article.get("url"),
    )


def ingest(url: str, articles: list[dict[str, Any]]) -> writer.IngestStats:
    with open_store(url) as store:
        return ingest_documents(store, (doc(a) for a in articles))


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    return {t: sorted(tuple(map(repr, r.values())) for r in store.db.rows(f"SELECT * FROM {t}")) for t in TABLES}


def events_of(url: str, **filters: Any) -> list[str]:
    with open_store(url) as store:
        return [e.id for e in store.find_events(EventFilter(**filters))]


def kirkuk_event(url: str) -> str:
    found = events_of(url, text="kirkuk")
    assert len(found) == 1, found
    return found[0]


# --- ingest -----------------------------------------------------------------------------------


def test_ingest_stores_documents_reports_and_merged_events(store_url: str) -> None:
    stats = ingest(store_url, ARTICLES)
    assert (stats.new, stats.near_duplicates, stats.unchanged, stats.skipped) == (6, 1, 0, 0)
    assert stats.reports == stats.events_new + stats.events_merged >= len(ARTICLES)
    with open_store(store_url) as store:
        kirkuk = store.find_events(EventFilter(text="Kirkuk"))
    # Four articles, one event: two outlets, a syndicated copy (counted once) and a toll revision.
    assert len(kirkuk) == 1
    event = kirkuk[0]
    assert {r.event.doc_id for r in event.reports} == {
        a["id"] for a in (KIRKUK_BOMB, KIRKUK_OTHER_OUTLET, KIRKUK_COPY, KIRKUK_TOLL)
    }
    assert event.sources == 3
    assert event.fatalities is not None and (event.fatalities.low, event.fatalities.best) == (4, 6)


def test_reingesting_the_same_input_changes_nothing(store_url: str) -> None:
    ingest(store_url, ARTICLES)
    with open_store(store_url) as store:
        before = dump(store)
        stats = ingest_documents(store, (doc(a) for a in ARTICLES))
        assert dump(store) == before
    assert (stats.new, stats.near_duplicates, stats.unchanged, stats.reports) == (0, 0, len(ARTICLES), 0)


def test_white_space_changes_are_the_same_document(store_url: str) -> None:
    ingest(store_url, [KIRKUK_BOMB])
    respaced = {**KIRKUK_BOMB, "text": "  " + KIRKUK_BOMB["text"].replace(" ", "  ").replace("\n\n", "\n") + "\n"}
    assert ingest(store_url, [respaced]).unchanged == 1


def test_a_new_text_at_a_stored_url_is_a_revision_not_a_new_source(store_url: str) -> None:
    ingest(store_url, [KIRKUK_BOMB])
    revised = {**KIRKUK_BOMB, "text": KIRKUK_BOMB["text"].replace("four policemen", "five policemen")}
    stats = ingest(store_url, [revised])
    assert stats.near_duplicates == 1
    with open_store(store_url) as store:
        (event,) = store.find_events(EventFilter())
    assert (len(event.reports), event.sources) == (2, 1)
    assert event.fatalities is not None and event.fatalities.best == 5


def test_bad_inputs_are_counted_and_the_batch_goes_on(store_url: str) -> None:
    outcomes: list[writer.Outcome] = []
    with open_store(store_url) as store:
        stats = ingest_documents(
            store, [InputError("broken.txt", "empty file"), doc(GAO_NB)], on_progress=lambda o, s: outcomes.append(o)
        )
    assert (stats.skipped, stats.new) == (1, 1)
    assert [(o.name, o.status, o.reason) for o in outcomes][0] == ("broken.txt", "skipped", "empty file")


def test_a_document_whose_extraction_fails_is_skipped_and_the_others_stay(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = preparing.extract_document

    def failing(d: Document) -> list[Any]:
        if d.id == MAIDUGURI_NB["id"]:
            raise RuntimeError("extractor exploded")
        return real(d)

    monkeypatch.setattr(preparing, "extract_document", failing)
    outcomes: list[writer.Outcome] = []
    with open_store(store_url) as store:
        stats = ingest_documents(store, (doc(a) for a in ARTICLES), on_progress=lambda o, s: outcomes.append(o))
        names = {r["name"] for r in store.db.rows("SELECT name FROM documents")}
    assert stats.skipped == 1
    assert next(o for o in outcomes if o.status == "skipped").reason == "RuntimeError: extractor exploded"
    assert names == {a["id"] for a in ARTICLES} - {MAIDUGURI_NB["id"]}


def test_a_failure_inside_the_transaction_leaves_no_trace_of_the_document(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dedup.merge_event

    def failing(event_id: str, reports: list[Report]) -> Any:
        if any(r.event.doc_id == MOGADISHU_HOTEL["id"] for r in reports):
            raise ValueError("merge failed")
        return real(event_id, reports)

    monkeypatch.setattr(dedup, "merge_event", failing)
    stats = ingest(store_url, ARTICLES)
    assert stats.skipped == 1
    with open_store(store_url) as store:
        doc_id = writer.content_id(doc(MOGADISHU_HOTEL))
        assert store.document(doc_id) is None
        for table, column in (("doc_bands", "doc_id"), ("reports", "doc_id")):
            assert store.db.value(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (doc_id,)) == 0
        assert store.db.value("SELECT COUNT(*) FROM merges WHERE report_id LIKE ?", (doc_id[:16] + "%",)) == 0
    monkeypatch.setattr(dedup, "merge_event", real)
    assert ingest(store_url, ARTICLES).new == 1  # re-running finishes the job


# --- filters ----------------------------------------------------------------------------------


def test_no_filter_lists_every_event_newest_first(corpus_url: str) -> None:
    with open_store(corpus_url) as store:
        events = store.find_events(EventFilter())
    dates = [e.date for e in events]
    assert len(events) == 4 and dates == sorted(dates, reverse=True)  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"since": dt.date(2021, 4, 1)}, {"Mogadishu", "Gao"}),
        ({"until": dt.date(2021, 3, 9)}, {"Kirkuk", "Maiduguri"}),
        ({"since": dt.date(2021, 3, 4), "until": dt.date(2021, 4, 30)}, {"Maiduguri", "Mogadishu"}),
        ({"country": "ng"}, {"Maiduguri"}),
        ({"admin1": "borno"}, {"Maiduguri"}),
        ({"actor": "shabaab"}, {"Mogadishu"}),  # actor1
        ({"actor": "Military Forces of Mali"}, {"Gao"}),  # actor2
        ({"claimed_by": "Al-Shabaab"}, {"Mogadishu"}),
        ({"event_type": "Explosions/Remote violence"}, {"Kirkuk", "Maiduguri", "Gao"}),
        ({"event_type": "suicide bomb"}, {"Maiduguri"}),  # a sub-event type
        ({"min_fatalities": 9}, {"Maiduguri", "Mogadishu"}),
        ({"bbox": (40.0, 30.0, 50.0, 40.0)}, {"Kirkuk"}),
        ({"bbox": (-10.0, 0.0, 50.0, 20.0)}, {"Maiduguri", "Mogadishu", "Gao"}),
        ({"bbox": (170.0, -90.0, -170.0, 90.0)}, set()),  # across the antimeridian: the Pacific
        ({"bbox": (40.0, -90.0, -170.0, 90.0)}, {"Kirkuk", "Mogadishu"}),
        ({"text": "SELVMORDSBOMBERE"}, {"Maiduguri"}),  # the article text, any case
        ({"text": "gulf post"}, {"Kirkuk"}),  # any source of the event
        ({"text": "mogadishu"}, {"Mogadishu"}),
        ({"country": "ML", "min_fatalities": 4}, set()),
        ({"min_sources": 2}, {"Kirkuk"}),  # two outlets (the syndicated copy counts once)
        ({"min_sources": 4}, set()),
    ],
)
def test_filters(corpus_url: str, filters: dict[str, Any], expected: set[str]) -> None:
    with open_store(corpus_url) as store:
        events = store.find_events(EventFilter(**filters))
    assert {e.location.place.name for e in events if e.location} == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"country": "SY' OR 1=1 --"},
        {"country": "IQ' OR '1'='1"},
        {"admin1": "x' OR 1=1; DROP TABLE events; --"},
        {"actor": "%"},
        {"actor": "_"},
        {"claimed_by": "%' OR 1=1 --"},
        {"text": "%"},
        {"text": "\\"},
        {"event_type": "') OR ('1'='1"},
    ],
)
def test_filter_values_are_data_not_sql(corpus_url: str, filters: dict[str, Any]) -> None:
    assert events_of(corpus_url, **filters) == []
    assert len(events_of(corpus_url)) == 4  # and nothing was dropped


def test_limit_and_offset_page_through_the_list(corpus_url: str) -> None:
    everything = events_of(corpus_url)
    pages = [events_of(corpus_url, limit=3, offset=0), events_of(corpus_url, limit=3, offset=3)]
    assert pages[0] + pages[1] == everything
    assert events_of(corpus_url, offset=2) == everything[2:]
    assert events_of(corpus_url, limit=0) == []


# --- one event ----------------------------------------------------------------------------------


def test_event_detail_has_sources_evidence_decisions_and_history(corpus_url: str) -> None:
    with open_store(corpus_url) as store:
        detail = store.event(kirkuk_event(corpus_url))
    assert detail is not None
    reports = detail.event.reports
    assert [detail.decisions[r.id].same for r in reports] == [False, True, True, True]
    assert all(detail.decisions[r.id].reasons for r in reports)
    first = reports[0]
    assert detail.documents[first.doc_id].name == KIRKUK_BOMB["id"]
    for ev in detail.evidence(first):
        assert ev["text"] == KIRKUK_BOMB["text"][ev["start"] : ev["end"]]
    tolls = [(h.value["low"], h.value["best"]) for h in detail.history if h.field == "fatalities"]
    assert tolls == [(4, 4), (4, 6)]  # first reported, then revised
    assert [s["report_id"] for s in detail.to_dict()["reports"]] == [r.id for r in reports]


def test_negative_limits_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        EventFilter(offset=-1)


def test_unknown_ids_give_none(corpus_url: str) -> None:
    with open_store(corpus_url) as store:
        assert store.event("ev-000000000000") is None
        assert store.document("0" * 64) is None


def test_documents_keep_their_text_and_metadata(corpus_url: str) -> None:
    with open_store(corpus_url) as store:
        stored = store.document(writer.content_id(doc(KIRKUK_COPY)))
        original = writer.content_id(doc(KIRKUK_BOMB))
    assert stored is not None
    assert (stored.name, stored.text, stored.url, stored.outlet) == (
        KIRKUK_COPY["id"],
        KIRKUK_COPY["text"],
        KIRKUK_COPY["url"],
        KIRKUK_COPY["source"],
    )
    assert stored.duplicate_of == original and stored.published == dt.date(2021, 3, 3)


# --- concurrency, migrations, opening -----------------------------------------------------------


def test_readers_query_while_a_writer_holds_its_transaction(store_url: str) -> None:
    ingest(store_url, [GAO_NB])
    with open_store(store_url) as writer, writer.db.transaction():
        writer.db.execute("UPDATE events SET actor1 = ?", ("Writer In Progress",))
        with open_store(store_url) as reader:  # opening (schema check) must not wait either
            events = reader.find_events(EventFilter())
            assert len(events) == 1 and events[0].actor1 != "Writer In Progress"
            assert reader.find_events(EventFilter(actor="writer in progress")) == []


def test_two_ingests_at_once_store_each_document_once(store_url: str) -> None:
    open_store(store_url).close()  # the schema first, so both threads start on the same footing
    results: list[writer.IngestStats] = []
    threads = [threading.Thread(target=lambda: results.append(ingest(store_url, ARTICLES))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    assert sum(r.new + r.near_duplicates for r in results) == len(ARTICLES)
    assert sum(r.unchanged for r in results) == len(ARTICLES)
    with open_store(store_url) as store:
        assert store.db.value("SELECT COUNT(*) FROM documents") == len(ARTICLES)
        assert store.db.value("SELECT COUNT(DISTINCT doc_id) FROM reports") == len(ARTICLES)


def test_migrations_are_recorded_and_run_once(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(store_url) as store:
        before = applied(store.db)
        assert before == {m.id: m.name for m in MIGRATIONS.values()} and before[1] == "create_tables"
        assert migrate(store.db) == []

        def add_notes_table(db: Any) -> None:
            db.ddl("CREATE TABLE notes (id INTEGER PRIMARY KEY, note TEXT)")

        n = max(MIGRATIONS) + 1
        monkeypatch.setitem(MIGRATIONS, n, Migration(n, "add_notes_table", add_notes_table))
        assert migrate(store.db) == ["add_notes_table"]
        assert migrate(store.db) == []
        assert applied(store.db) == {**before, n: "add_notes_table"}
        at = store.db.value("SELECT applied_at FROM migrations WHERE id = ?", (n,))
        assert dt.datetime.fromisoformat(at).tzinfo is not None


def test_a_migration_number_is_registered_once() -> None:
    from sitrep.store.migrations import migration

    with pytest.raises(ValueError, match="registered twice"):
        migration(1)(lambda db: None)


@pytest.mark.parametrize("url", ["mysql://localhost/x", "/no/such/folder/events.db"])
def test_bad_store_urls_are_one_line_errors(url: str) -> None:
    with pytest.raises(StoreError) as e:
        open_store(url)
    assert "\n" not in str(e.value)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids you are looking for\n" * 100)
    with pytest.raises(StoreError, match="notes.db"):
        open_store(path)


def test_default_store_is_sitrep_db_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.setenv("SITREP_DATA", str(tmp_path / "data"))
    with open_store() as store:
        assert store.db.target == str(tmp_path / "data" / "sitrep.db")
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "chosen.db"))
    with open_store() as store:
        assert store.db.target == str(tmp_path / "chosen.db")


@pytest.mark.skipif(not PG_URL, reason=NO_PG)
def test_postgresql_holds_what_sqlite_holds(tmp_path: Path) -> None:
    sqlite_url = str(tmp_path / "store.db")
    with fresh_pg_database() as pg_url:
        stats = [ingest(url, ARTICLES) for url in (sqlite_url, pg_url)]
        assert replace(stats[0], seconds=0) == replace(stats[1], seconds=0)
        views = [_everything(url) for url in (sqlite_url, pg_url)]
    assert views[0] == views[1]


def _everything(url: str) -> list[dict[str, Any]]:
    """Every event and its detail, without the times things were written."""
    with open_store(url) as store:
        details = [store.event(e.id) for e in store.find_events(EventFilter())]
    out = []
    for d in details:
        assert d is not None
        view = d.to_dict()
        view["history"] = [{k: v for k, v in h.items() if k != "changed_at"} for h in view["history"]]
        out.append(view)
    return out


def test_a_month_precise_event_takes_a_later_report_of_a_day_in_that_month(store_url: str) -> None:
    vague = {
        "id": "vague",
        "published": "2022-05-30",
        "language": "en",
        "source": "Monthly Review",
        "text": "Islamic State militants killed seven soldiers in an ambush near Kirkuk in May 2022, the monthly "
        "security review said.",
    }
    precise = {
        "id": "precise",
        "published": "2022-05-17",
        "language": "en",
        "source": "Daily Wire",
        "text": "KIRKUK, Iraq, May 17, 2022 (Daily Wire) - Islamic State militants ambushed an army patrol near "
        "Kirkuk on Tuesday, killing seven soldiers, the army said.",
    }
    ingest(store_url, [vague, precise])
    with open_store(store_url) as store:
        events = store.find_events(EventFilter(country="IQ"))
    assert len(events) == 1 and events[0].sources == 2
    assert (events[0].date, events[0].date_precision) == (dt.date(2022, 5, 17), "day")  # the most precise date wins


def test_a_nul_character_in_json_text_is_stored_as_a_space(store_url: str, tmp_path: Path) -> None:
    from sitrep.read import read_inputs

    line = {
        "id": "nul\u0000id",
        "text": "KABUL, Oct 5 2019 (Wire) - A bomb killed two\u0000 people in Kabul on Saturday.",
        "language": "en",
        "source": "Wire\u0000",
    }
    path = tmp_path / "nul.jsonl"
    path.write_text(__import__("json").dumps(line) + "\n", encoding="utf-8")
    with open_store(store_url) as store:
        stats = ingest_documents(store, read_inputs([str(path)]))
        assert (stats.new, stats.skipped) == (1, 0)
        assert "\x00" not in store.find_events(EventFilter(text="kabul"))[0].reports[0].outlet
