"""From process start to the window's first paint with real numbers, as a whole process.

With a database, it runs Repute's real start path (main.main, as `python main.py --db DB` does)
and leaves the moment the Overview paints its estimate read from the log (a paint of the window
before that, a "Reading your log..." state, does not count); without one, it shows the floor: a
bare window holding one pyqtgraph plot, which leaves at its first paint. Both leave through
os._exit, so neither pays for its own tear-down and the two are timed the same way.

Usage: python bench/probe_first_paint.py [DATABASE]
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GIVE_UP_MS = 20000


def leave_at_first_paint(app: object, painted: Callable[[object], bool] = lambda _w: True) -> None:
    """End the process at the first paint of a widget `painted` accepts (exit 3 if none ever is)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and painted(watched):
                os._exit(0)
            return False

    guard = FirstPaint(app)  # type: ignore[arg-type]
    app.installEventFilter(guard)  # type: ignore[attr-defined]
    QTimer.singleShot(GIVE_UP_MS, lambda: os._exit(3))


def bare_window() -> int:
    """The floor: a bare window with one plot."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph  # type: ignore[import-untyped]
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    leave_at_first_paint(app)
    window = QMainWindow()
    plot = pyqtgraph.PlotWidget()
    plot.plot([0, 1, 2, 3], [93, 95, 85, 95])
    window.setCentralWidget(plot)
    window.resize(1280, 800)
    window.show()
    return app.exec()


def repute_window(database: str) -> int:
    """Repute's own start, through main.py, on `database`, to the Overview's estimate painted."""
    import main
    import ui.app

    make_application = ui.app.application
    make_window = ui.app.build_window
    windows: list[Any] = []

    def estimate_painted(widget: object) -> bool:
        # The estimate's label painting after the page read the log: the real number is shown.
        return any(
            widget is window.dashboard.percent and window.dashboard.estimate_shown
            for window in windows
        )

    def application(argv: list[str] | None = None) -> object:
        app = make_application(argv)
        if not app.property("bench-first-paint"):
            app.setProperty("bench-first-paint", True)
            leave_at_first_paint(app, estimate_painted)
        return app

    def build_window(*args: Any, **options: Any) -> object:
        window = make_window(*args, **options)
        windows.append(window)
        return window

    ui.app.application = application  # type: ignore[assignment]
    ui.app.build_window = build_window  # type: ignore[assignment]
    # A settings folder of its own: the window opens on the Overview, as on a first start, and
    # not on a page this machine's user last left it on. In bench/run.py's scratch folder when
    # run by it (this process ends without removing anything).
    scratch = os.environ.get("REPUTE_BENCH_SCRATCH")
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="repute-bench-settings-", dir=scratch)
    return main.main(["--db", database])


if __name__ == "__main__":
    sys.exit(repute_window(sys.argv[1]) if len(sys.argv) > 1 else bare_window())
