"""What the File menu does: databases opened and made, history imported and exported, backups.

Every write to the log still goes through Operations (an import is one Change, undoable); opening
another database hands Operations a new repository. Problems a user can cause (a bad file, a
locked database) become one sentence in a message box; nothing is half written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tracker.io.atomic_file import write_atomically
from tracker.io.input_file import DEFAULT_LIMIT
from tracker.records.model import Log
from tracker.store import (
    backup,
    make_private_folders,
    open_repository,
    restore,
)
from ui.backup_offer import offer_latest_backup
from ui.file_errors import file_error_types
from ui.operations import Operations, RepositoryLike
from ui.theme import RESOURCES

SAMPLE_FILE = RESOURCES / "sample-profile.json"
SAMPLE_DB_NAME = "sample.sqlite3"
RECENT_KEY = "recent_files"
RECENT_LIMIT = 8
OpenRepository = Callable[[Path], RepositoryLike]

if TYPE_CHECKING:
    from tracker.usecases.importing import ImportPlan
    from ui.importing.actions import ImportActions


# How a window opens a database it is given or told to open: created when missing. run_window
# opens with the file's lock besides (ui.app.open_locked_repository).
open_store_repository: OpenRepository = partial(open_repository, create=True)


def remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def import_plan(
    path: Path, data: bytes, log: Log, applied_refs: frozenset[str], *, replace_existing: bool
) -> ImportPlan:
    """The library's plan of importing `data` (its kind found by its content, as on the command
    line); records that differ from the log are its `conflict`.

    Raises:
        InputError: the file is bad.
    """
    from tracker.usecases.importing import ImportOptions, plan_file

    return plan_file(path.name, data, log, applied_refs, ImportOptions(replace=replace_existing))


def conflict_sentence(plan: ImportPlan) -> str:
    """What differs from the log, as one sentence (the plan's conflict must be set)."""
    assert plan.conflict is not None
    text = "; ".join(plan.conflict.differences)
    return text[:1].upper() + text[1:]


class FileActions(QObject):
    """The File menu's work, for one window."""

    opened = Signal(object)
    recent_changed = Signal()

    def __init__(
        self,
        operations: Operations,
        window: QWidget,
        settings: QSettings,
        *,
        own_db_path: Path,
        data_dir: Path,
        input_limit: int = DEFAULT_LIMIT,
        open_repository: OpenRepository = open_store_repository,
    ) -> None:
        super().__init__(window)
        self.operations = operations
        self.window = window
        self.settings = settings
        self.own_db_path = own_db_path
        self.data_dir = data_dir
        self.input_limit = input_limit
        self.open_repository = open_repository
        self.current_path = own_db_path
        self.remember(own_db_path)
        self._imports: ImportActions | None = None

    @property
    def imports(self) -> ImportActions:
        """The imports with a preview and the export, made when first asked for: their modules
        are not imported before the window has painted its estimate."""
        if self._imports is None:
            from ui.importing.actions import ImportActions

            self._imports = ImportActions(
                self.operations,
                self.window,
                error_types=file_error_types,
                input_limit=self.input_limit,
            )
        return self._imports

    @property
    def sample_path(self) -> Path:
        return self.data_dir / SAMPLE_DB_NAME

    @property
    def is_sample(self) -> bool:
        return self.current_path == self.sample_path

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def recent_paths(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(str(name)) for name in names if name]

    def remember(self, path: Path) -> None:
        if path == self.sample_path:
            return
        paths = [path] + [p for p in self.recent_paths() if p != path]
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths[:RECENT_LIMIT]])
        self.recent_changed.emit()

    def open_path(self, path: Path, label: str | None = None) -> bool:
        """Work on the database at `path` from now on (created when missing)."""
        try:
            repository = self.open_repository(path)
        except file_error_types() as error:
            if not offer_latest_backup(self.window, path, error):
                return False
            try:
                repository = self.open_repository(path)
            except file_error_types() as again:
                self._tell("Could not open the database", str(again))
                return False
        self.current_path = path
        if path != self.sample_path:
            self.own_db_path = path
        self.remember(path)
        self.operations.replace_repository(repository, label or f"Opened {path}")
        self.opened.emit(path)
        return True

    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "New Repute database",
            str(self.own_db_path.parent / "repute.sqlite3"),
            "Repute database (*.sqlite3)",
        )
        if name:
            path = Path(name)
            if path.exists() and path.stat().st_size > 0:
                self._tell(
                    "Not a new database", f"{path} already exists; use File \u203a Open to open it."
                )
                return
            self.open_path(path, f"Created {path}")

    def open_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open a Repute database",
            str(self.own_db_path.parent),
            "Repute database (*.sqlite3 *.db);;All files (*)",
        )
        if name:
            self.open_path(Path(name))

    def import_history(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import your history",
            str(Path.home()),
            "Repute JSON, Upwork transactions or summary CSV, Upwork work history JSON "
            "(*.json *.csv);;All files (*)",
        )
        if name:
            self.imports.preview_file(Path(name))

    def import_spreadsheet(self) -> None:
        self.imports.choose_spreadsheet()

    def export_table(self) -> None:
        self.imports.export_table(self.own_db_path.parent)

    def import_path(self, path: Path) -> bool:
        """Import a repute/1 JSON or a marketplace CSV as one undoable change, without a preview
        (the menu previews through `imports`; this is for scripts and tests)."""
        from tracker.io.input_file import read_input_file

        try:
            data = read_input_file(path, self.input_limit)
            log = self.operations.log()
            refs = self.operations.repository.applied_refs()
            plan = import_plan(path, data, log, refs, replace_existing=False)
            if plan.conflict is not None:
                if not self._ask_replace(plan):
                    self._tell(f"Nothing was imported from {path.name}", conflict_sentence(plan))
                    return False
                plan = import_plan(path, data, log, refs, replace_existing=True)
            if plan.is_empty:
                self.operations.notice.emit(
                    f"Nothing new in {path.name}: everything in it is already in the log."
                )
                return True
            from tracker.usecases.importing import write_previewed

            write_previewed(
                plan, self.operations.repository, lambda change, _: self.operations.apply(change)
            )
        except file_error_types() as error:
            self._tell(f"Nothing was imported from {path.name}", str(error))
            return False
        lines = [line.printed() for line in plan.summary]
        if lines:
            QMessageBox.information(self.window, f"Imported {path.name}", "\n".join(lines))
        return True

    def _ask_replace(self, plan: ImportPlan) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Some records differ from the log",
            f"{conflict_sentence(plan)}.\n\nReplace them with the file's records? "
            "(Edit \u203a Undo takes it back.)",
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_json(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export the log as JSON",
            str(Path.home() / "repute-export.json"),
            "Repute JSON (*.json)",
        )
        if name:
            self.export_json_to(Path(name))

    def export_json_to(self, path: Path) -> bool:
        from tracker.io.json_format import export_json

        try:
            write_atomically(path, export_json(self.operations.log()))
        except file_error_types() as error:
            self._tell("Could not export", str(error))
            return False
        self.operations.notice.emit(f"Exported the log to {path}.")
        return True

    def backup_now(self) -> None:
        try:
            made = backup(self.operations.repository)  # a consistent copy through its connection
        except file_error_types() as error:
            self._tell("Could not back up", str(error))
            return
        self.operations.notice.emit(f"Backed up to {made}.")

    def restore_backup(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Restore a backup",
            str(self.current_path.parent / "backups"),
            "Repute database (*.sqlite3 *.db);;All files (*)",
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, source: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Restore this backup?",
            f"The log will be replaced by {source.name}. A copy of the current log is kept first.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.operations.repository.close()
        try:
            restore(self.current_path, source)
        except file_error_types() as error:
            self._tell("Could not restore", str(error))
            self.open_path(self.current_path, "Kept the log as it was")
            return False
        return self.open_path(self.current_path, f"Restored {source.name}")

    def explore_sample(self) -> bool:
        """Open the sample profile in a fresh database of its own (never the user's)."""
        path = self.sample_path
        if path == self.own_db_path:
            self._tell("Cannot open the sample", f"{path} is your own log.")
            return False
        if self.is_sample:
            return True
        try:
            make_private_folders(self.data_dir)  # it also holds the user's own log, by default
            remove_database_files(path)
            repository = self.open_repository(path)
            data = SAMPLE_FILE.read_bytes()
            plan = import_plan(
                SAMPLE_FILE, data, repository.log(), frozenset(), replace_existing=False
            )
            repository.apply(replace(plan.change, label="import the sample profile"))
            # The sample is where exploring starts, not a step to take back: "Undo" would empty
            # it. Opened again, the repository keeps no history of its making.
            repository.close()
            repository = self.open_repository(path)
        except file_error_types() as error:
            self._tell("Could not open the sample", str(error))
            return False
        self.current_path = path
        self.operations.replace_repository(repository, "Opened the sample profile")
        self.opened.emit(path)
        return True

    def back_to_own_log(self) -> bool:
        return self.open_path(self.own_db_path, f"Back to your log, {self.own_db_path}")
