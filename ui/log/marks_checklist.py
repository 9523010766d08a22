"""Marking many contracts at once from the marketplace's Job Success insights page.

The page lists the jobs that count toward the score. The checklist shows the contracts that could
be in the 24-month window on the chosen day; the user ticks the ones the marketplace lists as
counting, and every contract shown gets a mark for that day (ticked: counting, not ticked: not
counting), as one undoable change. A contract already marked on that day starts as it was marked
and its mark is replaced.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.calendar import add_months
from tracker.records.changes import Change
from tracker.records.model import Contract, CountedMark, Log
from ui.log.formatting import day
from ui.log.forms.fields import DateField
from ui.theme import set_role


def candidates(log: Log, on: date) -> list[Contract]:
    """The contracts that could count on `on`: started by then, and open or ended in the 24
    months before (newest first)."""
    found = [
        c
        for c in log.contracts
        if c.started <= on and (c.ended is None or on <= add_months(c.ended, 24))
    ]
    return sorted(found, key=lambda c: (c.ended or on, c.started, c.id), reverse=True)


def checklist_change(log: Log, on: date, counting: dict[str, bool]) -> Change:
    """The marks of `counting` (contract -> listed as counting) on `on`, replacing that day's."""
    marks = tuple(CountedMark(cid, on, listed) for cid, listed in sorted(counting.items()))
    replaced = tuple(m for m in log.counted_marks if m.date == on and m.contract in counting)
    listed = sum(counting.values())
    return Change(
        label=f"mark {len(marks)} contracts from the insights page of {day(on)}"
        f" ({listed} counting)",
        added=marks,
        removed=replaced,
    )


class MarksChecklist(QDialog):
    """Tick the contracts the insights page lists as counting, on one day."""

    def __init__(self, log: Log, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.setWindowTitle("Mark from the insights page")
        self.date = DateField("date", "On", required=True)
        self.date.write(on)
        self.date.on_change(self._fill)
        self.list = QListWidget()
        self.list.setMinimumSize(420, 300)
        self.problem = QLabel()
        set_role(self.problem, "muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        explain = QLabel(
            "Tick the jobs the marketplace's Job Success insights page lists as counting toward "
            "your score. Every contract shown is marked for that day: ticked as counting, the "
            "others as not counting."
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("On", self.date.widget)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._fill()

    def day(self) -> date | None:
        value, _problem = self.date.read()
        return value if isinstance(value, date) else None

    def _fill(self) -> None:
        self.list.clear()
        on = self.day()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if on is None:
            self.problem.setText("Write the day as YYYY-MM-DD.")
            ok.setEnabled(False)
            return
        marked = {m.contract: m.counted for m in self.log.counted_marks if m.date == on}
        shown = candidates(self.log, on)
        for contract in shown:
            ended = f"ended {day(contract.ended)}" if contract.ended else "open"
            item = QListWidgetItem(f"{contract.title or contract.id}  ·  {ended}")
            item.setData(Qt.ItemDataRole.UserRole, contract.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = marked.get(contract.id, False)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.problem.setText("" if shown else "No contract could count on that day.")
        ok.setEnabled(bool(shown))

    def counting(self) -> dict[str, bool]:
        """Contract -> ticked, for every contract shown."""
        out = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            out[str(item.data(Qt.ItemDataRole.UserRole))] = (
                item.checkState() == Qt.CheckState.Checked
            )
        return out

    def change(self) -> Change | None:
        on = self.day()
        if on is None or not self.list.count():
            return None
        return checklist_change(self.log, on, self.counting())
