"""Files past the size limit are refused before a byte of them is read, by the command line and
by the window; the limit is a setting (REPUTE_MAX_INPUT_MIB, 256 MiB by default)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.cli_runs import assert_clean_ending, digest, run_cli
from tests.robustness.processes import SAMPLE, audited

MIB = 1024 * 1024


def sparse_file(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on the disk (a hole the system fills with 0s)."""
    with path.open("wb") as file:
        file.truncate(size)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(path), "import", str(SAMPLE)).code == 0
    return path


@pytest.mark.parametrize("command", [["import"], ["whatif", "--change"]])
def test_a_file_past_256_mib_is_refused_at_once(
    db: Path, tmp_path: Path, command: list[str]
) -> None:
    huge = sparse_file(tmp_path / "huge.json", 256 * MIB + 1)
    before = digest(db)
    outcome = run_cli("--db", str(db), *command, str(huge))
    assert_clean_ending(outcome)
    assert outcome.code == 1
    assert outcome.err.startswith(f"{huge}: the file is 256 MiB; the limit is 256 MiB")
    assert digest(db) == before


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    small = sparse_file(tmp_path / "zeros.json", 1 * MIB)
    outcome = run_cli(
        "--db",
        str(tmp_path / "db.sqlite3"),
        "import",
        str(small),
        environ={"REPUTE_MAX_INPUT_MIB": "1"},
    )
    assert outcome.code == 1
    assert "limit" not in outcome.err  # read, then refused for what it holds
    assert outcome.err.startswith(f"{small}: this is neither a repute/1 JSON file")


def test_the_limit_is_a_setting(tmp_path: Path) -> None:
    two_mib = tmp_path / "long.json"
    two_mib.write_bytes(
        b'{"format": "repute/1", "clients": [{"id": "a", "name": "' + b"x" * 2 * MIB + b'"}]}'
    )
    db = str(tmp_path / "repute.sqlite3")
    refused = run_cli("--db", db, "import", str(two_mib), environ={"REPUTE_MAX_INPUT_MIB": "1"})
    assert refused.code == 1
    assert refused.err.startswith(f"{two_mib}: the file is 2 MiB; the limit is 1 MiB")
    accepted = run_cli("--db", db, "import", str(two_mib), environ={"REPUTE_MAX_INPUT_MIB": "3"})
    assert accepted.code == 0, accepted.err


def test_a_device_that_never_ends_is_refused(tmp_path: Path) -> None:
    outcome = run_cli("--db", str(tmp_path / "db.sqlite3"), "import", "/dev/zero")
    assert_clean_ending(outcome)
    assert outcome.err == "/dev/zero: is a device or a socket, not a file\n"
    assert not (tmp_path / "db.sqlite3").exists()


def test_the_refused_file_is_never_opened(db: Path, tmp_path: Path) -> None:
    """Seen from outside: an audit hook in a real process logs every open under the folder."""
    huge = sparse_file(tmp_path / "huge.json", 300 * MIB)
    fine = tmp_path / "fine.json"
    fine.write_bytes(SAMPLE.read_bytes())
    events = audited(
        [["--db", str(db), "import", str(huge)], ["--db", str(db), "import", str(fine)]],
        home=tmp_path / "home",
        watch=tmp_path,
    )
    assert [e["code"] for e in events if e["event"] == "exit"] == [1, 0]
    opened = {e["path"] for e in events if e["event"] == "open"}
    assert str(fine) in opened  # the hook does see what is read
    assert str(huge) not in opened
