"""The Contracts table and the record forms, driven in the real window on the sample."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from form_typing import type_into
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot
from real_windows import close_real_window, open_real_window, settle
from shell_fakes import DialogLog

from ui.log.forms.dialog import RecordDialog
from ui.log.page import LogPage
from ui.main_window import MainWindow

SMALL_LAPTOP = (1366, 768)
TITLE_AND_PANEL = 80  # a window manager's title bar and a desktop's panel take this much height


def contracts_page(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, LogPage]:
    window = open_real_window(qtbot, tmp_path / "mine.sqlite3", tmp_path)
    window.welcome.sample_button.click()
    page = window.go("log:Contracts")
    assert isinstance(page, LogPage)
    settle(qtbot, window)
    qtbot.wait(20)
    return window, page


def with_form(page: LogPage, check: Callable[[RecordDialog], None]) -> None:
    """Open the page's form for a new record (as Add… does), run `check` on it, then cancel."""

    def run(dialog: RecordDialog) -> bool:
        dialog.show()
        check(dialog)
        return False

    page.run_dialog = run
    page.add()  # what the Add… button calls: a Python call, so a failed check fails the test


def test_the_contracts_table_has_the_width_until_a_contract_is_shown(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window, page = contracts_page(qtbot, tmp_path)
    try:
        assert page.panel is not None and not page.panel.isVisibleTo(page)
        table = page.table
        assert table.horizontalScrollBar().maximum() == 0  # every column fits at 1280x800
        titles = [c.title for c in page.spec.columns]
        metrics = QFontMetrics(table.font())
        model = table.model()
        for name in ("Started", "Ended", "Paid", "Feedback", "Kind", "Ending"):
            column = titles.index(name)
            width = table.horizontalHeader().sectionSize(column)
            for row in range(model.rowCount()):
                text = model.index(row, column).data()
                assert metrics.horizontalAdvance(text) + 8 <= width, (name, text)  # no "3."
        page.select("k-38")
        assert page.panel.isVisibleTo(page)
        assert page.panel.title.text() == "Quarterly report design"
        table.clearSelection()
        assert not page.panel.isVisibleTo(page)
    finally:
        close_real_window(qtbot, window)


def test_a_day_the_month_lacks_is_named_and_the_fields_stay_put(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window, page = contracts_page(qtbot, tmp_path)
    try:

        def check(dialog: RecordDialog) -> None:
            qtbot.wait(10)  # laid out
            below = dialog.rows["category"]
            where = below.mapTo(dialog, below.rect().topLeft())
            type_into(qtbot, dialog, "started", "2025-02-3")  # typing, not yet a date
            qtbot.wait(10)
            assert "started" in dialog.problems()
            assert below.mapTo(dialog, below.rect().topLeft()) == where
            type_into(qtbot, dialog, "started", "2025-01-30")
            type_into(qtbot, dialog, "ended", "2025-02-30")
            assert (
                dialog.problems()["ended"]
                == "'2025-02-30' is not a date: February 2025 has 28 days"
            )
            assert dialog.rows["ended"].note.isVisibleTo(dialog)
            qtbot.wait(10)
            assert below.mapTo(dialog, below.rect().topLeft()) == where
            type_into(qtbot, dialog, "ended", "2024-02-29")  # a leap day is a day
            assert "ended" not in dialog.problems()
            qtbot.wait(10)
            assert below.mapTo(dialog, below.rect().topLeft()) == where

        with_form(page, check)
    finally:
        close_real_window(qtbot, window)


def test_stars_of_7_say_why_they_are_refused(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window, _ = contracts_page(qtbot, tmp_path)
    try:
        feedback = window.go("log:Feedback")
        assert isinstance(feedback, LogPage)

        def check(dialog: RecordDialog) -> None:
            type_into(qtbot, dialog, "stars", "7")
            assert dialog.problems()["stars"] == "7 is more than 5: a rating goes from 1 to 5 stars"
            assert "7 is more than 5" in dialog.rows["stars"].note.text()
            type_into(qtbot, dialog, "stars", "4.5")
            assert "stars" not in dialog.problems()
            assert dialog.field("stars").read() == (Decimal("4.5"), None)

        with_form(feedback, check)
    finally:
        close_real_window(qtbot, window)


def test_the_new_contract_form_fits_a_1366_by_768_screen(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window, page = contracts_page(qtbot, tmp_path)
    try:

        def check(dialog: RecordDialog) -> None:
            qtbot.wait(10)
            size = dialog.size()
            assert size.width() <= SMALL_LAPTOP[0]
            assert size.height() <= SMALL_LAPTOP[1] - TITLE_AND_PANEL, size
            assert dialog.minimumSizeHint().height() <= SMALL_LAPTOP[1] - TITLE_AND_PANEL

        with_form(page, check)
    finally:
        close_real_window(qtbot, window)
