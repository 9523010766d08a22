"""In-process: from an edit to the dashboard and chart updated and painted, in the real window.

The window is built the way `python main.py` builds it (ui.app.build_window); the edit goes
through its one path (Operations.apply), as a form's OK button sends it; the clock stops when the
whole Overview is current again (the estimate, what comes next, the plan and the year's chart:
MainWindow.settled) and the window is painted. Start-up's own deferred work is done before the
first edit, so no edit is charged with it. It works on a copy of the
database and a throw-away settings file, so nothing of the benchmark's or the user's changes.

Usage: python bench/probe_window_edit.py DATABASE AS_OF REPEAT (prints {"seconds": [...]})
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(database: str, as_of_text: str, repeat: int) -> int:
    """Apply `repeat` edits through Operations and time each until the window is repainted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from bench.edits import feedback_arrives
    from ui.app import application, build_window
    from ui.screenshot import wait_until_settled

    app = application()
    as_of = date.fromisoformat(as_of_text)
    with tempfile.TemporaryDirectory(prefix="repute-bench-") as folder:
        copy = Path(folder) / "window-edit.sqlite3"
        shutil.copy2(database, copy)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(
            copy, as_of, settings=settings, remember_layout=False, poll_interval_ms=0
        )
        operations = window.operations
        window.resize(1280, 800)
        window.show()
        wait_until_settled(app, window)  # start-up's deferred work is not an edit's
        window.grab()
        seconds = []
        for nth in range(repeat):
            change = feedback_arrives(operations.log(), as_of, nth)
            started = time.perf_counter()
            operations.apply(change)
            while not window.settled():  # the estimate, the forecast and the year all shown
                app.processEvents()
            window.grab()
            seconds.append(time.perf_counter() - started)
            operations.undo()
            app.processEvents()
        window.close()
        operations.repository.close()
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
