"""Schema versions: every released version's database (tests/data/schema-vN.sqlite3) opens and
upgrades, a copy is kept before an upgrade, and a failing step leaves the file as it was."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.store.samples import NOON, dump, sample_log
from tracker.store.db import connect
from tracker.store.errors import StoreError
from tracker.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, schema_version
from tracker.store.repository import Repository

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = sorted(DATA.glob("schema-v*.sqlite3"))


def fixture(version: int) -> Path:
    return DATA / f"schema-v{version}.sqlite3"


def copied(source: Path, folder: Path) -> Path:
    target = folder / "repute.sqlite3"
    shutil.copyfile(source, target)
    return target


def schema(path: Path) -> list[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    finally:
        connection.close()


def test_every_schema_version_has_its_database_kept() -> None:
    assert [p.name for p in FIXTURES] == [
        f"schema-v{n}.sqlite3" for n in range(1, SCHEMA_VERSION + 1)
    ]


def test_the_steps_have_distinct_names() -> None:
    names = [m.name for m in MIGRATIONS]
    assert len(set(names)) == len(names) == SCHEMA_VERSION


def test_the_version_1_database_opens_with_its_log(tmp_path: Path) -> None:
    path = copied(fixture(1), tmp_path)
    with Repository.open(path, create=False) as repo:
        assert repo.log() == sample_log()
        assert repo.applied_refs() == frozenset()


@pytest.mark.parametrize("old", FIXTURES, ids=lambda p: p.stem)
def test_each_old_version_upgrades_to_the_schema_a_new_database_gets(
    tmp_path: Path, old: Path
) -> None:
    upgraded = copied(old, tmp_path)
    connect(upgraded, create=False).close()
    fresh = tmp_path / "fresh.sqlite3"
    connect(fresh, create=True).close()
    assert schema(upgraded) == schema(fresh)
    with Repository.open(upgraded, create=False) as repo:
        assert repo.log().contracts  # every kept database holds a filled log


def add_a_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE clients ADD COLUMN rating INTEGER")


def test_an_upgrade_keeps_a_copy_of_the_old_database_first(tmp_path: Path) -> None:
    path = copied(fixture(SCHEMA_VERSION), tmp_path)
    before = dump(path)
    steps = (*MIGRATIONS, Migration("rate clients", add_a_column))
    connection = connect(path, create=False, migrations=steps, clock=lambda: NOON)
    assert schema_version(connection) == SCHEMA_VERSION + 1
    assert connection.execute("SELECT rating FROM clients").fetchall() == [(None,), (None,)]
    connection.close()

    folder = tmp_path / "pre-migration"
    copies = list(folder.iterdir())
    assert [p.name for p in copies] == [f"repute-v{SCHEMA_VERSION}-20261126-120000-000000.sqlite3"]
    assert dump(copies[0]) == before
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_opening_an_up_to_date_database_keeps_no_copy(tmp_path: Path) -> None:
    path = copied(fixture(SCHEMA_VERSION), tmp_path)
    connect(path, create=False).close()
    connect(path, create=False).close()
    assert not (tmp_path / "pre-migration").exists()


def fails_halfway(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE half (x)")
    raise RuntimeError("a step with a bug")


def test_a_failing_step_leaves_the_database_at_its_version(tmp_path: Path) -> None:
    path = copied(fixture(SCHEMA_VERSION), tmp_path)
    before = dump(path)
    steps = (*MIGRATIONS, Migration("broken", fails_halfway))
    with pytest.raises(RuntimeError, match="a step with a bug"):
        connect(path, create=False, migrations=steps)
    assert dump(path) == before
    connection = sqlite3.connect(path)
    assert schema_version(connection) == SCHEMA_VERSION
    connection.close()
    assert len(list((tmp_path / "pre-migration").iterdir())) == 1  # kept, never rotated


def test_a_program_that_knows_fewer_steps_refuses_the_upgraded_file(tmp_path: Path) -> None:
    path = copied(fixture(SCHEMA_VERSION), tmp_path)
    connect(path, create=False, migrations=(*MIGRATIONS, Migration("more", add_a_column))).close()
    with pytest.raises(StoreError, match="newer version of Repute"):
        connect(path, create=False)


def test_unique_refs_keep_one_of_each_payment_stored_twice_and_every_distinct_one(
    tmp_path: Path,
) -> None:
    path = copied(fixture(1), tmp_path)
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO payments (contract, date, amount, ref) VALUES (?, ?, ?, ?)",
        [
            ("k-1", "2025-02-28", "450.00", "TX-88123"),  # the stored one again (450.0)
            ("k-1", "2025-02-28", "450.0", "TX-88123"),  # and again
            ("k-1", "2025-03-31", "80.00", "TX-88123"),  # a distinct payment under the same ref
            ("k-2", "2025-02-15", "120.00", None),  # payments without a ref are never touched
        ],
    )
    connection.commit()
    connection.close()
    connect(path, create=False).close()
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT contract, date, amount, ref FROM payments ORDER BY id"
    ).fetchall()
    connection.close()
    assert rows == [
        ("k-1", "2025-02-28", "450.0", "TX-88123"),
        ("k-2", "2025-02-08", "120.00", None),
        ("k-2", "2025-02-15", "120.00", None),
        ("k-1", "2025-03-31", "80.00", "TX-88123~2"),
        ("k-2", "2025-02-15", "120.00", None),
    ]
    with Repository.open(path, create=False) as repo:
        twice = repo.log().payments[0]
        with pytest.raises(StoreError, match="one is already there"):
            from tracker.records.changes import Change

            repo.apply(Change("again", added=(twice,)))
