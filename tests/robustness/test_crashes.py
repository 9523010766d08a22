"""SIGKILL at any moment of an import or an edit: the database passes PRAGMA integrity_check, holds
each operation whole or not at all, keeps every edit reported as finished, and takes the same
operation again. Real processes, killed by the system; about 16 kills, bounded in time (the long
soak is bench/soak_kill.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate_log import generate
from tests.robustness.cli_runs import run_cli
from tests.robustness.kill_harness import (
    EditRun,
    ImportCase,
    Tally,
    after,
    backup_being_written,
    random_delays,
    wal_beyond,
)
from tests.robustness.processes import SAMPLE
from tracker.store.backups import RECORD_NAME

KILLS_BY_TIME = 6
WAL_SIZES = (0, 200_000, 800_000)
EDIT_KILLS = 6


@pytest.fixture(scope="module")
def import_case(tmp_path_factory: pytest.TempPathFactory) -> ImportCase:
    document = generate(800, 120, 2000, 6000, 8, seed=5)
    return ImportCase.prepare(tmp_path_factory.mktemp("kills"), document)


def test_an_import_killed_at_any_moment_is_whole_or_absent(import_case: ImportCase) -> None:
    tally = Tally()
    delays = random_delays(KILLS_BY_TIME, 0.05, import_case.seconds * 1.2, seed=11)
    late = import_case.seconds * 4 + 1  # after the end, however busy the machine is
    for number, delay in enumerate([*delays, late]):
        import_case.kill_once(f"timed-{number}", lambda _db, d=delay: after(d), tally)
    assert tally.kills == KILLS_BY_TIME + 1
    outcomes = set(tally.outcomes)
    assert "absent (killed)" in outcomes  # the early kills come before the commit ...
    assert "whole (finished first)" in outcomes  # ... and a finished import is whole


@pytest.mark.parametrize("size", WAL_SIZES)
def test_an_import_killed_while_it_writes_is_whole_or_absent(
    import_case: ImportCase, size: int
) -> None:
    """Killed the moment the write-ahead log grows past `size`: inside the transaction."""
    tally = Tally()
    outcome = import_case.kill_once(f"wal-{size}", lambda db: wal_beyond(db, size), tally)
    assert tally.outcomes == {f"{outcome} (killed)": 1}


def test_an_import_killed_while_it_makes_its_backup(import_case: ImportCase) -> None:
    """A backup is written in a few milliseconds: a busy machine may miss it, so up to 5 tries."""
    tally = Tally()
    for attempt in range(5):
        import_case.kill_once(f"backup-{attempt}", backup_being_written, tally)
        if "absent (killed)" in tally.outcomes:
            break
    assert "absent (killed)" in tally.outcomes


def test_edits_killed_at_any_moment_are_whole_and_none_reported_is_lost(tmp_path: Path) -> None:
    run = EditRun(tmp_path / "edits" / "repute.sqlite3")
    tally = Tally()
    for delay in random_delays(EDIT_KILLS, 0.25, 0.9, seed=3):
        run.kill_once(delay, tally)
    assert tally.kills == EDIT_KILLS
    assert len(run.reported) >= EDIT_KILLS  # the workers did get work done between kills


def test_a_backup_clears_what_killed_copies_left_but_not_a_live_ones(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid, live_pid = int(gone.stdout), os.getpid()
    backups = tmp_path / "backups"
    backups.mkdir(exist_ok=True)
    dead = [f".repute-1-daily.sqlite3.{dead_pid}-0badc0de.tmp{end}" for end in ("", "-wal")]
    live = f".repute-2-daily.sqlite3.{live_pid}-0badc0de.tmp"
    for name in (*dead, live):
        (backups / name).write_bytes(b"half a copy")
    assert run_cli("--db", str(db), "backup").code == 0
    hidden = sorted(
        p.name for p in backups.iterdir() if p.name.startswith(".") and p.name != RECORD_NAME
    )
    assert hidden == [live]
