"""A tiny wrapper over sqlite3 and psycopg 3 connections, so the store writes its SQL once.

SQL is written in SQLite's dialect with `?` placeholders; for PostgreSQL the placeholders
become `%s` and the few column types that differ are swapped in DDL (`ddl`). Values always
travel as parameters, never inside the SQL text.

Transactions are explicit in both: the sqlite3 connection runs in autocommit mode
(isolation_level=None) and `transaction()` issues BEGIN IMMEDIATE / COMMIT itself; the psycopg
connection is in autocommit mode and `transaction()` uses psycopg's own transaction block.

A reader's connection (write=False) cannot write: SQLite opens the file read-only (a read-only
file and folder are enough), PostgreSQL marks every transaction read-only (a role allowed
SELECT alone is enough). A writer's turns the SQLite file to WAL only in `start_writing`, once
the file is known to be a store (sitrep/store/migrations.py): another program's file is never
changed.
"""

from __future__ import annotations

import math
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitrep import settings
from sitrep.errors import StoreError

Row = dict[str, Any]
Params = Sequence[Any]

# A writer waits this long for another writer's lock before giving up (ms). Long, because a
# second `sitrep ingest` against the same file should queue rather than fail.
BUSY_TIMEOUT_MS = 60_000
# One key for every store writer on a PostgreSQL server: ingests serialise, as they do on SQLite.
PG_WRITE_LOCK = 7_274_201
_PG_TYPES = {r"\bBLOB\b": "BYTEA", r"\bREAL\b": "DOUBLE PRECISION"}  # PostgreSQL's REAL is 4 bytes


class Database:
    """One connection; `dialect` is 'sqlite' or 'postgresql'."""

    dialect: str
    target: str  # what was opened, for messages
    errors: tuple[type[Exception], ...]  # the driver's exceptions
    # Of them, those about the values a statement was given (DB-API DataError: PostgreSQL refuses
    # a NUL in text), not about the store: one document's problem, not the batch's.
    data_errors: tuple[type[Exception], ...]

    def rows(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query, as {column: value}."""
        cur = self._execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def row(self, sql: str, params: Params = ()) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: Params = ()) -> Any:
        """The first column of the first row, or None."""
        row = self._execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Params = ()) -> None:
        self._execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._executemany(sql, rows)

    def ddl(self, sql: str) -> None:
        """Run schema SQL written for SQLite, with PostgreSQL's types swapped in there."""
        self.execute(self.ddl_text(sql))

    def ddl_text(self, sql: str) -> str:
        return sql

    def start_writing(self) -> None:
        """Before the first write of a writer's connection (SQLite: the journal mode)."""

    def _execute(self, sql: str, params: Params) -> Any:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Params]) -> None:
        raise NotImplementedError

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        raise NotImplementedError
        yield  # pragma: no cover

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: a part that an exception undoes alone (one document of a batch)."""
        raise NotImplementedError
        yield  # pragma: no cover

    def close(self) -> None:
        raise NotImplementedError


def no_store_yet(target: str) -> str:
    return f"{target}: no event store there yet (`sitrep ingest` makes one)"


class SqliteDatabase(Database):
    dialect = "sqlite"
    errors = (sqlite3.Error,)
    data_errors = (sqlite3.DataError,)

    def __init__(self, path: Path, write: bool = True) -> None:
        self.target = str(path)
        if not path.parent.is_dir():
            raise StoreError(f"{path}: cannot open database: folder {path.parent} does not exist")
        if not write and not path.exists():
            raise StoreError(no_store_yet(str(path)))
        try:
            self.conn = _connect(path) if write else _connect_read_only(path)
            self._configure()
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot open database: {e}") from None

    def start_writing(self) -> None:
        # WAL: readers never block the writer nor wait for it. It is recorded in the file, so
        # it is set by writers only, once the file is known to be a store (or a new one).
        self.conn.execute("PRAGMA journal_mode = WAL")

    def _configure(self) -> None:
        # synchronous=NORMAL: in WAL mode a commit survives the process being killed (the WAL is
        # in the OS cache); only a power cut can lose the last commits, never corrupt the file.
        # These settings are the connection's own: they write nothing to the file.
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        # Speed of ingest (2,000 articles, store part alone: 1.31 -> 1.04 ms per document): the
        # dedup lookups and the band index touch pages all over the file, which the default
        # 2 MiB page cache rereads at every document (64 MiB, allocated as used); and each
        # checkpoint copies the index pages every commit rewrites back into the file, so ten
        # times rarer checkpoints (a WAL of up to ~40 MB) copy them ten times less often.
        self.conn.execute("PRAGMA cache_size = -65536")
        self.conn.execute("PRAGMA wal_autocheckpoint = 10000")
        self.conn.execute("PRAGMA foreign_keys = ON")
        # SQLite's own lower() folds ASCII only; PostgreSQL's folds every letter. The same
        # function here makes case-insensitive filters agree across backends ("Ålesund").
        self.conn.create_function("lower", 1, _lower, deterministic=True)
        # log10 (the review queue's worth, sitrep/store/queue.py) is built into SQLite only
        # when it was compiled with its math functions, as PostgreSQL always has it.
        self.conn.create_function("log10", 1, _log10, deterministic=True)

    def _execute(self, sql: str, params: Params) -> Any:
        return self.conn.execute(sql, params)

    def _executemany(self, sql: str, rows: Sequence[Params]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue instead of one failing
        # with "database is locked" halfway through; a read transaction is a consistent snapshot.
        self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        self.conn.execute("SAVEPOINT part")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO part")
            self.conn.execute("RELEASE part")
            raise
        self.conn.execute("RELEASE part")

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write the file (mode=ro). A WAL store whose folder this process
    cannot write, with no write-ahead log beside it (no writer has it open), cannot be read so:
    SQLite would have to create its shared-memory index there. Then it is read as an immutable
    file, which it is for as long as no writer opens it (one that does mid-read is not seen).
    With a log present (a writer at work), its index is read as it is, read-only."""
    conn = sqlite3.connect(_file_uri(path, "mode=ro"), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        conn.close()
        # sqlite_errorcode is an extended code: its low byte is the primary one.
        primary = e.sqlite_errorcode & 0xFF
        if primary not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) or Path(f"{path}-wal").exists():
            raise
    return sqlite3.connect(_file_uri(path, "immutable=1"), uri=True, isolation_level=None)


def _file_uri(path: Path, query: str) -> str:
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"


def _lower(value: str | bytes | int | float | None) -> str | bytes | int | float | None:
    return value.lower() if isinstance(value, str) else value


def _log10(value: float | None) -> float | None:
    return math.log10(value) if isinstance(value, (int, float)) and value > 0 else None


class PostgresDatabase(Database):
    dialect = "postgresql"

    def __init__(self, url: str, write: bool = True) -> None:
        import psycopg

        self.target = _redact(url)
        self.errors, self.data_errors = (psycopg.Error,), (psycopg.DataError,)
        try:
            self.conn = psycopg.connect(url, autocommit=True)
            # psycopg prepares a statement run 5 times, and the server may then keep one generic
            # plan for the session. Made while an ingest has barely filled the tables, that plan
            # scans them whole (a 40x slowdown measured on 1,300 articles); a plan for each
            # execution sees the tables as they are.
            self.conn.execute("SET plan_cache_mode = force_custom_plan")
            if not write:  # a reader: the server refuses any write, whatever the role may do
                self.conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as e:
            raise StoreError(f"{self.target}: cannot connect: {first_line(e)}") from None

    def ddl_text(self, sql: str) -> str:
        for sqlite_type, pg_type in _PG_TYPES.items():
            sql = re.sub(sqlite_type, pg_type, sql)
        return sql

    def _execute(self, sql: str, params: Params) -> Any:
        return self.conn.execute(_pg_placeholders(sql), params)

    def _executemany(self, sql: str, rows: Sequence[Params]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pg_placeholders(sql), rows)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        with self.conn.transaction():
            if write:
                # Asynchronous commit, as SQLite's synchronous=NORMAL: the commit does not wait
                # for the WAL flush (the fsync halved ingest speed). A killed client loses
                # nothing committed; a server crash may lose the last fraction of a second of
                # commits, never consistency, and re-running the ingest restores them.
                self.conn.execute(
                    "SELECT pg_advisory_xact_lock(%s), set_config('synchronous_commit', 'off', true)", (PG_WRITE_LOCK,)
                )
            yield

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        with self.conn.transaction():  # nested in a transaction block, psycopg makes it a savepoint
            yield

    def close(self) -> None:
        self.conn.close()


def _pg_placeholders(sql: str) -> str:
    # The store's SQL has no '?' or '%' inside literals (LIKE patterns come as parameters).
    return sql.replace("?", "%s")


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


def connect(url: str | Path | None, write: bool = True) -> Database:
    """A database for a PostgreSQL URL, a sqlite:/// URL or a file path; None means $SITREP_DB,
    else sitrep.db in the user data folder. write=False: a reader's connection, which cannot
    write (a SQLite file must exist already)."""
    target = str(url) if url is not None else settings.default_store() or ""
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresDatabase(target, write)
    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    elif "://" in target:
        raise StoreError(f"{_redact(target)}: not a database this store knows (postgresql://... or a file path)")
    return SqliteDatabase(Path(target) if target else _default_path(write), write)


def _default_path(write: bool) -> Path:
    path = settings.default_db_path()
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
    return path
