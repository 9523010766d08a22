"""A log page: its forms save one Change through operations, its table follows every change."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from log_fixtures import MemoryRepository, fill_fixture, operations_fixture, repository_fixture  # noqa: F401 (pytest fixtures)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tracker.records.changes import Change
from tracker.records.kinds import TABLE_NAMES
from tracker.records.model import Client, Contract, Log, Payment
from ui.log.forms.dialog import RecordDialog
from ui.log.page import LogPage
from ui.log.pages import build_log_pages


@pytest.fixture
def pages(qtbot: Any, operations: Any) -> dict[str, LogPage]:
    built = dict(build_log_pages(operations))
    for page in built.values():
        qtbot.addWidget(page)
        page.resize(1100, 600)
    return built  # type: ignore[return-value]


def shown(qtbot: Any, page: LogPage) -> LogPage:
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def same_records(one: Log, other: Log) -> bool:
    """The same records in every table, whatever their order."""
    return all(Counter(getattr(one, t)) == Counter(getattr(other, t)) for t in TABLE_NAMES)


def saving(fill: Any, **values: object) -> Callable[[RecordDialog], bool]:
    """A stand-in for the modal run: type the values, press Save, report whether it closed saved."""

    def run(dialog: RecordDialog) -> bool:
        fill(dialog, **values)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result() == RecordDialog.DialogCode.Accepted

    return run


def column_texts(page: LogPage, column: int) -> list[str]:
    proxy = page.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def select_row(page: LogPage, text: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data() == text:
            page.table.selectRow(row)
            return
    raise AssertionError(f"no row starts with {text!r}")


def test_there_is_a_page_per_table_in_order(pages: dict[str, LogPage]) -> None:
    assert list(pages) == [
        "Contracts", "Payments", "Feedback", "Invites",
        "Proposals", "Snapshots", "Counted marks", "Events", "Clients",
    ]  # fmt: skip


def test_adding_a_contract_applies_one_change(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository, fill: Any
) -> None:
    page = shown(qtbot, pages["Contracts"])
    page.run_dialog = saving(fill, title="Landing page", client="acme", kind="fixed",
                             started="2025-05-20")  # fmt: skip
    page.add_button.click()
    assert repository.applied == [
        Change(
            label="add contract 'Landing page'",
            added=(Contract("k-4", "acme", "fixed", date(2025, 5, 20), title="Landing page"),),
        )
    ]
    assert "Landing page" in column_texts(page, 0)
    assert page.current_record() == repository.current.contract_by_id()["k-4"]


def test_an_invalid_field_shows_its_error_and_saves_nothing(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository, fill: Any
) -> None:
    page = shown(qtbot, pages["Contracts"])
    seen: dict[str, str] = {}

    def run(dialog: RecordDialog) -> bool:
        fill(dialog, client="acme", started="2025-05-20", ended="2025-05-01")
        seen.update(dialog.problems())
        assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        dialog.accept()
        return True  # even a run that claims it saved cannot save an invalid draft

    page.run_dialog = run
    page.add()
    assert seen == {"ended": "the end is before the start"}
    assert repository.applied == []


def test_editing_replaces_the_old_record_with_the_new(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository, fill: Any
) -> None:
    page = shown(qtbot, pages["Payments"])
    select_row(page, "1 Mar 2025")
    old = page.current_record()
    page.run_dialog = saving(fill, amount="350")
    page.edit_button.click()
    assert isinstance(old, Payment)
    new = Payment(old.contract, old.date, Decimal("350"), old.ref)
    assert repository.applied[-1].removed == (old,)
    assert repository.applied[-1].added == (new,)
    assert repository.applied[-1].label.startswith("edit payment of $")
    assert page.current_record() == new


def test_an_edit_that_changes_nothing_applies_nothing(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository, fill: Any
) -> None:
    page = shown(qtbot, pages["Clients"])
    page.table.selectRow(0)
    page.run_dialog = saving(fill)
    page.edit()
    assert repository.applied == []


def test_deleting_a_contract_takes_its_payments_and_feedback_in_one_step(
    qtbot: Any, pages: dict[str, LogPage], operations: Any, repository: MemoryRepository
) -> None:
    page = shown(qtbot, pages["Contracts"])
    before = repository.current
    select_row(page, "Logo redesign")
    page.delete_button.click()
    (change,) = repository.applied
    k1 = before.contract_by_id()["k-1"]
    assert change.label == "delete contract 'Logo redesign' with its 2 payments and 1 feedback"
    assert set(change.removed) == {k1, *before.payments[:2], before.feedback[0]}
    assert change.added == ()
    assert "Logo redesign" not in column_texts(page, 0)
    operations.undo()
    assert same_records(repository.current, before)
    assert "Logo redesign" in column_texts(page, 0)


def test_the_delete_key_deletes_the_selection(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository
) -> None:
    page = shown(qtbot, pages["Payments"])
    page.table.selectAll()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert repository.applied[-1].label == "delete 4 payments"
    assert repository.current.payments == ()
    assert page.body.currentWidget() is page.empty


def test_a_client_with_contracts_is_not_deleted_and_the_page_says_why(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository
) -> None:
    page = shown(qtbot, pages["Clients"])
    select_row(page, "Acme Ltd")
    page.delete()
    assert repository.applied == []
    assert page.notice.isVisible()
    assert (
        page.notice.text() == "Client 'Acme Ltd' still has 1 contract; delete or move it first."
    )


def test_a_client_without_contracts_is_deleted(
    qtbot: Any, pages: dict[str, LogPage], operations: Any, repository: MemoryRepository
) -> None:
    operations.apply(Change(label="add client", added=(Client("zed", "Zed Co"),)))
    page = shown(qtbot, pages["Clients"])
    select_row(page, "Zed Co")
    page.delete()
    assert repository.applied[-1].label == "delete client 'Zed Co'"
    assert "Zed Co" not in column_texts(page, 0)


def test_the_filter_box_keeps_rows_with_every_word(qtbot: Any, pages: dict[str, LogPage]) -> None:
    page = shown(qtbot, pages["Contracts"])
    assert page.count.text() == "3 contracts"
    page.filter.setText("bolt")
    assert sorted(column_texts(page, 0)) == ["API upkeep", "Brand site"]
    page.filter.setText("BOLT open")
    assert column_texts(page, 0) == ["API upkeep"]
    assert page.count.text() == "1 of 3 contracts"
    page.filter.setText("")
    assert len(column_texts(page, 0)) == 3


def test_ctrl_f_focuses_the_filter_box(qtbot: Any, pages: dict[str, LogPage]) -> None:
    page = shown(qtbot, pages["Invites"])
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()


def test_columns_sort_by_value_not_by_text(qtbot: Any, pages: dict[str, LogPage]) -> None:
    page = shown(qtbot, pages["Payments"])
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert column_texts(page, 2) == ["$300.00", "$450.00", "$1,200.00", "$2,000.00"]
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert column_texts(page, 0)[0] == "10 May 2025"


def test_a_page_follows_changes_to_its_table_made_elsewhere(
    qtbot: Any, pages: dict[str, LogPage], operations: Any
) -> None:
    page = shown(qtbot, pages["Payments"])
    operations.apply(Change(label="x", added=(Payment("k-2", date(2025, 5, 2), Decimal("99")),)))
    assert "$99.00" in column_texts(page, 2)


def test_a_hidden_page_catches_up_when_shown(
    qtbot: Any, pages: dict[str, LogPage], operations: Any
) -> None:
    page = pages["Payments"]
    operations.apply(Change(label="x", added=(Payment("k-2", date(2025, 5, 2), Decimal("99")),)))
    assert page.dirty
    shown(qtbot, page)
    assert "$99.00" in column_texts(page, 2)


def test_money_and_dates_read_as_people_write_them(qtbot: Any, pages: dict[str, LogPage]) -> None:
    page = shown(qtbot, pages["Contracts"])
    page.filter.setText("API")
    row = [page.proxy.index(0, column).data() for column in range(page.proxy.columnCount())]
    assert row == ["API upkeep", "Bolt Studio", "1 Feb 2025", "open", "$1,200.00", "", "hourly",
                   "", "k-2"]  # fmt: skip


def test_double_click_opens_the_rows_form(qtbot: Any, pages: dict[str, LogPage]) -> None:
    page = shown(qtbot, pages["Feedback"])
    opened: list[object] = []

    def run(dialog: RecordDialog) -> bool:
        opened.append(dialog.spec.original)
        return False

    page.run_dialog = run
    index = page.proxy.index(1, 0)
    where = page.table.visualRect(index).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened == [page.model.record(page.proxy.mapToSource(index).row())]


def test_the_insights_checklist_marks_every_contract_shown_in_one_undoable_change(
    qtbot: Any, pages: dict[str, LogPage], repository: MemoryRepository
) -> None:
    from tracker.records.model import CountedMark
    from ui.log.marks_checklist import MarksChecklist

    page = shown(qtbot, pages["Counted marks"])
    log = repository.log()
    seen: list[list[str]] = []

    def run(dialog: MarksChecklist) -> bool:
        dialog.date.edit.setText("2025-06-01")
        seen.append([dialog.list.item(r).text() for r in range(dialog.list.count())])
        dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
        return True

    page.run_checklist = run  # type: ignore[attr-defined]
    page.checklist_button.click()  # type: ignore[attr-defined]
    shown_ids = [c.id for c in log.contracts if c.started <= date(2025, 6, 1)]
    marks = repository.log().counted_marks
    assert len(seen[0]) == len(shown_ids) == len(marks)
    assert sum(m.counted for m in marks) == 1
    assert all(m.date == date(2025, 6, 1) for m in marks)
    assert isinstance(marks[0], CountedMark)
    assert column_texts(page, 2).count("counting") == 1
    assert repository.undo_label is not None and "from the insights page" in repository.undo_label
