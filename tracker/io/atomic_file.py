"""Writing a whole file or nothing: a temporary name beside it, fsync, then one rename.

A reader (or a crash) never sees half an export, and the file is the owner's alone (0600): a log
of earnings and client names is private.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from tracker.io.problems import InputError


def write_atomically(path: Path, data: bytes) -> None:
    """Put `data` at `path` in one step, replacing any file there.

    Raises:
        InputError: when the folder cannot be written (missing, read-only, full), with the path.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(str(path), f"cannot be written ({error.strerror or error})") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise InputError(str(path), f"cannot be written ({error.strerror or error})") from None
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
