"""Dates say their year whenever it is not the evaluation day's: on the Overview, in plans, and on
the Trend axis over a span of years."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from fractions import Fraction
from pathlib import Path

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from real_windows import SAMPLE_DAY, close_real_window, open_real_window, settle
from shell_fakes import DialogLog

from tracker.engine.reports import score_report
from tracker.engine.results import Move, MoveCause
from tracker.records.model import Log
from ui.dashboard import texts
from ui.trend.page import TrendPage
from ui.whatif.plan_words import near_day
from ui.wording import short_date

AS_OF = date(2027, 12, 20)


def test_a_date_of_another_year_carries_its_year() -> None:
    assert short_date("2027-12-29", AS_OF) == "29 Dec"
    assert short_date("2028-01-21", AS_OF) == "21 Jan 2028"
    assert short_date(date(2026, 3, 1), AS_OF) == "1 Mar 2026"
    assert near_day("2028-01-21", AS_OF) == "21 Jan 2028"


def test_coming_up_and_the_next_update_name_the_year_across_new_year() -> None:
    moves = tuple(
        Move(day, Fraction("94.6"), Fraction("93.9"), (MoveCause(None, text),))
        for day, text in ((date(2027, 12, 29), "'A' leaves"), (date(2028, 1, 21), "'B' leaves"))
    )
    assert [line.when for line in texts.coming_up(moves, AS_OF)] == ["29 Dec", "21 Jan 2028"]
    score = replace(score_report(Log(), AS_OF), next_update=date(2028, 1, 3))
    _when, note = texts.next_update_text(score, AS_OF)
    assert note == "Mon 3 Jan 2028 · updated daily"


def years_drawn(qtbot: QtBot, trend: TrendPage, span: str) -> set[str]:
    """The years among the labels the date axis draws (after it dropped those that overlap)."""
    next(b for b in trend.findChildren(QToolButton) if b.text() == span).click()
    qtbot.wait(10)
    axis = trend.chart.lower.getAxis("bottom")
    picture = QImage(axis.size().toSize(), QImage.Format.Format_ARGB32)
    painter = QPainter(picture)
    try:
        _, _, drawn = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return {text for _rect, _flags, text in drawn if text.isdigit() and len(text) == 4}


def test_the_trend_over_all_its_years_shows_the_years(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = open_real_window(qtbot, tmp_path / "mine.sqlite3", tmp_path)
    try:
        window.welcome.sample_button.click()
        trend = window.go("trend")
        assert isinstance(trend, TrendPage)
        settle(qtbot, window)
        for span, years in (("1 year", {"2026"}), ("All", {"2024", "2025", "2026"})):
            assert years <= years_drawn(qtbot, trend, span), span
    finally:
        close_real_window(qtbot, window)


def test_the_overview_s_coming_up_names_next_year(
    qtbot: QtBot, dialogs: DialogLog, tmp_path: Path
) -> None:
    window = open_real_window(qtbot, tmp_path / "mine.sqlite3", tmp_path)
    try:
        window.welcome.sample_button.click()
        settle(qtbot, window)
        lines = window.dashboard.coming_up.texts()
        days = [move.day for move in window.operations.forecast().moves]
        assert any(day.year > SAMPLE_DAY.year for day in days[: len(lines)]), days
        for line, day in zip(lines, days, strict=False):
            written = f"{day.day} {day:%b}" + (
                "" if day.year == SAMPLE_DAY.year else f" {day.year}"
            )
            assert line.split("  ")[1].startswith(written), line
            # The move is the estimate's (not the window's the line names), in one piece.
            assert re.search(r"estimate \d+\.\d \u2192 \d+\.\d$", line), line
    finally:
        close_real_window(qtbot, window)
