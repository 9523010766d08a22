"""A hot `NAME-journal` from another database beside a sound one: refused, every byte kept.

SQLite plays a hot rollback journal back into whatever file sits beside it; the issue found even
the read-only `score` letting it overwrite a sound database, delete the journal, then report the
database damaged. Repute reads for a journal before SQLite opens anything.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.robustness.cli_runs import run_cli
from tests.robustness.processes import PYTHON, SAMPLE

# A process that writes a rollback-journal database and dies before COMMIT: its journal is hot.
_DIE_MID_WRITE = """
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE")
c.execute("PRAGMA cache_size = 1")
c.execute("CREATE TABLE IF NOT EXISTS t (x)")
c.execute("INSERT INTO t SELECT zeroblob(2000) FROM (WITH RECURSIVE n(i) AS "
          "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n)")
c.execute("BEGIN")
c.execute("UPDATE t SET x = zeroblob(3000)")
os._exit(0)
"""


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def sound_with_foreign_journal(tmp_path: Path) -> Path:
    db = tmp_path / "log" / "repute.sqlite3"
    db.parent.mkdir()
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    other = tmp_path / "other.sqlite3"
    subprocess.run([PYTHON, "-c", _DIE_MID_WRITE, str(other)], check=True, timeout=60)
    journal = other.with_name(other.name + "-journal")
    assert journal.stat().st_size > 0
    shutil.copyfile(journal, db.with_name(db.name + "-journal"))
    return db


@pytest.mark.parametrize(
    "argv",
    [["score"], ["export", "OUT.json"], ["import", str(SAMPLE)], ["backup"]],
    ids=["score", "export", "import", "backup"],
)
def test_a_foreign_hot_journal_is_refused_and_nothing_changes(
    sound_with_foreign_journal: Path, argv: list[str]
) -> None:
    db = sound_with_foreign_journal
    argv = [str(db.parent / a) if a == "OUT.json" else a for a in argv]
    before = _digests(db.parent)
    outcome = run_cli("--db", str(db), *argv)
    assert outcome.code == 1
    assert "rollback journal" in outcome.err and "repute.sqlite3-journal" in outcome.err
    assert outcome.err.count("\n") == 1
    assert _digests(db.parent) == before


def test_restore_from_a_file_with_a_foreign_hot_journal_is_refused(
    sound_with_foreign_journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target.sqlite3"
    assert run_cli("--db", str(target), "import", str(SAMPLE)).code == 0
    before = _digests(sound_with_foreign_journal.parent), _digests(tmp_path)
    outcome = run_cli("--db", str(target), "restore", str(sound_with_foreign_journal))
    assert outcome.code == 1 and "rollback journal" in outcome.err
    assert (_digests(sound_with_foreign_journal.parent), _digests(tmp_path)) == before
