"""Every paint of the Overview shows what it has set, laid out: no frame of texts cut short.

The texts of a stage are set, then painted. A paint before the layouts had caught up showed the
windows' scores cut to their old, empty widths for a frame ("8" for 81.1), the Stats page
figures' heading over an empty grid, and the year's texts without their chart. Offscreen Qt
paints late enough to show only the last of these; on a screen (QT_QPA_PLATFORM=xcb under Xvfb)
the test finds all three in the window as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from shell_logs import AS_OF, good_job, seeded, small_log

from tracker.records.changes import Change
from tracker.store import Repository
from ui.main_window import MainWindow
from ui.operations import EngineReports, Operations
from ui.theme import Theme


class PaintWatch(QObject):
    """At each paint inside the Overview, notes what is on show but not laid out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.faults: list[str] = []
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        dashboard = self.window.dashboard
        inside = isinstance(watched, QWidget) and dashboard.isAncestorOf(watched)
        if event.type() == QEvent.Type.Paint and inside:
            self.paints += 1
            self.check()
        return False

    def check(self) -> None:
        dashboard = self.window.dashboard
        if dashboard.estimate_shown:
            strip = dashboard.windows
            labels = [*strip.names, *strip.scores, *strip.details, self.window.profile_label]
            for label in labels:
                self.laid_out(label)
            for row in dashboard.stat_labels:
                for cell in row:
                    self.laid_out(cell)
        if dashboard.settled and (
            dashboard.mini_trend is None or not dashboard.mini_trend.isVisible()
        ):
            self.faults.append("the year's texts painted without their chart")

    def laid_out(self, label: QLabel) -> None:
        if not label.text():
            return
        if not label.isVisible():
            self.faults.append(f"{label.text()!r} set but not shown")
        elif label.width() < label.sizeHint().width():
            self.faults.append(f"{label.text()!r} cut to {label.width()} pixels")


def small_log_window(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> tuple[MainWindow, Repository]:
    """The window on a database of the small log, not yet shown (close both when done)."""
    database = seeded(tmp_path / "mine.sqlite3", small_log())
    repository = Repository.open(database, create=True)
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    window = MainWindow(operations, theme, settings, db_path=database, data_dir=tmp_path / "data")
    operations.setParent(window)
    qtbot.addWidget(window)
    return window, repository


def test_no_paint_of_the_overview_shows_texts_before_their_layout(
    qtbot: QtBot, qapp: QApplication, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, repository = small_log_window(qtbot, theme, settings, tmp_path)
    watch = PaintWatch(window)
    qapp.installEventFilter(watch)
    try:
        window.resize(1280, 800)
        window.show()
        qtbot.waitUntil(window.settled, timeout=10_000)
        qtbot.wait(50)
        contract, payment, feedback = good_job("k-9", "cora", "2026-02-20")
        added = (contract, payment, feedback)
        window.operations.apply(Change("add contract 'New k-9'", added=added))
        qtbot.waitUntil(window.settled, timeout=10_000)
        qtbot.wait(50)
    finally:
        qapp.removeEventFilter(watch)
        window.close()
        repository.close()
    assert watch.paints > 0
    assert watch.faults == []


def test_the_overview_columns_stay_put_whether_the_page_scrolls_or_not(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    """The second stage (what comes next, the plan, the chart) makes the page taller: a scroll
    bar that appeared only then took its width from the page, and every column moved left."""
    window, repository = small_log_window(qtbot, theme, settings, tmp_path)
    dashboard = window.dashboard

    def columns() -> list[int]:
        blocks = [*dashboard.windows.names, dashboard.official, dashboard.next_update]
        return [block.mapTo(window, block.rect().topLeft()).x() for block in blocks]

    try:
        window.resize(1280, 2400)  # all of it fits
        window.show()
        qtbot.waitUntil(window.settled, timeout=10_000)
        qtbot.wait(50)
        fitting = columns()
        window.resize(1280, 500)  # it scrolls
        qtbot.wait(50)
        scrolling = columns()
    finally:
        window.close()
        repository.close()
    assert scrolling == fitting
