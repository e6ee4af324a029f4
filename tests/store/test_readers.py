"""Readers need no write access and touch no other program's database.

Every read command (`events`, `events show`, `trends`, `alerts`, `export`, the API's readers)
refuses a SQLite file that is not a sitrep store with one line and leaves it as it was; `ingest`
refuses a non-empty one too. A read-only store is read: as root, file modes alone stop nothing,
so the reader runs under capsh without the capabilities that override them. On PostgreSQL a role
allowed SELECT alone reads, and a reader never creates tables or runs migrations.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shlex
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.cli import main
from sitrep.errors import StoreError
from sitrep.store import NotAStore, open_store
from sitrep.run import ingest_documents
from sitrep.store.migrations import MIGRATIONS, Migration, applied
from tests.store.conftest import NO_PG, PG_URL, fresh_pg_database
from tests.store.corpus import ARTICLES, generated, write_jsonl
from tests.store.test_store import doc

READ_COMMANDS = {
    "events": ["events"],
    "events show": ["events", "show", "some-event-id"],
    "trends": ["trends"],
    "alerts": ["alerts"],
    "export": ["export", "--format", "csv"],
}


def foreign_file(path: Path) -> Path:
    """Another program's SQLite file: two tables with rows, in rollback-journal mode."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, total REAL)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
        conn.commit()
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file of the folder with a hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_a_read_command_refuses_another_programs_sqlite_file_and_leaves_it_as_it_was(
    command: str, tmp_path: Path
) -> None:
    db = foreign_file(tmp_path / "shop.db")
    before = snapshot(tmp_path)
    result = CliRunner().invoke(main, [*READ_COMMANDS[command], "--db", str(db)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {db} is not a sitrep store: it holds tables customers, orders\n",
    )
    assert snapshot(tmp_path) == before  # not a byte changed, no journal or WAL file beside it


def test_ingest_refuses_another_programs_sqlite_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = foreign_file(folder / "shop.db")
    before = snapshot(folder)
    articles = write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    for command in (["ingest", str(articles)], ["ingest", str(articles), "--workers", "1"]):
        result = CliRunner().invoke(main, [*command, "--db", str(db)])
        assert (result.exit_code, result.stderr) == (
            1,
            f"Error: {db} is not a sitrep store: it holds tables customers, orders\n",
        )
    assert snapshot(folder) == before


@pytest.mark.parametrize("kind", ["empty file", "new file"])
def test_ingest_makes_a_store_of_an_empty_or_new_file(kind: str, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    if kind == "empty file":
        db.touch()
    result = CliRunner().invoke(main, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout


def test_the_api_refuses_another_programs_file_for_reads_and_writes(tmp_path: Path) -> None:
    db = foreign_file(tmp_path / "shop.db")
    before = snapshot(tmp_path)
    refusal = f"{db} is not a sitrep store: it holds tables customers, orders"
    with TestClient(create_app(str(db), token="t", hosts=["testserver"])) as client:
        for path in ("/api/events", "/api/health", "/api/trends", "/api/events/x"):
            response = client.get(path)
            assert (response.status_code, response.json()) == (503, {"detail": refusal}), path
        posted = client.post("/api/articles", json=ARTICLES[0], headers={"Authorization": "Bearer t"})
        assert (posted.status_code, posted.json()) == (503, {"detail": refusal})
    assert snapshot(tmp_path) == before


def test_many_foreign_tables_are_named_on_one_line(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    with closing(sqlite3.connect(db)) as conn:
        for n in range(12):
            conn.execute(f"CREATE TABLE t{n:02d} (x)")
        conn.execute('CREATE TABLE "bad\nname" (x)')
    with pytest.raises(NotAStore) as e:
        open_store(db, create=False)
    assert (
        str(e.value) == f"{db} is not a sitrep store: it holds tables bad?name, t00, t01, t02, t03, t04, t05, "
        "t06 and 5 more"
    )


def test_a_reader_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()
    with open_store(db, create=False) as reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.db.execute("CREATE TABLE scratch (x)")


# --- a store migrated by writers only -----------------------------------------------------------


def newer_sitrep(monkeypatch: pytest.MonkeyPatch) -> str:
    """From now on, this sitrep knows one migration more than the stores made so far: its
    number and name, as a reader names it."""
    number = max(MIGRATIONS) + 1
    monkeypatch.setitem(
        MIGRATIONS,
        number,
        Migration(number, "add_scratch_table", lambda db: db.ddl("CREATE TABLE scratch (id INTEGER)")),
    )
    return f"(migration {number}, add_scratch_table, has not run): run a writer such as `sitrep ingest` on it once"


def test_a_reader_of_an_older_store_upgrades_it_where_it_can_write(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade of sitrep, `sitrep events` over the user's own store just works."""
    open_store(store_url).close()
    newer_sitrep(monkeypatch)
    with open_store(store_url, create=False) as reader:
        assert applied(reader.db)[max(MIGRATIONS)] == "add_scratch_table"
        assert reader.db.value("SELECT COUNT(*) FROM scratch") == 0


def test_another_programs_migrations_table_is_refused_by_writers_too(store_url: str) -> None:
    with closing(_raw(store_url)) as conn:  # a Laravel application's database, say
        conn.execute("CREATE TABLE migrations (id INTEGER PRIMARY KEY, migration TEXT, batch INTEGER)")
        conn.execute("INSERT INTO migrations (id, migration, batch) VALUES (1, '2014_10_12_create_users_table', 1)")
        if isinstance(conn, sqlite3.Connection):
            conn.commit()
    for create in (True, False):
        with pytest.raises(NotAStore, match="is not a sitrep store: it holds tables migrations$"):
            open_store(store_url, create)
    with closing(_raw(store_url)) as conn:
        assert conn.execute("SELECT migration FROM migrations").fetchall() == [("2014_10_12_create_users_table",)]


def _raw(url: str) -> Any:
    if url.startswith("postgresql://"):
        import psycopg

        return psycopg.connect(url, autocommit=True)
    return sqlite3.connect(url)


# --- a read-only SQLite store, read by a process that file modes bind ---------------------------


def unprivileged(args: list[str]) -> tuple[int, str, str]:
    """`sitrep args` in a process that file permissions bind: as root (which they do not), under
    capsh without the capabilities that override them. (exit code, stdout, stderr)"""
    command = [sys.executable, "-m", "sitrep.cli", *args]
    if os.geteuid() == 0:
        capsh = shutil.which("capsh")
        if capsh is None:
            pytest.skip("capsh (libcap2-bin) is not installed: as root, a read-only file cannot be tested without it")
        command = [capsh, "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


def in_process(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Files r--r--r-- and folders r-x for everyone, for the block."""
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


READS = [
    ["events", "--format", "jsonl"],
    ["trends", "--format", "jsonl"],
    ["alerts", "--format", "jsonl"],
    ["export", "--format", "csv"],
]


def outputs(db: Path, run: Any) -> list[str]:
    """What each read command prints over the store, run by `run`."""
    found = []
    for args in READS:
        code, out, err = run([*args, "--db", str(db)])
        assert code == 0, err
        found.append(out)
    return found


@pytest.mark.slow  # runs read commands in child processes
def test_a_read_only_store_in_a_read_only_folder_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "events.db"
    with open_store(db) as store:
        ingest_documents(store, map(doc, ARTICLES + generated(20)))
    assert sorted(p.name for p in folder.iterdir()) == ["events.db"]  # the writer closed: no WAL beside it
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    expected = outputs(copy, in_process)
    assert expected[0].count("\n") > 10
    with read_only(db, folder):
        assert outputs(db, unprivileged) == expected
        event_id = expected[0].split('"id": "')[1].split('"')[0]
        code, shown, err = unprivileged(["events", "show", event_id, "--db", str(db)])
        assert code == 0 and event_id in shown, err
    assert sorted(p.name for p in folder.iterdir()) == ["events.db"]


@pytest.mark.slow  # runs `sitrep events` in a child process
def test_a_read_only_older_store_is_left_alone_with_one_line_saying_to_run_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "events.db"
    with open_store(db) as store:
        ingest_documents(store, map(doc, ARTICLES))
    migrations = sorted(MIGRATIONS)
    with closing(sqlite3.connect(db)) as conn:  # as a version before the last migration left it
        conn.execute("DELETE FROM migrations WHERE id = ?", (migrations[-1],))
        conn.commit()
    before = snapshot(folder)
    with read_only(db, folder):
        code, _out, err = unprivileged(["events", "--db", str(db)])
    assert code == 1 and err.count("\n") == 1, err
    assert err.endswith("has not run): run a writer such as `sitrep ingest` on it once\n"), err
    assert snapshot(folder) == before


@pytest.mark.slow  # runs `sitrep events` in a child process
def test_a_read_only_store_with_its_write_ahead_log_is_read_whole(tmp_path: Path) -> None:
    """A writer (another user, say) has the store open, and its last commits are still in the
    -wal file: a reader that may not write the folder, the log or its index reads them too."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "events.db"
    with open_store(db) as writer:
        ingest_documents(writer, map(doc, ARTICLES))
        ingest_documents(writer, map(doc, generated(20)))  # committed, not yet checkpointed into the file
        assert (folder / "events.db-wal").stat().st_size > 0
        events = writer.db.value("SELECT COUNT(*) FROM events")
        files = [db, folder / "events.db-wal", folder / "events.db-shm", folder]
        with read_only(*files):
            code, ids, err = unprivileged(["events", "--format", "ids", "--db", str(db)])
    assert code == 0, err
    assert len(ids.split()) == events


# --- PostgreSQL: a role allowed SELECT alone ----------------------------------------------------


@contextmanager
def select_only_role() -> Iterator[tuple[str, str]]:
    """(the owner's URL, a reader's URL) of a fresh database holding the corpus; the reader's
    role may connect and SELECT, nothing else. Dropped afterwards."""
    import psycopg
    from urllib.parse import urlsplit, urlunsplit

    if not PG_URL:
        pytest.skip(NO_PG)
    role = f"sitrep_reader_{secrets.token_hex(4)}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN")  # a name of our own making, not input
    try:
        with fresh_pg_database() as url:
            with open_store(url) as store:
                ingest_documents(store, map(doc, ARTICLES))
            name = urlsplit(url).path.lstrip("/")
            with psycopg.connect(url, autocommit=True) as owner:
                owner.execute(f"GRANT CONNECT ON DATABASE {name} TO {role}")
                owner.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
                owner.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
            parts = urlsplit(url)
            yield url, urlunsplit(parts._replace(netloc=f"{role}@{parts.hostname}:{parts.port or 5432}"))
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_select_only_postgresql_role_reads_and_cannot_write() -> None:
    with select_only_role() as (owner, reader):
        expected = CliRunner().invoke(main, ["events", "--format", "jsonl", "--db", owner])
        got = CliRunner().invoke(main, ["events", "--format", "jsonl", "--db", reader])
        assert got.exit_code == 0, got.output
        assert got.stdout == expected.stdout and got.stdout.count("\n") >= 4
        with TestClient(create_app(reader, token="", hosts=["testserver"])) as client:
            assert client.get("/api/events").json()["total"] == got.stdout.count("\n")
        # The owner too, opened as a reader, is held to reading by the server.
        with open_store(owner, create=False) as store, pytest.raises(StoreError, match="read-only transaction"):
            with store.guard():
                store.db.execute("CREATE TABLE scratch (x INTEGER)")


def test_a_select_only_postgresql_role_is_told_to_run_a_writer_on_an_older_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with select_only_role() as (owner, reader):
        advice = newer_sitrep(monkeypatch)
        result = CliRunner().invoke(main, ["events", "--db", reader])
        assert (result.exit_code, result.stderr.endswith(f"{advice}\n")) == (1, True), result.stderr
        with open_store(owner) as store:
            assert store.db.value("SELECT to_regclass('scratch')") is not None  # the writer upgraded it
