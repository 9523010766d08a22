"""One input per value of a record, each able to read itself back and say what is wrong in words.

A field turns its widget's text into the model's value (a `date`, a `Decimal`, an id...) or into
one short sentence ("'2025-13-01' is not a date"), so the dialog never sees a half-parsed value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

NEEDED = "needed"
Reading = tuple[object, str | None]


class Field:
    """A labelled input: `read` gives (value, None) or (None, what is wrong)."""

    widget: QWidget

    def __init__(self, key: str, label: str, required: bool = False, hint: str = "") -> None:
        self.key = key
        self.label = label
        self.required = required
        self.hint = hint

    def read(self) -> Reading:
        raise NotImplementedError

    def write(self, value: object) -> None:
        raise NotImplementedError

    def on_change(self, callback: Callable[[], None]) -> None:
        raise NotImplementedError

    def is_blank(self) -> bool:
        """True while nothing is entered: a blank required field is "still needed", not wrong."""
        return False

    def set_editable(self, editable: bool) -> None:
        self.widget.setEnabled(editable)


class TextField(Field):
    """Free text on one line; `empty` is the value stored when nothing is typed."""

    def __init__(
        self,
        key: str,
        label: str,
        required: bool = False,
        empty: str | None = "",
        placeholder: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(key, label, required, hint)
        self.empty = empty
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.widget = self.edit

    def read(self) -> Reading:
        text = self.edit.text().strip()
        if not text:
            return (None, NEEDED) if self.required else (self.empty, None)
        return text, None

    def write(self, value: object) -> None:
        self.edit.setText("" if value is None else str(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(callback)

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


class NotesField(Field):
    """Several lines of free text (notes, a feedback's comment)."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__(key, label)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4)
        self.widget = self.edit

    def read(self) -> Reading:
        return self.edit.toPlainText().strip(), None

    def write(self, value: object) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(callback)


def parse_iso_date(text: str) -> date | None:
    """The date of an ISO `YYYY-MM-DD` text (exactly ten characters, a real day), else None."""
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


class DateField(Field):
    """A date typed as YYYY-MM-DD; an optional one may stay empty (an open contract's end)."""

    def __init__(self, key: str, label: str, required: bool = False, hint: str = "") -> None:
        super().__init__(key, label, required, hint)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD" if required else "YYYY-MM-DD, or empty")
        self.edit.setMaxLength(10)
        self.widget = self.edit

    def read(self) -> Reading:
        text = self.edit.text().strip()
        if not text:
            return (None, NEEDED) if self.required else (None, None)
        parsed = parse_iso_date(text)
        if parsed is None:
            return None, f"'{text}' is not a date; write it as YYYY-MM-DD"
        return parsed, None

    def write(self, value: object) -> None:
        self.edit.setText(value.isoformat() if isinstance(value, date) else "")

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(callback)

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


def parse_money(text: str) -> tuple[Decimal | None, str | None]:
    """An amount typed by a person ("1,250.5", "$450"), or what is wrong with it."""
    cleaned = text.replace(",", "").replace("$", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None, f"'{text}' is not an amount"
    if not value.is_finite():
        return None, f"'{text}' is not an amount"
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        return None, "at most 2 decimals (cents)"
    return value, None


class MoneyField(Field):
    """An amount of money; `positive` demands more than 0, else 0 or more."""

    def __init__(
        self,
        key: str,
        label: str,
        required: bool = False,
        positive: bool = False,
        empty: Decimal | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(key, label, required, hint)
        self.positive = positive
        self.empty = empty
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            "0.00" if required or empty is not None else "empty if unknown"
        )
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.widget = self.edit

    def read(self) -> Reading:
        text = self.edit.text().strip()
        if not text:
            return (None, NEEDED) if self.required else (self.empty, None)
        value, problem = parse_money(text)
        if problem or value is None:
            return None, problem
        if self.positive and value <= 0:
            return None, "must be more than 0"
        if value < 0:
            return None, "cannot be negative"
        return value, None

    def write(self, value: object) -> None:
        shown_empty = value is None or (not self.required and value == self.empty)
        self.edit.setText("" if shown_empty or not isinstance(value, Decimal) else f"{value:.2f}")

    def on_change(self, callback: Callable[[], None]) -> None:
        self.edit.textChanged.connect(callback)

    def is_blank(self) -> bool:
        return not self.edit.text().strip()


class ChoiceField(Field):
    """One of a fixed list of values, shown in words; an optional one has a "none" entry."""

    def __init__(
        self,
        key: str,
        label: str,
        choices: Sequence[tuple[object, str]],
        hint: str = "",
    ) -> None:
        super().__init__(key, label, hint=hint)
        self.combo = QComboBox()
        for value, text in choices:
            self.combo.addItem(text, value)
        self.widget = self.combo

    def read(self) -> Reading:
        return self.combo.currentData(), None

    def write(self, value: object) -> None:
        for index in range(self.combo.count()):
            if self.combo.itemData(index) == value:
                self.combo.setCurrentIndex(index)
                return

    def on_change(self, callback: Callable[[], None]) -> None:
        self.combo.currentIndexChanged.connect(callback)


class ReferenceField(Field):
    """An id of another record, picked from a list or typed; unknown ids come back as typed.

    The list shows names ("Logo redesign (k-1)"); reading maps a listed name back to its id so
    the caller only ever sees ids, and decides whether an unknown one is a problem.
    """

    def __init__(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str]],
        required: bool = True,
        hint: str = "",
    ) -> None:
        super().__init__(key, label, required, hint)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(15)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.id_of_text: dict[str, str] = {}
        self.text_of_id: dict[str, str] = {}
        if not required:
            self.combo.addItem("", None)
        for record_id, text in options:
            shown = f"{text} ({record_id})" if text and text != record_id else record_id
            self.combo.addItem(shown, record_id)
            self.id_of_text[shown] = record_id
            self.text_of_id[record_id] = shown
        completer = self.combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCurrentIndex(-1 if required else 0)
        self.combo.setEditText("")
        self.widget = self.combo

    def read(self) -> Reading:
        text = self.combo.currentText().strip()
        if not text:
            return (None, NEEDED) if self.required else (None, None)
        return self.id_of_text.get(text, text), None

    def write(self, value: object) -> None:
        if value is None:
            self.combo.setEditText("")
            return
        self.combo.setEditText(self.text_of_id.get(str(value), str(value)))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.combo.editTextChanged.connect(callback)
        self.combo.currentIndexChanged.connect(callback)

    def is_blank(self) -> bool:
        return not self.combo.currentText().strip()

    def set_editable(self, editable: bool) -> None:
        self.combo.setEnabled(editable)


class RatingSpinBox(QDoubleSpinBox):
    """Stars 1.0-5.0 in steps of 0.1, with "unknown" just below 1 (stepping up lands on 1.0)."""

    def __init__(self, decimals: int = 1) -> None:
        super().__init__()
        self.setDecimals(decimals)
        self.setSingleStep(0.1)
        self.setRange(self.unknown_value(), 5.0)
        self.setSpecialValueText("unknown")
        self.setValue(self.unknown_value())

    def unknown_value(self) -> float:
        return 1.0 - 10.0 ** -self.decimals()

    def is_unknown(self) -> bool:
        return self.value() < 1.0

    def stepBy(self, steps: int) -> None:
        if self.is_unknown() and steps > 0:
            self.setValue(1.0 + 0.1 * (steps - 1))
            return
        if not self.is_unknown() and self.value() + 0.1 * steps < 1.0 - 1e-9:
            self.setValue(self.unknown_value())
            return
        super().stepBy(steps)


class RatingField(Field):
    """A star rating 1-5 (stars, a sub-score) that may be unknown."""

    def __init__(self, key: str, label: str, hint: str = "") -> None:
        super().__init__(key, label, hint=hint)
        self.spin = RatingSpinBox()
        self.widget = self.spin

    def read(self) -> Reading:
        if self.spin.is_unknown():
            return None, None
        return Decimal(f"{self.spin.value():.{self.spin.decimals()}f}"), None

    def write(self, value: object) -> None:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            decimals = 2 if isinstance(exponent, int) and exponent < -1 else 1
            if decimals != self.spin.decimals():
                self.spin.setDecimals(decimals)
                self.spin.setRange(self.spin.unknown_value(), 5.0)
            self.spin.setValue(float(value))
        else:
            self.spin.setValue(self.spin.unknown_value())

    def on_change(self, callback: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(callback)


class WholeField(Field):
    """A whole number in a range; an optional one shows "unknown" below its minimum."""

    def __init__(
        self,
        key: str,
        label: str,
        minimum: int,
        maximum: int,
        optional: bool = False,
        suffix: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(key, label, hint=hint)
        self.optional = optional
        self.minimum = minimum
        self.spin = QSpinBox()
        self.spin.setRange(minimum - 1 if optional else minimum, maximum)
        self.spin.setSuffix(suffix)
        if optional:
            self.spin.setSpecialValueText("unknown")
            self.spin.setValue(minimum - 1)
        self.widget = self.spin

    def read(self) -> Reading:
        if self.optional and self.spin.value() < self.minimum:
            return None, None
        return self.spin.value(), None

    def write(self, value: object) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.spin.setValue(value)
        elif self.optional:
            self.spin.setValue(self.minimum - 1)

    def on_change(self, callback: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(callback)


class CheckField(Field):
    """A yes/no fact, its label written on the box itself."""

    def __init__(self, key: str, label: str, hint: str = "") -> None:
        super().__init__(key, "", hint=hint)
        self.box = QCheckBox(label)
        self.widget = self.box

    def read(self) -> Reading:
        return self.box.isChecked(), None

    def write(self, value: object) -> None:
        self.box.setChecked(bool(value))

    def on_change(self, callback: Callable[[], None]) -> None:
        self.box.toggled.connect(callback)
