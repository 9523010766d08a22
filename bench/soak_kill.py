"""The long version of tests/robustness/test_crashes.py: hundreds of SIGKILLs, then the figures.

Each import kill starts `python main.py --db COPY import FILE` on a fresh copy of a small database
and kills it after a random delay, the moment its WAL grows past a random size, or while it writes
its backup; the database must then pass PRAGMA integrity_check, hold the log from before the
import or the log after it, keep only whole backups, and take the import again. Each edit kill lets
tests/robustness/edit_worker.py write for a random while on one database that all kills share:
every edit whole, none it reported lost. Any breach stops the soak with the assertion.

Usage: .venv/bin/python bench/soak_kill.py [--imports 200] [--edits 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate_log import generate
from tests.robustness.kill_harness import (
    EditRun,
    ImportCase,
    Tally,
    after,
    backup_being_written,
    remove,
    wal_beyond,
)


def soak_imports(count: int, rng: random.Random, folder: Path) -> Tally:
    case = ImportCase.prepare(folder / "imports", generate(800, 120, 2000, 6000, 8, seed=5))
    tally = Tally()
    for number in range(count):
        choice = rng.random()
        if choice < 0.5:
            delay = rng.uniform(0.0, case.seconds * 1.2)
            trigger = lambda _db, d=delay: after(d)  # noqa: E731
        elif choice < 0.9:
            size = rng.randrange(0, 1_200_000)  # the import's WAL grows past this
            trigger = lambda db, s=size: wal_beyond(db, s)  # noqa: E731
        else:
            trigger = backup_being_written
        name = f"kill-{number}"
        case.kill_once(name, trigger, tally)
        remove(case.folder / name)
        if (number + 1) % 25 == 0:
            print(f"  imports: {number + 1} kills, {tally.outcomes}", flush=True)
    return tally


def soak_edits(count: int, rng: random.Random, folder: Path) -> Tally:
    run = EditRun(folder / "edits" / "repute.sqlite3")
    tally = Tally()
    for number in range(count):
        run.kill_once(rng.uniform(0.15, 1.5), tally)
        if (number + 1) % 25 == 0:
            print(f"  edits: {number + 1} kills, {len(run.reported)} rounds reported", flush=True)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--imports", type=int, default=200, help="kills of an import")
    parser.add_argument("--edits", type=int, default=200, help="kills of the edit worker")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="repute-soak-") as scratch:
        imports = soak_imports(args.imports, rng, Path(scratch))
        edits = soak_edits(args.edits, rng, Path(scratch))
    minutes = (time.monotonic() - started) / 60
    print(f"kills survived: {imports.kills + edits.kills} in {minutes:.1f} min")
    print(f"  imports: {imports.kills}: {imports.outcomes}")
    print(f"  edits: {edits.kills}, every one whole, none reported lost")
    leftovers = len(imports.leftovers | edits.leftovers)
    print(f"  temporary files left by killed backups (never under a backup's name): {leftovers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
