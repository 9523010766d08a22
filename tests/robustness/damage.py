"""Ways a database file goes bad, each a function that spoils a good Repute database in place."""

from __future__ import annotations

import random
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

from tracker.store.migrations import SCHEMA_VERSION

Damage = Callable[[Path], None]


def page_size(data: bytes) -> int:
    (size,) = struct.unpack_from(">H", data, 16)
    return 65536 if size == 1 else size


def newer_than_the_program(path: Path) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">i", data, 60, SCHEMA_VERSION + 7)  # PRAGMA user_version
    path.write_bytes(bytes(data))


def text_file(path: Path) -> None:
    path.write_text("Date,Amount\n2025-01-01,100\n")


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(8192))


def another_programs_sqlite(path: Path) -> None:
    path.unlink()
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def cut_mid_page(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - page_size(data) // 2])


def pages_overwritten(path: Path) -> None:
    """Garbage over every page from the fourth on: nothing past the schema can be read."""
    data = bytearray(path.read_bytes())
    size = page_size(data)
    for offset in range(3 * size, len(data), size):
        data[offset + 8 : offset + size] = random.Random(offset).randbytes(size - 8)
    path.write_bytes(bytes(data))


def contracts_page_overwritten(path: Path) -> None:
    """The page holding the sample's first contract spoilt: the other pages still read.

    A page of the contracts table, which every command reads, rather than whichever page lies in
    the middle (that may belong to a table a command never reads, and then nothing is wrong for it).
    """
    data = bytearray(path.read_bytes())
    size = page_size(data)
    start = (data.index(b"Coffee bag label") // size) * size
    data[start : start + size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def bad_page_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    struct.pack_into(">H", data, 16, 3)  # not a power of two
    path.write_bytes(bytes(data))


WHOLLY_BAD: dict[str, tuple[Damage, str]] = {
    "newer": (newer_than_the_program, "was written by a newer version of Repute"),
    "text": (text_file, "is not a Repute database"),
    "random-bytes": (random_bytes, "is not a Repute database"),
    "other-sqlite": (another_programs_sqlite, "is not a Repute database"),
    "truncated": (truncated, "is damaged"),
    "cut-mid-page": (cut_mid_page, "is damaged"),
    "pages-overwritten": (pages_overwritten, "is damaged"),
    "bad-page-size": (bad_page_size, "is not a Repute database"),
}
