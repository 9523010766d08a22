"""One window per database: a lock the window holds while it works on a file, opened whole.

A second window on the same database is refused with a sentence that names the process holding
it, so two windows never keep separate undo histories of one log. The lock is an OS file lock
(flock) on `NAME.window-lock` beside the database: the system drops it when its process ends, even
by a crash, so the next window takes it over without asking. The command line never takes it: it
writes in transactions, and the window reloads what it wrote.

The window also runs SQLite's quick check before it shows a database: the log is read only after
the first paint, and damage found then could only be printed, not offered a backup for.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from tracker.store.errors import StoreError, translating
from tracker.store.private_files import FILE_MODE, make_private_folders

try:
    import fcntl
except ImportError:  # Windows: no flock; one window per database is then the user's care
    fcntl = None  # type: ignore[assignment]

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
        if fcntl is None:
            return cls(path, None)
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY
        try:
            make_private_folders(path.parent)
            descriptor = os.open(path, flags, FILE_MODE)
        except OSError as error:
            if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return cls(path, None)  # a read-only folder: no window can write there at all
            raise _not_a_lock(path, db_path) from None
        try:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                raise _not_a_lock(path, db_path)
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 64, 0).decode("ascii", "replace").strip() or "unknown"
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
        os.pwrite(descriptor, str(os.getpid()).encode("ascii"), 0)
        return cls(path, descriptor)

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing drops the flock
            self._descriptor = None


def _not_a_lock(path: Path, db_path: Path) -> StoreError:
    """A link, folder, device or someone else's file where the lock belongs: never written."""
    return StoreError(
        f"{path} is not Repute's lock file (a link, a folder, a device or another user's file "
        f"stands there); move it away to open {db_path.name}",
        kind="in_use",
        path=db_path,
    )


class LockedRepository:
    """A repository and the window lock of its file; closing it releases both."""

    def __init__(self, repository: Any, lock: WindowLock) -> None:
        self._repository = repository
        self._lock = lock

    def close(self) -> None:
        try:
            self._repository.close()
        finally:
            self._lock.release()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._repository, name)


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


def open_locked_repository(path: Path) -> Any:
    """The window's way to open a database: the lock, the repository, then the quick check.

    Raises:
        StoreError: the database is open in another window, damaged, or cannot be opened.
    """
    from tracker.store.repository import Repository

    lock = WindowLock.take(path)
    try:
        repository = Repository.open(path, create=True)
    except BaseException:
        lock.release()
        raise
    locked = LockedRepository(repository, lock)
    try:
        check_whole(path)
    except BaseException:
        locked.close()
        raise
    return locked
