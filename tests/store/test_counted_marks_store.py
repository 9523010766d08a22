"""Counted marks in the database: their table (added by a migration step), read back in order, a
reference to a contract that must be there, undo, and an old database upgraded to hold them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.store.samples import LOGO, NOON, adding, d, dump, sample_log
from tracker.records.changes import Change
from tracker.records.model import CountedMark
from tracker.store.db import connect
from tracker.store.errors import StoreError
from tracker.store.migrations import MIGRATIONS, schema_version
from tracker.store.repository import Repository

DATA = Path(__file__).resolve().parents[1] / "data"
LATER = CountedMark("k-1", d("2025-03-09"), True)
EARLIER = CountedMark("k-1", d("2025-03-02"), False)


def test_marks_come_back_by_contract_and_date_and_undo_takes_them_away(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True, clock=lambda: NOON) as repo:
        repo.apply(adding(sample_log()))
        repo.apply(Change("mark 'Logo'", added=(LATER, EARLIER)))
        with Repository.open(path, create=False) as other:
            assert other.log().counted_marks == (EARLIER, LATER)
        assert repo.undo_label == "mark 'Logo'"
        repo.undo()
        assert repo.log().counted_marks == ()
        assert repo.log() == sample_log()


def test_a_mark_of_a_missing_contract_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True, clock=lambda: NOON) as repo:
        repo.apply(adding(sample_log()))
        before = dump(path)
        orphan = CountedMark("k-404", d("2025-05-01"), True)
        with pytest.raises(StoreError, match="counted mark on contract 'k-404'"):
            repo.apply(Change("mark", added=(orphan,)))
        assert dump(path) == before


def test_removing_a_contract_but_not_its_marks_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True, clock=lambda: NOON) as repo:
        repo.apply(adding(sample_log()))
        repo.apply(Change("mark", added=(LATER,)))
        payments = [p for p in repo.log().payments if p.contract == "k-1"]
        feedback = [f for f in repo.log().feedback if f.contract == "k-1"]
        with pytest.raises(StoreError, match="counted mark on contract 'k-1'"):
            repo.apply(Change("remove 'Logo'", removed=(LOGO, *payments, *feedback)))


def test_the_version_1_database_upgrades_to_an_empty_marks_table(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    shutil.copyfile(DATA / "schema-v1.sqlite3", path)
    connect(path, create=False).close()
    connection = sqlite3.connect(path)
    try:
        assert schema_version(connection) == len(MIGRATIONS)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(counted_marks)")]
    finally:
        connection.close()
    assert columns == ["contract", "date", "counted"]
    with Repository.open(path, create=False) as repo:
        assert repo.log() == sample_log()
        repo.apply(Change("mark", added=(LATER,)))
        assert repo.log().counted_marks == (LATER,)
