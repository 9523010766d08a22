"""The Model page's lifetime eligibility: shown with its source and confidence, set by the user
through the real widgets, followed by the estimate, taken back by undo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from shell_fakes import FakeRepository

from tracker.engine.reports import score_report
from tracker.records.model import Client, Contract, Feedback, Log, Payment
from ui.calibration.words import parameter_sentence
from ui.model_page.page import ModelPage
from ui.operations import EngineReports, Operations
from ui.theme import Theme

AS_OF = date(2025, 6, 1)


def job(cid: str, client: str, started: str, ended: str, stars: int) -> tuple[object, ...]:
    end = date.fromisoformat(ended)
    return (
        Contract(cid, client, "fixed", date.fromisoformat(started), title=cid, ended=end),
        Payment(cid, end, Decimal(400)),
        Feedback(cid, end, "final", stars=Decimal(stars)),
    )


def acme_then_beta() -> Log:
    """One job for Acme in 2021, two for Beta since: one client in 24 months, two ever."""
    parts = [
        job("old", "acme", "2021-03-01", "2021-04-01", 5),
        job("b1", "beta", "2024-10-01", "2024-10-15", 5),
        job("b2", "beta", "2025-01-05", "2025-01-20", 4),
    ]
    return Log(
        clients=(Client("acme", name="Acme"), Client("beta", name="Beta")),
        contracts=tuple(p[0] for p in parts),  # type: ignore[misc]
        payments=tuple(p[1] for p in parts),  # type: ignore[misc]
        feedback=tuple(p[2] for p in parts),  # type: ignore[misc]
    )


@pytest.fixture
def lifetime_operations(qapp: QApplication) -> Iterator[Operations]:
    ops = Operations(
        FakeRepository(acme_then_beta()), AS_OF, reports=EngineReports(), poll_interval_ms=0
    )
    yield ops
    ops.deleteLater()


def row_of(page: ModelPage, rule: str) -> dict[str, str]:
    names = ("rule", "value", "source", "confidence", "text")
    for row in range(page.table.rowCount()):
        if page.table.item(row, 0).text() == rule:
            return {n: page.table.item(row, c).text() for c, n in enumerate(names)}
    raise AssertionError(f"no row {rule!r}")


def use_button(page: ModelPage) -> QPushButton:
    return next(b for b in page.findChildren(QPushButton) if b.text() == "Use these thresholds")


def test_lifetime_is_shown_set_followed_and_undone(
    qtbot: QtBot, lifetime_operations: Operations, theme: Theme
) -> None:
    operations = lifetime_operations
    page = ModelPage(operations, theme)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    row = row_of(page, "Clients of the minimum")
    assert (row["value"], row["confidence"], row["source"]) == (
        "in the last 24 months",
        "OFF",
        "marketplace help",
    )
    assert page.clients_over.currentText() == "In the last 24 months"
    assert operations.score().exact is None  # one client in the last 24 months

    page.clients_over.setCurrentIndex(page.clients_over.findData("lifetime"))
    qtbot.mouseClick(use_button(page), Qt.MouseButton.LeftButton)
    saved = operations.log().setting("custom_rules")
    assert saved == {"my-thresholds": {"base": "auto", "parameters": page_defaults_and_lifetime()}}
    assert operations.log().setting("rules") == "my-thresholds"
    assert operations.score().score == 75
    engine = score_report(operations.log(), AS_OF, with_next_change=False)
    assert operations.score() == replace(engine, contracts=())  # the lines are asked apart
    assert operations.contract_lines() == engine.contracts
    row = row_of(page, "Clients of the minimum")
    assert (row["value"], row["confidence"]) == ("ever (lifetime)", "OURS")
    assert "two different clients in your lifetime" in row["source"]
    assert page.clients_over.currentData() == "lifetime"

    operations.undo()
    assert operations.log().setting("rules") is None
    assert operations.score().exact is None
    assert row_of(page, "Clients of the minimum")["value"] == "in the last 24 months"
    assert page.clients_over.currentData() == "24 months"


def page_defaults_and_lifetime() -> dict[str, object]:
    return {
        "public_positive": 4.5,
        "public_neutral": 3.5,
        "private_positive": 9,
        "private_neutral": 7,
        "feedback_wait_days": 14,
        "clients_over": "lifetime",
    }


def test_thresholds_without_lifetime_are_saved_as_before(
    qtbot: QtBot, lifetime_operations: Operations, theme: Theme
) -> None:
    page = ModelPage(lifetime_operations, theme)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(use_button(page), Qt.MouseButton.LeftButton)
    saved = lifetime_operations.log().setting("custom_rules")
    assert "clients_over" not in saved["my-thresholds"]["parameters"]  # type: ignore[index]
    assert lifetime_operations.score().exact is None


def test_a_fit_that_turns_lifetime_on_says_so_in_words() -> None:
    assert parameter_sentence("clients_over", "lifetime") == (
        "the two different clients a score needs are counted ever (lifetime), not only in the"
        " last 24 months"
    )
