"""Filling a record form as a person does: keys typed into its fields, then Save pressed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from ui.log.forms.dialog import RecordDialog


def type_into(qtbot: QtBot, dialog: RecordDialog, key: str, text: str) -> None:
    """Select what the field holds and type `text` over it, key by key."""
    widget = dialog.field(key).widget
    if isinstance(widget, QComboBox) and not widget.isEditable():
        widget.setFocus()
        qtbot.keyClicks(widget, text)  # a list picks the entry that starts with what is typed
        return
    if isinstance(widget, QComboBox):
        line = widget.lineEdit()
    elif isinstance(widget, QAbstractSpinBox):
        line = widget.findChild(QLineEdit)
    else:
        line = widget
    assert isinstance(line, QLineEdit), key
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClicks(line, text)


def saving(qtbot: QtBot, typed: dict[str, str], seen: list[RecordDialog] | None = None) -> Callable:
    """A run_dialog for a LogPage: shows the form, types each field, presses Save."""

    def run(dialog: RecordDialog) -> bool:
        dialog.show()
        for key, text in typed.items():
            type_into(qtbot, dialog, key, text)
        if seen is not None:
            seen.append(dialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if save.isEnabled():
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run
