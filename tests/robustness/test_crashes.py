"""SIGKILL at any moment of an import or an edit: the database passes PRAGMA integrity_check, holds
each operation whole or not at all, keeps every edit reported as finished, and takes the same
operation again. Real processes, killed by the system; about 16 kills, bounded in time (the long
soak is bench/soak_kill.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate_log import generate
from tests.robustness.kill_harness import (
    EditRun,
    ImportCase,
    Tally,
    after,
    backup_being_written,
    random_delays,
    wal_beyond,
)

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
    for number, delay in enumerate(delays):
        import_case.kill_once(f"timed-{number}", lambda _db, d=delay: after(d), tally)
    assert tally.kills == KILLS_BY_TIME
    outcomes = set(tally.outcomes)
    assert "absent (killed)" in outcomes  # some kills came before the commit ...
    assert any(o.startswith("whole") for o in outcomes)  # ... and some after it


@pytest.mark.parametrize("size", WAL_SIZES)
def test_an_import_killed_while_it_writes_is_whole_or_absent(
    import_case: ImportCase, size: int
) -> None:
    """Killed the moment the write-ahead log grows past `size`: inside the transaction."""
    tally = Tally()
    outcome = import_case.kill_once(f"wal-{size}", lambda db: wal_beyond(db, size), tally)
    assert tally.outcomes == {f"{outcome} (killed)": 1}


def test_an_import_killed_while_it_makes_its_backup(import_case: ImportCase) -> None:
    tally = Tally()
    outcome = import_case.kill_once("backup", backup_being_written, tally)
    assert outcome == "absent"
    assert tally.outcomes == {"absent (killed)": 1}


def test_edits_killed_at_any_moment_are_whole_and_none_reported_is_lost(tmp_path: Path) -> None:
    run = EditRun(tmp_path / "edits" / "repute.sqlite3")
    tally = Tally()
    for delay in random_delays(EDIT_KILLS, 0.25, 0.9, seed=3):
        run.kill_once(delay, tally)
    assert tally.kills == EDIT_KILLS
    assert len(run.reported) >= EDIT_KILLS  # the workers did get work done between kills
