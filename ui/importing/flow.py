"""The import's steps in the window: plan on a thread (with a busy indicator for big files), show
the preview, and on Import write the library's plan (backed up first) as one undoable Change and
say what it did.

Any source can be previewed: a file (repute/1 JSON or a transaction history) or a mapped
spreadsheet; each is a `work(answers)` function that returns an ImportPreview. The user's answers
in the preview (replace, the file's date order, whose work, another person's log, merges and
splits of its contracts) plan it again with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from tracker.records.changes import Change
from tracker.records.model import Log
from tracker.usecases.importing import write_previewed
from ui.importing.planning import Answers, ImportPreview
from ui.importing.preview_dialog import ImportPreviewDialog
from ui.importing.worker import Outcome, PlanningRun
from ui.operations import Changes, Operations

Work = Callable[[Answers], ImportPreview]
BUSY_AFTER_MS = 400


class ImportFlow(QObject):
    """One import at a time, from planning to the status bar.

    Signals: `previewed(ImportPreviewDialog)` when the preview is shown, `ended(bool)` when the
    import was written (True) or stopped (False).
    """

    previewed = Signal(object)
    ended = Signal(bool)

    def __init__(
        self,
        operations: Operations,
        window: QWidget,
        *,
        error_types: Callable[[], tuple[type[BaseException], ...]],
    ) -> None:
        super().__init__(window)
        self.operations = operations
        self.window = window
        self.error_types = error_types
        self.run: PlanningRun | None = None
        self.dialog: ImportPreviewDialog | None = None
        self.progress: QProgressDialog | None = None
        self._name = ""
        self._work: Work | None = None

    def start(self, name: str, work: Work, answers: Answers | None = None) -> None:
        """Plan `work(answers)` off the interface thread, then show its preview."""
        self._name = name
        self._work = work
        given = answers or Answers()
        run = PlanningRun(lambda: work(given))
        run.ended.connect(self._planned)
        self.run = run
        self._busy(f"Reading {name}\u2026")
        run.begin()

    def _busy(self, text: str) -> None:
        progress = QProgressDialog(text, "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Importing")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(BUSY_AFTER_MS)
        progress.setAutoClose(False)
        progress.canceled.connect(self._cancelled_while_planning)
        self.progress = progress
        QTimer.singleShot(BUSY_AFTER_MS, self._show_busy)

    def _show_busy(self) -> None:
        if self.progress is not None and self.run is not None and self.run.isRunning():
            self.progress.show()

    def _close_busy(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancelled_while_planning)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _cancelled_while_planning(self) -> None:
        """The plan is only thrown away (planning writes nothing); the thread ends by itself."""
        if self.run is not None:
            self.run.ended.disconnect(self._planned)
            self.run = None
        self._close_busy()
        self.ended.emit(False)

    def _planned(self, outcome: Outcome) -> None:
        self.run = None
        self._close_busy()
        if outcome.error is not None:
            error = outcome.error
            if not isinstance(error, self.error_types()):
                self.ended.emit(False)
                raise error
            QMessageBox.warning(self.window, f"Nothing was imported from {self._name}", str(error))
            self.ended.emit(False)
            return
        self.show_preview(outcome.value)

    def show_preview(self, preview: ImportPreview) -> ImportPreviewDialog:
        """Open the preview (window-modal, not blocking); its buttons finish the flow."""
        dialog = ImportPreviewDialog(preview, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.import_chosen.connect(lambda: self._write(preview))
        dialog.replace_chosen.connect(self._replace)
        dialog.answered.connect(self._plan_again)
        dialog.rejected.connect(lambda: self.ended.emit(False))
        self.dialog = dialog
        dialog.open()
        self.previewed.emit(dialog)
        return dialog

    def _replace(self) -> None:
        if self._work is not None and self.dialog is not None:
            answers = self.dialog.preview.answers
            self.start(self._name, self._work, replace(answers, replace=True))

    def _plan_again(self, answers: Answers) -> None:
        if self._work is not None:
            self.start(self._name, self._work, answers)

    def _write(self, preview: ImportPreview) -> None:
        """Back up and write the plan the user saw (refused, in the status bar, when the log
        changed since)."""
        self.dialog = None
        if preview.plan is None:
            self.ended.emit(False)
            return
        written: list[Changes] = []

        def write(change: Change, planned_on: Log) -> None:
            changes = self.operations.apply(change, planned_on=planned_on)
            if changes is not None:
                written.append(changes)

        try:
            write_previewed(preview.plan, self.operations.repository, write)
        except self.error_types() as error:
            QMessageBox.warning(
                self.window, f"Nothing was imported from {preview.name}", str(error)
            )
            self.ended.emit(False)
            return
        if written:
            self.operations.notice.emit(f"Imported {preview.name}. " + " ".join(preview.lines))
        self.ended.emit(bool(written))
