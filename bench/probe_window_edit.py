"""In-process: from an edit to the dashboard and chart updated and painted, in the real window.

The window is built the way `python main.py` builds it (ui.app.build_window), and its session
collects garbage as the real one does (start-up's objects set aside); the edit goes
through its one path (Operations.apply), as a form's OK button sends it; the clock stops when the
whole Overview is current again (the estimate, what comes next, the plan and the year's chart:
MainWindow.settled) and every widget it changed is painted: a round of events then paints
nothing (an edit that painted nothing would be an error). A whole-window grab() used to stop the
clock; it renders every widget again into a new picture, work the window never does for an edit,
and it is now shown on stderr beside the breakdown instead. Start-up's own deferred work is done
before the first edit, and each edit starts from a window settled and painted after the undo of
the one before, so no edit is charged with another's work. It works on a copy of the
database and a throw-away settings file, so nothing of the benchmark's or the user's changes.

Usage: python bench/probe_window_edit.py DATABASE AS_OF REPEAT (prints {"seconds": [...]})

On stderr, for each edit, where its time went (ms): writing the change, the score, the forecast,
the year's trend, the badge plan, the Overview's layouts, feeding the year's chart its points, and
the rest (the window's own work: texts, painting).
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject


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
    """Time the engine's reports, the badge plan, the write, the layouts and the chart (the
    probe's clock is untouched)."""
    import ui.whatif.planning

    reports = operations.reports
    for name in ("score_report", "forecast_report", "trend_report"):
        timed = breakdown.timed(name.removesuffix("_report"), getattr(reports, name))
        setattr(reports, name, timed)
    ui.whatif.planning.badge_plan = breakdown.timed("plan", ui.whatif.planning.badge_plan)
    # The Overview's own work that used to hide in "rest": the layouts its new texts ask for
    # (two stages, several nested passes each) and the year's chart fed its new points.
    import ui.dashboard.mini_trend
    import ui.dashboard.page

    page = ui.dashboard.page
    page.lay_out_now = breakdown.timed("layout", page.lay_out_now)
    chart = ui.dashboard.mini_trend.MiniTrend
    chart.set_series = breakdown.timed("chart", chart.set_series)  # type: ignore[method-assign]
    repository = operations.repository
    repository.apply = breakdown.timed("write", repository.apply)


class PaintCount(QObject):
    """Counts the paint events of every widget of the application (an application-wide filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def paint_what_is_pending(app: Any, paints: PaintCount) -> None:
    """Run rounds of events until one paints nothing: what the edit changed is then on screen."""
    while True:
        before = paints.count
        app.processEvents()
        if paints.count == before:
            return


def main(database: str, as_of_text: str, repeat: int) -> int:
    """Apply `repeat` edits through Operations and time each until the window is repainted."""
    from PySide6.QtCore import QSettings

    from bench.edits import feedback_arrives
    from tracker.collector import collect_from_now_on
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
        paints = PaintCount()
        app.installEventFilter(paints)
        for nth in range(repeat):
            change = feedback_arrives(operations.log(), as_of, nth)
            painted_before = paints.count
            started = time.perf_counter()
            operations.apply(change)
            while not window.settled():  # the estimate, the forecast and the year all shown
                app.processEvents()
            paint_what_is_pending(app, paints)
            seconds.append(time.perf_counter() - started)
            if paints.count == painted_before:
                raise SystemExit("the window painted nothing after the edit")
            grabbing = time.perf_counter()
            window.grab()
            grabbed = (time.perf_counter() - grabbing) * 1000
            print(
                f"{breakdown.take(seconds[-1])}; a whole-window grab: {grabbed:.1f}",
                file=sys.stderr,
            )
            operations.undo()  # the next edit starts from a settled, painted window
            while not window.settled():
                app.processEvents()
            paint_what_is_pending(app, paints)
            breakdown.spent.clear()
        window.close()
        operations.repository.close()
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
