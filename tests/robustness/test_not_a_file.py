"""What stands where a file or folder belongs: a device, a named pipe, the database itself as an
export's target, a file named `backups`. Each is refused in one sentence and left as it was.

Before: `--db` on a device changed its mode to 0600 (as root, /dev/null broke for every program),
a pipe hung every command and `restore`, `export` onto a database named `*.json` replaced the log
with the export, and a file `backups` beside the database failed every import with "no such file
or folder: backups/.repute-....tmp".
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.robustness.cli_runs import assert_clean_ending, digest, run_cli
from tests.robustness.processes import SAMPLE, repute


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device of our own (the null device's numbers), never the system's."""
    path = tmp_path / "null-device"
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device needs root")
    path.chmod(0o666)
    return path


@pytest.mark.parametrize("argv", [["import", str(SAMPLE)], ["score"], ["backup"]])
def test_a_device_as_the_database_is_refused_and_keeps_its_mode(
    device: Path, argv: list[str]
) -> None:
    outcome = run_cli("--db", str(device), *argv)
    assert_clean_ending(outcome)
    assert outcome.code == 1 and "is not a regular file" in outcome.err
    assert stat.S_IMODE(device.stat().st_mode) == 0o666


@pytest.mark.parametrize("argv", [["score"], ["import", str(SAMPLE)]])
def test_a_named_pipe_as_the_database_is_refused_at_once(tmp_path: Path, argv: list[str]) -> None:
    pipe = tmp_path / "pipe.sqlite3"
    os.mkfifo(pipe)
    done = repute("--db", str(pipe), *argv, home=tmp_path / "home", timeout=30)
    assert done.returncode == 1 and "is not a regular file" in done.stderr, done.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_restore_from_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    before = digest(db)
    pipe = tmp_path / "backup.sqlite3"
    os.mkfifo(pipe)
    done = repute("--db", str(db), "restore", str(pipe), home=tmp_path / "home", timeout=30)
    assert done.returncode == 1 and "is not a regular file" in done.stderr, done.stderr
    assert digest(db) == before


@pytest.mark.parametrize("name", ["log.json", "log.csv"])
def test_export_onto_the_database_itself_is_refused(tmp_path: Path, name: str) -> None:
    db = tmp_path / name
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    before = digest(db)
    extra = ["--table", "contracts"] if name.endswith(".csv") else []
    for spelling in (str(db), str(tmp_path / "." / name)):
        outcome = run_cli("--db", str(db), "export", spelling, *extra)
        assert_clean_ending(outcome)
        assert outcome.code == 1 and "onto the database itself" in outcome.err
    assert digest(db) == before


def test_a_file_named_backups_beside_the_database_is_named(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    in_the_way = tmp_path / "backups"
    if in_the_way.is_dir():
        for file in in_the_way.iterdir():
            file.unlink()
        in_the_way.rmdir()
    in_the_way.write_text("my notes")
    before = digest(db)
    more = tmp_path / "more.json"
    more.write_text('{"format": "repute/1", "clients": [{"id": "new", "name": "New"}]}')
    for argv in (["import", str(more)], ["backup"]):
        outcome = run_cli("--db", str(db), *argv)
        assert_clean_ending(outcome)
        assert outcome.code == 1, outcome.out
        assert f"{in_the_way} is a file in the way" in outcome.err
    assert in_the_way.read_text() == "my notes" and digest(db) == before
