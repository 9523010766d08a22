"""`--screenshot`: build the main window offscreen, let it load and paint, save it as a PNG."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QSettings
from PySide6.QtWidgets import QApplication

from tracker.startup import Startup
from ui.operations import EngineReports

if TYPE_CHECKING:
    from ui.file_menu import OpenRepository
    from ui.main_window import MainWindow

SETTLE_MS = 150
GIVE_UP_MS = 60_000
LAYOUT_ROUNDS = 10  # event rounds after the last change (its layouts took two here): ample
# Qt's PNG "quality" is zlib's compression level turned around. At 70 a window's picture is
# written in two thirds of the default's time and comes out smaller; PNG is lossless, so its
# pixels are the same.
PNG_QUALITY = 70


def settle(app: QApplication, milliseconds: int = SETTLE_MS) -> None:
    """Run the event loop briefly, so what was just shown is laid out and painted."""
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < milliseconds:
        app.processEvents()


def wait_until_settled(
    app: QApplication, window: MainWindow, shown: QElapsedTimer | None = None
) -> None:
    """Run the event loop until the window has read the log and drawn everything it defers, and
    for at least SETTLE_MS since it was `shown` (from now when not given).

    The window's own work after its first paint takes longer than SETTLE_MS on a real log: the
    settling runs meanwhile, as it does for a bare window, and what the last change posted (the
    layouts of the labels it set) is done in a few rounds of events after it.
    """
    if shown is None:
        shown = QElapsedTimer()
        shown.start()
    while not window.settled() and shown.elapsed() < GIVE_UP_MS:
        app.processEvents()
    settle(app, SETTLE_MS - shown.elapsed())
    for _ in range(LAYOUT_ROUNDS):
        app.processEvents()


def save_screenshot(
    startup: Startup,
    out: Path,
    size: tuple[int, int],
    as_of: date | None,
    *,
    page: str = "overview",
    reports: EngineReports | None = None,
    open_repository: OpenRepository | None = None,
) -> int:
    """Save a picture of the window on the run's database at `size`; 0, or 1 with a message.

    The window's remembered size and layout are neither used nor changed. `page` picks the page
    shown (overview, trend, why, log, whatif, model or log:Contracts...), for the README's pictures.
    """
    from ui.app import application, build_window, headless
    from ui.file_errors import file_error_types
    from ui.file_menu import open_store_repository

    if headless():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = application()
    with tempfile.TemporaryDirectory(prefix="repute-shot-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        try:
            window = build_window(
                startup.db_path,
                as_of,
                settings=settings,
                data_dir=startup.data_folder,
                today=startup.current_day,
                input_limit=startup.input_limit,
                reports=reports,
                open_repository=open_repository or open_store_repository,
                remember_layout=False,
                poll_interval_ms=0,
            )
        except file_error_types() as error:
            print(f"repute: {error}", file=sys.stderr)
            return 1
        try:
            window.resize(*size)
            window.go(page)
            shown = QElapsedTimer()
            shown.start()
            window.show()
            wait_until_settled(app, window, shown)
            image = window.grab()
            if not image.save(str(out), "PNG", PNG_QUALITY):
                print(f"repute: cannot write the picture to {out}", file=sys.stderr)
                return 1
            with contextlib.suppress(OSError):
                out.chmod(0o600)  # a picture of the log is as private as the log
        finally:
            window.close()
            window.operations.repository.close()
            window.deleteLater()
            app.processEvents()
    return 0
