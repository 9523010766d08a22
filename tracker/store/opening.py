"""The one way to open a Repute database: for a command, or for the window (locked, checked whole).

The command line opens a file for one command and lets SQLite's transactions keep it consistent;
the window holds the file's lock while it works on it, so that two windows never keep separate
undo histories of one log, and reads every page before it shows it (damage found later could only
be printed, not offered a backup for).
"""

from __future__ import annotations

from pathlib import Path

from tracker.store.repository import Repository
from tracker.store.window_lock import WindowLock, check_whole


def open_repository(path: Path, *, create: bool, window: bool = False) -> Repository:
    """The repository of the database at `path`, upgraded to this program's schema.

    Args:
        path: the database file.
        create: a missing or empty file becomes a new database; False refuses a missing one.
        window: for the window: take the file's lock first (released when the repository
            closes), and run SQLite's quick check once it is open.

    Raises:
        StoreError: the database cannot be opened (missing, not Repute's, too new, damaged,
            open in another window, or a problem of the machine).
    """
    if not window:
        return Repository.open(path, create=create)
    lock = WindowLock.take(path)
    try:
        repository = Repository.open(path, create=create)
    except BaseException:
        lock.release()
        raise
    repository.release_on_close(lock.release)
    try:
        check_whole(path)
    except BaseException:
        repository.close()
        raise
    return repository
