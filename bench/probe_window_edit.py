"""In-process: from an edit to the dashboard and chart updated and painted, in the real window.

The window is built the way `python main.py` builds it (ui.app.build_window), and its session
collects garbage as the real one does (start-up's objects set aside); the edit goes
through its one path (Operations.apply), as a form's OK button sends it; the clock stops when the
whole Overview is current again (the estimate, what comes next, the plan and the year's chart:
MainWindow.settled) and the window is painted. Start-up's own deferred work is done before the
first edit, so no edit is charged with it. It works on a copy of the
database and a throw-away settings file, so nothing of the benchmark's or the user's changes.

Usage: python bench/probe_window_edit.py DATABASE AS_OF REPEAT (prints {"seconds": [...]})

On stderr, for each edit, where its time went (ms): writing the change, the score, the forecast,
the year's trend, the badge plan, and the rest (the window's own work: texts, layout, painting).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class Breakdown:
    """Milliseconds spent in the timed calls since the last `take`, by name."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)

    def timed(self, name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def timed_call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.spent[name] += (time.perf_counter() - started) * 1000

        return timed_call

    def take(self, total_seconds: float) -> str:
        parts = dict(self.spent)
        self.spent.clear()
        rest = total_seconds * 1000 - sum(parts.values())
        words = [f"{name} {ms:.1f}" for name, ms in parts.items()]
        return f"{total_seconds * 1000:.1f} ms: " + ", ".join([*words, f"rest {rest:.1f}"])


def watch(breakdown: Breakdown, operations: Any) -> None:
    """Time the engine's reports, the badge plan and the write (the probe's clock is untouched)."""
    import ui.whatif.planning

    reports = operations.reports
    for name in ("score_report", "forecast_report", "trend_report"):
        timed = breakdown.timed(name.removesuffix("_report"), getattr(reports, name))
        setattr(reports, name, timed)
    ui.whatif.planning.badge_plan = breakdown.timed("plan", ui.whatif.planning.badge_plan)
    repository = operations.repository
    repository.apply = breakdown.timed("write", repository.apply)


def main(database: str, as_of_text: str, repeat: int) -> int:
    """Apply `repeat` edits through Operations and time each until the window is repainted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from bench.edits import feedback_arrives
    from tracker.engine.collector import collect_from_now_on
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
        collect_from_now_on()  # as run_window does once the window is up
        breakdown = Breakdown()
        watch(breakdown, operations)
        seconds = []
        for nth in range(repeat):
            change = feedback_arrives(operations.log(), as_of, nth)
            started = time.perf_counter()
            operations.apply(change)
            while not window.settled():  # the estimate, the forecast and the year all shown
                app.processEvents()
            window.grab()
            seconds.append(time.perf_counter() - started)
            print(breakdown.take(seconds[-1]), file=sys.stderr)
            operations.undo()
            app.processEvents()
            breakdown.spent.clear()
        window.close()
        operations.repository.close()
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
