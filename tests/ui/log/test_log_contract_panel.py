"""The Contracts page's side panel shows the engine's numbers for the selected contract."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from log_fixtures import fill_fixture, operations_fixture, repository_fixture  # noqa: F401 (pytest fixtures)
from PySide6.QtWidgets import QDialogButtonBox

from tracker.engine.numbers import out4
from tracker.engine.results import ContractLine
from tracker.records.changes import Change
from tracker.records.model import Client, Contract, CountedMark, Feedback, Payment
from ui.log.contract_panel import ContractPanel
from ui.log.forms.dialog import RecordDialog
from ui.log.page import LogPage
from ui.log.pages import build_log_pages

THIRD_CLIENT = Change(
    label="a third client with a poor contract",
    added=(
        Client("cobalt", "Cobalt Labs"),
        Contract("k-4", "cobalt", "hourly", date(2025, 1, 10), title="Data audit",
                 ended=date(2025, 4, 20), end_reason="completed"),
        Payment("k-4", date(2025, 4, 20), Decimal("180")),
        Feedback("k-4", date(2025, 4, 22), stars=Decimal("3.0")),
    ),
)  # fmt: skip


@pytest.fixture
def page(qtbot: Any, operations: Any) -> LogPage:
    operations.apply(THIRD_CLIENT)
    contracts = dict(build_log_pages(operations))["Contracts"]
    assert isinstance(contracts, LogPage)
    qtbot.addWidget(contracts)
    contracts.resize(1200, 700)
    contracts.show()
    qtbot.waitExposed(contracts)
    return contracts


def panel_of(page: LogPage) -> ContractPanel:
    assert isinstance(page.panel, ContractPanel)
    return page.panel


def engine_entry(operations: Any, contract_id: str) -> ContractLine:
    return next(row for row in operations.contract_lines() if row.id == contract_id)


def test_the_panel_is_empty_until_a_contract_is_selected(page: LogPage) -> None:
    assert not panel_of(page).widget().isVisible()


def test_the_panel_shows_the_engines_numbers_for_the_selection(
    page: LogPage, operations: Any
) -> None:
    assert page.select("k-1")
    panel = panel_of(page)
    entry = engine_entry(operations, "k-1")
    # At 4 places, as `explain --json` writes them.
    effect, exact = out4(entry.effect), out4(operations.score().exact)
    assert effect is not None and exact is not None
    assert panel.title.text() == "Logo redesign"
    assert panel.facts.text() == "Acme Ltd · fixed price · 3 Jan 2025 \N{EN DASH} 1 Mar 2025"
    assert panel.outcome.text() == "▲ Positive"
    assert panel.reason.text() == "Public 4.8, private 9 (guessed)."
    assert panel.weight.text() == (
        f"Weight {float(entry.weight):g} = {float(entry.tier):g} for earning $750.00 + "
        f"{entry.duration:g} for time"
    )
    assert panel.windows.text() == "Counts in the 3-, 6-, 12- and 24-month windows."
    assert panel.windows_detail.text() == (
        "Its clock runs from 1 Mar 2025, its last activity; it stays in the 24-month window "
        "until 1 Mar 2027."
    )
    points = f"{effect:+.2f}".replace("-", "\N{MINUS SIGN}")
    assert panel.effect.text() == (
        f"Effect on the estimate: {points} points (it would be {exact - effect:.1f} without it)."
    )
    assert "Great work" in panel.feedback.text()
    assert panel.payments_heading.text() == "Payments · 2, $750.00 in all"


def test_a_negative_and_an_excluded_contract_say_so_in_words(
    page: LogPage, operations: Any
) -> None:
    panel = panel_of(page)
    page.select("k-4")
    assert panel.outcome.text() == "▼ Negative"
    assert panel.reason.text() == "Public 3.0."
    page.select("k-2")
    assert panel.outcome.text() == "○ Not counted"
    assert panel.windows.text() == "In no window: it does not count now."
    assert panel.effect.text() == "Effect on the estimate: none, it is not counted."
    assert panel.feedback.text() == "None yet."


def test_the_panel_follows_a_change_to_its_contract(page: LogPage, operations: Any) -> None:
    page.select("k-2")
    operations.apply(
        Change(
            label="feedback", added=(Feedback("k-2", date(2025, 5, 20), "interim", Decimal("5")),)
        )
    )
    panel = panel_of(page)
    assert page.current_record() == operations.log().contract_by_id()["k-2"]
    assert panel.outcome.text() == "▲ Positive"
    assert panel.reason.text() == engine_entry(operations, "k-2").reason.capitalize() + "."


def test_add_payment_on_the_panel_opens_the_payment_form_for_that_contract(
    page: LogPage, operations: Any, fill: Any
) -> None:
    page.select("k-2")
    seen: list[object] = []

    def run(dialog: RecordDialog) -> bool:
        seen.append(dialog.field("contract").read()[0])
        fill(dialog, amount="80")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result() == RecordDialog.DialogCode.Accepted

    page.run_dialog = run
    panel_of(page).add_payment_button.click()
    assert seen == ["k-2"]
    assert Payment("k-2", operations.as_of, Decimal("80")) in operations.log().payments
    assert panel_of(page).payments_heading.text() == "Payments · 2, $1,280.00 in all"
    assert page.current_record() == operations.log().contract_by_id()["k-2"]


def test_the_panel_marks_what_the_marketplace_lists_and_undo_takes_it_back(
    page: LogPage, operations: Any, fill: Any
) -> None:
    page.select("k-2")
    panel = panel_of(page)
    assert panel.marks.text() == "Not marked yet."
    seen: list[object] = []

    def run(dialog: RecordDialog) -> bool:
        seen.append(dialog.field("contract").read()[0])
        assert dialog.field("counted").read()[0] is True  # "counting" is offered first
        fill(dialog, counted=False, date="2025-05-04")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result() == RecordDialog.DialogCode.Accepted

    page.run_dialog = run
    panel.add_mark_button.click()
    assert seen == ["k-2"]
    assert operations.log().counted_marks == (CountedMark("k-2", date(2025, 5, 4), False),)
    assert panel.marks.text() == "Not counting on 4 May 2025"
    operations.undo()
    assert operations.log().counted_marks == ()
    assert panel.marks.text() == "Not marked yet."
