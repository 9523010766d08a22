"""The Overview: where the freelancer stands, why, and what comes next, without a click."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.results import ScoreReport, Trend
from ui.dashboard import texts
from ui.dashboard.blocks import Figure, MarkedList, heading, link, muted, set_text
from ui.operations import FORECAST_MOVES, Changes, Operations
from ui.scrolling import fill_with_scrolling
from ui.theme import Theme, selection_colour, set_role
from ui.wording import long_date
from ui.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from tracker.engine.plan import Plan
    from ui.dashboard.mini_trend import MiniTrend

TREND_DAYS = 365
WARNINGS_SHOWN = 3

WORKING_OUT = "being worked out"  # what a figure of the second stage says before it is known
LAYOUT_PASSES = 6  # a label, its grid, its column, the page, the scroll area: one pass each


def lay_out_now() -> None:
    """Do now the layouts that new texts asked for, before the next paint.

    Each nested layout asks its parent's only once it has been done itself, one event round
    later; a paint in between showed the new texts cut to their old widths for a frame (81.1 as
    "8", the Stats page figures empty) before they took their places.
    """
    for _ in range(LAYOUT_PASSES):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class WindowStrip(QWidget):
    """The five windows side by side, each with its score and whether it counts."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(2)
        self.names: list[QLabel] = []
        self.scores: list[QLabel] = []
        self.states: list[QLabel] = []
        self.details: list[QLabel] = []
        for column in range(5):
            name, score, state, detail = muted(wrap=False), QLabel(), QLabel(), muted(wrap=False)
            set_role(score, "medium")
            set_role(detail, "small")
            for row, widget in enumerate((name, score, state, detail)):
                self.grid.addWidget(
                    widget, row, column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                )
            self.grid.setColumnStretch(column, 1)
            self.names.append(name)
            self.scores.append(score)
            self.states.append(state)
            self.details.append(detail)

    def show_cells(self, cells: list[texts.WindowCell]) -> None:
        words = {
            "best": (self.theme.good, "★ best, the estimate"),
            "valid": (self.theme.muted, "valid"),
            "in_trending": (self.theme.muted, "valid, in Trending only"),
            "invalid": (self.theme.attention, "! does not count"),
            "empty": (self.theme.muted, "no job counted"),
        }
        for index, cell in enumerate(cells):
            colour, word = words[cell.state]
            set_text(self.names[index], cell.name)
            set_text(self.scores[index], cell.score)
            set_text(
                self.states[index], f"<span style='color:{colour.name()}'>{escape(word)}</span>"
            )
            set_text(self.details[index], cell.detail)


class DashboardPage(QWidget):
    """The estimate, the official value, the windows, badges, what comes next, and the year."""

    trend_requested = Signal()
    contract_requested = Signal(str)
    whatif_requested = Signal()
    back_to_own_log = Signal()

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self.score: ScoreReport | None = None
        self.trend = Trend(())
        self._dirty = True
        self._later_dirty = True
        self._queued = False

        content = QWidget()
        content.setObjectName("DashboardContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 18, 32, 12)
        column.setSpacing(18)

        self.sample_banner = self._sample_banner()
        column.addWidget(self.sample_banner)

        top = QHBoxLayout()
        top.setSpacing(48)
        estimate = QVBoxLayout()
        estimate.setSpacing(0)
        self.estimate_heading = heading("Job Success · estimate")
        estimate.addWidget(self.estimate_heading)
        figures_line = QHBoxLayout()
        figures_line.setSpacing(16)
        self.percent = set_role(QLabel("\u2013"), "big")
        self.exact = set_role(QLabel(""), "medium")
        figures_line.addWidget(self.percent, 0, Qt.AlignmentFlag.AlignBaseline)
        figures_line.addWidget(self.exact, 0, Qt.AlignmentFlag.AlignBaseline)
        figures_line.addStretch(1)
        estimate.addLayout(figures_line)
        self.best = muted("Reading your log\u2026")
        estimate.addWidget(self.best)
        top.addLayout(estimate, 5)
        self.since = Figure("Since last week")
        # Worked out after the estimate is painted (the year's trend): until then it says so,
        # rather than a dash that reads as "no change" and then turns into a number.
        self.since.show_value("\u2026", WORKING_OUT)
        self.official = Figure("Stats page shows")
        self.next_update = Figure("Next update")
        for figure in (self.since, self.official, self.next_update):
            top.addWidget(figure, 2)
        column.addLayout(top)

        windows = QVBoxLayout()
        windows.setSpacing(8)
        windows.addWidget(heading("Windows · the best valid one is the estimate"))
        self.windows = WindowStrip(theme)
        windows.addWidget(self.windows)
        column.addLayout(windows)

        middle = QHBoxLayout()
        middle.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(heading("Coming up · if nothing new happens"))
        self.coming_up = MarkedList(theme, "No change ahead: nothing leaves a window soon.")
        self.coming_up.contract_clicked.connect(self.contract_requested)
        self.coming_up.show_waiting(f"{WORKING_OUT.capitalize()}\u2026")
        left.addWidget(self.coming_up)
        left.addSpacing(8)
        left.addWidget(heading("Needs you"))
        self.needs_you = MarkedList(
            theme, "Nothing at risk: no open contract waits for payment or feedback."
        )
        self.needs_you.contract_clicked.connect(self.contract_requested)
        left.addWidget(self.needs_you)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(10)
        right.addWidget(heading("Badges"))
        self.badges = MarkedList(theme, "")
        right.addWidget(self.badges)
        self.plan: Plan | None = None
        self.plan_line = WrappedLabel()
        self.plan_line.setTextFormat(Qt.TextFormat.RichText)
        self.plan_line.linkActivated.connect(lambda _target: self.whatif_requested.emit())
        self.plan_line.hide()
        right.addWidget(self.plan_line)
        right.addSpacing(8)
        right.addWidget(heading("Stats page figures"))
        self.stat_labels: list[tuple[QLabel, QLabel, QLabel]] = []
        self.stats = QGridLayout()
        self.stats.setHorizontalSpacing(18)
        self.stats.setVerticalSpacing(4)
        right.addLayout(self.stats)
        right.addStretch(1)
        middle.addLayout(left, 3)
        middle.addLayout(right, 2)
        column.addLayout(middle)

        trend = QVBoxLayout()
        trend.setSpacing(6)
        self.trend_heading = heading("The last 12 months · estimate over invites per week")
        trend.addWidget(self.trend_heading)
        self.trend_box = trend
        self.mini_trend: MiniTrend | None = None
        self.trend_space = QWidget()
        self._size_trend_area(self.trend_space)
        trend.addWidget(self.trend_space, 1)
        column.addLayout(trend, 1)

        fill_with_scrolling(self, content)
        self.percent.installEventFilter(self)
        operations.changed.connect(self.on_changed)

    @staticmethod
    def _size_trend_area(widget: QWidget) -> None:
        widget.setMinimumHeight(130)
        widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)

    def _chart(self) -> MiniTrend:
        """The small chart, made on first use: a plot costs a tenth of start-up before the paint."""
        if self.mini_trend is None:
            # Imported here: pyqtgraph and numpy are not needed before the estimate is painted.
            from ui.dashboard.mini_trend import MiniTrend

            chart = MiniTrend(self.theme)
            self._size_trend_area(chart)
            chart.clicked.connect(self.trend_requested)
            self.trend_box.replaceWidget(self.trend_space, chart)
            chart.setVisible(True)  # in this paint, with the texts it goes with, not the next
            self.trend_space.deleteLater()
            self.mini_trend = chart
        return self.mini_trend

    def _sample_banner(self) -> QFrame:
        banner = QFrame()
        banner.setAutoFillBackground(True)
        shade = QPalette()
        shade.setColor(QPalette.ColorRole.Window, selection_colour(self.theme))
        banner.setPalette(shade)
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 10, 12, 10)
        text = WrappedLabel(
            "You are exploring a sample profile. It lives in a database of its own: "
            "nothing you try here touches your log."
        )
        back = QPushButton("Back to my log")
        back.clicked.connect(self.back_to_own_log)
        row.addWidget(text, 1)
        row.addWidget(back)
        banner.hide()
        return banner

    def show_sample_banner(self, shown: bool) -> None:
        self.sample_banner.setVisible(shown)

    def on_changed(self, changes: Changes) -> None:
        self._dirty = True
        self._later_dirty = True
        if self.isVisible():
            self.refresh()

    @property
    def settled(self) -> bool:
        """Nothing waits to be shown: the estimate, the forecast and the year are all current."""
        return not (self._dirty or self._later_dirty)

    @property
    def estimate_shown(self) -> bool:
        """The estimate on show is the current log's (the forecast and the year may still come)."""
        return not self._dirty

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Once painted, read what is stale: the window shows before the log is read."""
        stale = self._dirty or self._later_dirty
        if event.type() == QEvent.Type.Paint and stale and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self.catch_up)
        return False

    def catch_up(self) -> None:
        """Show a stale estimate; once that is painted, the forecast and the year."""
        self._queued = False
        if not self.isVisible():
            # Another page, or a closed window (its database may be closed too): the next
            # paint of the Overview asks again.
            return
        if self._dirty:
            self.refresh()
            return
        if self._later_dirty:
            self._show_coming_up()
            self.refresh_trend()
            self._show_plan()
            self._later_dirty = False
            lay_out_now()

    def refresh(self) -> None:
        """Read the estimate (cached per change by Operations) and show it."""
        as_of = self.operations.as_of
        self.score = score = self.operations.score()
        line = texts.headline(score)
        set_text(self.percent, line.percent)
        set_role(self.percent, "big" if line.hidden_reason is None else "big-muted")
        if line.hidden_reason is not None:
            set_text(self.exact, "no score yet")
            set_text(self.best, f"Hidden: {line.hidden_reason}.")
        else:
            set_text(self.exact, f"{line.exact} exact")
            set_text(self.best, f"{line.best}.")
        set_text(self.estimate_heading, f"JOB SUCCESS · ESTIMATE ON {long_date(as_of).upper()}")
        value, note = texts.official_text(score, as_of)
        self.official.show_value(value, note)
        self.next_update.show_value(*texts.next_update_text(score, as_of))
        self.windows.show_cells(texts.window_cells(score))
        self._show_badges(score)
        self._show_stats(score)
        self._show_warnings(score)
        self._dirty = False
        lay_out_now()
        # The second stage waits for this paint: a label whose text did not change is not
        # repainted by itself, and the forecast and the year would then wait for ever.
        self.percent.update()

    def refresh_trend(self) -> None:
        """The year's trend and the move since last week."""
        as_of = self.operations.as_of
        log = self.operations.log()
        self.trend = self.operations.reports.trend_report(
            log, as_of - timedelta(days=TREND_DAYS), as_of
        )
        from ui.trend.series import series_from_report

        self._chart().set_series(series_from_report(self.trend))
        change = texts.change_since(self.trend.points, as_of)
        week_ago = as_of - timedelta(days=7)
        note = f"from {long_date(week_ago)}" if change is not None else "no estimate a week ago"
        self.since.show_value(texts.since_text(change), note)

    def _show_badges(self, score: ScoreReport) -> None:
        lines = [
            (
                "good" if badge.has else "open",
                f"<b>{escape(badge.name)}</b>: {escape(badge.text)}",
            )
            for badge in texts.badge_lines(score)
        ]
        self.badges.set_lines(lines)

    def _show_plan(self) -> None:
        """The way back to 90 next to the badges, while the estimate is below it."""
        from ui.whatif import plan_words
        from ui.whatif.planning import badge_plan

        if not plan_words.should_show_badge_line(self.score.exact if self.score else None):
            self.plan = None
            self.plan_line.hide()
            return
        self.plan = badge_plan(self.operations.log(), self.operations.as_of)
        mark = f"<span style='color:{self.theme.good.name()}; font-weight:bold'>→</span>"
        more = link(self.theme, "whatif", "Try other plans")
        set_text(
            self.plan_line,
            f"{mark}&nbsp;&nbsp;{escape(plan_words.badge_line(self.plan), quote=False)} {more}",
        )
        self.plan_line.show()

    def _show_stats(self, score: ScoreReport) -> None:
        currency = self.operations.log().profile.currency
        items = texts.stat_items(score, currency)
        if not self.stat_labels:
            for row in range(len(items)):
                cells = (QLabel(), QLabel(), set_role(QLabel(), "small"))
                self.stats.addWidget(cells[0], row, 0)
                self.stats.addWidget(cells[1], row, 1, Qt.AlignmentFlag.AlignRight)
                self.stats.addWidget(cells[2], row, 2)
                for cell in cells:
                    # Now, not when the layout gets to it an event round later (after a paint
                    # that showed the heading over an empty grid).
                    cell.setVisible(True)
                self.stat_labels.append(cells)
            self.stats.setColumnStretch(2, 1)
        for (label, value, note), item in zip(self.stat_labels, items, strict=True):
            set_text(label, item.label)
            set_text(value, f"<b>{escape(item.value)}</b>")
            set_text(note, item.note)

    def _show_warnings(self, score: ScoreReport) -> None:
        lines = []
        every = texts.warnings(score)
        for warning in every[:WARNINGS_SHOWN]:
            opener = " " + link(self.theme, f"contract:{warning.contract}", "open")
            advice = f"<br><span>→ {escape(warning.advice)}</span>" if warning.advice else ""
            html = f"{escape(warning.text)}{opener if warning.contract else ''}{advice}"
            lines.append(("attention", html))
        if len(every) > WARNINGS_SHOWN:
            more = len(every) - WARNINGS_SHOWN
            lines.append(
                (
                    "none",
                    f"and {more} more {'contract' if more == 1 else 'contracts'} at risk: "
                    + link(self.theme, "contracts", "see the Contracts page"),
                )
            )
        self.needs_you.set_lines(lines)

    def _show_coming_up(self) -> None:
        lines = []
        forecast = self.operations.forecast()
        for item in texts.coming_up(forecast.moves, forecast.as_of, FORECAST_MOVES):
            tone = {"up": "up", "down": "down"}.get(item.direction, "same")
            lines.append(
                (
                    tone,
                    # The move on a line of its own, as Needs you puts its advice: a long cause
                    # then never leaves "window" and "estimate" side by side mid-line.
                    f"<b>{escape(item.when)}</b>&nbsp;&nbsp;{escape(item.cause)}<br>"
                    f"<span style='white-space:nowrap'>\u2192 estimate "
                    f"<b>{escape(item.move)}</b></span>",
                )
            )
        self.coming_up.set_lines(lines)
