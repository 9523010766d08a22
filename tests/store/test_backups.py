"""Backups and restore: consistent private copies, ten rolling ones kept, a restore that checks
its file first and keeps what it replaces."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from tests.store.samples import (
    NOON,
    adding,
    dump,
    file_digest,
    sample_log,
)
from tracker.records.changes import Change
from tracker.records.model import Client, Log
from tracker.store.backups import (
    RECORD_NAME,
    ROLLING_KEPT,
    backup,
    backup_before_import,
    daily_backup_if_needed,
    latest_backup,
    restore,
    rolling_backups,
)
from tracker.store.errors import StoreError
from tracker.store.migrations import SCHEMA_VERSION
from tracker.store.repository import Repository


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def read(path: Path) -> Log:
    with Repository.open(path, create=False) as repo:
        return repo.log()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "repute.sqlite3"


@pytest.fixture
def filled(path: Path) -> Iterator[Repository]:
    with Repository.open(path, create=True, clock=lambda: NOON) as repo:
        repo.apply(adding(sample_log()))
        yield repo


def test_a_backup_is_a_private_consistent_copy_beside_the_database(
    filled: Repository, path: Path
) -> None:
    copy = backup(filled, now=NOON)
    assert copy == path.parent / "backups" / "repute-20261126-120000-000000-manual.sqlite3"
    assert mode(copy) == 0o600
    assert mode(copy.parent) == 0o700
    assert read(copy) == sample_log()
    assert not Path(f"{copy}-wal").exists()  # one self-contained file
    # no temporary left; the record of what Repute made is the only other file
    assert sorted(p.name for p in copy.parent.iterdir()) == [RECORD_NAME, copy.name]


def test_a_backup_by_path_to_a_chosen_file(filled: Repository, path: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere" / "copy.sqlite3"
    assert backup(path, chosen) == chosen
    assert read(chosen) == sample_log()


def test_a_backup_never_overwrites_a_file(filled: Repository, tmp_path: Path) -> None:
    chosen = tmp_path / "copy.sqlite3"
    chosen.write_bytes(b"precious")
    with pytest.raises(StoreError, match=r"copy\.sqlite3 already exists") as caught:
        backup(filled, chosen)
    assert caught.value.kind == "exists"
    assert chosen.read_bytes() == b"precious"


def test_a_backup_of_a_missing_database_is_refused(path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        backup(path)
    assert not path.exists()


def test_rolling_backups_keep_the_last_ten(filled: Repository, path: Path) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    made = []
    for day in range(ROLLING_KEPT + 3):
        now = start + timedelta(days=day)
        made.append(daily_backup_if_needed(filled, now=now))
        made.append(backup_before_import(filled, now=now + timedelta(hours=1)))
    manual = backup(filled, now=start)
    assert rolling_backups(path) == made[-ROLLING_KEPT:]
    assert manual.exists()  # a manual backup is not rotated away
    assert latest_backup(path) == manual  # the last made, whatever its name's stamp says


def test_a_daily_backup_is_made_once_a_day(filled: Repository, path: Path) -> None:
    assert daily_backup_if_needed(path, now=NOON) is not None
    assert daily_backup_if_needed(path, now=NOON + timedelta(hours=5)) is None
    assert daily_backup_if_needed(path, now=NOON + timedelta(days=1)) is not None
    assert len(rolling_backups(path)) == 2


def test_an_empty_database_is_not_backed_up(path: Path) -> None:
    Repository.open(path, create=True).close()
    assert daily_backup_if_needed(path, now=NOON) is None
    assert backup_before_import(path, now=NOON) is None
    assert not (path.parent / "backups").exists()


def test_backup_then_restore_gives_back_the_log(filled: Repository, path: Path) -> None:
    copy = backup(filled, now=NOON)
    filled.apply(Change("remove everything", removed=adding(sample_log()).added))
    filled.close()
    kept = restore(path, copy, now=NOON + timedelta(minutes=1))
    assert read(path) == sample_log()
    assert kept is not None and read(kept).contracts == ()  # what was replaced, kept
    assert mode(path) == 0o600
    assert copy.exists()


def test_restore_creates_a_missing_database(filled: Repository, tmp_path: Path) -> None:
    copy = backup(filled, now=NOON)
    target = tmp_path / "new" / "repute.sqlite3"
    assert restore(target, copy) is None
    assert read(target) == sample_log()
    assert mode(target) == 0o600 and mode(target.parent) == 0o700


def test_restore_refuses_while_the_database_is_open_elsewhere(
    filled: Repository, path: Path
) -> None:
    copy = backup(filled, now=NOON)
    before = dump(path)
    with pytest.raises(StoreError, match="open in another Repute window") as caught:
        restore(path, copy)
    assert caught.value.kind == "in_use"
    assert dump(path) == before
    assert filled.log() == sample_log()


def other_programs_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()


def newer_copy(source: Path, target: Path) -> None:
    backup(source, target)
    connection = sqlite3.connect(target)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()


def corrupted_copy(source: Path, target: Path, seed: int) -> None:
    """A copy with 192 bytes of page 6 scrambled; the seed decides whether SQLite's reader or its
    integrity check is the one that notices."""
    with Repository.open(source, create=False) as repo:
        many = tuple(Client(f"c-{n:05}", "x" * 300) for n in range(400))
        repo.apply(Change("filler", added=many))
        repo.copy_to(target)
    data = bytearray(target.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[5 * page + 8 : 5 * page + 200] = random.Random(seed).randbytes(192)
    target.write_bytes(bytes(data))


def inconsistent_copy(source: Path, target: Path) -> None:
    """Readable page by page, but a contract's client no longer matches its index entry."""
    backup(source, target)
    connection = sqlite3.connect(target)
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'contracts'"
    ).fetchone()
    connection.close()
    data = bytearray(target.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    at = data.index(b"globex", (root - 1) * page, root * page)
    data[at : at + 6] = b"globez"
    target.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (lambda _, target: target.write_text("date,amount\n"), "is not a Repute database"),
        (lambda _, target: other_programs_database(target), "is not a Repute database"),
        (newer_copy, "newer version of Repute"),
        (partial(corrupted_copy, seed=5), r"is damaged \(database disk image is malformed\)$"),
        (partial(corrupted_copy, seed=22), r"is damaged: On tree page 6 cell 2: [^\n]*$"),
        (inconsistent_copy, "is damaged: row 2 missing from index contracts_by_client"),
        (lambda _, target: None, "no database at"),
    ],
    ids=["text", "other-sqlite", "newer", "unreadable", "bad-cells", "inconsistent", "missing"],
)
def test_restore_checks_the_file_first_and_changes_nothing_when_it_fails(
    filled: Repository, path: Path, tmp_path: Path, make_source: object, message: str
) -> None:
    source = tmp_path / "source.sqlite3"
    filled.close()
    make_source(path, source)  # type: ignore[operator]
    before_db = dump(path)
    before_source = file_digest(source) if source.exists() else None
    before_files = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(StoreError, match=message):
        restore(path, source)
    assert dump(path) == before_db
    assert (file_digest(source) if source.exists() else None) == before_source
    assert sorted(p.name for p in tmp_path.rglob("*")) == before_files


@pytest.mark.parametrize(
    "damaged",
    [b"SQLite format 3\x00" + os.urandom(8000), os.urandom(8000), b"not even a header"],
    ids=["header-then-noise", "noise", "short"],
)
def test_restore_over_a_damaged_database_keeps_its_bytes(
    filled: Repository, path: Path, damaged: bytes
) -> None:
    copy = backup(filled, now=NOON)
    filled.close()
    path.write_bytes(damaged)
    kept = restore(path, copy, now=NOON + timedelta(minutes=1))
    assert kept is not None and kept.read_bytes() == damaged
    assert read(path) == sample_log()


def test_a_restored_older_database_is_upgraded_when_opened(path: Path, tmp_path: Path) -> None:
    v1 = Path(__file__).resolve().parents[1] / "data" / "schema-v1.sqlite3"
    restore(path, v1)
    assert read(path) == sample_log()


def test_restore_onto_itself_is_refused(filled: Repository, path: Path) -> None:
    filled.close()
    with pytest.raises(StoreError, match="onto itself"):
        restore(path, path)


def test_a_restored_database_takes_new_writes(filled: Repository, path: Path) -> None:
    copy = backup(filled, now=NOON)
    filled.close()
    restore(path, copy)
    with Repository.open(path, create=False) as repo:
        log = repo.apply(Change("add", added=(Client("initech", "Initech"),)))
    assert read(path) == log
