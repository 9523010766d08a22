"""An edit's additions are written a table's run at a time; a run the database refuses still
names the first record refused, in the order the change lists them, and writes nothing. A long run
of invites or proposals builds their date index again after its rows: the same index after."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.records.changes import Change
from tracker.records.model import Client, Invite
from tracker.store.errors import StoreError
from tracker.store.migrations import DATE_INDEXES
from tracker.store.repository import Repository
from tracker.store.writing import REBUILT_FROM_ROWS


def test_a_twin_inside_one_run_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(Change("first", added=(Client("acme"),)))
        before = repo.log()
        twins = (Client("a"), Client("b"), Client("b", "again"), Client("c"), Client("c", "too"))
        with pytest.raises(StoreError, match=r"^cannot add client 'b': one is already there$"):
            repo.apply(Change("twins", added=twins))
    with Repository.open(path, create=False) as fresh:
        assert fresh.log() == before


def test_a_long_run_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    clients = tuple(Client(f"c-{n:05}") for n in range(5000))
    with Repository.open(path, create=True) as repo:
        repo.apply(Change("many", added=clients))
    with Repository.open(path, create=False) as fresh:
        assert fresh.log().clients == clients


def invites(count: int, first: int = 0) -> tuple[Invite, ...]:
    start = date(2024, 1, 1)
    return tuple(
        Invite(f"i-{n:06}", start + timedelta(days=(n * 7919) % 700))  # dates out of order
        for n in range(first, first + count)
    )


def date_indexes(path: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE '%by_date'"
            " ORDER BY name"
        ).fetchall()
    finally:
        connection.close()


EXPECTED_INDEXES = sorted((name, create) for name, create in DATE_INDEXES.values())


def test_a_long_run_of_invites_leaves_their_date_index_whole(tmp_path: Path) -> None:
    """A run this long builds the index again after its rows: the same index, counting them all."""
    path = tmp_path / "repute.sqlite3"
    many = invites(REBUILT_FROM_ROWS + 1)
    with Repository.open(path, create=True) as repo:
        repo.apply(Change("a few", added=invites(3, first=900_000)))
        repo.apply(Change("many", added=many))
    assert date_indexes(path) == EXPECTED_INDEXES
    with Repository.open(path, create=False) as fresh:  # the schema check accepts it
        counted = dict(fresh.daily_counts("invites"))
        assert set(fresh.log().invites) >= set(many)
    assert sum(counted.values()) == len(many) + 3
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT date, COUNT(*) FROM invites GROUP BY date"
        ).fetchall()
    finally:
        connection.close()
    assert "USING COVERING INDEX invites_by_date" in plan[0][-1]


def test_a_long_run_refused_leaves_the_index_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(Change("first", added=invites(1, first=42)))
        before = repo.log()
        with pytest.raises(StoreError, match=r"one is already there$"):
            repo.apply(Change("many", added=invites(REBUILT_FROM_ROWS + 100)))  # holds i-000042
    assert date_indexes(path) == EXPECTED_INDEXES
    with Repository.open(path, create=False) as fresh:
        assert fresh.log() == before
