"""Files and folders that only their owner can read: the database, its backups, their folders.

A freelancer's earnings and client names are private, so everything Repute creates is 0600 (files)
or 0700 (folders), whatever the umask; folders that already exist are left as the user made them.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700

# Windows has no flag to refuse a symlink at open; its links need privileges to make there.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def restrict_to_owner(descriptor: int) -> None:
    """Mode 0600 whatever the umask. Windows has no fchmod (nor POSIX modes): there the files
    live in the user's own profile folders, whose permissions keep them private."""
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, FILE_MODE)


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each readable by the owner only.

    Raises:
        StoreError: (kind "exists") when a file stands where a folder must be (a file named
            `backups` beside the database), naming it.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    if current.exists() and not current.is_dir():
        from tracker.store.errors import StoreError

        raise StoreError(
            f"{current} is a file in the way: Repute keeps a folder of that name there; move or "
            "rename the file, then try again",
            kind="exists",
            path=current,
        )
    for each in reversed(missing):
        try:
            os.mkdir(each, FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(each, FOLDER_MODE)


def create_private_file(path: Path, *, exclusive: bool = False) -> None:
    """Create `path` empty with mode 0600, or set an existing empty file to 0600.

    With `exclusive`, a file (or a symlink) already at `path` is an error: temporary names must
    never write through something another process put there.
    """
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else 0)
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        restrict_to_owner(descriptor)
    finally:
        os.close(descriptor)


def temporary_sibling(path: Path) -> Path:
    """A fresh hidden name in the same folder, so a rename onto `path` is atomic.

    Four random bytes straight from os.urandom, as secrets.token_hex(4) takes them: importing
    `secrets` loads hmac and OpenSSL's hashes, 5 ms of every command's start for one name.
    """
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")


_TEMPORARY = re.compile(r"\..+\.(\d+)-[0-9a-f]{8}\.tmp(-journal|-wal|-shm)?")


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files of copies whose process died midway (killed, power cut).

    They were never renamed into place, so nothing refers to them; a live process's are kept.
    """
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for name in names:
        match = _TEMPORARY.fullmatch(name)
        if match and not _is_running(int(match.group(1))):
            remove_quietly(folder / name)


def _is_running(pid: int) -> bool:
    if sys.platform == "win32":
        return _is_running_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks; on Windows os.kill would end the process
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _is_running_on_windows(pid: int) -> bool:
    """Whether a process lives, asked of Windows without touching it."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # access denied: it exists, someone else's
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def sync_file(path: Path) -> None:
    """Push a finished file to the disk before it is renamed into place."""
    # Windows flushes only a descriptor open for writing; POSIX syncs a read-only one as well.
    flags = os.O_RDWR | getattr(os, "O_BINARY", 0) if sys.platform == "win32" else os.O_RDONLY
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def replace_atomically(source: Path, destination: Path) -> None:
    """Rename `source` onto `destination` and make the rename itself durable."""
    os.replace(source, destination)
    try:
        descriptor = os.open(destination.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def remove_quietly(path: Path) -> None:
    """Delete a temporary file after a failure, never hiding the failure behind a second one."""
    with contextlib.suppress(OSError):
        path.unlink()
