"""The window keeps the same promises as the command line about files: big files are refused
unread, and the folder it makes for the sample (the user's data folder) is private."""

from __future__ import annotations

import stat
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.robustness.conftest import Dialogs
from tests.robustness.window_kit import close_window, open_window

MIB = 1024 * 1024


def test_the_window_refuses_a_file_past_the_limit(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "repute.sqlite3", tmp_path)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(256 * MIB + 1)
    try:
        assert window.files.import_path(huge) is False
        assert dialogs.texts("warning") == [
            f"Nothing was imported from huge.json: {huge}: the file is 256 MiB; the limit is "
            "256 MiB (REPUTE_MAX_INPUT_MIB)"
        ]
        assert window.operations.log().contracts == ()
    finally:
        close_window(window, qtbot)


def test_the_sample_goes_in_a_private_folder(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    window = open_window(qtbot, tmp_path / "repute.sqlite3", tmp_path)
    try:
        assert window.files.explore_sample()
        data = tmp_path / "data" / "Repute"
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "sample.sqlite3").stat().st_mode) == 0o600
        assert dialogs.shown == []
    finally:
        close_window(window, qtbot)
