"""Builds the window from a database path: the application, the theme, the repository, Operations.

main.py calls `run_window`; `--screenshot` goes through ui.screenshot, which builds the same window.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tracker.collector import collect_from_now_on
from tracker.io.input_file import DEFAULT_LIMIT
from tracker.startup import Startup, default_data_folder
from tracker.store import FILE_MODE, FOLDER_MODE, open_repository
from ui.file_menu import OpenRepository, open_store_repository
from ui.main_window import MainWindow
from ui.operations import POLL_INTERVAL_MS, EngineReports, Operations
from ui.pyside_defects import guard_singleton_refcounts
from ui.theme import apply_theme, one_font_family

APP_NAME = "Repute"
# The window's way to open a database: its lock held while it works on it, the file checked whole.
open_locked_repository: OpenRepository = partial(open_repository, create=True, window=True)


def headless() -> bool:
    """No screen to show a window on (Linux without DISPLAY or WAYLAND_DISPLAY, no platform set).

    Qt would abort the process there, blaming a missing library; Repute says what is wrong.
    """
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    )


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), sharp on high-DPI screens, in the system's palette."""
    guard_singleton_refcounts()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("repute")
    one_font_family(app)
    # pyqtgraph (and numpy) are imported with the first chart (ui.small_chart sets its options),
    # after the Overview has painted its estimate: the estimate needs neither.
    return app


def private_settings(settings: QSettings) -> QSettings:
    """`settings`, with its file (it lists recent databases) 0600 and its folder 0700.

    New files are private by the umask main sets; this mends a folder or file an earlier run,
    started under a loose umask, left readable by others.
    """
    file = Path(settings.fileName())
    for path, mode in ((file.parent, FOLDER_MODE), (file, FILE_MODE)):
        with contextlib.suppress(OSError):
            if path.exists() and not path.is_symlink():
                path.chmod(mode)
    return settings


def build_window(
    db_path: Path,
    as_of: date | None,
    *,
    settings: QSettings | None = None,
    data_dir: Path | None = None,
    today: Callable[[], date] = date.today,
    input_limit: int = DEFAULT_LIMIT,
    reports: EngineReports | None = None,
    open_repository: OpenRepository = open_store_repository,
    remember_layout: bool = True,
    poll_interval_ms: int = POLL_INTERVAL_MS,
) -> MainWindow:
    """The main window on the database at `db_path` (created when missing), evaluated on as_of.

    With no `as_of` the window evaluates on `today()` and follows it past midnight. `data_dir`
    is where the sample profile's database goes (the user's data folder when None);
    `input_limit` is the largest file an import reads.

    Raises:
        StoreError: the database cannot be opened (not a Repute file, too new, locked...).
    """
    app = application()
    theme = apply_theme(app)
    repository = open_repository(db_path)
    operations: Operations | None = None
    try:
        # Read once here, so a log that opens but cannot be read (a stored value that breaks a
        # rule) is refused now, where the offer of a backup is made, not later on a page.
        repository.log()
        operations = Operations(
            repository, as_of or today(), reports=reports, poll_interval_ms=poll_interval_ms
        )
        window = MainWindow(
            operations,
            theme,
            settings if settings is not None else private_settings(QSettings(APP_NAME, APP_NAME)),
            db_path=db_path,
            data_dir=data_dir if data_dir is not None else default_data_folder(),
            follow_today=today if as_of is None else None,
            input_limit=input_limit,
            open_repository=open_repository,
            remember_layout=remember_layout,
        )
    except BaseException:
        # A database that opens but cannot be read (damaged) must not stay open: a restore of
        # its backup needs it alone.
        if operations is not None:
            operations.stop_polling()
            operations.deleteLater()
        repository.close()
        raise
    operations.setParent(window)
    return window


def run_window(startup: Startup, as_of: date | None) -> int:
    """Open the window on the run's database and run until it closes; 1 when the database cannot
    open (after the offer of its latest backup, when it is damaged and there is one)."""
    from ui.backup_offer import first_window

    if headless():
        print(
            "repute: no screen to open the window on (DISPLAY is not set); "
            "`--screenshot OUT.png` saves a picture of it instead",
            file=sys.stderr,
        )
        return 1
    app = application()
    window = first_window(
        startup.db_path,
        lambda: build_window(
            startup.db_path,
            as_of,
            data_dir=startup.data_folder,
            today=startup.current_day,
            input_limit=startup.input_limit,
            open_repository=open_locked_repository,
        ),
    )
    if window is None:
        return 1
    window.show()
    collect_from_now_on()  # a session of edits makes garbage; start-up made none
    code = app.exec()
    window.operations.repository.close()
    return int(code)

