"""Schema migrations: small numbered functions, each recorded in the `migrations` table once
it has run (sqlite-utils / datasette style).

    @migration(2)
    def add_outlet_index(db: Database) -> None:
        db.ddl("CREATE INDEX documents_outlet ON documents(outlet)")

A migration runs inside the same transaction as the row that records it, so a crash leaves
either both or neither; a second process opening the store at the same time waits for the write
lock and then finds the migration recorded.

Only writers migrate. A reader (`check_readable`) reads a store whose schema is current and
says to run a writer once on an older one. Neither touches another program's database: a
SQLite file that holds tables but no sitrep migrations, or any database whose `migrations`
table is not sitrep's, is refused before anything is written (a new or empty file is fine).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.errors import StoreError
from sitrep.store.backends import Database, no_store_yet

Migrate = Callable[[Database], None]


@dataclass(frozen=True)
class Migration:
    id: int
    name: str
    run: Migrate


MIGRATIONS: dict[int, Migration] = {}
FIRST = "create_tables"  # the name of migration 1: what marks a database as a sitrep store
TABLES_NAMED = 8  # a foreign database's tables named in the refusal; then a count


class NotAStore(StoreError):
    """The database holds another program's tables: sitrep neither reads nor writes it."""


class OlderSchema(StoreError):
    """A sitrep store whose schema predates this version: a reader cannot read it as it is."""


def migration(number: int) -> Callable[[Migrate], Migrate]:
    """Register `fn` as migration `number` (named after the function)."""

    def register(fn: Migrate) -> Migrate:
        if number in MIGRATIONS:
            raise ValueError(f"migration {number} is registered twice ({MIGRATIONS[number].name}, {fn.__name__})")
        MIGRATIONS[number] = Migration(number, fn.__name__, fn)
        return fn

    return register


def applied(db: Database) -> dict[int, str]:
    """The migrations recorded in the database: id -> name."""
    return {r["id"]: r["name"] for r in db.rows("SELECT id, name FROM migrations ORDER BY id")}


def migrate(db: Database) -> list[str]:
    """Run every registered migration the database has not recorded, in order; the names run.
    A current database costs one read and takes no write lock. Raises NotAStore, before any
    write, for another program's database."""
    import sitrep.store.schema  # noqa: F401 - registers the migrations

    done = recorded(db)
    if done is None:
        _refuse_foreign(db, writer=True)
    db.start_writing()
    if done is not None and not _missing(done):
        return []
    ran: list[str] = []
    with db.transaction():
        db.ddl(
            "CREATE TABLE IF NOT EXISTS migrations"
            " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        for m in _pending(db):  # read again under the lock: another process may have run them
            m.run(db)
            db.execute("INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)", (m.id, m.name, _now()))
            ran.append(m.name)
    return ran


def check_readable(db: Database) -> None:
    """For a reader, which runs no migration: raises a StoreError unless the database is a sitrep
    store whose schema this version can read (every migration it knows recorded)."""
    import sitrep.store.schema  # noqa: F401 - registers the migrations

    done = recorded(db)
    if done is None:
        _refuse_foreign(db, writer=False)
        raise StoreError(no_store_yet(db.target))
    missing = _missing(done)
    if missing:
        raise OlderSchema(
            f"{db.target}: the store's schema is older than this sitrep's (migration {missing[0].id}, "
            f"{missing[0].name}, has not run): run a writer such as `sitrep ingest` on it once"
        )


def recorded(db: Database) -> dict[int, str] | None:
    """The migrations a sitrep store has recorded; None when there is no migrations table of
    sitrep's (a new database, or another program's). Reads only."""
    if not _has_table(db):
        return None
    try:
        done = applied(db)
    except db.errors:  # another program's table of that name (other columns)
        return None
    return done if done.get(1) == FIRST else None


def _refuse_foreign(db: Database, writer: bool) -> None:
    """Raise NotAStore when a database without sitrep's migrations holds another program's
    tables. A writer may share a PostgreSQL database with other programs' tables (in its schema
    beside sitrep's), not a SQLite file, nor a `migrations` table."""
    names = tables(db)
    if names and (not writer or db.dialect == "sqlite" or "migrations" in names):
        shown = ", ".join(_printable(n) for n in names[:TABLES_NAMED])
        more = f" and {len(names) - TABLES_NAMED} more" if len(names) > TABLES_NAMED else ""
        raise NotAStore(f"{db.target} is not a sitrep store: it holds tables {shown}{more}")


def tables(db: Database) -> list[str]:
    """The tables and views of the database (PostgreSQL: of its current schema), by name."""
    if db.dialect == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite^_%' ESCAPE '^'"
    else:
        sql = (
            "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )
    return sorted(r["name"] for r in db.rows(sql))


def _printable(name: str) -> str:
    """Another program's table name, safe to print on one line."""
    return "".join(c if c.isprintable() else "?" for c in name)


def _missing(done: dict[int, str]) -> list[Migration]:
    return [MIGRATIONS[n] for n in sorted(MIGRATIONS) if n not in done]


def _pending(db: Database) -> list[Migration]:
    return _missing(applied(db))


def _has_table(db: Database) -> bool:
    if db.dialect == "sqlite":
        return db.value("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'") is not None
    return db.value("SELECT to_regclass('migrations')") is not None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
