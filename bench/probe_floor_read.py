"""The floor for a read command: a fresh Python that reads every row of a database with sqlite3.

Nothing that answers from the same database can start, open it and read it faster, so `score` is
judged against this process rather than against an absolute number alone.

Usage: python bench/probe_floor_read.py DATABASE
"""

from __future__ import annotations

import sqlite3
import sys


def read_every_row(path: str) -> int:
    """Read every row of every table; the number of rows read."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return sum(len(connection.execute(f'SELECT * FROM "{name}"').fetchall()) for name in tables)
    finally:
        connection.close()


if __name__ == "__main__":
    print(read_every_row(sys.argv[1]))
