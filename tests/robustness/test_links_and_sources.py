"""Symlinks and the sources of a restore.

Before: `restore` onto a linked database replaced the link with a plain file (the real file, in a
synced folder say, kept the old log); the window lock followed a link and truncated its target,
and a folder of its name turned the lock off; a restore opened its source with SQLite, leaving
`-wal`/`-shm` beside it (and was refused as "read-only" for a WAL source on a read-only place).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.robustness.cli_runs import digest, run_cli
from tests.robustness.processes import SAMPLE
from tracker.store import WindowLock, lock_path
from tracker.store.errors import StoreError
from tracker.store.repository import Repository

SMALL = '{"format": "repute/1", "clients": [{"id": "only", "name": "Only"}]}'


def _small_database(folder: Path) -> Path:
    source = folder / "small.json"
    source.write_text(SMALL)
    db = folder / "small.sqlite3"
    assert run_cli("--db", str(db), "import", str(source)).code == 0
    return db


def test_restore_onto_a_linked_database_writes_the_real_file(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "repute.sqlite3"
    assert run_cli("--db", str(real), "import", str(SAMPLE)).code == 0
    link = tmp_path / "repute.sqlite3"
    link.symlink_to(real)
    (tmp_path / "elsewhere").mkdir()
    backup = _small_database(tmp_path / "elsewhere")
    outcome = run_cli("--db", str(link), "restore", str(backup))
    assert outcome.code == 0, outcome.err
    assert link.is_symlink() and link.resolve() == real
    with Repository.open(real, create=False) as repository:
        assert [c.id for c in repository.log().clients] == ["only"]


def test_a_restore_writes_nothing_beside_its_source_even_with_a_wal(tmp_path: Path) -> None:
    source_folder = tmp_path / "snapshot"
    source_folder.mkdir()
    source = _small_database(source_folder)
    # a WAL holding a committed write the main file does not have yet (kept open: not folded in)
    keeper = sqlite3.connect(source, isolation_level=None)
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("INSERT INTO clients VALUES ('late', 'Late', '', 0)")
    try:
        before = _files(source_folder)
        assert "small.sqlite3-wal" in before
        db = tmp_path / "repute.sqlite3"
        outcome = run_cli("--db", str(db), "restore", str(source))
        assert outcome.code == 0, outcome.err
        assert _files(source_folder) == before
    finally:
        keeper.close()
    with Repository.open(db, create=False) as repository:
        assert [c.id for c in repository.log().clients] == ["late", "only"]


def _files(folder: Path) -> dict[str, str]:
    """Every file's digest, but the -shm the keeping connection itself writes to."""
    return {p.name: digest(p) for p in folder.iterdir() if not p.name.endswith("-shm")}


def test_the_window_lock_never_follows_a_link(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    lock_path(db).symlink_to(victim)
    with pytest.raises(StoreError, match="is not Repute's lock file"):
        WindowLock.take(db)
    assert victim.read_text() == "keep me"


def test_a_folder_where_the_lock_goes_is_refused_not_ignored(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    lock_path(db).mkdir()
    with pytest.raises(StoreError, match="is not Repute's lock file"):
        WindowLock.take(db)


def test_the_lock_still_works_on_its_own_file(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    held = WindowLock.take(db)
    try:
        with pytest.raises(StoreError, match="open in another Repute window"):
            WindowLock.take(db)
    finally:
        held.release()
    WindowLock.take(db).release()


def test_a_restore_leaves_no_wal_or_shm_beside_a_closed_wal_source(tmp_path: Path) -> None:
    source_folder = tmp_path / "backup-disk"
    source_folder.mkdir()
    source = _small_database(source_folder)  # a WAL-mode database, closed cleanly
    before = _files(source_folder)
    assert run_cli("--db", str(tmp_path / "repute.sqlite3"), "restore", str(source)).code == 0
    assert sorted(p.name for p in source_folder.iterdir()) == sorted(before)
    assert _files(source_folder) == before
