"""Opening a database: which opens may create one, what is refused, and that refused files stay as
they were, byte for byte."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.samples import file_digest
from tracker.store.db import APPLICATION_ID, connect
from tracker.store.errors import StoreError, translating
from tracker.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def pragma(connection: sqlite3.Connection, name: str) -> object:
    return connection.execute(f"PRAGMA {name}").fetchone()[0]


def test_a_reading_open_refuses_a_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "repute.sqlite3"
    with pytest.raises(StoreError, match=r"^no database at .*nowhere/repute\.sqlite3$") as caught:
        connect(path, create=False)
    assert caught.value.kind == "missing"
    assert not path.parent.exists()


def test_a_reading_open_refuses_an_empty_file_and_leaves_it(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    path.touch()
    with pytest.raises(StoreError, match="no database at"):
        connect(path, create=False)
    assert path.read_bytes() == b""


def test_a_writing_open_creates_the_file_0600_and_its_folders_0700(tmp_path: Path) -> None:
    path = tmp_path / "data" / "Repute" / "repute.sqlite3"
    old_umask = os.umask(0o022)
    try:
        connect(path, create=True).close()
    finally:
        os.umask(old_umask)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700


def test_a_new_database_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    seen_during_creation: list[bool] = []

    def look(connection: sqlite3.Connection) -> None:
        (_, _, file) = connection.execute("PRAGMA database_list").fetchone()
        if file:  # not the in-memory schema the opening check builds from the steps
            seen_during_creation.append(path.exists())

    connect(path, create=True, migrations=(*MIGRATIONS, Migration("look", look))).close()
    # Another process opening the path mid-creation finds nothing, never a file half made
    # beside its rollback journal; what it finds afterwards is the finished database.
    assert seen_during_creation == [False]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repute.sqlite3"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    connect(tmp_path / "repute.sqlite3", create=True).close()
    assert mode(tmp_path) == 0o755


def test_an_empty_file_counts_as_new(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    path.touch(mode=0o644)
    connection = connect(path, create=True)
    assert pragma(connection, "user_version") == SCHEMA_VERSION
    connection.close()
    assert mode(path) == 0o600


def test_a_new_database_is_marked_as_repute_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    connection = connect(tmp_path / "repute.sqlite3", create=True)
    assert pragma(connection, "application_id") == APPLICATION_ID
    assert pragma(connection, "user_version") == SCHEMA_VERSION
    assert pragma(connection, "journal_mode") == "wal"
    assert pragma(connection, "foreign_keys") == 1
    assert pragma(connection, "busy_timeout") == 5000
    connection.close()


def test_reopening_neither_recreates_nor_copies(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    first = connect(path, create=True)
    first.execute("INSERT INTO clients VALUES ('acme', 'Acme', 'US', 0)")
    first.close()
    again = connect(path, create=False)
    assert again.execute("SELECT id FROM clients").fetchall() == [("acme",)]
    again.close()
    assert not (tmp_path / "pre-migration").exists()


@pytest.mark.parametrize(
    "content",
    [
        b"id,name\n1,Acme\n" * 20,
        b"SQLite format 3",  # too short to hold a header
        b"\x00" * 4096,
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
    ids=["csv", "short", "zeros", "garbage-after-magic"],
)
@pytest.mark.parametrize("create", [True, False])
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, content: bytes, create: bool
) -> None:
    path = tmp_path / "repute.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a Repute database") as caught:
        connect(path, create=create)
    assert caught.value.kind == "not_repute"
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repute.sqlite3"]


def other_programs_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 1234")
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.commit()
    connection.close()


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    other_programs_database(path)
    before = file_digest(path)
    with pytest.raises(StoreError, match="another program's SQLite file"):
        connect(path, create=True)
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


@pytest.mark.parametrize("create", [True, False])
def test_a_folder_is_not_a_database(tmp_path: Path, create: bool) -> None:
    with pytest.raises(StoreError, match="is a folder, not a database file"):
        connect(tmp_path, create=create)


def newer_database(path: Path, version: int) -> None:
    connect(path, create=True).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


@pytest.mark.parametrize("create", [True, False])
def test_a_database_newer_than_the_program_is_refused_untouched(
    tmp_path: Path, create: bool
) -> None:
    path = tmp_path / "repute.sqlite3"
    newer_database(path, SCHEMA_VERSION + 1)
    before = file_digest(path)
    newer = rf"newer version of Repute \(schema version {SCHEMA_VERSION + 1}"
    with pytest.raises(StoreError, match=newer) as caught:
        connect(path, create=create)
    assert caught.value.kind == "too_new"
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repute.sqlite3"]


def test_a_newer_version_left_in_the_wal_is_seen_and_not_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    connect(path, create=True).close()
    # A newer program upgrades the file and dies before its WAL reaches the main file.
    crashed_writer = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        f"c.execute('PRAGMA user_version = {SCHEMA_VERSION + 5}')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", crashed_writer, str(path)], check=True)
    assert (tmp_path / "repute.sqlite3-wal").stat().st_size > 0
    before = file_digest(path)  # the main file still says the old version; the WAL the new one
    with pytest.raises(StoreError, match="newer version of Repute"):
        connect(path, create=True)
    assert file_digest(path) == before


def test_a_truncated_database_is_refused_as_damaged_untouched(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    connection = connect(path, create=True)
    connection.execute("CREATE TABLE filler (x)")
    connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 100)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match="is damaged: it is cut short") as caught:
        connect(path, create=True)
    assert caught.value.kind == "damaged"
    assert path.read_bytes() == data[: len(data) // 2]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder anyway")
def test_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="permission denied") as caught:
            connect(folder / "repute.sqlite3", create=True)
        assert caught.value.kind == "permission"
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any file anyway")
def test_an_unreadable_file_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    connect(path, create=True).close()
    path.chmod(0o000)
    try:
        with pytest.raises(StoreError, match=r"permission denied: .*repute\.sqlite3") as caught:
            connect(path, create=False)
        assert caught.value.kind == "permission"
    finally:
        path.chmod(0o600)


def test_a_locked_database_is_told_apart_from_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    connect(path, create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        connection = sqlite3.connect(path, timeout=0.1)
        with (
            pytest.raises(StoreError, match="is locked by another program") as caught,
            translating(path),
        ):
            connection.execute("SELECT count(*) FROM clients").fetchone()
        assert caught.value.kind == "locked"
        connection.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_bug_is_not_dressed_up_as_a_store_error(tmp_path: Path) -> None:
    connection = connect(tmp_path / "repute.sqlite3", create=True)
    with pytest.raises(sqlite3.OperationalError, match="no such table"), translating(tmp_path):
        connection.execute("SELECT * FROM no_such_table")
    connection.close()
