"""What a database file says about itself in its first 100 bytes, read without SQLite.

Reading the header first means a file that is not Repute's is refused before SQLite opens it, so
nothing (no WAL setup, no migration, no checkpoint) can change a byte of it.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from tracker.store.errors import StoreError

APPLICATION_ID = 0x52505554  # "RPUT": marks a file as Repute's (PRAGMA application_id).
_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of the SQLite header that decide whether Repute may open a file."""

    page_size: int
    page_count: int | None  # None when the header's own count is not known to be current
    user_version: int
    application_id: int


def read_header(path: Path) -> Header | None:
    """The header of an existing database, or None for a missing or empty file (a new database).

    Raises:
        StoreError: when the file is not an SQLite database at all.
        OSError: when the file cannot be read.
    """
    data = read_start(path, _HEADER_SIZE)
    if data is None or not data:
        return None
    if len(data) < _HEADER_SIZE or not data.startswith(_MAGIC):
        raise StoreError(
            f"{path} is not a Repute database (it is not an SQLite file)",
            kind="not_repute",
            path=path,
        )
    (raw_page_size,) = struct.unpack_from(">H", data, 16)
    change_counter, page_count = struct.unpack_from(">II", data, 24)
    (user_version,) = struct.unpack_from(">i", data, 60)
    (application_id,) = struct.unpack_from(">I", data, 68)
    (valid_for,) = struct.unpack_from(">I", data, 92)
    return Header(
        page_size=65536 if raw_page_size == 1 else raw_page_size,
        page_count=page_count if page_count and valid_for == change_counter else None,
        user_version=user_version,
        application_id=application_id,
    )


def read_start(path: Path, size: int) -> bytes | None:
    """The first `size` bytes of the regular file at `path`; None when nothing is there.

    Opened without blocking and checked before a byte is read, so a device (`/dev/null`, whose
    mode a new database would change) or a named pipe (which would hang every command) is refused
    instead of read, created over or chmodded.

    Raises:
        StoreError: (kind "not_repute") for anything that is not a regular file or a folder.
        OSError: a folder (IsADirectoryError), or a file that cannot be read.
    """
    try:
        descriptor = os.open(path, _READ_RAW_WITHOUT_WAITING)
    except FileNotFoundError:
        return None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise not_a_file(path)
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


# O_BINARY: Windows would otherwise read in text mode (CRLF folded, stopped at a 0x1A byte);
# O_NONBLOCK and O_NOCTTY exist only on POSIX, where a FIFO or a terminal could block or take over.
_READ_RAW_WITHOUT_WAITING = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
)


def not_a_file(path: Path) -> StoreError:
    """The refusal of a device, a named pipe or a socket where a file belongs."""
    return StoreError(
        f"{path} is not a regular file (it is a device, a pipe or a socket); nothing was opened "
        "or changed",
        kind="not_repute",
        path=path,
    )


def check_regular_or_absent(path: Path) -> None:
    """Refuse what is neither missing nor a regular file (a folder keeps its own sentence)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise not_a_file(path)


def check_header(path: Path, header: Header, newest_version: int) -> None:
    """Refuse a file that is another program's, newer than this program, or cut short.

    Raises:
        StoreError: saying which of the three it is.
    """
    if header.application_id != APPLICATION_ID:
        raise StoreError(
            f"{path} is not a Repute database (it is another program's SQLite file)",
            kind="not_repute",
            path=path,
        )
    if header.user_version > newest_version:
        raise too_new(path, header.user_version, newest_version)
    if header.page_count is not None and not _has_live_wal(path):
        expected = header.page_count * header.page_size
        if path.stat().st_size < expected:
            raise StoreError(
                f"{path} is damaged: it is cut short ({path.stat().st_size} of {expected} bytes)",
                kind="damaged",
                path=path,
            )


def too_new(path: Path, version: int, newest_version: int) -> StoreError:
    """The refusal for a database written by a newer Repute."""
    return StoreError(
        f"{path} was written by a newer version of Repute (schema version {version}; this one "
        f"reads up to {newest_version}); update Repute to open it",
        kind="too_new",
        path=path,
    )


_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def check_no_hot_journal(path: Path) -> None:
    """Refuse a database with a rollback journal beside it that SQLite would play back.

    SQLite rolls a hot `NAME-journal` into the file as soon as it reads it, whoever wrote the
    journal: one left beside this file by another database (a copied folder, a restored file)
    would overwrite sound pages. Repute keeps its databases in WAL mode, which writes no such
    journal, so one found here is refused and every byte is left as it is.

    Raises:
        StoreError: naming the journal.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        with journal.open("rb") as file:
            start = file.read(len(_JOURNAL_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return
    except IsADirectoryError:
        start = _JOURNAL_MAGIC
    if start == _JOURNAL_MAGIC:
        raise StoreError(
            f"{path} has an unfinished rollback journal beside it ({journal.name}), perhaps from "
            "another database; nothing was opened or changed: move that file away if this "
            "database is sound, or restore a backup",
            kind="damaged",
            path=path,
        )


def wal_path(path: Path) -> Path:
    """The write-ahead log that SQLite keeps beside a database in WAL mode."""
    return path.with_name(path.name + "-wal")


def _has_live_wal(path: Path) -> bool:
    """True when committed pages may still sit in the WAL, not yet in the main file."""
    try:
        return wal_path(path).stat().st_size > 0
    except FileNotFoundError:
        return False
