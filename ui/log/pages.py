"""The log pages the main window shows: one per record type, the Contracts page with its panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from tracker.model import CountedMark, Feedback, Payment
from ui.log.contract_panel import ContractPanel
from ui.log.page import LogPage
from ui.log.tables import ALL_TABLES, CONTRACTS


def _contract_panel(page: LogPage) -> ContractPanel:
    return ContractPanel(
        page.operations,
        add_payment=lambda contract_id: page.add(Payment, {"contract": contract_id}),
        add_feedback=lambda contract_id: page.add(Feedback, {"contract": contract_id}),
        add_mark=lambda contract_id: page.add(CountedMark, {"contract": contract_id}),
    )


def build_log_pages(operations: Any) -> list[tuple[str, QWidget]]:
    """(title, page) for Contracts, Payments, Feedback, Invites, Proposals, Snapshots, Counted
    marks, Events, Clients.

    Each page reads `operations.log()` when first shown and after every `operations.changed`
    that touches its tables, and writes only through `operations.apply`.
    """
    pages: list[tuple[str, QWidget]] = []
    for spec in ALL_TABLES:
        make_panel = _contract_panel if spec is CONTRACTS else None
        pages.append((spec.title, LogPage(spec, operations, make_panel)))
    return pages
