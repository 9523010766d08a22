"""Backups: copies of the database on request, rolling copies before risky writes, and restore.

Beside the database, `backups/` holds `STEM-YYYYMMDD-HHMMSS-ffffff-REASON.sqlite3` files. The
rolling ones (`daily`, made before the first write of each day, and `import`, made before every
import) are kept to the last 10; a `manual` backup and the copy a restore keeps (`before-restore`)
are never rotated away, nor are the copies made before a migration (in `pre-migration/`). Every
copy is written whole under a temporary name, renamed into place, and readable by the user only.
`backups/.repute-backups.jsonl` records each backup Repute made there, in order: rotation and the
latest backup go by it, never by names, and a file it does not list is never deleted.
Commands that only read never call anything here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from tracker.store.copying import copy_database
from tracker.store.db import connect
from tracker.store.errors import StoreError, translating
from tracker.store.header import (
    APPLICATION_ID,
    check_header,
    check_no_hot_journal,
    check_regular_or_absent,
    read_header,
    wal_path,
)
from tracker.store.loading import holds_records
from tracker.store.migrations import MIGRATIONS, SCHEMA_VERSION
from tracker.store.private_files import (
    FILE_MODE,
    NO_FOLLOW,
    create_private_file,
    make_private_folders,
    remove_quietly,
    replace_atomically,
    restrict_to_owner,
    sync_file,
    temporary_sibling,
)
from tracker.store.schema import check_schema, harden

BACKUP_FOLDER = "backups"
RECORD_NAME = ".repute-backups.jsonl"  # what Repute made here, one line per backup, in order
ROLLING_KEPT = 10
ROLLING_REASONS = ("daily", "import")
_STAMP = "%Y%m%d-%H%M%S-%f"


class BackupSource(Protocol):
    """An open database that can copy itself (a Repository is one)."""

    @property
    def path(self) -> Path: ...

    def copy_to(self, destination: Path) -> None: ...

    def is_empty(self) -> bool: ...


def backup_folder(path: Path) -> Path:
    """Where the backups of the database at `path` live."""
    return path.parent / BACKUP_FOLDER


def backup(
    source: BackupSource | Path,
    dest: Path | None = None,
    *,
    now: datetime | None = None,
    reason: str = "manual",
) -> Path:
    """A consistent copy of the database now, at `dest` or in the backups folder; returns its path.

    Raises:
        StoreError: when there is no database, `dest` already exists, or the copy cannot be written.
    """
    with _opened(source) as opened:
        destination = dest if dest is not None else _named(opened.path, now, reason)
        with translating(destination):
            opened.copy_to(destination)
            if dest is None:
                _record(destination, reason)
        return destination


def daily_backup_if_needed(
    source: BackupSource | Path, *, now: datetime | None = None
) -> Path | None:
    """Back up before a day's first write; None when today's copy exists or nothing is stored."""
    now = now or datetime.now()
    path = source if isinstance(source, Path) else source.path
    if has_daily_backup(path, now.date()):
        return None
    return _rolling_backup(source, now, "daily")


def backup_before_import(
    source: BackupSource | Path, *, now: datetime | None = None
) -> Path | None:
    """Back up before an import writes anything; None when the database is still empty."""
    return _rolling_backup(source, now or datetime.now(), "import")


def has_daily_backup(path: Path, day: date) -> bool:
    """True when a daily backup of the database at `path` was made on `day`."""
    prefix = day.strftime("%Y%m%d")
    return any(
        stamp.startswith(prefix) and reason == "daily" for stamp, reason, _ in _rolling(path)
    )


def rolling_backups(path: Path) -> list[Path]:
    """The rolling backups Repute made of the database at `path`, oldest first."""
    return [file for reason, file in _made(path) if reason in ROLLING_REASONS]


def latest_backup(path: Path) -> Path | None:
    """The backup Repute made last, for the offer to open it when the database is damaged.

    Taken from the folder's record of what Repute made, in the order it made them, so a file
    stamped in the future (a clock set right again) or one the user named like a backup never
    passes for the newest. The copies a restore keeps (`before-restore`) are left out: such a copy
    may be the very damaged file the user replaced.
    """
    made = [file for reason, file in _made(path) if reason != "before-restore"]
    return made[-1] if made else None


def restore(path: Path, source: Path, *, now: datetime | None = None) -> Path | None:
    """Put the database `source` in the place of `path`, keeping a copy of what was there.

    The source is checked first (a Repute database this program can read, passing
    `PRAGMA integrity_check`) and copied beside `path`; then the current database is copied to
    `backups/` (`before-restore`, never rotated) and the checked copy is renamed into place, so
    `path` is always either the old database or the new one. No other program may have `path`
    open: close the window's repository first.

    Returns:
        The copy kept of the replaced database, or None when there was none.

    Raises:
        StoreError: when the source is missing, not Repute's, newer, or damaged; when the current
            database is in use elsewhere; or when the machine fails. `path` is left as it was.
    """
    now = now or datetime.now()
    with translating(source):
        _check_restorable(path, source)
    # A linked database (a log kept in a synced folder) is restored into the file the link names:
    # renaming onto the link would replace the link and leave the real file with the old log.
    real = path.resolve() if path.is_symlink() else path
    incoming = temporary_sibling(real)
    try:
        with translating(path):
            make_private_folders(real.parent)
        with translating(source):
            _copy_source(source, incoming)
        _check_copy(incoming, source)
        with translating(path):
            kept = _keep_before_restore(path, now) if _holds_bytes(path) else None
            replace_atomically(incoming, real)
    except BaseException:
        remove_quietly(incoming)
        remove_quietly(wal_path(incoming))
        raise
    return kept


def _copy_source(source: Path, incoming: Path) -> None:
    """Copy the source's bytes (and its WAL's) to `incoming`, then settle them into one file.

    The source is only ever read, byte for byte: SQLite opening it, even read-only, would make a
    `-shm` (and `-wal`) beside it, and cannot open a WAL database on a read-only place at all (a
    snapshot, a mounted backup disk). The copy is Repute's own file, private, checked next.
    """
    make_private_folders(incoming.parent)
    _copy_private(source, incoming)
    wal = wal_path(source)
    check_regular_or_absent(wal)
    if wal.exists():
        _copy_private(wal, wal_path(incoming))
    connection = sqlite3.connect(incoming, isolation_level=None)
    try:
        harden(connection)
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _copy_private(source: Path, destination: Path) -> None:
    create_private_file(destination, exclusive=True)
    with source.open("rb") as reading, destination.open("r+b") as writing:
        shutil.copyfileobj(reading, writing)


def _check_restorable(path: Path, source: Path) -> None:
    check_regular_or_absent(path)
    header = read_header(source)
    if header is None:
        raise StoreError(f"no database at {source}", kind="missing", path=source)
    check_header(source, header, SCHEMA_VERSION)
    check_no_hot_journal(source)
    check_no_hot_journal(path)
    if path.exists() and path.resolve() == source.resolve():
        raise StoreError(f"cannot restore {source} onto itself", kind="exists", path=source)


def _holds_bytes(path: Path) -> bool:
    """True when `path` is a file with something in it, whatever it is: a restore keeps it."""
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _check_copy(copy: Path, source: Path) -> None:
    """Refuse a copy that fails SQLite's integrity check or whose marks are not Repute's."""
    connection = sqlite3.connect(copy)
    try:
        harden(connection)
        with translating(source):
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            (application_id,) = connection.execute("PRAGMA application_id").fetchone()
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            if problems == ["ok"] and application_id == APPLICATION_ID:
                check_schema(connection, source, version, MIGRATIONS)
    finally:
        connection.close()
    if problems != ["ok"]:
        lines = [line for problem in problems for line in problem.splitlines()]
        first = next((line for line in lines if not line.startswith("***")), lines[0])
        raise StoreError(f"{source} is damaged: {first}", kind="damaged", path=source)
    if application_id != APPLICATION_ID or version > SCHEMA_VERSION:
        raise StoreError(f"{source} is not a Repute database", kind="not_repute", path=source)


def _keep_before_restore(path: Path, now: datetime) -> Path:
    """Copy the current database aside and make sure no WAL of it is left to haunt the new file.

    Switching the database out of WAL needs it alone: if another process has it open, SQLite says
    busy and the restore stops. A file SQLite cannot read (damaged, or another program's) is kept
    byte for byte instead, WAL included.
    """
    destination = _named(path, now, "before-restore")
    make_private_folders(destination.parent)
    try:
        _take_out_of_wal(path)
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            raise StoreError(
                f"{path} is open in another Repute window or command; close it, then restore",
                kind="in_use",
                path=path,
            ) from error
        if code not in (11, 26):  # SQLITE_CORRUPT, SQLITE_NOTADB: keep the bytes as they are
            raise
    _copy_bytes(path, destination)
    _record(destination, "before-restore")
    wal = wal_path(path)
    if wal.exists():
        _copy_bytes(wal, destination.with_name(destination.name + "-wal"))
        wal.unlink()
    remove_quietly(path.with_name(path.name + "-shm"))
    return destination


def _take_out_of_wal(path: Path) -> None:
    connection = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        connection.close()


def _copy_bytes(source: Path, destination: Path) -> None:
    temporary = temporary_sibling(destination)
    try:
        shutil.copyfile(source, temporary)
        temporary.chmod(FILE_MODE)
        sync_file(temporary)
        replace_atomically(temporary, destination)
    except BaseException:
        remove_quietly(temporary)
        raise


def _rolling_backup(source: BackupSource | Path, now: datetime, reason: str) -> Path | None:
    with _opened(source) as opened:
        if opened.is_empty():
            return None
        destination = _named(opened.path, now, reason)
        with translating(destination):
            opened.copy_to(destination)
            _record(destination, reason)
            _rotate(opened.path)
        return destination


def _rotate(path: Path) -> None:
    """Delete the oldest rolling backups beyond the last ROLLING_KEPT made.

    Only files in the record of what Repute made, and still the very files it wrote (same inode
    and size), are ever deleted; their names decide nothing.
    """
    for file in rolling_backups(path)[:-ROLLING_KEPT]:
        file.unlink(missing_ok=True)


def _record(destination: Path, reason: str) -> None:
    """Add a backup just made to the record of its folder (one JSON line, appended whole)."""
    info = destination.stat()
    line = json.dumps(
        {"name": destination.name, "reason": reason, "inode": info.st_ino, "size": info.st_size}
    )
    record = destination.parent / RECORD_NAME
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | NO_FOLLOW
    descriptor = os.open(record, flags, FILE_MODE)
    try:
        restrict_to_owner(descriptor)
        os.write(descriptor, (line + "\n").encode("utf-8"))
    finally:
        os.close(descriptor)


def _made(path: Path) -> list[tuple[str, Path]]:
    """(reason, file) of each backup Repute made of `path` and that is still as it wrote it."""
    folder = backup_folder(path)
    try:
        text = (folder / RECORD_NAME).read_text(encoding="utf-8", errors="replace")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return []
    found: dict[str, tuple[str, Path]] = {}
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            name, reason = str(entry["name"]), str(entry["reason"])
            inode, size = int(entry["inode"]), int(entry["size"])
        except (ValueError, KeyError, TypeError):
            continue  # a line cut short by a crash, or written by hand
        file = folder / name
        if file.parent != folder or not name.startswith(path.stem + "-"):
            continue
        try:
            info = file.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode) and (info.st_ino, info.st_size) == (inode, size):
            found.pop(name, None)
            found[name] = (reason, file)
    return list(found.values())


def _rolling(path: Path) -> list[tuple[str, str, Path]]:
    """(stamp, reason, file) of each rolling backup of the database at `path`, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    reasons = "|".join(ROLLING_REASONS)
    pattern = re.compile(re.escape(path.stem) + rf"-(\d{{8}}-\d{{6}}-\d{{6}})-({reasons})\.sqlite3")
    found = []
    for file in folder.iterdir():
        match = pattern.fullmatch(file.name)
        if match:
            found.append((match.group(1), match.group(2), file))
    return sorted(found)


def _named(path: Path, now: datetime | None, reason: str) -> Path:
    stamp = (now or datetime.now()).strftime(_STAMP)
    return backup_folder(path) / f"{path.stem}-{stamp}-{reason}.sqlite3"


class _OpenedFile:
    """A database opened from its path for one backup, then closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = connect(path, create=False)

    def copy_to(self, destination: Path) -> None:
        copy_database(self._connection, destination)

    def is_empty(self) -> bool:
        return not holds_records(self._connection)

    def close(self) -> None:
        self._connection.close()


@contextmanager
def _opened(source: BackupSource | Path) -> Iterator[BackupSource]:
    if not isinstance(source, Path):
        yield source
        return
    opened = _OpenedFile(source)
    try:
        with translating(source):
            yield opened
    finally:
        opened.close()
