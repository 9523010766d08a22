"""An edit's additions are written a table's run at a time; a run the database refuses still
names the first record refused, in the order the change lists them, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.records.changes import Change
from tracker.records.model import Client
from tracker.store.errors import StoreError
from tracker.store.repository import Repository


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
