"""The window on a database holding a value no import would accept: it offers the latest backup
instead of staying on "Reading your log..." for ever, and `--screenshot` exits 1, not 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.robustness.conftest import Dialogs
from tests.robustness.crafted import INVALID_ROWS, craft_database
from tests.robustness.test_damaged_window import filled_with_backup, window_builder
from tests.robustness.window_kit import close_window
from ui.backup_offer import first_window


@pytest.mark.parametrize("name", ["payment amount is text", "feedback stars 9", "setting not JSON"])
def test_the_window_offers_the_backup_of_a_log_with_a_bad_value(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path, name: str
) -> None:
    db, backup = filled_with_backup(tmp_path)
    craft_database(db, INVALID_ROWS[name])
    window = first_window(db, window_builder(qtbot, db, tmp_path))
    assert window is not None
    [(box, _title, text)] = dialogs.shown
    assert box == "question" and "is damaged: table " in text and backup.name in text
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    assert len(window.operations.log().contracts) == 42
    close_window(window, qtbot)


def test_a_screenshot_of_a_log_with_a_bad_value_exits_1(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.startup import resolve_startup
    from ui.screenshot import save_screenshot

    db, _backup = filled_with_backup(tmp_path)
    craft_database(db, INVALID_ROWS["payment amount is text"])
    out = tmp_path / "shot.png"
    assert save_screenshot(resolve_startup(str(db), {}), out, (800, 600), None) == 1
    assert "table payments, row 1" in capsys.readouterr().err
    assert not out.exists()
