"""The real window on a real database file (the real engine, no stand-ins), and ways to read it."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot
from visible_text import visible_text

from ui.app import build_window
from ui.main_window import MainWindow

SAMPLE_DAY = date(2026, 12, 1)  # the sample at 94.6, as the issue saw it
PAGES = (
    "overview",
    "trend",
    "why",
    "whatif",
    "log:Contracts",
    "log:Payments",
    "log:Feedback",
    "log:Invites",
    "log:Proposals",
    "log:Snapshots",
    "log:Counted marks",
    "log:Events",
    "log:Clients",
)


def open_real_window(
    qtbot: QtBot,
    db: Path,
    folder: Path,
    *,
    as_of: date = SAMPLE_DAY,
    size: tuple[int, int] = (1280, 800),
) -> MainWindow:
    """build_window as main.py calls it; its settings and data folder (the sample's) in `folder`."""
    settings = QSettings(str(folder / f"settings-{db.stem}.ini"), QSettings.Format.IniFormat)
    window = build_window(
        db,
        as_of,
        settings=settings,
        data_dir=folder / "data",
        remember_layout=False,
        poll_interval_ms=0,
    )
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    settle(qtbot, window)
    return window


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let the window finish what it queued; a window that never settles is read as it stands."""
    qtbot.wait(1)
    with suppress(QtTimeout):
        qtbot.waitUntil(window.settled, timeout=1500)


def close_real_window(qtbot: QtBot, window: MainWindow) -> None:
    window.operations.stop_polling()
    window.close()
    qtbot.wait(1)
    window.operations.repository.close()


def page_text(qtbot: QtBot, window: MainWindow, key: str) -> list[str]:
    """Go to a page as the sidebar does, let it settle, and read it."""
    page = window.go(key)
    settle(qtbot, window)
    return [f"title: {window.windowTitle()}", *visible_text(page)]
