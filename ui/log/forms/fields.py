"""One input per value of a record, each able to read itself back and say what is wrong in words.

A field turns its widget's text into the model's value (a `date`, a `Decimal`, an id...) or into
one short sentence ("'2025-13-01' is not a date"), so the dialog never sees a half-parsed value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

NEEDED = "needed"
Reading = tuple[object, str | None]


class Field:
    """A labelled input: `read` gives (value, None) or (None, what is wrong)."""

    widget: QWidget
    may_object = True  # can say something is wrong while typing: its message line is kept free

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
        self.may_object = required
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

    may_object = False

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


def date_problem(text: str) -> str:
    """Why `text` is not a date, in words: the day the month lacks, or the form to write."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if found is not None:
        year, month, day = (int(part) for part in found.groups())
        if not 1 <= month <= 12:
            return f"'{text}' is not a date: there is no month {month}"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"'{text}' is not a date: {calendar.month_name[month]} {year} has {days} days"
    return f"'{text}' is not a date; write it as YYYY-MM-DD"


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
            return None, date_problem(text)
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
