"""One log page: a filter box, the table, Add / Edit / Delete, and an optional side panel.

The page never writes: every save and delete becomes a Change handed to `operations.apply`, and
the table refreshes when `operations.changed` names a table it shows (at once when visible,
else the next time it is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tracker.records.changes import Change, Record
from ui.log.contract_panel import ContractPanel
from ui.log.edits import DeleteRefused, add_change, delete_change, edit_change
from ui.log.forms.dialog import RecordDialog
from ui.log.forms.records import FORMS
from ui.log.forms.spec import FormSpec
from ui.log.table_model import RecordFilter, RecordTableModel
from ui.log.tables import TableSpec, identity_of
from ui.log.tones import set_tone
from ui.operations import Changes
from ui.theme import set_role

RunDialog = Callable[[RecordDialog], bool]
COLUMN_MARGIN = 12  # beyond the widest sample: the cell padding (4 px) and a little air


def run_modal(dialog: RecordDialog) -> bool:
    """Show the form and wait; True when the user saved."""
    return dialog.exec() == QDialog.DialogCode.Accepted


class LogPage(QWidget):
    """A page of the log for one record type."""

    def __init__(
        self,
        spec: TableSpec,
        operations: Any,
        make_panel: Callable[[LogPage], ContractPanel] | None = None,
    ) -> None:
        super().__init__()
        self.spec = spec
        self.operations = operations
        self.run_dialog: RunDialog = run_modal
        self.panel = make_panel(self) if make_panel is not None else None
        self.dirty = True
        self._panel_stale = False
        self._select_next: Hashable | None = None

        self.model = RecordTableModel(spec)
        self.proxy = RecordFilter(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(f"Filter {spec.title.lower()}  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.count = QLabel()
        set_role(self.count, "muted")
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)

        self.table = self._make_table()
        self.empty = QLabel(spec.empty_text)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.empty, "muted")
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        set_tone(self.notice, "attention")
        self.notice.setVisible(False)

        top = QHBoxLayout()
        self.top_row = top  # a page may add a button of its own (pages.py)
        top.setSpacing(8)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        top.addSpacing(12)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        if self.panel is not None:
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.setChildrenCollapsible(False)
            splitter.addWidget(self.body)
            splitter.addWidget(self.panel)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([700, 340])
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.body, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_filter)
        for keys, action in (
            (QKeySequence.StandardKey.Delete, self.delete),
            (QKeySequence(Qt.Key.Key_Return), self.edit),
            (QKeySequence(Qt.Key.Key_Enter), self.edit),
        ):
            QShortcut(keys, self.table, action, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.filter,
            self.filter.clear,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.setFocusProxy(self.table)
        operations.changed.connect(self.on_changed)
        self._update_buttons()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        order = (
            Qt.SortOrder.DescendingOrder if self.spec.descending else Qt.SortOrder.AscendingOrder
        )
        table.horizontalHeader().setSortIndicator(self.spec.sort_column, order)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setStyleSheet("QTableView::item { padding: 0 4px 0 0; }")
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        metrics = table.fontMetrics()
        for column, spec_column in enumerate(self.spec.columns):
            sample = spec_column.sample or spec_column.title
            header.resizeSection(
                column,
                max(
                    metrics.horizontalAdvance(sample),
                    metrics.horizontalAdvance(spec_column.title) + 16,
                )
                + COLUMN_MARGIN,
            )
        table.doubleClicked.connect(lambda _index: self.edit())
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return table

    # Reading and refreshing

    def on_changed(self, changes: Changes) -> None:
        """Refresh when the change touched a table this page shows (the panel: on any change)."""
        self.dirty = self.dirty or changes.touches(*self.spec.depends_on)
        self._panel_stale = self.panel is not None
        if self.isVisible():
            self._catch_up()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._catch_up()

    def _catch_up(self) -> None:
        if self.dirty:
            self.refresh()
        elif self._panel_stale and self.panel is not None:
            self._panel_stale = False
            self.panel.invalidate()

    def refresh(self) -> None:
        """Read the log again, keeping the selection on the same records where they still exist."""
        keep = self._select_next
        selected = [keep] if keep is not None else [identity_of(r) for r in self.selected_records()]
        current = keep if keep is not None else self._current_identity()
        self._select_next = None
        self.model.load(self.operations.log())
        self.dirty = False
        self._panel_stale = False
        self.body.setCurrentWidget(self.table if self.model.rowCount() else self.empty)
        self._reselect(selected, current)
        self._update_count()
        if self.panel is not None:
            self.panel.invalidate()
        self._selection_changed()

    def selected_records(self) -> list[Record]:
        rows = sorted(
            {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        )
        return [self.model.record(row) for row in rows]

    def current_record(self) -> Record | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return self.model.record(self.proxy.mapToSource(index).row())
        chosen = self.selected_records()
        return chosen[0] if chosen else None

    def select(self, identity: Hashable) -> bool:
        """Select and show the record with this identity (a contract's id); False if not shown."""
        if self.dirty:
            self.refresh()
        row = self.model.row_of(identity)
        if row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            self.filter.clear()
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(proxy_index)
        return True

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    # Editing

    def add(
        self, record_type: type | None = None, defaults: Mapping[str, Any] | None = None
    ) -> None:
        """Open the form for a new record; save it as one Change when the user says so."""
        kind = record_type or self.spec.record_type
        as_of = self.operations.as_of
        spec = FORMS[kind](
            self.operations.log(), None, {"date": as_of, "started": as_of, **(defaults or {})}
        )
        draft = self._ask(spec)
        if draft is not None:
            self._apply(
                add_change(draft, spec.log), draft.record if kind is self.spec.record_type else None
            )

    def edit(self) -> None:
        """Open the selected record's form; save the replacement as one Change."""
        original = self.current_record()
        if original is None:
            return
        spec = FORMS[type(original)](self.operations.log(), original, None)
        draft = self._ask(spec)
        if draft is None:
            return
        change = edit_change(original, draft, spec.log)
        if change is not None:
            self._apply(change, draft.record)

    def delete(self) -> None:
        """Delete the selected records at once (undoable; a refusal is said on the page)."""
        chosen = self.selected_records()
        if not chosen:
            return
        try:
            change = delete_change(chosen, self.operations.log())
        except DeleteRefused as refusal:
            self._say(str(refusal))
            return
        after = self._row_after(chosen)
        self._apply(change, after)

    def _ask(self, spec: FormSpec) -> Any:
        dialog = RecordDialog(spec, self)
        try:
            saved = self.run_dialog(dialog)
            return dialog.draft() if saved else None
        finally:
            dialog.deleteLater()

    def _apply(self, change: Change, select: Record | None) -> None:
        self._say("")
        self._select_next = identity_of(select) if select is not None else None
        self.operations.apply(change)
        if not self.dirty:
            self._select_next = None

    def _row_after(self, chosen: list[Record]) -> Record | None:
        gone = set(map(identity_of, chosen))
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        if not rows:
            return None
        for proxy_row in range(rows[-1].row() + 1, self.proxy.rowCount()):
            record = self.model.record(self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row())
            if identity_of(record) not in gone:
                return record
        if rows[0].row() > 0:
            return self.model.record(
                self.proxy.mapToSource(self.proxy.index(rows[0].row() - 1, 0)).row()
            )
        return None

    # Small view updates

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _current_identity(self) -> Hashable | None:
        record = self.current_record()
        return identity_of(record) if record is not None else None

    def _reselect(self, identities: list[Hashable], current: Hashable | None) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for identity in identities:
            row = self.model.row_of(identity)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, flags)
        if current is not None and (row := self.model.row_of(current)) is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        noun = self.spec.title.lower()
        self.count.setText(
            f"{shown:,} of {total:,} {noun}" if shown != total else f"{total:,} {noun}"
        )

    def _selection_changed(self) -> None:
        self._update_buttons()
        if self.panel is not None:
            record = self.current_record()
            self.panel.show_contract(getattr(record, "id", None))

    def _update_buttons(self) -> None:
        chosen = len(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(chosen >= 1)
        self.delete_button.setEnabled(chosen >= 1)
        self.delete_button.setText(f"Delete {chosen}" if chosen > 1 else "Delete")
