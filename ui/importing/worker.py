"""A thread that plans an import, so a big file never freezes the window.

The planning reads the file and a frozen Log (safe from any thread) and returns a value; the
result or the error comes back through a queued signal. Running threads stay referenced until
they end, and the application waits for them before it quits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread, Signal

from ui.pyside_defects import shielded

_running: set[PlanningRun] = set()
_quit_hooked = False


@dataclass(frozen=True)
class Outcome:
    """What a run ends with: the value, or the exception the work raised."""

    value: Any = None
    error: BaseException | None = None


class PlanningRun(QThread):
    """One piece of planning work in a thread of its own; `ended(Outcome)` when done."""

    ended = Signal(object)

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.worker_thread: int | None = None
        self.finished.connect(self._forget)

    def begin(self) -> None:
        """Start, kept alive until the thread has ended."""
        _hook_application_quit()
        _running.add(self)
        self.start()

    @shielded
    def run(self) -> None:
        self.worker_thread = threading.get_ident()
        try:
            value = self.work()
        except Exception as error:  # handed to the interface thread, which decides what to say
            self.ended.emit(Outcome(error=error))
            return
        self.ended.emit(Outcome(value=value))

    def _forget(self) -> None:
        _running.discard(self)


def wait_for_all() -> None:
    for run in list(_running):
        run.wait()
        _running.discard(run)


def _hook_application_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(wait_for_all)
        _quit_hooked = True
