"""A consistent copy of an open database in a new private file, written whole or not at all.

Backups, pre-migration copies and restores all go through here: SQLite's backup API reads one
snapshot (WAL content included), the copy is written under a temporary name in the destination's
folder, switched out of WAL so it is one self-contained file, synced, then renamed into place.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tracker.store.errors import StoreError
from tracker.store.private_files import (
    create_private_file,
    make_private_folders,
    remove_quietly,
    remove_stale_temporaries,
    replace_atomically,
    sync_file,
    temporary_sibling,
)


def copy_database(
    connection: sqlite3.Connection, destination: Path, *, refuse_damaged: bool = True
) -> None:
    """Write the database open on `connection` to `destination`, which must not exist yet.

    Args:
        connection: the database to copy.
        destination: the new file.
        refuse_damaged: run SQLite's quick check on the copy and keep none of a damaged database
            (a restore passes False: it runs the full integrity check itself).

    Raises:
        StoreError: when `destination` is already there, or (kind "damaged") the database is.
        sqlite3.Error, OSError: when the copy cannot be written (the caller translates them).
    """
    if connection.in_transaction:
        raise RuntimeError("a database cannot be copied from inside its own transaction")
    if destination.exists():
        raise StoreError(
            f"{destination} already exists; choose another name", kind="exists", path=destination
        )
    make_private_folders(destination.parent)
    remove_stale_temporaries(destination.parent)
    temporary = temporary_sibling(destination)
    try:
        create_private_file(temporary, exclusive=True)
        target = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.backup(target)
            if refuse_damaged:
                _refuse_damaged(target, connection)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
        sync_file(temporary)
        replace_atomically(temporary, destination)
    except BaseException:
        remove_quietly(temporary)
        remove_quietly(temporary.with_name(temporary.name + "-journal"))
        raise


def _refuse_damaged(copy: sqlite3.Connection, source: sqlite3.Connection) -> None:
    """Refuse to keep a copy of a damaged database: it would pass for a good backup.

    The backup API copies pages as they are, so the copy's quick_check judges the source.
    """
    (problem,) = copy.execute("PRAGMA quick_check(1)").fetchone()
    if problem != "ok":
        problem = str(problem).removeprefix("*** in database main ***\n")
        file = next(row[2] for row in source.execute("PRAGMA database_list") if row[1] == "main")
        raise StoreError(f"{file} is damaged: {problem}", kind="damaged", path=Path(file))
