"""The small plan form: a target, a date, and what the coming contracts are like; the answer below.

The widgets hold only values `PlanRequest` accepts (a target of 1 to 100, a date after the
evaluation day, stars of 1 to 5), so the one thing left to say is the answer.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.calendar import add_months
from tracker.engine.plan import Plan, latest_by
from ui.theme import set_role
from ui.whatif import plan_words
from ui.whatif.forms import money_value, to_date, to_qdate

PLAN_MONTHS = 6
LIKE_RECENT = "like my recent contracts"


class PlanForm(QWidget):
    """Asks 'how many contracts like this, at this pace, reach this score by this date'."""

    asked = Signal()

    def __init__(self, as_of: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.as_of = as_of
        self.report: Plan | None = None
        self.target = QSpinBox()
        self.target.setRange(1, 100)
        self.target.setValue(90)
        self.by = QDateEdit()
        self.by.setCalendarPopup(True)
        self.by.setDisplayFormat("d MMM yyyy")
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0.0, 10_000_000.0)
        self.amount.setDecimals(2)
        self.amount.setPrefix("$")
        self.amount.setGroupSeparatorShown(True)
        self.amount.setSpecialValueText(LIKE_RECENT)
        self.amount.setValue(0.0)
        self.stars = QDoubleSpinBox()
        self.stars.setRange(1.0, 5.0)
        self.stars.setDecimals(1)
        self.stars.setSingleStep(0.1)
        self.stars.setValue(5.0)
        self.stars.setSuffix(" stars")
        self.private = QSpinBox()
        self.private.setRange(-1, 10)
        self.private.setValue(-1)
        self.private.setSpecialValueText("not known")
        self.per_month = QSpinBox()
        self.per_month.setRange(1, 30)
        self.per_month.setValue(2)
        self.per_month.setSuffix(" a month")
        self.by.setDateRange(to_qdate(as_of + timedelta(days=1)), to_qdate(latest_by(as_of)))
        self.by.setDate(to_qdate(add_months(as_of, PLAN_MONTHS)))

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.addRow("Reach", self.target)
        form.addRow("By", self.by)
        form.addRow("Each contract paid", self.amount)
        form.addRow("Rated", self.stars)
        form.addRow("Private score", self.private)
        form.addRow("Pace", self.per_month)
        self.ask = QPushButton("Work it out")
        self.ask.clicked.connect(self.asked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ask)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.assumption = set_role(QLabel(), "small")
        self.assumption.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.answer)
        column.addWidget(self.assumption)

    def set_as_of(self, as_of: date) -> None:
        """The earliest `by` is the day after the evaluation day, the latest the plan's farthest
        (tracker.engine.plan.latest_by); a new day resets it to 6 months on."""
        changed = as_of != self.as_of
        self.as_of = as_of
        self.by.setDateRange(to_qdate(as_of + timedelta(days=1)), to_qdate(latest_by(as_of)))
        if changed:
            self.by.setDate(to_qdate(add_months(as_of, PLAN_MONTHS)))

    def request(self) -> Any:
        """The PlanRequest of the fields (amount None: like the recent contracts)."""
        from tracker.engine.plan import PlanRequest

        amount = money_value(self.amount) if self.amount.value() > 0 else None
        private = self.private.value()
        return PlanRequest.from_options(
            self.as_of,
            float(self.target.value()),
            to_date(self.by.date()),
            amount,
            Decimal(str(round(self.stars.value(), 1))),
            None if private < 0 else private,
            self.per_month.value(),
        )

    def show_answer(self, report: Plan, changes: int) -> None:
        """The answer in words; with sandbox changes, it says it counts them."""
        self.report = report
        counted = ""
        if changes:
            counted = f" With the {changes} change{'s' if changes != 1 else ''} above."
        self.answer.setText(plan_words.answer(report) + counted)
        self.assumption.setText(plan_words.assumption_text(report))
