"""What a bad file or a troubled disk raises in the window: told to the user, never a crash.

The File menu, the offer of a backup, the import previews and the trend's export all catch these;
anything else is a bug and propagates as one.
"""

from __future__ import annotations

from tracker.io.problems import InputError
from tracker.records.changes import ChangeError
from tracker.store import StoreError

FILE_ERRORS: tuple[type[BaseException], ...] = (
    InputError,
    ChangeError,
    OSError,
    UnicodeDecodeError,
    StoreError,
)


def file_error_types() -> tuple[type[BaseException], ...]:
    """FILE_ERRORS, for the callers that are handed a function (the import previews)."""
    return FILE_ERRORS
