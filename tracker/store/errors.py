"""StoreError: a problem with the database file that the user can understand and act on.

Environment troubles (disk full, locked, read-only, damaged) are told apart from bugs here: a
failure that is not on the list below is left to propagate as the bug it is.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

StoreErrorKind = Literal[
    "missing",  # no database where one is needed
    "not_repute",  # not SQLite, or another program's SQLite file
    "too_new",  # written by a newer Repute
    "damaged",  # truncated or corrupted
    "locked",  # another connection holds a lock past the busy timeout
    "disk_full",
    "read_only",
    "permission",
    "io",  # the operating system failed to read or write
    "in_use",  # another process has it open where Repute needs it alone
    "conflict",  # a change that does not fit the stored log
    "stale",  # a change planned against a log that another window or command has changed since
    "exists",  # a destination that is already there
]


class StoreError(Exception):
    """One clear sentence about the database file, with a `kind` a window can act on.

    The window uses `kind` to decide what to offer (open the latest backup for `damaged`, retry for
    `locked`); the command line prints `str(error)` and exits 1.
    """

    def __init__(self, message: str, *, kind: StoreErrorKind, path: Path | None = None) -> None:
        super().__init__(message)
        self.kind: StoreErrorKind = kind
        self.path = path


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_AUTH = 23
_SQLITE_NOTADB = 26


@contextmanager
def translating(path: Path) -> Iterator[None]:
    """Turn the machine's failures in the block into StoreError; let bugs through as they are."""
    try:
        yield
    except StoreError:
        raise
    except (sqlite3.Error, OSError) as error:
        translated = environment_error(error, path)
        if translated is None:
            raise
        raise translated from error


def environment_error(error: BaseException, path: Path) -> StoreError | None:
    """The StoreError for an error the machine caused (not the program), or None for a bug."""
    if isinstance(error, sqlite3.Error):
        return _from_sqlite(error, path)
    if isinstance(error, OSError):
        return _from_os(error, path)
    return None


def _from_sqlite(error: sqlite3.Error, path: Path) -> StoreError | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StoreError(
            f"{path} is locked by another program; try again in a moment", kind="locked", path=path
        )
    if primary == _SQLITE_FULL:
        return StoreError(f"the disk is full: could not write {path}", kind="disk_full", path=path)
    if primary == _SQLITE_READONLY:
        return StoreError(
            f"{path} cannot be written: it or its folder is read-only", kind="read_only", path=path
        )
    if primary in (_SQLITE_PERM, _SQLITE_AUTH):
        return StoreError(f"permission denied: cannot use {path}", kind="permission", path=path)
    if primary == _SQLITE_CANTOPEN:
        return StoreError(
            f"cannot open {path}: check that its folder exists and can be written",
            kind="permission",
            path=path,
        )
    if primary == _SQLITE_IOERR:
        return StoreError(f"could not read or write {path} ({error})", kind="io", path=path)
    if primary == _SQLITE_NOMEM:
        return StoreError(f"out of memory while using {path}", kind="io", path=path)
    if primary == _SQLITE_CORRUPT:
        return StoreError(f"{path} is damaged ({error})", kind="damaged", path=path)
    if primary == _SQLITE_NOTADB:
        return StoreError(
            f"{path} is not a Repute database ({error})", kind="not_repute", path=path
        )
    return None


def _from_os(error: OSError, path: Path) -> StoreError | None:
    where = Path(error.filename) if error.filename else path
    number = error.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        return StoreError(f"the disk is full: could not write {where}", kind="disk_full", path=path)
    if number == errno.EROFS:
        return StoreError(
            f"{where} cannot be written: the file system is read-only", kind="read_only", path=path
        )
    if number in (errno.EACCES, errno.EPERM):
        return StoreError(f"permission denied: {where}", kind="permission", path=path)
    if number == errno.EISDIR:
        return StoreError(f"{where} is a folder, not a database file", kind="not_repute", path=path)
    if number in (errno.ENOENT, errno.ENOTDIR):
        return StoreError(f"no such file or folder: {where}", kind="missing", path=path)
    if number == errno.EIO:
        return StoreError(
            f"could not read or write {where} ({error.strerror})", kind="io", path=path
        )
    return None
