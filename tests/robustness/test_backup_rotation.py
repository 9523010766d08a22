"""Backup rotation goes by what Repute wrote, not by names.

Before: ten backups stamped in the future (a clock set right again) made every new backup be
deleted right after it was made, and rotation deleted any file whose name fit the pattern. Now a
record in the backups folder lists each backup Repute made, in the order it made them: the newest
kept are the last made, and a file Repute did not make is never deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from tests.robustness.cli_runs import run_cli
from tests.robustness.processes import SAMPLE
from tracker.store.backups import ROLLING_KEPT, backup_before_import, latest_backup

NOW = datetime(2026, 11, 26, 12, 0, 0)


def _filled(folder: Path) -> Path:
    db = folder / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    return db


def test_backups_stamped_in_the_future_do_not_push_out_the_new_ones(tmp_path: Path) -> None:
    db = _filled(tmp_path)
    future = [backup_before_import(db, now=NOW + timedelta(days=400 + n)) for n in range(10)]
    made = [backup_before_import(db, now=NOW + timedelta(minutes=n)) for n in range(5)]
    assert all(p is not None and p.exists() for p in made)
    assert sum(p is not None and p.exists() for p in future) == ROLLING_KEPT - len(made)
    assert latest_backup(db) == made[-1]


def test_rotation_never_deletes_a_file_repute_did_not_make(tmp_path: Path) -> None:
    db = _filled(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    mine = [folder / f"repute-2020010{n}-000000-000000-daily.sqlite3" for n in range(1, 4)]
    for file in mine:
        file.write_text("the user's own file, named like a backup")
    for n in range(ROLLING_KEPT + 2):
        backup_before_import(db, now=NOW + timedelta(minutes=n))
    assert all(file.read_text().startswith("the user's own") for file in mine)
    made = [p for p in folder.iterdir() if p.name.endswith("-import.sqlite3")]
    assert len(made) == ROLLING_KEPT
