"""The real window on a real database file, as the tests of this folder build it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.robustness.processes import TODAY
from ui.app import build_window
from ui.main_window import MainWindow


def open_window(qtbot: QtBot, db: Path, folder: Path, *, poll_interval_ms: int = 0) -> MainWindow:
    """build_window as main.py calls it, with its settings and data folder under `folder`."""
    from datetime import date

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(
        db,
        date.fromisoformat(TODAY),
        settings=settings,
        data_dir=folder / "data" / "Repute",
        remember_layout=False,
        poll_interval_ms=poll_interval_ms,
    )
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    return window


def close_window(window: MainWindow, qtbot: QtBot) -> None:
    """Close as run_window does: the window first, its deferred work done, then the database."""
    window.operations.stop_polling()
    window.close()
    qtbot.wait(20)
    window.operations.repository.close()
