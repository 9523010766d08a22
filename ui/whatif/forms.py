"""The form that makes one sandbox step: pick what to try, fill in a few fields, add it.

Every kind of step has its own small set of fields; the widgets cannot hold a malformed value
(pickers, spin boxes, dates), and what does not fit the log (an end before the start) comes back
from the step itself as one sentence, shown under the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tracker.records.model import Contract, Log
from tracker.usecases.whatif import (
    AddContract,
    ChangePrivate,
    CloseContract,
    Dispute,
    Refund,
    RemoveContract,
    Step,
    StepError,
    apply_step,
)
from ui.log.formatting import quoted
from ui.theme import Theme
from ui.wording import long_date

CENT = Decimal("0.01")
KINDS = (
    ("close", "Close an open contract"),
    ("add", "Add a contract"),
    ("private", "Change a private score"),
    ("dispute", "A dispute"),
    ("refund", "A refund"),
    ("remove", "Remove a contract"),
)
HINTS = {
    "close": "An open contract ends on a day, with the feedback you expect, or none.",
    "add": "A fixed-price job, paid in one payment and rated on the day it ends.",
    "private": "The private score (0\u201310) of a contract's latest feedback, as the client "
    "might give it.",
    "dispute": "The contract ends in a dispute; an open one ends on the day given.",
    "refund": "You give back part or all of what the contract paid.",
    "remove": "The contract, its payments and its feedback, as if they never were.",
}
NO_CONTRACT = "No contract fits: {}"


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def money_value(spin: QDoubleSpinBox) -> Decimal:
    return Decimal(str(spin.value())).quantize(CENT, rounding=ROUND_HALF_UP)


def contract_label(contract: Contract) -> str:
    state = "open" if contract.ended is None else f"ended {long_date(contract.ended)}"
    return f"{quoted(contract.title, contract.id)} \u00b7 {state}"


class ContractPicker(QComboBox):
    """Contracts of the log that a kind of step can use, newest first."""

    def __init__(self, fits: Callable[[Log, Contract], bool], empty: str) -> None:
        super().__init__()
        self.fits = fits
        self.empty = empty
        self.setMaxVisibleItems(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(26)

    def fill(self, log: Log) -> None:
        chosen = self.currentData()
        self.clear()
        fitting = [c for c in log.contracts if self.fits(log, c)]
        fitting.sort(key=lambda c: c.ended or c.started, reverse=True)
        for contract in fitting:
            self.addItem(contract_label(contract), contract.id)
        if not fitting:
            self.addItem(NO_CONTRACT.format(self.empty), None)
        index = self.findData(chosen) if chosen is not None else -1
        self.setCurrentIndex(max(index, 0))

    def chosen(self) -> str:
        value = self.currentData()
        if not isinstance(value, str):
            raise StepError(f"there is no contract to choose: {self.empty}")
        return value


class FeedbackFields:
    """A public rating and a private score, or no feedback at all: three rows of a form."""

    def __init__(self) -> None:
        self.none = QCheckBox("no feedback at all")
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
        self.none.toggled.connect(lambda off: self.stars.setEnabled(not off))
        self.none.toggled.connect(lambda off: self.private.setEnabled(not off))

    def rows(self) -> list[tuple[str, QWidget]]:
        return [("Public rating", self.stars), ("Private score", self.private), ("", self.none)]

    def read(self) -> tuple[Decimal | None, int | None]:
        if self.none.isChecked():
            return None, None
        stars = Decimal(str(round(self.stars.value(), 1)))
        private = self.private.value()
        return stars, (None if private < 0 else private)


def has_feedback(log: Log, contract: Contract) -> bool:
    return any(f.contract == contract.id for f in log.feedback)


def has_money(log: Log, contract: Contract) -> bool:
    return bool(contract.earned) or any(p.contract == contract.id for p in log.payments)


class StepForm(QWidget):
    """Picks a kind of step, shows its fields, and emits `step_made(step)` for one that fits."""

    step_made = Signal(object)

    def __init__(self, theme: Theme, as_of: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.log = Log()
        self.as_of = as_of
        self.kind = QComboBox()
        for key, text in KINDS:
            self.kind.addItem(text, key)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.pages = QStackedWidget()
        self.builders: dict[str, Callable[[], Step]] = {}
        self.pickers: list[ContractPicker] = []
        self.dates: list[QDateEdit] = []
        self._close_page()
        self._add_page()
        self._private_page()
        self._dispute_page()
        self._refund_page()
        self._remove_page()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.problem.hide()
        self.add_button = QPushButton("Add to the sandbox")
        self.add_button.clicked.connect(self.make_step)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.kind)
        column.addWidget(self.hint)
        column.addWidget(self.pages)
        column.addWidget(self.problem)
        column.addLayout(buttons)
        for field in self.dates:
            field.setDate(to_qdate(as_of))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen(0)

    # Building the pages

    def _page(self, key: str, rows: list[tuple[str, QWidget]], build: Callable[[], Step]) -> None:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget in rows:
            form.addRow(label, widget)
        self.pages.addWidget(page)
        self.builders[key] = build

    def _picker(self, fits: Callable[[Log, Contract], bool], empty: str) -> ContractPicker:
        picker = ContractPicker(fits, empty)
        self.pickers.append(picker)
        return picker

    def _date(self) -> QDateEdit:
        field = QDateEdit()
        field.setCalendarPopup(True)
        field.setDisplayFormat("d MMM yyyy")
        self.dates.append(field)
        return field

    def _close_page(self) -> None:
        contract = self._picker(lambda _log, c: c.ended is None, "no contract is open")
        on = self._date()
        feedback = FeedbackFields()
        self.close_fields = (contract, on, feedback)

        def build() -> Step:
            stars, private = feedback.read()
            return CloseContract(contract.chosen(), to_date(on.date()), stars, private)

        self._page("close", [("Contract", contract), ("Ends on", on), *feedback.rows()], build)

    def _add_page(self) -> None:
        title = QLineEdit("New contract")
        amount = QDoubleSpinBox()
        amount.setRange(1.0, 10_000_000.0)
        amount.setDecimals(2)
        amount.setPrefix("$")
        amount.setGroupSeparatorShown(True)
        amount.setValue(500.0)
        on = self._date()
        client = QComboBox()
        feedback = FeedbackFields()
        self.add_fields = (title, amount, on, client, feedback)

        def build() -> Step:
            name = title.text().strip()
            if not name:
                raise StepError("the title is needed (any words that name the job)")
            stars, private = feedback.read()
            who = client.currentData()
            return AddContract(
                name,
                money_value(amount),
                to_date(on.date()),
                stars,
                private,
                who if isinstance(who, str) else None,
            )

        self._page(
            "add",
            [
                ("Title", title),
                ("Paid", amount),
                ("Ends on", on),
                ("Client", client),
                *feedback.rows(),
            ],
            build,
        )

    def _private_page(self) -> None:
        contract = self._picker(has_feedback, "no contract has feedback yet")
        private = QSpinBox()
        private.setRange(0, 10)
        private.setValue(6)
        self.private_fields = (contract, private)
        self._page(
            "private",
            [("Contract", contract), ("Private score", private)],
            lambda: ChangePrivate(contract.chosen(), private.value()),
        )

    def _dispute_page(self) -> None:
        contract = self._picker(lambda _log, c: not c.disputed, "no contract is left to dispute")
        on = self._date()
        self.dispute_fields = (contract, on)
        self._page(
            "dispute",
            [("Contract", contract), ("Ends on (if open)", on)],
            lambda: Dispute(contract.chosen(), to_date(on.date())),
        )

    def _refund_page(self) -> None:
        contract = self._picker(has_money, "no contract has a payment")
        amount = QDoubleSpinBox()
        amount.setRange(0.01, 10_000_000.0)
        amount.setDecimals(2)
        amount.setPrefix("$")
        amount.setGroupSeparatorShown(True)
        amount.setValue(100.0)
        self.refund_fields = (contract, amount)
        self._page(
            "refund",
            [("Contract", contract), ("Refund", amount)],
            lambda: Refund(contract.chosen(), money_value(amount)),
        )

    def _remove_page(self) -> None:
        contract = self._picker(lambda _log, _c: True, "the log has no contract")
        self.remove_fields = (contract,)
        self._page("remove", [("Contract", contract)], lambda: RemoveContract(contract.chosen()))

    # Using it

    def set_log(self, log: Log, as_of: date) -> None:
        """Offer the contracts and clients of `log` (the sandboxed one: steps stack)."""
        self.log = log
        if as_of != self.as_of:
            self.as_of = as_of
            for field in self.dates:
                field.setDate(to_qdate(as_of))
        for picker in self.pickers:
            picker.fill(log)
        client = self.add_fields[3]
        chosen = client.currentData()
        client.clear()
        client.addItem("A new client", None)
        for known in sorted(log.clients, key=lambda c: (c.name or c.id).lower()):
            client.addItem(known.name or known.id, known.id)
        client.setCurrentIndex(max(client.findData(chosen), 0) if chosen else 0)

    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def choose(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))

    def make_step(self) -> None:
        """Check the fields against the log; emit the step, or say what is wrong."""
        try:
            step = self.builders[self.current_kind()]()
            apply_step(self.log, step)
        except StepError as error:
            self.show_problem(str(error))
            return
        self.show_problem(None)
        self.step_made.emit(step)

    def show_problem(self, text: str | None) -> None:
        if text is None:
            self.problem.hide()
            return
        colour = self.theme.attention.name()
        sentence = text[0].upper() + text[1:]
        self.problem.setText(
            f"<span style='color:{colour}; font-weight:bold'>!</span>&nbsp;{sentence}."
        )
        self.problem.show()

    def _kind_chosen(self, index: int) -> None:
        """Show one kind's fields; the others take no room (the stack sizes to the shown one)."""
        for position in range(self.pages.count()):
            page = self.pages.widget(position)
            if page is not None:
                ignored = QSizePolicy.Policy.Ignored
                preferred = QSizePolicy.Policy.Preferred
                page.setSizePolicy(preferred, preferred if position == index else ignored)
        self.pages.setCurrentIndex(index)
        self.hint.setText(HINTS[str(self.kind.itemData(index))])
        self.show_problem(None)
