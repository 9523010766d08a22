"""In-process: from an edit to the dashboard and chart updated and painted, in the real window.

The edit goes through the window's one path (Operations.apply), as a form's OK button would send
it; the clock stops when the window has handled the `changed` signal and painted itself again.
The database is a copy, so the benchmark's own database stays as it was.

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


def build_window(operations: object) -> object:
    """The application's main window around `operations` (whatever ui/ names it)."""
    from ui import main_window

    for name in ("build_main_window", "MainWindow"):
        factory = getattr(main_window, name, None)
        if factory is not None:
            return factory(operations)
    raise RuntimeError("ui.main_window has neither build_main_window nor MainWindow")


def main(database: str, as_of_text: str, repeat: int) -> int:
    """Apply `repeat` edits through Operations and time each until the window is repainted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from tracker.store.repository import Repository

    from bench.edits import feedback_arrives
    from ui.operations import Operations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    as_of = date.fromisoformat(as_of_text)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "window-edit.sqlite3"
        shutil.copy2(database, copy)
        repository = Repository.open(copy, create=False)
        operations = Operations(repository, as_of, poll_interval_ms=0)
        window = build_window(operations)
        window.resize(1280, 800)  # type: ignore[attr-defined]
        window.show()  # type: ignore[attr-defined]
        app.processEvents()
        window.grab()  # type: ignore[attr-defined]
        seconds = []
        for nth in range(repeat):
            change = feedback_arrives(operations.log(), as_of, nth)
            started = time.perf_counter()
            operations.apply(change)
            app.processEvents()
            window.grab()  # type: ignore[attr-defined]
            seconds.append(time.perf_counter() - started)
            operations.undo()
            app.processEvents()
        window.close()  # type: ignore[attr-defined]
        repository.close()
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
