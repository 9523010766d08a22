"""The schema a Repute database must have, and the check that refuses any other.

The expected schema is not a hand-kept list: it is what running the migrations on an empty
in-memory database gives, step by step, so a table a later step adds is expected from that version
on. A database whose `sqlite_master` differs in any object (a trigger, a view, a table or index
Repute does not make, a table missing or with other columns) is refused before anything reads a
row or runs a migration: a trigger could silently drop an import, a recursive view hang every
command. The check reads only `sqlite_master`, so it is cheap enough for every open.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from tracker.store.errors import StoreError
from tracker.store.migrations import Migration, migrate

_Object = tuple[str, str, str, str | None]  # type, name, table, sql
_COLUMNS = "SELECT name FROM pragma_table_info(?)"
_SELECT = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_stat%' "
    "ESCAPE '\\'"
)


def harden(connection: sqlite3.Connection) -> None:
    """SQLite's defensive settings: no schema function or view is trusted to run on its own.

    `SQLITE_DBCONFIG_DEFENSIVE` (Python 3.12 and later) also refuses writes to the schema and
    other ways to corrupt the file on purpose; `trusted_schema` off keeps functions with side
    effects out of views, triggers and defaults.
    """
    connection.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(connection, "setconfig", None)
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is not None and defensive is not None:
        setconfig(defensive, True)


def check_schema(
    connection: sqlite3.Connection, path: Path, version: int, migrations: Sequence[Migration]
) -> None:
    """Refuse a database whose objects are not those of Repute's schema at `version`.

    Raises:
        StoreError: (kind "damaged") naming the first object that differs.
    """
    found = set(connection.execute(_SELECT).fetchall())
    if version < 0 or version > len(migrations) or (version == 0 and found):
        raise _refused(path, f"its schema version {version} is not one Repute writes")
    expected, columns = expected_schema(tuple(migrations), version)
    problem = _first_difference(found, expected)
    if problem is not None:
        for table, wanted in columns.items():
            have = {name for (name,) in connection.execute(_COLUMNS, (table,))}
            lacking = [name for name in wanted if name not in have]
            if have and lacking:
                problem = f"its table {table!r} has no column {lacking[0]!r}"
                break
        raise _refused(path, problem)


@cache
def expected_schema(
    migrations: tuple[Migration, ...], version: int
) -> tuple[frozenset[_Object], dict[str, tuple[str, ...]]]:
    """The objects of a database made by the first `version` steps, and each table's columns."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(memory, migrations[:version])
        objects = frozenset(memory.execute(_SELECT).fetchall())
        columns = {
            name: tuple(column for (column,) in memory.execute(_COLUMNS, (name,)))
            for kind, name, _, _ in sorted(objects)
            if kind == "table"
        }
        return objects, columns
    finally:
        memory.close()


def _first_difference(found: set[_Object], expected: frozenset[_Object]) -> str | None:
    expected_by_name = {name for _, name, _, _ in expected}
    for kind, name, _, _ in sorted(found - expected, key=_order):
        if name not in expected_by_name:
            if kind in ("trigger", "view"):
                return f"it has a {kind} {name!r}, and Repute makes none"
            return f"it has a {kind} {name!r} that Repute does not make"
        return f"its {kind} {name!r} is not the one Repute makes (other columns or rules)"
    for kind, name, _, _ in sorted(expected - found, key=_order):
        return f"it has no {kind} {name!r}"
    return None


def _order(entry: _Object) -> tuple[int, str]:
    kinds = ("trigger", "view", "table", "index")
    return (kinds.index(entry[0]) if entry[0] in kinds else -1, entry[1])


def _refused(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a database Repute can trust: {why}; nothing was read or changed",
        kind="damaged",
        path=path,
    )
