"""The store's tables, as migrations. Written in SQLite's dialect with types both servers know
(TEXT, INTEGER, REAL, BLOB; `Database.ddl` maps REAL and BLOB for PostgreSQL). Dates are
ISO-8601 TEXT, so they compare and sort the same way in both; JSON is TEXT.

documents      one row per distinct article (id: content hash); duplicate_of: the article it
               is a near-copy of; signature: its MinHash (sitrep.store.neardup)
doc_bands      LSH band keys of each signature: candidate copies in one indexed lookup
reports        one row per event extracted from an article: the Event as JSON, the dataset
               event it joined, and seq, the global ingest order
events         the dataset: merged fields as columns for filtering, DatasetEvent.to_dict() as data
merges         why each report joined its event (Decision as JSON)
event_history  the value of a tracked field each time a report changed it (toll revisions)
store_version  one row: a counter every committed write raises (Store.version), so readers can
               keep results (the API's trends and alerts) until the store changes
event_reviews  an analyst's overlay on an event: its status and the values set (sitrep/store/review.py)
reviews        every review action: what was set, the machine's value it covered, who, when and why
watch_sources  `sitrep watch`: one row per source (feed URL, folder, JSON Lines file) saying how
               far it has been read (ETag, Last-Modified, position as JSON) and how its last
               poll went (sitrep/store/watch.py)
watch_alerts   each surge alert sent, per sink, so that it is sent once across restarts
watch_cycles   each finished watch cycle: when, what it stored, what failed
documents.lexicon  the version (content hash) of the user lexicon that coded the document's
               reports (sitrep/lang/lexicon.py); NULL when none was used (migration 5)
"""

from __future__ import annotations

from sitrep.store.backends import Database
from sitrep.store.migrations import migration

TABLES = (
    """CREATE TABLE documents (
        id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT, url TEXT, outlet TEXT, lang TEXT,
        published TEXT, text TEXT NOT NULL, signature BLOB, duplicate_of TEXT, ingested_at TEXT NOT NULL)""",
    "CREATE TABLE doc_bands (band TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id),"
    " PRIMARY KEY (band, doc_id))",
    """CREATE TABLE reports (
        id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id), event_id TEXT NOT NULL,
        seq INTEGER NOT NULL UNIQUE, k INTEGER NOT NULL, date TEXT, country TEXT, event TEXT NOT NULL)""",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY, date TEXT, date_precision TEXT, country TEXT, admin1 TEXT, location_name TEXT,
        lat REAL, lon REAL, event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT, claimed_by TEXT,
        fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
        wounded_low INTEGER, wounded_best INTEGER, wounded_high INTEGER,
        sources INTEGER NOT NULL, confidence REAL, first_seq INTEGER NOT NULL, data TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE merges (
        report_id TEXT PRIMARY KEY REFERENCES reports(id), event_id TEXT NOT NULL, decision TEXT NOT NULL)""",
    """CREATE TABLE event_history (
        event_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL, value TEXT,
        report_id TEXT NOT NULL REFERENCES reports(id), changed_at TEXT NOT NULL,
        PRIMARY KEY (event_id, seq, field))""",
)

INDEXES = (
    "CREATE INDEX documents_url ON documents (url)",
    "CREATE INDEX doc_bands_doc ON doc_bands (doc_id)",
    "CREATE INDEX reports_event ON reports (event_id)",
    "CREATE INDEX reports_doc ON reports (doc_id)",
    "CREATE INDEX events_date ON events (date)",
    # Candidate events for dedup are looked up by country and date range.
    "CREATE INDEX events_country_date ON events (country, date)",
    "CREATE INDEX events_admin1 ON events (admin1)",
    "CREATE INDEX events_lat ON events (lat)",
    "CREATE INDEX events_event_type ON events (event_type)",
    "CREATE INDEX events_sub_event_type ON events (sub_event_type)",
    "CREATE INDEX merges_event ON merges (event_id)",
)


@migration(1)
def create_tables(db: Database) -> None:
    for sql in (*TABLES, *INDEXES):
        db.ddl(sql)


@migration(2)
def add_store_version(db: Database) -> None:
    # One row, raised in the same transaction as each write (writer.BatchWriter.flush): a reader
    # that sees the counter unchanged sees the same data, on SQLite and PostgreSQL alike.
    db.ddl("CREATE TABLE store_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)")
    db.execute("INSERT INTO store_version (id, version) VALUES (1, 0)")


@migration(3)
def add_watch_state(db: Database) -> None:
    # Watch state is not event data: writing it does not raise store_version (no cached read of
    # events or alerts goes stale when a feed is polled).
    db.ddl(
        """CREATE TABLE watch_sources (
        source TEXT PRIMARY KEY, kind TEXT NOT NULL, etag TEXT, last_modified TEXT, position TEXT NOT NULL,
        documents INTEGER NOT NULL, checked_at TEXT, ok_at TEXT, error TEXT)"""
    )
    db.ddl(
        """CREATE TABLE watch_alerts (
        alert TEXT NOT NULL, sink TEXT NOT NULL, sent_at TEXT NOT NULL, payload TEXT NOT NULL,
        PRIMARY KEY (alert, sink))"""
    )
    db.ddl(
        """CREATE TABLE watch_cycles (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, documents INTEGER NOT NULL,
        events_new INTEGER NOT NULL, events_merged INTEGER NOT NULL, alerts_sent INTEGER NOT NULL,
        failures INTEGER NOT NULL, notes TEXT NOT NULL)"""
    )


@migration(4)
def add_reviews(db: Database) -> None:
    db.ddl("ALTER TABLE events ADD COLUMN review_status TEXT")
    db.ddl("CREATE INDEX events_review_status ON events (review_status)")
    db.ddl(
        "CREATE TABLE event_reviews (event_id TEXT PRIMARY KEY, status TEXT NOT NULL, corrections TEXT NOT NULL,"
        " updated_at TEXT NOT NULL)"
    )
    db.ddl(
        "CREATE TABLE reviews (event_id TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, field TEXT,"
        " value TEXT, machine TEXT, note TEXT, reviewer TEXT, at TEXT NOT NULL, PRIMARY KEY (event_id, seq))"
    )


@migration(5)
def add_document_lexicon(db: Database) -> None:
    # Which user lexicon coded a document (its version, a hash of the folder; NULL: none), so that
    # `sitrep reextract` can tell the documents an edited lexicon has not coded yet.
    db.ddl("ALTER TABLE documents ADD COLUMN lexicon TEXT")
