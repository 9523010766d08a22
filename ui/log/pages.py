"""The log pages the main window shows: one per record type, the Contracts page with its panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from tracker.records.model import CountedMark, Feedback, Payment
from ui.log.contract_panel import ContractPanel
from ui.log.marks_checklist import MarksChecklist
from ui.log.page import LogPage
from ui.log.tables import ALL_TABLES, CONTRACTS, COUNTED_MARKS


def _contract_panel(page: LogPage) -> ContractPanel:
    return ContractPanel(
        page.operations,
        add_payment=lambda contract_id: page.add(Payment, {"contract": contract_id}),
        add_feedback=lambda contract_id: page.add(Feedback, {"contract": contract_id}),
        add_mark=lambda contract_id: page.add(CountedMark, {"contract": contract_id}),
    )


def run_checklist(dialog: MarksChecklist) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def add_checklist(page: LogPage) -> None:
    """The Counted marks page's "Mark from the insights page…": many contracts at once."""
    button = QPushButton("Mark from the insights page…")
    button.setToolTip("Tick the jobs the marketplace lists as counting, all on one day")
    page.run_checklist = run_checklist  # type: ignore[attr-defined]

    def open_checklist() -> None:
        dialog = MarksChecklist(page.operations.log(), page.operations.as_of, page)
        try:
            if page.run_checklist(dialog):  # type: ignore[attr-defined]
                change = dialog.change()
                if change is not None:
                    page.operations.apply(change)
        finally:
            dialog.deleteLater()

    button.clicked.connect(open_checklist)
    page.checklist_button = button  # type: ignore[attr-defined]
    page.top_row.insertWidget(page.top_row.count() - 3, button)


def build_log_pages(operations: Any) -> list[tuple[str, QWidget]]:
    """(title, page) for Contracts, Payments, Feedback, Invites, Proposals, Snapshots, Counted
    marks, Events, Clients.

    Each page reads `operations.log()` when first shown and after every `operations.changed`
    that touches its tables, and writes only through `operations.apply`.
    """
    pages: list[tuple[str, QWidget]] = []
    for spec in ALL_TABLES:
        make_panel = _contract_panel if spec is CONTRACTS else None
        page = LogPage(spec, operations, make_panel)
        if spec is COUNTED_MARKS:
            add_checklist(page)
        pages.append((spec.title, page))
    return pages
