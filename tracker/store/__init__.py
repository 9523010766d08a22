"""The log in SQLite: open, upgrade, read, write in one transaction, undo, back up.

What callers use is here: `open_repository` (the one way to open a database, for a command or for
the window), the `Repository` it gives, `StoreError` and its kinds, backups and restore, the
window's lock, and the private modes of what Repute writes. The modules behind it are the store's
own (the schema, its migrations, how rows are read and written).
"""

from tracker.store.backups import backup, backup_before_import, latest_backup, restore
from tracker.store.errors import StoreError, StoreErrorKind
from tracker.store.opening import open_repository
from tracker.store.private_files import FILE_MODE, FOLDER_MODE, make_private_folders
from tracker.store.repository import Repository
from tracker.store.window_lock import WindowLock, check_whole, lock_path

__all__ = [
    "FILE_MODE",
    "FOLDER_MODE",
    "Repository",
    "StoreError",
    "StoreErrorKind",
    "WindowLock",
    "backup",
    "backup_before_import",
    "check_whole",
    "latest_backup",
    "lock_path",
    "make_private_folders",
    "open_repository",
    "restore",
]
