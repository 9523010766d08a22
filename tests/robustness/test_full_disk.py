"""A full disk and a read-only folder: one clear sentence, and no change half written.

The disk fills three ways: SQLite's own page limit (PRAGMA max_page_count) in this process, a real
small file system (a tmpfs in a private mount namespace, where the machine allows it), and the
window writing through Operations. Read-only folders are tested as a user that is not root (root
writes anyway, so those tests skip themselves as root).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.robustness.cli_runs import assert_clean_ending, digest, folder_digest, integrity, run_cli
from tests.robustness.conftest import Dialogs
from tests.robustness.processes import PYTHON, REPO_ROOT, SAMPLE, child_env
from tests.robustness.window_kit import close_window, open_window
from tracker.records.changes import Change
from tracker.records.model import Client
from tracker.store import repository as repository_module
from tracker.store.backups import RECORD_NAME
from tracker.store.repository import Repository

BIG = REPO_ROOT / "bench" / "out" / "thousand-1000-150-2500-10000-10.json"
ROOT = os.geteuid() == 0
KILOBYTES_FOR_THE_SAMPLE = 200  # the sample's database and its WAL index fit; its export does not


def log_of(db: Path) -> object:
    with Repository.open(db, create=False) as repository:
        return repository.log()


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    db = tmp_path / "place" / "repute.sqlite3"
    start = tmp_path / "start.json"
    start.write_text('{"format": "repute/1", "clients": [{"id": "zz", "name": "Before"}]}')
    assert run_cli("--db", str(db), "import", str(start)).code == 0
    return db


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    if BIG.exists():
        return BIG
    from bench.generate_log import generate

    made = tmp_path / "big.json"
    import json

    made.write_text(json.dumps(generate(1000, 150, 2500, 10000, 10, seed=10)))
    return made


@pytest.fixture
def pages_capped(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every repository connection may grow its file by 3 pages at most: a disk about to fill."""
    real_connect = repository_module.connect

    def capped(path: Path, **options: object) -> sqlite3.Connection:
        connection = real_connect(path, **options)  # type: ignore[arg-type]
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages + 3}")
        return connection

    monkeypatch.setattr(repository_module, "connect", capped)
    yield


def test_a_disk_that_fills_during_an_import(
    small_db: Path, big_file: Path, pages_capped: None
) -> None:
    before = log_of(small_db)
    outcome = run_cli("--db", str(small_db), "import", str(big_file))
    assert_clean_ending(outcome)
    assert outcome.err == f"the disk is full: could not write {small_db}\n"
    assert integrity(small_db) == ["ok"]
    assert log_of(small_db) == before


def test_the_window_says_the_disk_is_full_and_keeps_the_log(
    qtbot: QtBot, dialogs: Dialogs, small_db: Path, big_file: Path, pages_capped: None
) -> None:
    window = open_window(qtbot, small_db, small_db.parent.parent)
    try:
        before = window.operations.log()
        many = tuple(Client(f"c-{n:05}", "x" * 300) for n in range(2000))
        window.operations.apply(Change("many clients", added=many))
        assert "Nothing was saved: the disk is full" in window.message.text()
        assert window.files.import_path(big_file)  # the import is read and planned ...
        assert "the disk is full" in window.message.text()  # ... and its write refused
        assert window.operations.log() == before
    finally:
        close_window(window, qtbot)
    assert log_of(small_db) == before


def writes_anyway() -> bool:
    """True for root with its usual powers: a read-only folder does not stop it (the tests that
    need one skip then; run them without CAP_DAC_OVERRIDE, as the README says, or as a user)."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "read-only"
        folder.mkdir(mode=0o500)
        try:
            (folder / "probe").touch()
        except PermissionError:
            return False
        finally:
            folder.chmod(0o700)
        return True


READ_ONLY_FOLDERS = pytest.mark.skipif(
    writes_anyway(), reason="this user writes into a read-only folder anyway (root)"
)


def mount_namespace_works() -> bool:
    if not ROOT or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt",
        ],
        capture_output=True,
    )
    return probe.returncode == 0


REAL_DISK = pytest.mark.skipif(
    not mount_namespace_works(), reason="needs root and mount namespaces for a small tmpfs"
)


def on_a_small_disk(
    kilobytes: int, db: Path, argv: list[str], out: Path, home: Path
) -> subprocess.CompletedProcess[str]:
    """Run `repute --db DISK/NAME ARGV` with the database on a tmpfs of `kilobytes`, in a mount
    namespace of its own; afterwards everything on that disk is copied to `out`."""
    script = (
        'set -e; disk="$1"; shift; src="$1"; shift; out="$1"; shift; '
        'mount -t tmpfs -o size="$KB"k tmpfs "$disk"; cp -a "$src"/. "$disk"/; '
        'set +e; "$@"; code=$?; cp -a "$disk"/. "$out"/; exit $code'
    )
    disk = home / "disk"
    disk.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    command = [PYTHON, str(REPO_ROOT / "main.py"), "--db", str(disk / db.name), *argv]
    return subprocess.run(
        [
            "unshare",
            "-m",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
            str(disk),
            str(db.parent),
            str(out),
            *command,
        ],
        env=child_env(home, KB=str(kilobytes)),
        capture_output=True,
        text=True,
        timeout=120,
    )


@REAL_DISK
@pytest.mark.parametrize(
    ("kilobytes", "where"),
    [(110, "backups"), (400, "repute.sqlite3")],
    ids=["the-backup-does-not-fit", "the-import-does-not-fit"],
)
def test_a_real_full_disk(
    small_db: Path, big_file: Path, tmp_path: Path, kilobytes: int, where: str
) -> None:
    before = log_of(small_db)
    out = tmp_path / "after"
    result = on_a_small_disk(kilobytes, small_db, ["import", str(big_file)], out, tmp_path / "h")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("the disk is full: could not write "), result.stderr
    assert result.stderr.count("\n") == 1 and where in result.stderr
    saved = out / small_db.name
    assert integrity(saved) == ["ok"]
    assert log_of(saved) == before
    backups = out / "backups"
    finished = [p for p in backups.iterdir() if p.name != RECORD_NAME] if backups.exists() else []
    assert [p.name for p in finished if p.name.startswith(".")] == []  # no temporary left
    for backup in finished:
        assert log_of(backup) == before


@REAL_DISK
def test_an_export_to_a_full_disk_leaves_no_part_of_a_file(tmp_path: Path) -> None:
    """The database fits; the export beside it does not."""
    filled = tmp_path / "filled" / "repute.sqlite3"
    assert run_cli("--db", str(filled), "import", str(SAMPLE)).code == 0
    out = tmp_path / "after"
    disk = tmp_path / "h" / "disk"
    result = on_a_small_disk(
        KILOBYTES_FOR_THE_SAMPLE, filled, ["export", str(disk / "export.json")], out, tmp_path / "h"
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"{disk / 'export.json'}: cannot be written (No space left on device)\n"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("repute.sqlite3")) == []
    assert log_of(out / "repute.sqlite3") == log_of(filled)


@READ_ONLY_FOLDERS
@pytest.mark.parametrize(
    "argv",
    [["import", str(SAMPLE)], ["calibrate", "--save", "mine"], ["backup"]],
    ids=["import", "calibrate", "backup"],
)
def test_a_database_in_a_read_only_folder(small_db: Path, argv: list[str]) -> None:
    folder = small_db.parent
    before = folder_digest(folder)
    folder.chmod(0o500)
    try:
        outcome = run_cli("--db", str(small_db), *argv)
    finally:
        folder.chmod(0o700)
    assert_clean_ending(outcome)
    assert outcome.code == 1
    assert str(small_db.parent) in outcome.err
    assert any(w in outcome.err for w in ("read-only", "permission denied", "cannot open"))
    assert folder_digest(folder) == before


@READ_ONLY_FOLDERS
@pytest.mark.parametrize(
    "argv",
    [
        ["export", "{out}/log.json"],
        ["export", "{out}/c.csv", "--table", "contracts"],
        ["backup", "{out}/copy.sqlite3"],
    ],
    ids=["export-json", "export-csv", "backup-to"],
)
def test_writing_into_a_read_only_folder(small_db: Path, tmp_path: Path, argv: list[str]) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    before = digest(small_db)
    out.chmod(0o500)
    try:
        outcome = run_cli("--db", str(small_db), *(a.format(out=out) for a in argv))
    finally:
        out.chmod(0o700)
    assert_clean_ending(outcome)
    assert outcome.code == 1
    assert str(out) in outcome.err
    assert list(out.iterdir()) == []
    assert digest(small_db) == before
