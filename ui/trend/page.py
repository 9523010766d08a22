"""The Trend page: range buttons, the chart, its legend, the hover readout, PNG and CSV export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.results import Trend
from tracker.records.model import Log
from ui.operations import Changes, Operations
from ui.pyside_defects import shielded
from ui.theme import Theme, set_role
from ui.trend.chart import TrendChart
from ui.trend.marks import marks_from_log
from ui.trend.series import series_from_report
from ui.welcome import log_is_empty

RANGES: tuple[tuple[str, int | None], ...] = (
    ("6 months", 6),
    ("1 year", 12),
    ("2 years", 24),
    ("All", None),
)
FIRST_RULES_DAY = date(2015, 3, 1)
NOTHING_YET = (
    "Nothing to draw yet: the trend starts with your first contract, invite or snapshot. "
    "Add them on the Log pages, or import your history (File \u203a Import)."
)
HINT = (
    "Point at a day to read every value · drag across a span to see why it moved · "
    "scroll to zoom, Shift+drag to pan"
)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (as the score model counts)."""
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def first_day(log: Log) -> date | None:
    """The earliest date in the log that the trend can show."""
    days = [c.started for c in log.contracts]
    days += (
        [i.date for i in log.invites]
        + [p.date for p in log.proposals]
        + [s.date for s in log.snapshots]
    )
    return min(days) if days else None


def range_start(log: Log, as_of: date, months: int | None) -> date:
    if months is not None:
        return months_before(as_of, months)
    earliest = first_day(log) or months_before(as_of, 24)
    return min(max(earliest, FIRST_RULES_DAY), as_of)


def _legend_swatch(colour: str, glyph: str, text: str) -> str:
    return f"<span style='color:{colour}; font-weight:bold'>{glyph}</span>&nbsp;{text}"


class TrendPage(QWidget):
    """The estimate and the invite rate on one time axis; refreshed when the log changes."""

    why_requested = Signal(object, object)

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self.months: int | None = 12
        self.report = Trend(())
        self._dirty = True

        title = set_role(QLabel("Trend of the estimate"), "title")
        self.range_group = QButtonGroup(self)
        ranges = QHBoxLayout()
        ranges.setSpacing(2)
        for index, (name, months) in enumerate(RANGES):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setChecked(months == self.months)
            set_role(button, "segment")
            self.range_group.addButton(button, index)
            ranges.addWidget(button)
        self.range_group.idClicked.connect(self._range_chosen)
        export_png = QPushButton("Save picture…")
        export_png.clicked.connect(self.ask_export_png)
        export_csv = QPushButton("Save CSV…")
        export_csv.clicked.connect(self.ask_export_csv)
        self.exports = (export_png, export_csv)

        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(24)
        header.addLayout(ranges)
        header.addStretch(1)
        header.addWidget(export_png)
        header.addWidget(export_csv)

        good, text, muted = theme.good.name(), theme.text.name(), theme.neutral_series.name()
        upper_legend = QLabel(
            "&nbsp;&nbsp;&nbsp;".join(
                [
                    _legend_swatch(good, "━━", "estimate (live)"),
                    _legend_swatch(muted, "━━", "official value (steps on update days)"),
                    _legend_swatch(text, "○", "values you recorded"),
                    _legend_swatch(good, "╌╌", "90: top"),
                    _legend_swatch(theme.attention.name(), "╌╌", "70: may bring a review"),
                ]
            )
        )
        lower_legend = QLabel(
            "&nbsp;&nbsp;&nbsp;".join(
                [
                    _legend_swatch(theme.bars.name(), "▮", "invites per week (last 4 weeks)"),
                    _legend_swatch(muted, "─●─", "proposals per week"),
                    _legend_swatch(text, "▲", "contract ended"),
                    _legend_swatch(good, "◆", "feedback"),
                    _legend_swatch(theme.attention.name(), "▬", "account hold"),
                ]
            )
        )
        for legend in (upper_legend, lower_legend):
            set_role(legend, "small")

        self.chart = TrendChart(theme)
        self.chart.span_selected.connect(self.why_requested)
        self.chart.hovered.connect(self._show_readout)
        self.readout = set_role(QLabel(HINT), "muted")
        self.readout.setWordWrap(True)
        self.nothing_yet = set_role(QLabel(NOTHING_YET), "muted")
        self.nothing_yet.setWordWrap(True)
        self.nothing_yet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.chart)
        self.body.addWidget(self.nothing_yet)
        self.legends = (upper_legend, lower_legend)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 16)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(upper_legend)
        layout.addWidget(self.body, 1)
        layout.addWidget(lower_legend)
        layout.addWidget(self.readout)
        operations.changed.connect(self.on_changed)

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(
            "contracts",
            "payments",
            "feedback",
            "invites",
            "proposals",
            "snapshots",
            "events",
            "clients",
            "settings",
            "profile",
        ):
            self._dirty = True
            if self.isVisible():
                self.refresh()

    @shielded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Ask the engine for the trend of the chosen range and draw it."""
        log = self.operations.log()
        as_of = self.operations.as_of
        start = range_start(log, as_of, self.months)
        self.report = self.operations.reports.trend_report(log, start, as_of)
        self.chart.set_data(series_from_report(self.report), marks_from_log(log, start, as_of))
        empty = log_is_empty(log)
        self.body.setCurrentWidget(self.nothing_yet if empty else self.chart)
        for widget in (*self.legends, self.readout):
            widget.setVisible(not empty)
        for button in self.exports:  # nothing drawn: nothing to save
            button.setEnabled(not empty)
        self._dirty = False

    def _range_chosen(self, index: int) -> None:
        self.months = RANGES[index][1]
        self.refresh()

    def _show_readout(self, text: str) -> None:
        self.readout.setText(text or HINT)

    def ask_export_png(self) -> None:
        name = f"repute-trend-{self.operations.as_of.isoformat()}.png"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the chart as a picture", name, "PNG picture (*.png)"
        )
        if path:
            self.export_png(Path(path))

    def ask_export_csv(self) -> None:
        name = f"repute-trend-{self.operations.as_of.isoformat()}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the trend as CSV", name, "CSV table (*.csv)"
        )
        if path:
            self.export_csv(Path(path))

    def export_png(self, path: Path) -> None:
        if not self.chart.grab().save(str(path), "PNG"):
            self.operations.failed.emit(f"Could not write the picture to {path}.")

    def export_csv(self, path: Path) -> None:
        from tracker.cli.json_out import trend_csv
        from tracker.io.atomic_file import write_atomically
        from ui.file_errors import file_error_types

        try:
            write_atomically(path, trend_csv(self.report).encode("utf-8"))
        except file_error_types() as error:
            self.operations.failed.emit(f"Could not write the CSV: {error}")
