"""Schema migrations: small numbered functions, each recorded in the `migrations` table once
it has run (sqlite-utils / datasette style).

    @migration(2)
    def add_outlet_index(db: Database) -> None:
        db.ddl("CREATE INDEX documents_outlet ON documents(outlet)")

A migration runs inside the same transaction as the row that records it, so a crash leaves
either both or neither; a second process opening the store at the same time waits for the write
lock and then finds the migration recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sitrep.store.backends import Database

Migrate = Callable[[Database], None]


@dataclass(frozen=True)
class Migration:
    id: int
    name: str
    run: Migrate


MIGRATIONS: dict[int, Migration] = {}


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
    A current database costs one read and takes no write lock."""
    import sitrep.store.schema  # noqa: F401 - registers the migrations

    if _has_table(db) and not _pending(db):
        return []
    ran: list[str] = []
    with db.transaction():
        db.ddl("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for m in _pending(db):  # read again under the lock: another process may have run them
            m.run(db)
            db.execute("INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)", (m.id, m.name, _now()))
            ran.append(m.name)
    return ran


def _pending(db: Database) -> list[Migration]:
    done = applied(db)
    return [MIGRATIONS[n] for n in sorted(MIGRATIONS) if n not in done]


def _has_table(db: Database) -> bool:
    if db.dialect == "sqlite":
        return db.value("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'") is not None
    return db.value("SELECT to_regclass('migrations')") is not None


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
