"""The preview's list of the contracts an import makes or extends, each with its payments and the
rule that grouped them, and the two edits the user can make before Import: merge two, or split
one at a date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.io.plan_edits import Merge, Regrouping, Split
from tracker.usecases.importing import ContractPlan
from ui.theme import set_role
from ui.wording import long_date


def money(amount: object) -> str:
    return f"${amount:,.2f}"


def title_of(row: ContractPlan) -> str:
    return row.contract.title or row.contract.id


def row_words(row: ContractPlan) -> str:
    """`Make 'Logo' for Acme: 3 payments ($900.00), 2025-01-06 to 2025-01-20`."""
    return f"{contract_words(row)}: {payment_words(row)}"


def contract_words(row: ContractPlan) -> str:
    return f"{'Make' if row.made else 'Extend'} '{title_of(row)}' for {row.client_name}"


def payment_words(row: ContractPlan) -> str:
    count = len(row.payments)
    paid = f"{count} payment{'s' if count != 1 else ''} ({money(row.total)})"
    if not row.payments:
        return paid
    first, last = long_date(row.payments[0].date), long_date(row.payments[-1].date)
    return f"{paid}, {first}" if first == last else f"{paid}, {first} to {last}"


class ContractsPanel(QWidget):
    """The contracts of a plan; `regrouped(Regrouping)` when the user merges or splits."""

    regrouped = Signal(object)

    def __init__(self, rows: tuple[ContractPlan, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Contract", "Payments"])
        self.tree.setColumnCount(2)
        self.tree.setMinimumHeight(110)
        for row in rows:
            item = QTreeWidgetItem([contract_words(row), payment_words(row)])
            item.setToolTip(0, f"{row_words(row)} ({row.contract.id}); grouped {row.rule}")
            item.setToolTip(1, payment_words(row))  # cut with "…" where the column is narrow
            rule = QTreeWidgetItem([f"grouped {row.rule}"])
            rule.setToolTip(0, f"grouped {row.rule}")
            item.addChild(rule)
            for payment in row.payments:
                item.addChild(
                    QTreeWidgetItem(
                        [f"{long_date(payment.date)}   {money(payment.amount)}", payment.ref or ""]
                    )
                )
            self.tree.addTopLevelItem(item)
            rule.setFirstColumnSpanned(True)
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 430)
        self.tree.header().setStretchLastSection(True)
        layout.addWidget(self.tree)
        made = [row for row in rows if row.made]
        self.merge_away = QComboBox()
        self.merge_into = QComboBox()
        for row in made:
            self.merge_away.addItem(title_of(row), row.contract.id)
        for row in rows:
            self.merge_into.addItem(title_of(row), row.contract.id)
        self.merge_button = QPushButton("Merge")
        self.merge_button.clicked.connect(self._merge)
        self.split_which = QComboBox()
        for row in made:
            if len(row.payments) > 1:
                self.split_which.addItem(title_of(row), row.contract.id)
        self.split_on = QDateEdit()
        self.split_on.setDisplayFormat("d MMM yyyy")  # as the rest of the window writes dates
        self.split_on.setCalendarPopup(True)
        self.split_which.currentIndexChanged.connect(self._split_date_for_choice)
        self._split_date_for_choice()
        self.split_button = QPushButton("Split")
        self.split_button.clicked.connect(self._split)
        merge_row = (QLabel("Merge"), self.merge_away, QLabel("into"), self.merge_into,
                     self.merge_button)  # fmt: skip
        layout.addLayout(_row(*merge_row))
        split_row = (QLabel("Split"), self.split_which, QLabel("from"), self.split_on,
                     self.split_button)  # fmt: skip
        layout.addLayout(_row(*split_row))
        if self.split_which.count() == 0:
            # Nothing has two payments to split: an empty list "from 2000-01-01" only puzzles.
            for widget in split_row:
                widget.hide()
        hint = QLabel("Merges and splits are kept: later imports put payments where you did.")
        layout.addWidget(set_role(hint, "small"))
        self.merge_button.setEnabled(len(made) >= 1 and len(rows) >= 2)
        if not self.merge_button.isEnabled():
            for widget in merge_row:  # one contract and nothing to merge it into: no empty list
                widget.hide()
        self.split_button.setEnabled(self.split_which.count() > 0)
        self.hint = hint
        if not (self.merge_button.isEnabled() or self.split_button.isEnabled()):
            hint.hide()  # of merges and splits, when neither is offered
        for button in (self.merge_button, self.split_button):
            button.setAutoDefault(False)  # Enter in the preview means Import, not an edit
        self.merge_away.currentIndexChanged.connect(self._other_target)
        self._other_target()

    def _other_target(self) -> None:
        """Offer to merge into another contract than the one merged away."""
        if self.merge_into.currentData() == self.merge_away.currentData():
            other = next(
                (i for i in range(self.merge_into.count())
                 if self.merge_into.itemData(i) != self.merge_away.currentData()),
                -1,
            )  # fmt: skip
            self.merge_into.setCurrentIndex(other)

    def choose_merge(self, away_title: str, into_title: str) -> None:
        self.merge_away.setCurrentIndex(self.merge_away.findText(away_title))
        self.merge_into.setCurrentIndex(self.merge_into.findText(into_title))

    def choose_split(self, title: str, on: date) -> None:
        self.split_which.setCurrentIndex(self.split_which.findText(title))
        self.split_on.setDate(QDate(on.year, on.month, on.day))

    def _split_date_for_choice(self) -> None:
        row = next((r for r in self.rows if r.contract.id == self.split_which.currentData()), None)
        if row is not None and len(row.payments) > 1:
            later = row.payments[len(row.payments) // 2].date
            self.split_on.setDate(QDate(later.year, later.month, later.day))

    def _merge(self) -> None:
        away, into = self.merge_away.currentData(), self.merge_into.currentData()
        if away and into and away != into:
            self._emit(Merge(away, into))

    def _split(self) -> None:
        which = self.split_which.currentData()
        if which:
            chosen = self.split_on.date()
            self._emit(Split(which, date(chosen.year(), chosen.month(), chosen.day())))

    def _emit(self, edit: Regrouping) -> None:
        self.regrouped.emit(edit)


def _row(*widgets: QWidget) -> QHBoxLayout:
    line = QHBoxLayout()
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line
