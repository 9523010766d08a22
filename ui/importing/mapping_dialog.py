"""The spreadsheet's mapping step: for each of our fields, which of the file's columns holds it.

Combo boxes are pre-filled where the names match; needed fields are marked; the first rows are
shown as they will be read, and the first bad cell is named by its line and column. Continue is
offered only when the whole file reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.io.fragment import Fragment
from tracker.io.sheet_import import CONTRACT_CLIENT, sheet_fields
from tracker.records.model import Log
from ui.importing.sheet_mapping import (
    SHEET_TABLES,
    SheetReading,
    guess_mapping,
    read_sheet,
    required_fields,
)
from ui.theme import current_theme, set_role

NOT_IN_FILE = "\u2014 not in the file \u2014"
FIELD_WORDS = {CONTRACT_CLIENT: "contract's client (for a shared title)"}
SHOWN_ROWS = 5


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def field_value(record: Any, field: str) -> Any:
    if field.startswith("scores."):
        return dict(record.scores).get(field.removeprefix("scores."))
    return getattr(record, field)


class SheetMappingDialog(QDialog):
    """Map the columns of one CSV file onto one table; `chosen(table, fragment)` on Continue."""

    chosen = Signal(str, object)

    def __init__(
        self,
        name: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        existing: Log,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.headers = list(headers)
        self.rows = rows
        self.existing = existing
        self.reading: SheetReading | None = None
        self.combos: dict[str, QComboBox] = {}
        self.every_row: dict[str, QLineEdit] = {}
        self.setWindowTitle(f"Import {name}")
        self.setMinimumSize(640, 600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(set_role(QLabel(f"Which columns of {name} hold what?"), "title"))
        counted = sum(1 for row in rows if any(cell.strip() for cell in row))
        layout.addWidget(
            set_role(
                QLabel(
                    f"{counted} rows, {len(self.headers)} columns. Columns with matching names "
                    "are chosen for you; fields marked * are needed."
                ),
                "small",
            )
        )
        table_row = QHBoxLayout()
        table_row.addWidget(QLabel("The rows are"))
        self.table_box = QComboBox()
        self.table_box.addItems(list(SHEET_TABLES))
        self.table_box.currentTextChanged.connect(self._table_chosen)
        table_row.addWidget(self.table_box)
        table_row.addStretch(1)
        layout.addLayout(table_row)
        self.form_holder = QScrollArea()
        self.form_holder.setWidgetResizable(True)
        self.form_holder.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.form_holder, 3)
        layout.addWidget(set_role(QLabel("THE FIRST ROWS AS THEY WILL BE READ"), "heading"))
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addWidget(self.preview, 2)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.continue_button = QPushButton("Continue")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.clicked.connect(self._continue)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._table_chosen(self.table_box.currentText())

    @property
    def table(self) -> str:
        return self.table_box.currentText()

    def mapping(self) -> dict[str, str]:
        """Our field -> their column, for the fields the user mapped."""
        return {
            field: combo.currentText()
            for field, combo in self.combos.items()
            if combo.currentIndex() > 0
        }

    def constants(self) -> dict[str, str]:
        """Our field -> the value typed for every row, for fields with no column."""
        return {
            field: edit.text().strip()
            for field, edit in self.every_row.items()
            if edit.isEnabled() and edit.text().strip()
        }

    def choose_table(self, table: str) -> None:
        self.table_box.setCurrentText(table)

    def map_field(self, field: str, column: str | None) -> None:
        """Map `field` to `column` (None: not in the file), as the user would with the combo."""
        combo = self.combos[field]
        combo.setCurrentIndex(0 if column is None else combo.findText(column))

    def _table_chosen(self, table: str) -> None:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 8, 0)
        needed = set(required_fields(table))
        guessed = guess_mapping(table, self.headers)
        self.combos = {}
        self.every_row = {}
        for field in sheet_fields(table):
            combo = QComboBox()
            combo.addItem(NOT_IN_FILE)
            combo.addItems(self.headers)
            if field in guessed:
                combo.setCurrentText(guessed[field])
            # A field the file lacks can take one value for every row (every contract "fixed").
            every_row = QLineEdit()
            every_row.setPlaceholderText("or the same for every row")
            every_row.setEnabled(combo.currentIndex() == 0)
            every_row.textChanged.connect(lambda _text: self._read())

            def follow(index: int, edit: QLineEdit = every_row) -> None:
                edit.setEnabled(index == 0)
                self._read()

            combo.currentIndexChanged.connect(follow)
            self.combos[field] = combo
            self.every_row[field] = every_row
            line = QHBoxLayout()
            line.addWidget(combo, 3)
            line.addWidget(every_row, 2)
            label = FIELD_WORDS.get(field, field.replace("_", " ").replace("scores.", "score: "))
            form.addRow(f"{label} *" if field in needed else label, line)
        self.form_holder.setWidget(form_widget)
        self._read()

    def _read(self) -> None:
        mapping = self.mapping()
        reading = read_sheet(
            self.table,
            self.headers,
            self.rows,
            mapping,
            self.existing,
            constants=self.constants(),
        )
        self.reading = reading
        self._show_rows(mapping, reading.first_rows)
        if reading.problem is None:
            count = len(getattr(reading.fragment, self.table)) if reading.fragment else 0
            self.problem.setText("The 1 row reads." if count == 1 else f"All {count} rows read.")
            self.problem.setStyleSheet("")
        else:
            self.problem.setText(reading.problem)
            self.problem.setStyleSheet(f"color: {current_theme().attention.name()}")
        self.continue_button.setEnabled(reading.problem is None)

    def _show_rows(self, mapping: dict[str, str], first: Fragment | None) -> None:
        constants = self.constants()
        fields = [f for f in (*mapping, *constants) if first is None or f != CONTRACT_CLIENT]
        self.preview.clear()
        self.preview.setColumnCount(len(fields))
        self.preview.setHorizontalHeaderLabels(fields)
        if first is None:
            raw = [row for row in self.rows if any(cell.strip() for cell in row)][:SHOWN_ROWS]
            index = {column: self.headers.index(column) for column in mapping.values()}

            def cell(row: Sequence[str], field: str) -> str:
                if field in constants:
                    return constants[field]
                at = index[mapping[field]]
                return row[at] if at < len(row) else ""

            cells = [[cell(row, f) for f in fields] for row in raw]
        else:
            records = getattr(first, self.table)[:SHOWN_ROWS]
            cells = [[cell_text(field_value(record, f)) for f in fields] for record in records]
        self.preview.setRowCount(len(cells))
        for row_number, row in enumerate(cells):
            for column_number, text in enumerate(row):
                self.preview.setItem(row_number, column_number, QTableWidgetItem(text))

    def _continue(self) -> None:
        if self.reading is None or self.reading.fragment is None:
            return
        self.accept()
        self.chosen.emit(self.table, self.reading.fragment)
