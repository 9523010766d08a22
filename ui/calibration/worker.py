"""The calibration's own thread: the search takes seconds, and the window must stay responsive.

`CalibrationRun` runs `calibrate_report` on a frozen Log (safe to read from any thread), reports
progress after each fit and hands the result back through queued signals. A run can be
cancelled between two fits. Running threads are kept referenced until they end, and the
application waits for them before it quits, so no thread is ever destroyed while it runs.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThread, Signal

from tracker.records.changes import Change
from tracker.records.model import Log
from ui.pyside_defects import shielded

if TYPE_CHECKING:
    from tracker.engine.calibration.fit import Calibration

_running: set[CalibrationRun] = set()
_quit_hooked = False


class Cancelled(Exception):
    """The user stopped the run."""


@dataclass(frozen=True)
class Finished:
    """What a run ends with: the report and the change that saves its fit (or why it stopped)."""

    report: Calibration | None
    change: Change | None
    problem: str | None = None
    cancelled: bool = False


class CalibrationRun(QThread):
    """One calibration of one log, in a thread of its own."""

    progressed = Signal(int, int)
    ended = Signal(object)

    def __init__(self, log: Log, save_name: str) -> None:
        super().__init__()
        self.log = log
        self.save_name = save_name
        self.worker_thread: int | None = None
        self._stop = threading.Event()
        self.finished.connect(self._forget)

    def begin(self) -> None:
        """Start, kept alive until the thread has ended."""
        hook_application_quit()
        _running.add(self)
        self.start()

    def cancel(self) -> None:
        self._stop.set()

    @shielded
    def run(self) -> None:
        from tracker.engine.calibration.fit import calibrate_report

        self.worker_thread = threading.get_ident()
        try:
            report, change = calibrate_report(self.log, self.save_name, progress=self._progress)
        except Cancelled:
            self.ended.emit(Finished(None, None, cancelled=True))
            return
        except Exception as error:
            self.ended.emit(Finished(None, None, problem=f"the fit stopped: {error}"))
            return
        self.ended.emit(Finished(report, change))

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            raise Cancelled
        self.progressed.emit(done, total)

    def _forget(self) -> None:
        _running.discard(self)


def running() -> list[CalibrationRun]:
    return list(_running)


def stop_all() -> None:
    """Cancel every run and wait for it (before the application quits)."""
    for run in list(_running):
        run.cancel()
        run.wait()
        _running.discard(run)


def hook_application_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(stop_all)
        _quit_hooked = True
