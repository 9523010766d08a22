"""Reading the whole log out of the database, in the stable order every reader relies on.

The order is the tables' (clients, contracts, invites, proposals by id; payments by contract, date,
ref and amount; feedback by contract, date, kind; snapshots by date; events by date, kind; counted
marks by contract, date), so the same records always give the same Log, and `in_stable_order`
gives an edited Log that same order without a trip to the disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import replace
from pathlib import Path

from tracker.records.model import Log
from tracker.store.stored_values import checked_profile, checked_settings, checked_tables
from tracker.store.tables import PROFILE_COLUMNS, TABLES_BY_NAME

_PROFILE_SQL = f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profile WHERE id = 1"


def load_log(
    connection: sqlite3.Connection, only: Collection[str] | None = None, *, path: Path | None = None
) -> tuple[Log, int]:
    """The log as one consistent snapshot, with the `data_version` it was read at.

    One read transaction covers every table, so a writer in another process is seen either
    wholly or not at all. `only` names the record tables to read (the others come back empty):
    a command that needs no invites need not build 100,000 of them. Every value read is checked
    by the rules an import follows (a file edited by another program, or a hostile one, may hold
    anything), and every reference must lead somewhere.

    Raises:
        StoreError: (kind "damaged") naming the table, the row and the value that breaks a rule;
            `path` names the file.
    """
    connection.execute("BEGIN")
    try:
        profile = checked_profile(connection.execute(_PROFILE_SQL).fetchone(), path)
        (data_version,) = connection.execute("PRAGMA data_version").fetchone()
        settings = checked_settings(
            connection.execute("SELECT key, value FROM settings ORDER BY key"), path
        )
        tables = checked_tables(connection, path, only)
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")
    log = Log(profile=profile, settings=settings, **tables)
    return log, int(data_version)


def holds_records(connection: sqlite3.Connection) -> bool:
    """True when any table holds a row: an empty database is not worth a backup."""
    probes = " OR ".join(f"EXISTS (SELECT 1 FROM {name})" for name in _ALL_TABLES)
    (answer,) = connection.execute(f"SELECT {probes}").fetchone()
    return bool(answer)


_ALL_TABLES = ("profile", "settings", "applied_refs", *TABLES_BY_NAME)


def in_stable_order(log: Log, table_names: Iterable[str]) -> Log:
    """`log` with the named tables sorted as `load_log` would return them.

    Every key is total up to equal records (two payments alike in contract, date, ref and amount
    are the same value), so the order never depends on the order rows were written in.
    """
    changes = {
        name: tuple(sorted(getattr(log, name), key=TABLES_BY_NAME[name].sort_key))
        for name in set(table_names)
    }
    return replace(log, **changes)  # type: ignore[arg-type]
