"""One importing process of test_parallel_imports: load everything, wait for the start, import.

Loading first and starting together on a signal file makes the imports overlap for real (started
one after the other, a child would often finish before the next one has even loaded Python).
Usage: python -m tests.robustness.import_worker START_FILE DB FILE
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import tracker.cli.commands
import tracker.io.import_plan
import tracker.io.json_format
import tracker.io.upwork.statement
import tracker.store.backups
import tracker.store.repository  # noqa: F401
from tracker.cli import run


def main(start: Path, db: str, source: str) -> int:
    deadline = time.monotonic() + 60
    while not start.exists() and time.monotonic() < deadline:
        time.sleep(0.002)
    return run(["--db", db, "import", source])


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
