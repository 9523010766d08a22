"""Crafted databases (tests/robustness/crafted.py) meet every command and the restore.

Before: 23 of 54 such files gave a traceback on every command, 14 were used silently (stars 9, a
negative amount, broken references), a trigger could swallow an import, a recursive view hang
every command, and `user_version` 0 left a new pre-migration copy on each read. Now each is
refused in one sentence that names what is wrong (the table, row and value for a stored value),
and no file is changed or added: not the crafted one, not the database a restore would replace.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.robustness.cli_runs import assert_clean_ending, run_cli
from tests.robustness.crafted import ALL_CRAFTED, HOSTILE_SCHEMAS, INVALID_ROWS, craft_database
from tests.robustness.processes import SAMPLE


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sound") / "repute.sqlite3"
    assert run_cli("--db", str(path), "import", str(SAMPLE)).code == 0
    return path


def _crafted(sound: Path, folder: Path, name: str) -> Path:
    path = folder / "log" / "repute.sqlite3"
    path.parent.mkdir(parents=True)
    shutil.copyfile(sound, path)
    craft_database(path, ALL_CRAFTED[name])
    return path


def _refused(argv: list[str], words: str) -> str:
    outcome = run_cli(*argv)
    assert_clean_ending(outcome)
    assert outcome.code == 1, (argv, outcome.out)
    assert words in outcome.err, outcome.err
    return outcome.err


@pytest.mark.parametrize("name", sorted(ALL_CRAFTED))
def test_every_command_refuses_the_crafted_database_and_changes_nothing(
    name: str, sound: Path, tmp_path: Path
) -> None:
    db = _crafted(sound, tmp_path, name)
    before = _tree(db.parent)
    words = "is damaged: table " if name in INVALID_ROWS else "not a database Repute can trust"
    commands = [["export", str(tmp_path / "out.json")], ["import", str(SAMPLE)]]
    if not name.startswith(("invite", "snapshot", "counted mark")):  # the score and trend read none
        commands += [["score"], ["trend"]]
    if name in HOSTILE_SCHEMAS:  # a copy of stored values is harmless: `backup` makes one
        commands.append(["backup"])
    for argv in commands:
        _refused(["--db", str(db), *argv], words)
        assert _tree(db.parent) == before, argv
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("name", sorted(HOSTILE_SCHEMAS))
def test_a_restore_of_a_hostile_schema_is_refused_and_the_log_kept(
    name: str, sound: Path, tmp_path: Path
) -> None:
    source = _crafted(sound, tmp_path, name)
    target = tmp_path / "mine" / "repute.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(sound, target)
    before = _tree(tmp_path)
    err = _refused(["--db", str(target), "restore", str(source)], "not a database Repute can trust")
    assert str(source) in err
    assert _tree(tmp_path) == before


def test_a_stored_value_is_named_with_its_table_row_and_value(sound: Path, tmp_path: Path) -> None:
    db = _crafted(sound, tmp_path, "payment amount is text")
    err = _refused(["--db", str(db), "score"], "table payments, row ")
    assert "'lots'" in err
    db = _crafted(sound, tmp_path / "b", "feedback stars 9")
    assert "stars" in _refused(["--db", str(db), "score"], "table feedback, row ")


def test_a_reference_to_nothing_names_its_table_and_row_in_every_table_that_refers(
    sound: Path, tmp_path: Path
) -> None:
    db = _crafted(sound, tmp_path, "counted mark of no contract")
    err = _refused(["--db", str(db), "export", str(tmp_path / "out.json")], "is damaged: table ")
    assert (
        "table counted_marks, row 1: contract 'nowhere' names a contract that is not there" in err
    )
    db = _crafted(sound, tmp_path / "b", "payment to no contract")
    assert "names a contract that is not there" in _refused(
        ["--db", str(db), "score"], "table payments, row 1: contract 'nowhere'"
    )
    db = _crafted(sound, tmp_path / "c", "invite of no client")
    _refused(
        ["--db", str(db), "export", str(tmp_path / "out.json")],
        "table invites, row 1: client 'ghost' names a client",
    )
