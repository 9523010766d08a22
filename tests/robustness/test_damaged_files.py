"""Damaged, foreign and too-new database files, met by every command: exit 1 with one clear line
that names the file, and the folder byte for byte as it was (no WAL, no backup, no output file).
A database with one bad page may still answer what it can read, but is never written to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.robustness.cli_runs import assert_clean_ending, folder_digest, run_cli
from tests.robustness.damage import WHOLLY_BAD, Damage, contracts_page_overwritten
from tests.robustness.processes import REPO_ROOT, SAMPLE, repute

OLDER_CSV = REPO_ROOT / "tests" / "data" / "upwork" / "older.csv"


def commands(out: Path) -> dict[str, list[str]]:
    change = out / "change.json"
    return {
        "score": ["score"],
        "explain": ["explain", "--since", "2026-01-01"],
        "trend": ["trend", "--step", "week"],
        "forecast": ["forecast"],
        "plan": ["plan", "--target", "95"],
        "calibrate": ["calibrate", "--save", "mine"],
        "whatif": ["whatif", "--change", str(change)],
        "export-json": ["export", str(out / "log.json")],
        "export-csv": ["export", str(out / "contracts.csv"), "--table", "contracts"],
        "backup": ["backup"],
        "backup-to": ["backup", str(out / "copy.sqlite3")],
        "import-json": ["import", str(SAMPLE)],
        "import-csv": ["import", str(OLDER_CSV)],
    }


WRITING = ("calibrate", "backup", "backup-to", "import-json", "import-csv")


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a closed Repute database holding the sample profile."""
    folder = tmp_path_factory.mktemp("good")
    db = folder / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["repute.sqlite3"]  # no WAL left
    return db.read_bytes()


def spoilt(tmp_path: Path, good_db: bytes, damage: Damage) -> tuple[Path, Path]:
    place = tmp_path / "place"
    place.mkdir()
    db = place / "repute.sqlite3"
    db.write_bytes(good_db)
    db.chmod(0o600)
    damage(db)
    out = tmp_path / "out"
    out.mkdir()
    (out / "change.json").write_text('{"remove": {"contracts": []}}')
    return db, out


@pytest.mark.parametrize("kind", list(WHOLLY_BAD))
def test_every_command_refuses_the_file_and_leaves_it_as_it_was(
    tmp_path: Path, good_db: bytes, kind: str
) -> None:
    damage, words = WHOLLY_BAD[kind]
    db, out = spoilt(tmp_path, good_db, damage)
    for name, argv in commands(out).items():
        before = folder_digest(tmp_path)
        outcome = run_cli("--db", str(db), *argv)
        assert_clean_ending(outcome)
        assert outcome.code == 1, f"{name}: {outcome.out}"
        assert str(db) in outcome.err, f"{name}: {outcome.err}"
        assert words in outcome.err, f"{name}: {outcome.err}"
        assert folder_digest(tmp_path) == before, f"{name} changed a file"


def test_one_bad_page_is_never_written_to_nor_backed_up(tmp_path: Path, good_db: bytes) -> None:
    db, out = spoilt(tmp_path, good_db, contracts_page_overwritten)
    answered = []
    for name, argv in commands(out).items():
        before = folder_digest(tmp_path)
        outcome = run_cli("--db", str(db), *argv)
        assert_clean_ending(outcome)
        if outcome.code == 0:
            answered.append(name)
        else:
            assert f"{db} is damaged" in outcome.err, f"{name}: {outcome.err}"
        if name not in ("export-json", "export-csv") or outcome.code == 1:
            assert folder_digest(tmp_path) == before, f"{name} changed a file"
    assert not set(answered) & set(WRITING), answered


@pytest.mark.parametrize("kind", ["newer", "random-bytes", "pages-overwritten"])
def test_a_real_process_says_it_in_one_line(tmp_path: Path, good_db: bytes, kind: str) -> None:
    damage, words = WHOLLY_BAD[kind]
    db, _ = spoilt(tmp_path, good_db, damage)
    before = folder_digest(tmp_path)
    for argv in (["score"], ["import", str(SAMPLE)]):
        result = repute("--db", str(db), *argv, home=tmp_path / "home")
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert folder_digest(tmp_path / "place") == {
        k.removeprefix("place/"): v for k, v in before.items() if k.startswith("place/")
    }
