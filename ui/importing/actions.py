"""The File menu's imports with a preview and its CSV export, for one window.

Kept apart from ui.file_menu (which opens databases and backs up); FileActions owns one of these
and hands it the window and Operations, whose repository is read for what imports applied before
and copied for the backup before an import.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracker.io.fragment import Fragment
from tracker.io.input_file import DEFAULT_LIMIT
from ui.importing.flow import ImportFlow
from ui.importing.mapping_dialog import SheetMappingDialog
from ui.importing.planning import Answers, ImportPreview, preview_file, preview_sheet
from ui.importing.table_export import ask_table_and_file, export_table_to
from ui.operations import Operations

if TYPE_CHECKING:
    from tracker.engine.results import ScoreReport
    from tracker.records.model import Log

ErrorTypes = Callable[[], tuple[type[BaseException], ...]]


class ImportActions(QObject):
    """File > Import (previewed), Import a spreadsheet, Export a table as CSV."""

    def __init__(
        self,
        operations: Operations,
        window: QWidget,
        *,
        error_types: ErrorTypes,
        input_limit: int = DEFAULT_LIMIT,
    ) -> None:
        super().__init__(window)
        self.operations = operations
        self.window = window
        self.input_limit = input_limit
        self.error_types = error_types
        self.flow = ImportFlow(operations, window, error_types=error_types)
        self.mapping_dialog: SheetMappingDialog | None = None

    def preview_file(self, path: Path) -> ImportFlow:
        """Plan an import of the file at `path` on a thread, then show its preview."""
        repository = self.operations.repository
        log = self.operations.log()
        refs = repository.applied_refs()
        remembered = repository.import_groups()
        score = self._score
        as_of = self.operations.as_of
        limit = self.input_limit

        def work(answers: Answers) -> ImportPreview:
            return preview_file(
                path, log, refs, score, as_of, limit=limit, answers=answers, remembered=remembered
            )

        self.flow.start(path.name, work)
        return self.flow

    def choose_spreadsheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import a spreadsheet (CSV)",
            str(Path.home()),
            "CSV (*.csv *.txt);;All files (*)",
        )
        if name:
            self.map_spreadsheet(Path(name))

    def map_spreadsheet(self, path: Path) -> SheetMappingDialog | None:
        """Read the CSV at `path` and open the mapping step (window-modal, not blocking)."""
        from tracker.io.csv_tables import read_csv_table
        from tracker.io.input_file import read_input_file

        try:
            headers, rows = read_csv_table(read_input_file(path, self.input_limit))
        except self.error_types() as error:
            QMessageBox.warning(self.window, f"Nothing was imported from {path.name}", str(error))
            return None
        dialog = SheetMappingDialog(path.name, headers, rows, self.operations.log(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda _table, fragment: self.preview_sheet(path.name, fragment))
        self.mapping_dialog = dialog
        dialog.open()
        return dialog

    def preview_sheet(self, name: str, fragment: Fragment) -> ImportFlow:
        log = self.operations.log()
        score = self._score
        as_of = self.operations.as_of

        def work(answers: Answers) -> ImportPreview:
            return preview_sheet(name, fragment, log, score, as_of, replace=answers.replace)

        self.flow.start(name, work)
        return self.flow

    def export_table(self, folder: Path) -> None:
        chosen = ask_table_and_file(self.window, folder)
        if chosen is not None:
            self.export_table_to(*chosen)

    def export_table_to(self, table: str, path: Path) -> bool:
        try:
            export_table_to(self.operations.log(), table, path)
        except self.error_types() as error:
            QMessageBox.warning(self.window, "Could not export", str(error))
            return False
        self.operations.notice.emit(f"Exported {table} to {path}.")
        return True

    def _score(self, log: Log, as_of: date) -> ScoreReport:
        return self.operations.reports.score_report(
            log, as_of, with_next_change=False, with_contracts=False
        )
