"""The What if page: try changes on a copy of the log and see the estimate before and after.

Nothing here writes: the library's steps (tracker.usecases.whatif, which `whatif --change` reads
too) are folded over a copy with `apply_to_log`, and the engine's `whatif_report` compares the two
logs. When the real log changes, the same steps are tried again on it; a step that no longer fits
says why and is left out.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape as html_escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.records.model import Log
from tracker.usecases.whatif import Sandboxed, Step, sandboxed
from ui.dashboard import texts
from ui.dashboard.blocks import MarkedList, link, muted
from ui.dashboard.blocks import heading as one_line_heading
from ui.operations import FORECAST_MOVES, Changes, Operations
from ui.pyside_defects import shielded
from ui.scrolling import fill_with_scrolling
from ui.theme import Theme, set_role
from ui.trend.series import TrendSeries, series_from_report
from ui.whatif import words
from ui.whatif.chart import SandboxChart
from ui.whatif.forms import StepForm
from ui.whatif.plan_form import PlanForm
from ui.wording import long_date

if TYPE_CHECKING:
    from tracker.engine.plan import Plan
    from tracker.engine.whatif import WhatIf

MONTHS_BACK_DAYS = 365
LEFT_WIDTH = 380
SIDE_BY_SIDE_FROM = 1000
DAYS_AHEAD = 183
COMING_UP = FORECAST_MOVES  # what Operations.forecast() holds
CHART_HINT = "Point at a day to read both estimates."


def escape(text: str) -> str:
    """Text made safe for a rich-text label (quotes stay quotes)."""
    return html_escape(text, quote=False)


def heading(text: str) -> QLabel:
    """A section heading that wraps on a narrow page."""
    label = one_line_heading(text)
    label.setWordWrap(True)
    return label


def rich(html: str) -> QLabel:
    label = QLabel(html)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class WhatIfPage(QWidget):
    """A sandbox of changes, their effect side by side, the two trends, and how far a goal is."""

    contract_requested = Signal(str)

    def __init__(
        self,
        operations: Operations,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        steps: list[Step] | None = None,
    ) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self.steps: list[Step] = list(steps or [])
        self.result: Sandboxed | None = None
        self.report: WhatIf | None = None
        self.plan_report: Plan | None = None
        self._real_trend: tuple[date, TrendSeries] | None = None
        self._dirty = True
        self.remove_buttons: list[QToolButton] = []

        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(40)
        self.left_box = QWidget()
        self.left_box.setLayout(self._changes_column())
        self.left_box.setFixedWidth(LEFT_WIDTH)
        self.columns.addWidget(self.left_box, 0)
        self.columns.addLayout(self._effect_column(), 1)

        content = QWidget()
        content.setObjectName("PageContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(12)
        column.addWidget(set_role(QLabel("What if"), "title"))
        column.addWidget(
            muted(
                "Try a change before it happens and see what it would do to the estimate. "
                "Changes stay in this sandbox: nothing here is saved to your log."
            )
        )
        column.addSpacing(6)
        column.addLayout(self.columns, 1)
        fill_with_scrolling(self, content)
        operations.changed.connect(self.on_changed)

    def _changes_column(self) -> QVBoxLayout:
        """The form that makes a change, the changes in the sandbox, and the plan form."""
        self.form = StepForm(self.theme, self.operations.as_of)
        self.form.step_made.connect(self.add_step)
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(6)
        self.clear_button = QPushButton("Clear the sandbox")
        self.clear_button.clicked.connect(self.clear_steps)
        self.plan = PlanForm(self.operations.as_of)
        self.plan.asked.connect(self.work_out_plan)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(heading("Try a change"))
        left.addWidget(self.form)
        left.addSpacing(10)
        left.addWidget(heading("In the sandbox"))
        left.addLayout(self.steps_box)
        clear_row = QHBoxLayout()
        clear_row.addStretch(1)
        clear_row.addWidget(self.clear_button)
        left.addLayout(clear_row)
        left.addSpacing(10)
        left.addWidget(heading("How far to a goal · an estimate"))
        left.addWidget(self.plan)
        left.addStretch(1)
        return left

    def _effect_column(self) -> QVBoxLayout:
        """The headline, before and after, the causes, both trends, and what comes next."""
        self.headline = set_role(QLabel(), "medium")
        self.headline.setWordWrap(True)
        self.table_heading = heading("Before and after")
        self.table = QGridLayout()
        self.table.setHorizontalSpacing(28)
        self.table.setVerticalSpacing(4)
        self.table.setColumnStretch(4, 1)
        self.causes_heading = heading("Why they differ · largest first, adding up to the change")
        self.causes = QGridLayout()
        self.causes.setHorizontalSpacing(16)
        self.causes.setVerticalSpacing(8)
        self.causes.setColumnStretch(1, 1)
        self.badge_notes = muted()
        self.chart = SandboxChart(self.theme)
        self.chart.setMinimumHeight(220)
        legend = set_role(QLabel(self._legend()), "small")
        legend.setWordWrap(True)
        self.readout = set_role(QLabel(CHART_HINT), "small")
        self.chart.hovered.connect(lambda text: self.readout.setText(text or CHART_HINT))
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(self.headline)
        right.addSpacing(4)
        right.addWidget(self.table_heading)
        right.addLayout(self.table)
        right.addSpacing(8)
        right.addWidget(self.causes_heading)
        right.addLayout(self.causes)
        right.addWidget(self.badge_notes)
        right.addSpacing(8)
        right.addWidget(heading("The estimate over time, as logged and with the changes"))
        right.addWidget(legend)
        right.addWidget(self.chart, 1)
        right.addWidget(self.readout)
        right.addSpacing(8)
        right.addWidget(heading("Coming up · if nothing else happens"))
        right.addLayout(self._coming_up_lists())
        return right

    def _coming_up_lists(self) -> QHBoxLayout:
        self.coming_before = MarkedList(self.theme, "No change ahead.")
        self.coming_after = MarkedList(self.theme, "No change ahead.")
        self.after_heading = set_role(QLabel("With the changes"), "small")
        coming = QHBoxLayout()
        coming.setSpacing(32)
        for label, items in (
            (set_role(QLabel("As logged"), "small"), self.coming_before),
            (self.after_heading, self.coming_after),
        ):
            box = QVBoxLayout()
            box.setSpacing(6)
            box.addWidget(label)
            box.addWidget(items)
            box.addStretch(1)
            coming.addLayout(box, 1)
        return coming

    def _legend(self) -> str:
        def swatch(colour: str, glyph: str, text: str) -> str:
            return f"<span style='color:{colour}; font-weight:bold'>{glyph}</span>&nbsp;{text}"

        return "&nbsp;&nbsp;&nbsp;".join(
            [
                swatch(self.theme.good.name(), "\u2501\u2501", "estimate as logged"),
                swatch(self.theme.attention.name(), "\u254d\u254d", "estimate with the changes"),
                swatch(self.theme.muted.name(), "\u2502", "today"),
            ]
        )

    # Reacting

    def on_changed(self, changes: Changes) -> None:
        self._dirty = True
        self._real_trend = None
        if self.isVisible():
            self.refresh()

    @shielded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    @shielded
    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side on a wide page; on a narrow one, the changes above their effect."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_FROM
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            if wide:
                self.left_box.setFixedWidth(LEFT_WIDTH)
            else:
                self.left_box.setMinimumWidth(0)
                self.left_box.setMaximumWidth(560)

    def add_step(self, step: Step) -> None:
        self.steps.append(step)
        self.refresh()

    def remove_step(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            del self.steps[index]
            self.refresh()

    def clear_steps(self) -> None:
        self.steps.clear()
        self.refresh()

    # Computing

    def refresh(self) -> None:
        """Fold the steps over a copy of the log, compare, and show everything."""
        from tracker.engine.whatif import whatif_report

        log = self.operations.log()
        as_of = self.operations.as_of
        self.result = sandboxed(log, self.steps)
        self.report = whatif_report(log, self.result.log, as_of, None)
        self.form.set_log(self.result.log, as_of)
        self.plan.set_as_of(as_of)
        self._dirty = False
        self._show_steps()
        self._show_comparison()
        self._show_causes()
        self._show_coming_up()
        self._show_chart(log, as_of)
        if self.plan_report is not None:
            self.work_out_plan()

    def work_out_plan(self) -> None:
        """The plan on the log with the sandbox's changes (the log itself when there are none)."""
        from tracker.engine.plan import plan_report

        result = self.result or sandboxed(self.operations.log(), self.steps)
        self.plan_report = plan_report(result.log, self.plan.request(), None)
        self.plan.show_answer(self.plan_report, result.applied)

    def after_log(self) -> Log:
        """The sandboxed copy of the log (the log itself with no changes)."""
        return self.result.log if self.result is not None else self.operations.log()

    # Showing

    def _show_steps(self) -> None:
        clear_layout(self.steps_box)
        self.remove_buttons = []
        assert self.result is not None
        if not self.result.outcomes:
            self.steps_box.addWidget(muted("No change yet. Pick one above and add it."))
        for index, outcome in enumerate(self.result.outcomes):
            row = QHBoxLayout()
            row.setSpacing(8)
            text = f"{index + 1}.&nbsp;{escape(outcome.text)}"
            if outcome.problem is not None:
                colour = self.theme.attention.name()
                text += (
                    f"<br><span style='color:{colour}'><b>!</b>&nbsp;left out: "
                    f"{escape(outcome.problem)}</span>"
                )
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            remove = QToolButton()
            remove.setText("Remove")
            remove.setToolTip("Take this change out of the sandbox")
            remove.clicked.connect(lambda _checked=False, at=index: self.remove_step(at))
            self.remove_buttons.append(remove)
            row.addWidget(label, 1)
            row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.steps_box.addLayout(row)
        self.clear_button.setEnabled(bool(self.steps))

    def _show_comparison(self) -> None:
        """Before and after side by side; with no change yet, only the estimate as it is."""
        assert self.report is not None and self.result is not None
        trying = bool(self.steps)
        self.headline.setText(words.headline(self.report, len(self.steps)))
        day = long_date(self.operations.as_of)
        self.table_heading.setText(
            (
                f"Before and after · estimates on {day}" if trying else f"Now · estimate on {day}"
            ).upper()
        )
        clear_layout(self.table)
        names = ("", "before", "after", "change") if trying else ("", "now")
        for column, name in enumerate(names):
            self.table.addWidget(set_role(QLabel(name), "small"), 0, column)
        for row, item in enumerate(words.comparison_rows(self.report), start=1):
            cells = [item.name.strip(), item.before, item.after][: len(names)]
            for column, text in enumerate(cells):
                label = rich(f"<b>{escape(text)}</b>" if row == 1 else escape(text))
                if column == 0 and item.name.startswith(" "):
                    label.setIndent(14)
                self.table.addWidget(label, row, column)
            if trying:
                self.table.addWidget(rich(self._mark(item.tone, item.change)), row, 3)
        notes = self.report.badges_changed
        self.badge_notes.setText(" ".join(f"{note}." for note in notes))
        self.badge_notes.setVisible(bool(notes))

    def _mark(self, tone: str, text: str) -> str:
        if not text:
            return ""
        colour = {"up": self.theme.good, "down": self.theme.attention}.get(tone, self.theme.muted)
        glyph = {"up": "\u25b2", "down": "\u25bc"}.get(tone, "\u2022")
        return f"<span style='color:{colour.name()}'>{glyph}</span>&nbsp;<b>{escape(text)}</b>"

    def _show_causes(self) -> None:
        assert self.report is not None
        clear_layout(self.causes)
        self.causes_heading.setVisible(bool(self.steps))
        if not self.steps:
            return
        moving, quiet = words.causes(self.report)
        known = self.operations.log().contract_by_id()
        if not moving and not quiet:
            empty = "No contract counts differently on this day."
            self.causes.addWidget(muted(empty), 0, 0, 1, 2)
        for row, cause in enumerate(moving):
            delta = rich(self._mark(cause.tone, cause.delta))
            delta.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            opener = ""
            if cause.contract in known:
                opener = "&nbsp;&nbsp;" + link(self.theme, cause.contract, "open")
            text = rich(f"{escape(cause.text)}{opener}")
            text.setWordWrap(True)
            text.linkActivated.connect(self.contract_requested)
            self.causes.addWidget(delta, row, 0)
            self.causes.addWidget(text, row, 1)
        if quiet:
            count = len(quiet)
            note = muted(
                f"and {count} more {'change that does' if count == 1 else 'changes that do'} "
                "not move the estimate on this day"
            )
            note.setToolTip("\n".join(quiet))
            self.causes.addWidget(note, len(moving), 1)

    def _show_coming_up(self) -> None:
        assert self.report is not None
        forecast = self.operations.forecast()
        before = texts.coming_up(forecast.moves, forecast.as_of, COMING_UP)
        after = texts.coming_up(self.report.forecast_after, None, COMING_UP)
        self.after_heading.setVisible(bool(self.steps))
        self.coming_after.setVisible(bool(self.steps))
        for target, items in ((self.coming_before, before), (self.coming_after, after)):
            target.set_lines(
                [
                    (
                        {"up": "up", "down": "down"}.get(item.direction, "same"),
                        f"<b>{escape(item.when)}</b>&nbsp;&nbsp;{escape(item.cause)}"
                        f"&nbsp;&nbsp;<b>{escape(item.move)}</b>",
                    )
                    for item in items
                ]
            )

    def _show_chart(self, log: Log, as_of: date) -> None:
        start, end = as_of - timedelta(days=MONTHS_BACK_DAYS), as_of + timedelta(days=DAYS_AHEAD)
        reports = self.operations.reports
        if self._real_trend is None or self._real_trend[0] != as_of:
            real = series_from_report(reports.trend_report(log, start, end))
            self._real_trend = (as_of, real)
        sandbox = None
        assert self.result is not None
        if self.result.applied:
            sandbox = series_from_report(reports.trend_report(self.result.log, start, end))
        self.chart.set_series(self._real_trend[1], sandbox, as_of)


def clear_layout(layout: QGridLayout | QVBoxLayout | QHBoxLayout) -> None:
    """Empty a layout of its widgets and inner layouts (they are deleted)."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        inner = item.layout()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)  # type: ignore[arg-type]
            inner.deleteLater()
