"""The window on a damaged, foreign or too-new database: it says why, offers the latest backup,
and changes nothing unless the user says yes; then the backup stands in place of the file and the
file's own bytes are kept beside the backups."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from bench.generate_log import generate
from tests.robustness.cli_runs import digest, run_cli
from tests.robustness.conftest import Dialogs
from tests.robustness.damage import WHOLLY_BAD
from tests.robustness.processes import SAMPLE, TODAY
from tests.robustness.window_kit import close_window, open_window
from tracker.store.backups import RECORD_NAME
from tracker.store.repository import Repository
from ui.app import build_window, open_locked_repository
from ui.backup_offer import first_window
from ui.main_window import MainWindow


def filled_with_backup(folder: Path) -> tuple[Path, Path]:
    db = folder / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    backup = run_cli("--db", str(db), "backup")
    assert backup.code == 0, backup.err
    return db, Path(backup.out.strip().removeprefix("backed up to "))


def unmarked(data: bytes) -> bytes:
    """A database's bytes without the header fields SQLite rewrites when it leaves WAL mode: the
    format numbers (18, 19), the change counter (24-27) and its copy (92-95). Every page and the
    rest of the header must be kept as they were."""
    return data[:18] + data[20:24] + data[28:92] + data[96:]


def content(path: Path) -> list[str]:
    """The SQL that rebuilds the database, read without touching the file (immutable)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def content_of_bytes(data: bytes, folder: Path) -> list[str]:
    copy = folder / "compare.sqlite3"
    copy.write_bytes(data)
    return content(copy)


def window_builder(qtbot: QtBot, db: Path, folder: Path):  # type: ignore[no-untyped-def]
    def build() -> MainWindow:
        window = build_window(
            db,
            date.fromisoformat(TODAY),
            settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
            data_dir=folder / "data",
            remember_layout=False,
            poll_interval_ms=0,
            open_repository=open_locked_repository,  # as run_window opens it
        )
        qtbot.addWidget(window)
        return window

    return build


@pytest.mark.parametrize("kind", ["pages-overwritten", "truncated", "newer", "other-sqlite"])
def test_yes_puts_the_latest_backup_in_place_and_keeps_the_file(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path, kind: str
) -> None:
    db, backup = filled_with_backup(tmp_path)
    damage, words = WHOLLY_BAD[kind]
    damage(db)
    spoilt = db.read_bytes()
    window = first_window(db, window_builder(qtbot, db, tmp_path))
    assert window is not None
    [(box, _title, text)] = dialogs.shown
    assert box == "question"
    assert words in text and backup.name in text
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    assert len(window.operations.log().contracts) == 42
    [kept] = [p for p in backup.parent.iterdir() if p.name.endswith("-before-restore.sqlite3")]
    if kind in ("newer", "other-sqlite"):  # files SQLite reads are kept as databases, content
        assert content(kept) == content_of_bytes(spoilt, tmp_path)  # equal (out of WAL mode)
    else:  # the rest byte for byte, but for the header fields that say "WAL mode"
        assert unmarked(kept.read_bytes()) == unmarked(spoilt)
    close_window(window, qtbot)


def test_no_leaves_the_file_untouched(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, backup = filled_with_backup(tmp_path)
    WHOLLY_BAD["pages-overwritten"][0](db)
    before = digest(db)
    dialogs.answer_yes = False
    assert first_window(db, window_builder(qtbot, db, tmp_path)) is None
    assert [kind for kind, _, _ in dialogs.shown] == ["question"]
    assert digest(db) == before
    assert sorted(p.name for p in backup.parent.iterdir()) == [RECORD_NAME, backup.name]
    assert capsys.readouterr().err.startswith(f"repute: {db} is damaged")


def test_without_a_backup_the_reason_is_told_and_nothing_changes(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    db = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(SAMPLE)).code == 0
    WHOLLY_BAD["newer"][0](db)
    before = digest(db)
    assert first_window(db, window_builder(qtbot, db, tmp_path)) is None
    [(box, _title, text)] = dialogs.shown
    assert box == "critical" and "newer version of Repute" in text
    assert digest(db) == before


def test_opening_a_damaged_file_from_the_menu_offers_its_backup(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "mine.sqlite3", tmp_path)
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other, backup = filled_with_backup(other_folder)
    WHOLLY_BAD["truncated"][0](other)
    try:
        assert window.files.open_path(other)
        assert backup.name in dialogs.texts("question")[0]
        assert len(window.operations.log().contracts) == 42
        assert window.files.current_path == other
    finally:
        close_window(window, qtbot)


def test_the_damaged_copy_a_restore_kept_is_never_offered(tmp_path: Path) -> None:
    from tracker.store.backups import latest_backup, restore

    db, backup = filled_with_backup(tmp_path)
    WHOLLY_BAD["truncated"][0](db)
    kept = restore(db, backup)
    assert kept is not None and kept.name > backup.name  # the newest file in the folder
    WHOLLY_BAD["truncated"][0](db)
    assert latest_backup(db) == backup


def test_damage_deep_inside_is_found_before_the_window_shows(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    """The log is read after the first paint; the quick check finds the damage before it."""
    source = tmp_path / "agency.json"
    source.write_text(json.dumps(generate(300, 50, 600, 3000, 5, seed=3)))
    db = tmp_path / "repute.sqlite3"
    assert run_cli("--db", str(db), "import", str(source)).code == 0
    assert run_cli("--db", str(db), "backup").code == 0
    data = bytearray(db.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    deep = (len(data) // size) * 3 // 4 * size  # a page of the invites, far from every root
    data[deep : deep + size] = b"\xa5" * size
    db.write_bytes(bytes(data))
    with Repository.open(db, create=False) as repository:
        assert not repository.is_empty()  # what the window reads before its first paint is fine
    window = first_window(db, window_builder(qtbot, db, tmp_path))
    assert window is not None
    [(box, _title, text)] = dialogs.shown
    assert box == "question" and f"{db} is damaged" in text
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    assert len(window.operations.log().invites) == 3000
    close_window(window, qtbot)
