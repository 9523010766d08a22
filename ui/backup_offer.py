"""When a database cannot be opened: say why, and offer to put its latest backup in its place.

The file itself is never changed unless the user says yes; even then a restore keeps its bytes in
the backups folder first (`...-before-restore.sqlite3`), so nothing is lost either way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from tracker.store import StoreError, latest_backup, restore
from ui.file_errors import file_error_types

OFFER_FOR = ("damaged", "not_repute", "too_new")
TITLE = "Repute cannot open the database"
Window = TypeVar("Window")


def backup_for(path: Path, error: BaseException) -> Path | None:
    """The backup worth offering for `error`, or None (a locked or missing file needs none)."""
    if not isinstance(error, StoreError) or error.kind not in OFFER_FOR:
        return None
    return latest_backup(path)


def offer_latest_backup(parent: QWidget | None, path: Path, error: BaseException) -> bool:
    """Tell the user why `path` did not open; offer its latest backup when there is one.

    Returns:
        True when the backup now stands in place of `path` (open it again), else False.
    """
    backup = backup_for(path, error)
    if backup is None:
        QMessageBox.critical(parent, TITLE, str(error))
        return False
    made = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        parent,
        TITLE,
        f"{error}\n\nThe latest backup is {backup.name} (made {made}). Put it in place of "
        f"{path.name}? The file as it is now is kept in {backup.parent} first.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore(path, backup)
    except file_error_types() as failure:
        QMessageBox.critical(parent, "Could not put the backup in place", str(failure))
        return False
    return True


def first_window(db_path: Path, build: Callable[[], Window]) -> Window | None:
    """`build()`: the window on `db_path`; when the database cannot open, the offer of its latest
    backup and, once it is in place, `build()` again. None (the reason told) when there is none.
    """
    try:
        return build()
    except file_error_types() as error:
        failure: BaseException = error
        if offer_latest_backup(None, db_path, error):
            try:
                return build()
            except file_error_types() as again:
                QMessageBox.critical(None, TITLE, str(again))
                failure = again
    print(f"repute: {failure}", file=sys.stderr)
    return None
