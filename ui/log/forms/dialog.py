"""The dialog that adds and edits every record: errors beside their fields, Save only when valid.

It checks on every keystroke; a field's own error shows once it has been touched (or holds text
that is wrong), the record's cross-checks show as soon as every field reads, and OK stays disabled
until nothing is wrong, so an invalid record can never be saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.log.forms.fields import NEEDED, Field
from ui.log.forms.pickers import CheckField
from ui.log.forms.spec import Draft, FormSpec, Section
from ui.log.tones import set_tone
from ui.theme import set_role

TWO_COLUMNS_FROM = 10  # rows; a longer form is laid out in two columns
TWO_COLUMNS_WIDTH = 840


class FieldRow(QWidget):
    """A field's input with its hint or its error written underneath."""

    def __init__(self, field: Field) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        policy = field.widget.sizePolicy().horizontalPolicy()
        grows = policy in (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)
        layout.addWidget(
            field.widget, 0, Qt.AlignmentFlag(0) if grows else Qt.AlignmentFlag.AlignLeft
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The line for a message is there before the message: typing never moves the fields.
        self.note.setMinimumHeight(self.note.fontMetrics().height())
        self.note.setVisible(bool(field.hint) or field.may_object)
        layout.addWidget(self.note)
        self.hint = field.hint
        self.show_problem("")

    def show_problem(self, problem: str) -> None:
        if problem:
            self.note.setText(f"\N{WARNING SIGN} {problem}")
            set_tone(self.note, "attention")
            self.note.setVisible(True)
        else:
            self.note.setText(self.hint)
            set_tone(self.note, "muted")


class RecordDialog(QDialog):
    """A form for one record; `draft()` is what OK would save, or None while something is wrong."""

    def __init__(self, spec: FormSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setWindowTitle(spec.title)
        self.setMinimumWidth(460)
        self.fields = {field.key: field for field in spec.fields}
        self.rows: dict[str, FieldRow] = {}
        self.touched: set[str] = set()
        self.shown_problems: dict[str, str] = {}
        self._draft: Draft | None = None

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        form = self._column(columns)
        two_columns = len(spec.rows) > TWO_COLUMNS_FROM
        for row in spec.rows:
            if isinstance(row, Section) and two_columns and columns.count() == 1:
                # A long form puts its sections beside the main fields, so it fits a laptop's
                # 768 pixels of height.
                form = self._column(columns)
            if isinstance(row, Section):
                heading = QLabel(row.title)
                heading.setWordWrap(True)
                set_role(heading, "heading")
                heading.setContentsMargins(0, 10, 0, 0)
                form.addRow(heading)
                continue
            field_row = FieldRow(row)
            self.rows[row.key] = field_row
            if row.label or isinstance(row, CheckField):
                form.addRow(row.label, field_row)
            else:
                form.addRow(field_row)
            row.set_editable(row.key not in spec.fixed)
            row.on_change(lambda *_, key=row.key: self._changed(key))
        layout.addLayout(columns)
        if columns.count() > 1:
            self.setMinimumWidth(TWO_COLUMNS_WIDTH)  # room for a message on one line

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, "muted")
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if spec.wire is not None:
            spec.wire(self.fields)
        self.revalidate()

    @staticmethod
    def _column(columns: QHBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(8)
        columns.addLayout(form, 3 if columns.count() == 0 else 2)  # the main fields get more
        return form

    def field(self, key: str) -> Field:
        return self.fields[key]

    def draft(self) -> Draft | None:
        """The record and its companions that Save would store, or None while anything is wrong."""
        return self._draft

    def problems(self) -> dict[str, str]:
        """The errors shown now, by field key ("" for the form as a whole)."""
        return dict(self.shown_problems)

    def save_enabled(self) -> bool:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    def accept(self) -> None:
        if self._draft is None:
            return
        super().accept()

    def _changed(self, key: str) -> None:
        self.touched.add(key)
        self.revalidate()

    def revalidate(self) -> None:
        """Read every field, run the record's checks, and show what is wrong where it is wrong."""
        values: dict[str, object] = {}
        own: dict[str, str] = {}
        for key, field in self.fields.items():
            value, problem = field.read()
            if problem:
                own[key] = problem
            else:
                values[key] = value
        shown = {
            key: problem
            for key, problem in own.items()
            if key in self.touched or problem != NEEDED or not self.fields[key].is_blank()
        }
        draft: Draft | None = None
        if not own:
            candidate = self.spec.build(values)
            crossed = self.spec.problems(candidate)
            for crossing in crossed:
                key = crossing.field if crossing.field in self.rows else ""
                shown.setdefault(key, crossing.message)
            draft = None if crossed else candidate
        self._draft = draft
        self.shown_problems = shown
        for key, row in self.rows.items():
            row.show_problem(shown.get(key, ""))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(draft is not None)
        self.summary.setText(self._summary(own, shown, draft))

    def _summary(self, own: dict[str, str], shown: dict[str, str], draft: Draft | None) -> str:
        if "" in shown:
            return shown[""]
        waiting = [
            self.fields[key].label or key for key, problem in own.items() if problem == NEEDED
        ]
        if waiting:
            return "Still needed: " + ", ".join(label.lower() for label in waiting) + "."
        if draft is not None and draft.note:
            return draft.note[0].upper() + draft.note[1:] + "."
        return ""
