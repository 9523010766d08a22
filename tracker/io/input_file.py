"""Reading a file to import: refused whole, before a byte is read, when it is too big to be a log.

A freelancer's whole history is a few megabytes; a file past the limit (256 MiB unless the
environment variable REPUTE_MAX_INPUT_MIB says otherwise) is a mistake or an attack, and reading
it would only fill the memory. A device (`/dev/zero`) never ends, so it is refused too.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from tracker.io.problems import InputError

LIMIT_ENV_VAR = "REPUTE_MAX_INPUT_MIB"
DEFAULT_LIMIT_MIB = 256
MIB = 1024 * 1024
DEFAULT_LIMIT = DEFAULT_LIMIT_MIB * MIB


def input_limit(environ: Mapping[str, str]) -> int:
    """The largest file an import reads, in bytes: REPUTE_MAX_INPUT_MIB, else 256 MiB."""
    text = environ.get(LIMIT_ENV_VAR, "").strip()
    try:
        mib = float(text) if text else DEFAULT_LIMIT_MIB
    except ValueError:
        mib = DEFAULT_LIMIT_MIB
    return int(mib * MIB) if mib > 0 else DEFAULT_LIMIT


def read_input_file(path: Path, limit: int = DEFAULT_LIMIT) -> bytes:
    """The bytes of the file at `path`, at most `limit` of them.

    Raises:
        InputError: (path: the file's name) when it is missing, a folder, a device, unreadable or
            bigger than `limit`; a file that grows past it while being read is refused as well.
    """
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise InputError(name, "is a device or a socket, not a file")
        if info.st_size > limit:
            raise InputError(name, _too_big(info.st_size, limit))
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "not readable (permission denied)") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise InputError(name, _too_big(None, limit))
    return data


def _too_big(size: int | None, limit: int) -> str:
    limit_text = f"{limit / MIB:g} MiB"
    if size is None:
        return f"the file is bigger than the limit of {limit_text} ({LIMIT_ENV_VAR})"
    return f"the file is {size / MIB:,.0f} MiB; the limit is {limit_text} ({LIMIT_ENV_VAR})"
