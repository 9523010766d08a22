"""One window per database: the lock a window holds on its file, and the check of the file whole.

A second window on the same database is refused with a sentence that names the process holding
it, so two windows never keep separate undo histories of one log. The lock is an OS file lock
(flock; on Windows a byte-range lock of msvcrt) on `NAME.window-lock` beside the database: the
system drops it when its process ends, even by a crash, so the next window takes it over without
asking. The command line never takes it: it writes in transactions, and the window reloads what it
wrote. `tracker.store.opening.open_repository(path, create=True, window=True)` takes it.

The window also runs SQLite's quick check before it shows a database: the log is read only after
the first paint, and damage found then could only be printed, not offered a backup for.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys
from pathlib import Path

from tracker.store.errors import StoreError, translating
from tracker.store.private_files import FILE_MODE, NO_FOLLOW, make_private_folders

# The byte locked on Windows, past the process id written at the start (msvcrt's locks are
# mandatory: a locked byte could not be read by the window that wants to name its holder).
_WINDOWS_LOCKED_BYTE = 4096

LOCK_SUFFIX = ".window-lock"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class WindowLock:
    """The held lock of one database; `release()` lets the next window have it."""

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path = path
        self._descriptor = descriptor

    @classmethod
    def take(cls, db_path: Path) -> WindowLock:
        """Hold the lock of the database at `db_path`.

        Raises:
            StoreError: (kind "in_use") when a live process holds it.
        """
        path = lock_path(db_path)
        flags = os.O_RDWR | os.O_CREAT | NO_FOLLOW
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)  # POSIX only
        try:
            make_private_folders(path.parent)
            descriptor = os.open(path, flags, FILE_MODE)
        except OSError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return cls(path, None)  # a read-only folder: no window can write there at all
            raise _not_a_lock(path, db_path) from None
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or not _owned_by_this_user(info):
                raise _not_a_lock(path, db_path)
            _lock_without_waiting(descriptor)
        except BlockingIOError:
            os.lseek(descriptor, 0, os.SEEK_SET)
            holder = os.read(descriptor, 64).decode("ascii", "replace").strip() or "unknown"
            os.close(descriptor)
            raise StoreError(
                f"{db_path} is open in another Repute window (process {holder}); "
                "use that window, or close it and try again",
                kind="in_use",
                path=db_path,
            ) from None
        except BaseException:
            os.close(descriptor)
            raise
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, str(os.getpid()).encode("ascii"))
        return cls(path, descriptor)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing drops the lock
            self._descriptor = None


def _owned_by_this_user(info: os.stat_result) -> bool:
    """POSIX: the file is ours. Windows has no uids here; the data folder is the user's own."""
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _lock_without_waiting(descriptor: int) -> None:
    """Take the lock, or raise BlockingIOError when another live process holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(descriptor, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            raise BlockingIOError(str(error)) from None
        return
    import fcntl

    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _not_a_lock(path: Path, db_path: Path) -> StoreError:
    """A link, folder, device or someone else's file where the lock belongs: never written."""
    return StoreError(
        f"{path} is not Repute's lock file (a link, a folder, a device or another user's file "
        f"stands there); move it away to open {db_path.name}",
        kind="in_use",
        path=db_path,
    )


def check_whole(path: Path) -> None:
    """Read every page of the database (PRAGMA quick_check, milliseconds for a freelancer's log).

    Raises:
        StoreError: (kind "damaged") when a page cannot be read or does not fit.
    """
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        with translating(path):
            (problem,) = connection.execute("PRAGMA quick_check(1)").fetchone()
    finally:
        connection.close()
    if problem != "ok":
        problem = str(problem).removeprefix("*** in database main ***\n")
        raise StoreError(f"{path} is damaged: {problem}", kind="damaged", path=path)
