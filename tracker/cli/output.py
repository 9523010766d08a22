"""What every command writes: JSON on stdout, one-line refusals, and a quiet end on a closed pipe.

Exit codes: 0 success; 1 a data or file problem (DataError, one line on stderr saying what and
where); 2 bad usage (UsageError). Nothing is written when a command fails.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import orjson


class UsageError(Exception):
    """Bad usage: exit 2."""


class DataError(Exception):
    """A data or file problem: exit 1."""


def emit(data: Any) -> None:
    """JSON on stdout: indented for a person at a terminal, compact (and fast) for a program."""
    sys.stdout.write(json_text(data, indented=sys.stdout.isatty()) + "\n")


def json_text(data: Any, *, indented: bool) -> str:
    """`data` as JSON text, written by orjson.

    A score at agency scale is about 3 MB of JSON: the standard library's encoder took 60-100 ms
    of a 0.5 s command, orjson takes 6-10. A value orjson refuses (a number past 64 bits, text
    that is not valid Unicode) is left to the standard library, which wrote every output before.
    """
    option = orjson.OPT_INDENT_2 if indented else 0
    try:
        return orjson.dumps(data, option=option).decode()
    except orjson.JSONEncodeError:
        return json.dumps(data, indent=2 if indented else None, ensure_ascii=False)


def one_line(text: str) -> str:
    """`text` with every character a terminal would act on written as an escape.

    Messages quote a file's own keys and values: a newline, a tab or an escape sequence in them
    must neither break the message in two nor reach the terminal as a control code.
    """
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )


def read_input(path: str, limit: int) -> bytes:
    """A file to read in whole, refused before it is read when past `limit` bytes."""
    from tracker.io.input_file import read_input_file
    from tracker.io.problems import InputError

    try:
        return read_input_file(Path(path), limit)
    except InputError as error:
        raise DataError(str(error)) from None


# What a shell reports for a program stopped by a closed pipe (128 + SIGPIPE), as `cat` gives.
CLOSED_PIPE_EXIT = 128 + 13


def silence_stdout() -> None:
    """Point stdout at the null device: the interpreter's last flush then finds no closed pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # not a real file (a test's capture): nothing will flush it
        pass
