"""Fields that pick rather than parse: a value from a list, another record, a rating, a number.

Their widgets (combo and spin boxes) cannot hold a malformed value, so reading them only maps the
widget's state to the model's value ("unknown" below a spin box's minimum becomes None).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QSizePolicy,
    QSpinBox,
)

from ui.log.forms.fields import NEEDED, Field, Reading


class ChoiceField(Field):
    """One of a fixed list of values, shown in words; an optional one has a "none" entry."""

    may_object = False

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

    refused = Signal(str)

    def __init__(self, decimals: int = 1) -> None:
        super().__init__()
        self.refusal = ""
        self.setDecimals(decimals)
        self.setSingleStep(0.1)
        self.setRange(self.unknown_value(), 5.0)
        self.setSpecialValueText("unknown")
        self.setValue(self.unknown_value())

    def unknown_value(self) -> float:
        return 1.0 - 10.0 ** -self.decimals()

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        """As the spin box validates; a number beyond 5 is refused with a reason, not in silence."""
        answer = super().validate(text, position)
        state = answer[0]
        refusal = ""
        if state == QValidator.State.Invalid:
            try:
                typed = float(text.strip())
            except ValueError:
                typed = None
            if typed is not None and typed > 5:
                refusal = f"{text.strip()} is more than 5: a rating goes from 1 to 5 stars"
        if refusal != self.refusal:
            self.refusal = refusal
            self.refused.emit(refusal)
        return answer

    def is_unknown(self) -> bool:
        return self.value() < 1.0

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """The refused keystroke is history once the user moves on: the value shown is kept."""
        super().focusOutEvent(event)
        if self.refusal:
            self.refusal = ""
            self.refused.emit("")

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
        if self.spin.refusal:
            return None, self.spin.refusal
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
        self.spin.refused.connect(callback)


class WholeField(Field):
    """A whole number in a range. An optional one shows "unknown" below its minimum; a required
    one starts blank there, so no made-up number is one press of Save away from being kept."""

    may_object = False

    def __init__(
        self,
        key: str,
        label: str,
        minimum: int,
        maximum: int,
        optional: bool = False,
        suffix: str = "",
        hint: str = "",
        required: bool = False,
    ) -> None:
        super().__init__(key, label, required=required, hint=hint)
        self.optional = optional
        self.minimum = minimum
        self.spin = QSpinBox()
        blank_below = optional or required
        self.spin.setRange(minimum - 1 if blank_below else minimum, maximum)
        self.spin.setSuffix(suffix)
        if blank_below:
            self.spin.setSpecialValueText("unknown" if optional else " ")
            self.spin.setValue(minimum - 1)
        self.widget = self.spin

    def read(self) -> Reading:
        if self.spin.value() < self.minimum:
            return (None, NEEDED) if self.required else (None, None)
        return self.spin.value(), None

    def write(self, value: object) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.spin.setValue(value)
        elif self.optional or self.required:
            self.spin.setValue(self.minimum - 1)

    def is_blank(self) -> bool:
        return self.required and self.spin.value() < self.minimum

    def on_change(self, callback: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(callback)


class CheckField(Field):
    """A yes/no fact, its label written on the box itself."""

    may_object = False

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
