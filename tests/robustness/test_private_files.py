"""Only the user can read what Repute writes: the database, its WAL, every backup and export are
0600, the folders it makes 0700, even under a umask of 0 (so the umask never does the work).
The copies kept before a schema upgrade are checked in tests/store/test_migrations.py."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.robustness.processes import REPO_ROOT, SAMPLE, repute

OLDER_CSV = REPO_ROOT / "tests" / "data" / "upwork" / "older.csv"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_and_folder_repute_makes_is_the_users_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = tmp_path / "made"
    db = made / "deeper" / "repute.sqlite3"
    exports = tmp_path / "exports"
    exports.mkdir()

    def ok(*argv: str) -> None:
        result = repute("--db", str(db), *argv, home=home, umask=0)
        assert result.returncode == 0, result.stderr

    ok("import", str(SAMPLE))
    ok("import", str(OLDER_CSV))  # a second import leaves an import backup first
    ok("backup")
    ok("backup", str(exports / "chosen.sqlite3"))
    ok("export", str(exports / "log.json"))
    ok("export", str(exports / "contracts.csv"), "--table", "contracts")
    ok("restore", str(exports / "chosen.sqlite3"))  # keeps a before-restore copy

    files = [p for p in (*made.rglob("*"), *exports.rglob("*")) if p.is_file()]
    folders = [made, *(p for p in made.rglob("*") if p.is_dir())]
    names = {p.name for p in files}
    assert any(name.endswith("-import.sqlite3") for name in names)
    assert any(name.endswith("-manual.sqlite3") for name in names)
    assert any(name.endswith("-before-restore.sqlite3") for name in names)
    assert {"repute.sqlite3", "log.json", "contracts.csv", "chosen.sqlite3"} <= names
    assert {p.name: oct(mode(p)) for p in files if mode(p) != 0o600} == {}
    assert {p.name: oct(mode(p)) for p in folders if mode(p) != 0o700} == {}


def test_the_write_ahead_log_is_as_private_as_the_database(tmp_path: Path) -> None:
    from tracker.records.changes import Change
    from tracker.records.model import Client
    from tracker.store.repository import Repository

    with Repository.open(tmp_path / "repute.sqlite3", create=True) as repository:
        repository.apply(Change("a client", added=(Client("a", "Acme"),)))
        side_files = [tmp_path / "repute.sqlite3-wal", tmp_path / "repute.sqlite3-shm"]
        assert all(path.exists() for path in side_files)
        assert [oct(mode(path)) for path in side_files] == ["0o600", "0o600"]


def test_an_existing_folder_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    result = repute(
        "--db",
        str(shared / "repute.sqlite3"),
        "import",
        str(SAMPLE),
        home=tmp_path / "home",
        umask=0,
    )
    assert result.returncode == 0, result.stderr
    assert mode(shared) == 0o755
    assert mode(shared / "repute.sqlite3") == 0o600
