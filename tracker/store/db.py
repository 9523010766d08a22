"""Opening a database: the checks before SQLite touches the file, the pragmas, the upgrade.

Every connection Repute uses comes from `connect`, so every one has foreign keys on, a busy
timeout, WAL, and a schema this program understands.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from tracker.store.copying import copy_database
from tracker.store.errors import StoreError, translating
from tracker.store.header import (
    APPLICATION_ID,
    check_header,
    check_no_hot_journal,
    read_header,
    too_new,
    wal_path,
)
from tracker.store.migrations import MIGRATIONS, Migration, migrate, schema_version
from tracker.store.private_files import (
    create_private_file,
    make_private_folders,
    remove_quietly,
    temporary_sibling,
)
from tracker.store.schema import check_schema, harden

__all__ = ["APPLICATION_ID", "PRE_MIGRATION_FOLDER", "StoreError", "connect"]

BUSY_TIMEOUT_SECONDS = 5.0
PRE_MIGRATION_FOLDER = "pre-migration"

# sqlite3 binds an int, a float or a text as it is, and sends any other value, None among them,
# to its adapters: finding none registered for None, it asks the protocol for a method it lacks,
# and the failed lookup formats an AttributeError's message, 2,000 instructions for each NULL.
# An import binds 300,000 of them. Registered, None's adapter gives the same NULL at once.
sqlite3.register_adapter(type(None), lambda value: value)


def connect(
    path: Path,
    *,
    create: bool,
    migrations: Sequence[Migration] = MIGRATIONS,
    clock: Callable[[], datetime] = datetime.now,
) -> sqlite3.Connection:
    """An open connection to the Repute database at `path`, upgraded to this program's schema.

    Args:
        path: the database file.
        create: True for commands that write: a missing or empty file becomes a new database
            (folders Repute creates are 0700, the file 0600). False refuses a missing one.
        migrations: the schema's steps (tests pass a longer list to test an upgrade).
        clock: names the pre-migration copy.

    Raises:
        StoreError: for a missing file (when not creating), a file that is not Repute's or is newer
            than this program (left byte for byte as it was), or a problem of the machine.
    """
    path = Path(path)
    with translating(path):
        return _connect(path, create, migrations, clock)


def _connect(
    path: Path, create: bool, migrations: Sequence[Migration], clock: Callable[[], datetime]
) -> sqlite3.Connection:
    newest = len(migrations)
    header = read_header(path)
    if header is None:
        if not create:
            raise StoreError(f"no database at {path}", kind="missing", path=path)
        make_private_folders(path.parent)
        if not path.exists():
            _create_whole(path, migrations)
            header = read_header(path)
        else:
            create_private_file(path)  # a 0-byte file the user made: a database in its place
    if header is not None:
        # An empty file has nothing a journal could overwrite: a journal beside it is the crash
        # of its creation (SQLite plays it back to empty) or a stray, refused later as not Repute's.
        check_no_hot_journal(path)
        check_header(path, header, newest)
        if wal_path(path).exists():
            _check_version_read_only(path, newest)
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA foreign_keys = ON")
        harden(connection)
        version = schema_version(connection)
        if version > newest:
            raise too_new(path, version, newest)
        check_schema(connection, path, version, migrations)
        if header is None and version < newest:
            # A new file's first step runs in rollback mode so that the application id lands in
            # the file itself (WAL would hold it back until a checkpoint, and the header check
            # reads the file).
            migrate(connection, migrations[:1])
        # WAL before every further step: Repute then leaves no rollback journal beside a file
        # that holds data, so one found there (check_no_hot_journal) is not ours, even while
        # another process is still creating the file step by step.
        _use_wal(connection, create)
        if version < newest:
            if header is not None:
                _keep_pre_migration_copy(connection, path, version, clock())
            migrate(connection, migrations)
        _use_wal(connection, create)
    except BaseException:
        connection.close()
        raise
    return connection


def _create_whole(path: Path, migrations: Sequence[Migration]) -> None:
    """Make a new database under a temporary name and link it into place whole.

    Another process opening `path` meanwhile finds no file, or the finished database: never one
    half made, whose rollback journal it would have to refuse as another database's. When two
    processes create the same database at once, the first link wins and the other's copy goes.
    """
    temporary = temporary_sibling(path)
    create_private_file(temporary, exclusive=True)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            harden(connection)
            migrate(connection, migrations[:1])  # the application id lands in the file itself
            _use_wal(connection, create=True)
            migrate(connection, migrations)
        finally:
            connection.close()  # checkpoints: the file is whole, with no -wal beside it
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            remove_quietly(temporary.with_name(temporary.name + suffix))


def _check_version_read_only(path: Path, newest: int) -> None:
    """Read the schema version through a read-only connection, which can never write the file.

    Needed when a WAL file exists: the header in the main file may be older than the WAL's pages,
    and a read-write connection would checkpoint them into the file when it closes.
    """
    probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        harden(probe)
        version = schema_version(probe)
    finally:
        probe.close()
    if version > newest:
        raise too_new(path, version, newest)


def _keep_pre_migration_copy(
    connection: sqlite3.Connection, path: Path, version: int, now: datetime
) -> Path:
    """Copy the database aside before its schema changes; these copies are never rotated away."""
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
    destination = path.parent / PRE_MIGRATION_FOLDER / f"{path.stem}-v{version}-{stamp}.sqlite3"
    copy_database(connection, destination)
    return destination


def _use_wal(connection: sqlite3.Connection, create: bool) -> None:
    """Switch to WAL (a no-op when the file already is): readers never block the one writer.

    A file that may only be read (read-only media, a copy opened to look at) stays as it is.
    """
    (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    if str(mode).lower() == "wal":
        return
    try:
        connection.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as error:
        if create or (getattr(error, "sqlite_errorcode", 0) & 0xFF) != 8:  # SQLITE_READONLY
            raise
