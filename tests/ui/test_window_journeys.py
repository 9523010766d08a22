"""Journeys through the real window on a real database: type into the forms, press Save, read
what every page then says. Each holds a point of what the user sees being true after an edit."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from form_typing import saving
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from real_windows import close_real_window, open_real_window, page_text, settle
from shell_fakes import DialogLog
from visible_text import plain

from tracker.io.json_format import export_json
from tracker.records.changes import Change
from tracker.records.model import Invite, Log
from tracker.store.repository import Repository
from ui.dashboard.page import WORKING_OUT, DashboardPage
from ui.log.page import LogPage
from ui.main_window import MainWindow
from ui.trend.page import HINT, NOTHING_YET, TrendPage
from ui.why.page import WhyPage


def number(text: str) -> Decimal:
    """'▲ +4.3', '\u22120.4' (a true minus), '±0.0' as a number."""
    return Decimal(text.split()[-1].replace("\u2212", "-").replace("±", ""))


def button_named(page: QWidget, text: str) -> QAbstractButton:
    return next(b for b in page.findChildren(QAbstractButton) if b.text() == text)


def sample_window(qtbot: QtBot, folder: Path) -> MainWindow:
    window = open_real_window(qtbot, folder / "mine.sqlite3", folder)
    window.welcome.sample_button.click()
    settle(qtbot, window)
    return window


def add_a_paid_five_star_job(qtbot: QtBot, window: MainWindow) -> None:
    """As the issue did: a new contract, a $1,000 payment, 5-star feedback, all typed."""
    contracts = window.go("log:Contracts")
    assert isinstance(contracts, LogPage)
    contracts.run_dialog = saving(
        qtbot,
        {
            "title": "Poster series",
            "client": "Atlas Travel (atlas)",
            "kind": "fixed",
            "started": "2026-10-01",
            "ended": "2026-10-20",
            "closed_by": "client",
            "end_reason": "completed",
        },
    )
    qtbot.mouseClick(contracts.add_button, Qt.MouseButton.LeftButton)
    assert window.operations.log().contracts[-1].title == "Poster series"
    new_id = window.operations.log().contracts[-1].id
    payments = window.go("log:Payments")
    assert isinstance(payments, LogPage)
    payments.run_dialog = saving(
        qtbot, {"contract": f"Poster series ({new_id})", "date": "2026-10-20", "amount": "1000"}
    )
    qtbot.mouseClick(payments.add_button, Qt.MouseButton.LeftButton)
    feedback = window.go("log:Feedback")
    assert isinstance(feedback, LogPage)
    feedback.run_dialog = saving(
        qtbot, {"contract": f"Poster series ({new_id})", "date": "2026-10-21", "stars": "5.0"}
    )
    qtbot.mouseClick(feedback.add_button, Qt.MouseButton.LeftButton)
    assert [f.stars for f in window.operations.log().feedback if f.contract == new_id] == [5]


def test_once_settled_no_figure_of_the_overview_says_it_is_still_worked_out(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = sample_window(qtbot, tmp_path)
    dashboard = window.dashboard
    assert isinstance(dashboard, DashboardPage)
    assert window.settled()
    assert dashboard.since.value.text() not in ("\u2026", "\u2013")
    assert dashboard.since.note.text() != WORKING_OUT
    shown = [plain(line.text()) for line in dashboard.coming_up.lines[: dashboard.coming_up.shown]]
    assert shown and not any(WORKING_OUT in line.lower() for line in shown)
    close_real_window(qtbot, window)


def test_the_overview_is_current_after_an_edit_that_keeps_the_whole_percent(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = sample_window(qtbot, tmp_path)
    dashboard = window.dashboard
    assert isinstance(dashboard, DashboardPage)
    assert (dashboard.percent.text(), dashboard.exact.text()) == ("95%", "94.6 exact")
    add_a_paid_five_star_job(qtbot, window)
    shown = page_text(qtbot, window, "overview")
    assert (dashboard.percent.text(), dashboard.exact.text()) == ("95%", "95.1 exact")
    assert dashboard.since.value.text() != "\u22120.4"  # the move before the edit
    fresh = open_real_window(qtbot, window.files.current_path, tmp_path)
    try:
        assert shown == page_text(qtbot, fresh, "overview")
        window.menus.undo_action.trigger()  # the feedback: on the Overview, at once
        settle(qtbot, window)
        assert dashboard.exact.text() != "95.1 exact"
        window.menus.redo_action.trigger()
        settle(qtbot, window)
        assert page_text(qtbot, window, "overview") == shown
    finally:
        close_real_window(qtbot, fresh)
        close_real_window(qtbot, window)


def test_the_trend_readout_follows_back_to_my_log_and_an_import(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = sample_window(qtbot, tmp_path)
    trend = window.go("trend")
    assert isinstance(trend, TrendPage)
    settle(qtbot, window)
    viewport = trend.chart.viewport()
    middle = QPoint(viewport.width() * 3 // 4, viewport.height() // 4)
    QTest.mouseMove(viewport, middle)
    qtbot.waitUntil(lambda: trend.readout.text() != HINT)
    on_the_sample = trend.readout.text()
    assert "estimate 9" in on_the_sample  # the sample's estimate, in the 90s this year
    window.go("overview")
    qtbot.mouseClick(button_named(window.dashboard, "Back to my log"), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    window.go("trend")
    settle(qtbot, window)
    assert trend.body.currentWidget() is trend.nothing_yet  # an empty log: no bare axes
    assert trend.nothing_yet.text() == NOTHING_YET and not trend.readout.isVisibleTo(trend)
    assert not any(button.isEnabled() for button in trend.exports)  # nothing drawn to save
    source = tmp_path / "invites.json"
    day = trend.chart.hovered_day
    assert day is not None
    source.write_bytes(export_json(Log(invites=(Invite("inv-x", day, job="Poster"),))))
    assert window.files.import_path(source)
    settle(qtbot, window)
    assert trend.readout.text() == trend.chart.text_at(day)
    assert "estimate \u2013" in trend.readout.text() and "invites 0.2/wk" in trend.readout.text()
    assert all(button.isEnabled() for button in trend.exports)
    close_real_window(qtbot, window)


def test_after_the_command_line_changed_the_log_undo_is_dropped_and_said(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = sample_window(qtbot, tmp_path)
    try:
        add_a_paid_five_star_job(qtbot, window)
        assert window.menus.undo_action.isEnabled()
        with Repository.open(window.files.current_path, create=False) as other:
            poster = other.log().contracts[-1]
            removed = [f for f in other.log().feedback if f.contract == poster.id]
            other.apply(Change("remove feedback", removed=tuple(removed)))
        window.menus.undo_action.trigger()  # before the poll noticed: the press notices it
        assert "changed by another program" in window.message.text()
        assert "Could not" not in window.message.text()
        assert not window.menus.undo_action.isEnabled()
        assert window.menus.undo_action.text() == "&Undo"
        assert [f for f in window.operations.log().feedback if f.contract == poster.id] == []
    finally:
        close_real_window(qtbot, window)


def test_why_it_moved_adds_up_as_displayed(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = sample_window(qtbot, tmp_path)
    try:
        why = window.go("why")
        assert isinstance(why, WhyPage)
        added_up: list[str] = []
        for span in ("90 days", "12 months", "30 days", "Last move"):
            qtbot.mouseClick(button_named(why, span), Qt.MouseButton.LeftButton)
            settle(qtbot, window)
            change = number(why.change.text())
            summary = why.summary.text()  # "The estimate rose: 86.2 on ..., 94.6 on ... (shown as"
            ends = [number(word) for word in re.findall(r"\b\d+\.\d\b", summary)]
            assert ends[1] - ends[0] == change, summary
            cells = [why.causes.itemAt(i).widget() for i in range(why.causes.count())]
            deltas = [number(plain(c.text())) for c in cells if isinstance(c, QLabel)
                      and re.fullmatch(r"[▲▼•] \S+", plain(c.text()))]  # fmt: skip
            if deltas:
                assert sum(deltas) == change, (span, deltas, change)
                added_up.append(span)
        assert len(added_up) >= 3  # the spans with causes were read, not skipped
    finally:
        close_real_window(qtbot, window)
