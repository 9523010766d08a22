"""Fit to my recorded values: how far the estimate is from what the marketplace showed, and a fit.

The search runs in a thread of its own (ui.calibration.worker) with a progress bar, so the window
stays responsive. A kept fit is saved through Operations.apply as the user's own rule set and
selected in the same step, so one Undo takes it back.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracker.records.changes import Change
from tracker.records.model import Log
from ui.calibration import words
from ui.calibration.chart import CalibrationChart
from ui.calibration.worker import CalibrationRun, Finished
from ui.dashboard.blocks import Figure, heading, muted
from ui.operations import Changes, Operations
from ui.pyside_defects import shielded
from ui.scrolling import fill_with_scrolling
from ui.theme import Theme, set_role

if TYPE_CHECKING:
    from tracker.engine.calibration.fit import Calibration, CalibrationPoint

LOG_TABLES = (
    "contracts",
    "payments",
    "feedback",
    "snapshots",
    "events",
    "clients",
)


def save_change(run_change: Change, run_name: str, name: str, log: Log) -> Change:
    """The run's Change, renamed to `name`, based on the log as it is now, and selecting it.

    The run saved its fit under the name it was started with; the user may have typed another
    since, or saved other rule sets: those stay.
    """
    from tracker.engine.rules import saved_rule_sets

    custom = (run_change.settings or {})["custom_rules"]
    assert isinstance(custom, dict)
    fitted = custom[run_name]
    saved = saved_rule_sets(log)
    saved[name] = fitted
    return Change(
        label=f"use the fitted rule set '{name}'",
        settings={"custom_rules": saved, "rules": name},
    )


class CalibrationPage(QWidget):
    """A button that fits the model to the snapshots, the errors, the changes, and a save."""

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self.run: CalibrationRun | None = None
        self.run_log: Log | None = None
        self.report: Calibration | None = None
        self.change: Change | None = None
        self.saved_as: str | None = None
        self._dirty = True

        title = set_role(QLabel("Fit the model to your record"), "title")
        self.status = muted()
        self.fit_button = QPushButton("Fit to my recorded values")
        self.fit_button.setDefault(True)
        self.fit_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Stop")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(320)
        self.progress.hide()
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.fit_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress)
        actions.addStretch(1)

        self.results = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.figures = [Figure(name) for name, *_ in words.error_figures(empty_report())]
        figures = QHBoxLayout()
        figures.setSpacing(48)
        for figure in self.figures:
            figures.addWidget(figure)
        figures.addStretch(1)
        self.changed_heading = heading("What the fit changes")
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.parameters = QLabel()
        self.parameters.setTextFormat(Qt.TextFormat.RichText)
        self.parameters.setWordWrap(True)
        self.name = QLineEdit(words.DEFAULT_NAME)
        self.name.setMaximumWidth(220)
        self.name.textChanged.connect(lambda _text: self._show_save_state())
        self.save_button = QPushButton("Save as my rule set and use it")
        self.save_button.clicked.connect(self.save)
        self.save_note = QLabel()
        self.save_note.setTextFormat(Qt.TextFormat.RichText)
        self.save_note.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.setSpacing(10)
        save_row.addWidget(QLabel("Name"))
        save_row.addWidget(self.name)
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        results = QVBoxLayout(self.results)
        results.setContentsMargins(0, 0, 0, 0)
        results.setSpacing(10)
        results.addWidget(heading("How far the official estimate is from your record"))
        results.addLayout(figures)
        results.addWidget(self.summary)
        results.addSpacing(6)
        results.addWidget(self.changed_heading)
        results.addWidget(self.estimate)
        results.addWidget(self.parameters)
        self.marks_heading = heading("The marketplace's list of the jobs that count")
        self.marks_summary = QLabel()
        self.marks_summary.setWordWrap(True)
        self.marks = QLabel()
        self.marks.setWordWrap(True)
        results.addSpacing(6)
        results.addWidget(self.marks_heading)
        results.addWidget(self.marks_summary)
        results.addWidget(self.marks)
        self.save_box = QWidget()
        save_column = QVBoxLayout(self.save_box)
        save_column.setContentsMargins(0, 4, 0, 0)
        save_column.setSpacing(6)
        save_column.addLayout(save_row)
        save_column.addWidget(self.save_note)
        results.addWidget(self.save_box)
        self.results.hide()

        self.chart_heading = heading("Your recorded values beside the official estimates")
        self.legend = set_role(QLabel(self._legend()), "small")
        self.chart = CalibrationChart(theme)
        self.chart.setMinimumHeight(240)

        content = QWidget()
        content.setObjectName("PageContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(self.status)
        column.addLayout(actions)
        column.addSpacing(8)
        column.addWidget(self.results)
        column.addSpacing(8)
        column.addWidget(self.chart_heading)
        column.addWidget(self.legend)
        column.addWidget(self.chart, 1)
        self.filler = QWidget()  # takes the chart's room while there is no chart
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        column.addWidget(self.filler, 1)
        fill_with_scrolling(self, content)
        operations.changed.connect(self.on_changed)

    def _legend(self, with_fit: bool = False) -> str:
        def swatch(colour: str, glyph: str, text: str) -> str:
            return f"<span style='color:{colour}; font-weight:bold'>{glyph}</span>&nbsp;{text}"

        parts = [
            swatch(self.theme.text.name(), "\u25cb", "the values you recorded"),
            swatch(self.theme.neutral_series.name(), "\u25a0\u2500", "official estimate, defaults"),
        ]
        if with_fit:
            parts.append(
                swatch(self.theme.good.name(), "\u25cf\u2501", "official estimate, fitted")
            )
        return "&nbsp;&nbsp;&nbsp;".join(parts)

    # Reacting

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(*LOG_TABLES):
            self.report = None
            self.change = None
            self.saved_as = None
        self._dirty = True
        if self.isVisible():
            self.refresh()

    @shielded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        log = self.operations.log()
        self.status.setText(words.before_run(log))
        set_role(self.status, "muted" if words.can_fit(log) else "")
        self.fit_button.setEnabled(words.can_fit(log) and self.run is None)
        self._show_report()
        self._dirty = False

    # Running

    def start(self) -> None:
        """Fit in a thread of its own; the progress bar follows it."""
        log = self.operations.log()
        if self.run is not None or not words.can_fit(log):
            return
        self.run_log = log
        self.report = None
        self.change = None
        self.saved_as = None
        self.run = CalibrationRun(log, words.DEFAULT_NAME)
        self.run.progressed.connect(self._progressed)
        self.run.ended.connect(self._ended)
        self.progress.setRange(0, 0)
        self.progress.setFormat("fitting to all values\u2026")
        self.progress.show()
        self.cancel_button.show()
        self.fit_button.setEnabled(False)
        self.results.hide()
        self.run.begin()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.progress.setFormat("stopping\u2026")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"leave-one-out: {done - 1} of {total - 1} fits")

    def _ended(self, finished: Finished) -> None:
        self.run = None
        self.progress.hide()
        self.cancel_button.hide()
        if finished.cancelled:
            self.operations.notice.emit("Calibration stopped; nothing changed.")
        elif finished.problem is not None:
            self.operations.failed.emit(f"Calibration: {finished.problem}.")
        elif self.run_log is not self.operations.log():
            self.operations.notice.emit(
                "The log changed while fitting; fit again to use the new values."
            )
        else:
            self.report, self.change = finished.report, finished.change
        self.refresh()

    # Showing

    def _show_report(self) -> None:
        report = self.report if self.report is not None else self._report_without_fit()
        points = report.points if report is not None else self._default_points()
        self.chart.set_points(points)
        has_points = bool(points)
        for widget in (self.chart_heading, self.legend, self.chart):
            widget.setVisible(has_points)
        self.filler.setVisible(not has_points)
        self.legend.setText(self._legend(any(p.fit is not None for p in points)))
        if report is None:
            self.results.hide()
            return
        for figure, (_name, value, note) in zip(
            self.figures, words.error_figures(report), strict=True
        ):
            figure.show_value(value, note)
        self.summary.setText(words.summary(report))
        lines = words.parameter_lines(report)
        self.changed_heading.setText(
            ("What the fit changes" if report.fitted else "What the best fit would change").upper()
        )
        self.changed_heading.setVisible(bool(lines))
        self.parameters.setVisible(bool(lines))
        sentences = words.parameter_sentences(report)
        self.parameters.setText(
            "<br>".join(
                "\u2022 " + escape(sentence[0].upper() + sentence[1:], quote=False) + "."
                for sentence in sentences
            )
        )
        self.parameters.setToolTip("\n".join(lines))
        self.estimate.setText(self._estimate_text())
        self.estimate.setVisible(self.change is not None)
        marks_head, marks_lines = words.marks_lines(report)
        self.marks_summary.setText(marks_head)
        self.marks.setText("<br>".join(escape(line, quote=False) for line in marks_lines))
        self.marks.setVisible(bool(marks_lines))
        self.save_box.setVisible(report.fitted)
        self._show_save_state()
        self.results.show()

    def _estimate_text(self) -> str:
        """Today's estimate with the defaults and with the fit (only for a fit worth keeping)."""
        if self.change is None:
            return ""
        from tracker.engine.numbers import out4
        from tracker.engine.reports import score_report
        from tracker.records.changes import apply_to_log

        log = self.operations.log()
        as_of = self.operations.as_of
        before = score_report(log, as_of, "auto", with_next_change=False).exact
        fitted = apply_to_log(log, self.change)
        after = score_report(fitted, as_of, words.DEFAULT_NAME, with_next_change=False).exact
        # At 4 places first, as `score --json` writes them.
        return words.estimate_text(out4(before), out4(after))

    def _report_without_fit(self) -> Calibration | None:
        """Too few recorded values to fit, but counted marks to compare: the report as
        `calibrate` gives it then (no search runs, so it is cheap), for the marks' agreement."""
        log = self.operations.log()
        if words.can_fit(log) or not log.counted_marks:
            return None
        from tracker.engine.calibration.fit import calibrate_report

        return calibrate_report(log, None)[0]

    def _default_points(self) -> tuple[CalibrationPoint, ...]:
        """Before a run: the recorded values beside the default estimates (cheap: no search)."""
        log = self.operations.log()
        if not log.snapshots:
            return ()
        from tracker.engine.calibration.cost import SnapshotErrors
        from tracker.engine.calibration.fit import points

        return points(SnapshotErrors(log), None)

    def _show_save_state(self) -> None:
        name = self.name.text()
        problem = words.name_problem(name)
        if self.saved_as is not None and self.saved_as == self.current_rules():
            self.save_note.setText(
                f"Saved as rule set '{escape(self.saved_as)}' and in use: the estimate everywhere "
                "now follows it. Edit \u203a Undo takes it back; Assumptions and settings "
                "switches to other rules."
            )
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(problem is None and self.change is not None)
        if problem is not None:
            colour = self.theme.attention.name()
            self.save_note.setText(
                f"<span style='color:{colour}; font-weight:bold'>!</span>&nbsp;"
                f"{escape(problem[0].upper() + problem[1:])}."
            )
            return
        from tracker.engine.rules import saved_rule_sets

        replaces = name in saved_rule_sets(self.operations.log())
        self.save_note.setText(
            ("It replaces your rule set of that name. " if replaces else "")
            + "Saving keeps it with your log (and its export) and uses it for the estimate."
        )

    def current_rules(self) -> str:
        value = self.operations.log().setting("rules", "auto")
        return value if isinstance(value, str) else "auto"

    def save(self) -> None:
        """Save the fit as the user's own rule set and select it, as one undoable change."""
        name = self.name.text()
        if self.change is None or words.name_problem(name) is not None:
            self._show_save_state()
            return
        change = save_change(self.change, words.DEFAULT_NAME, name, self.operations.log())
        self.saved_as = name
        self.operations.apply(change)
        self._show_save_state()


def empty_report() -> Calibration:
    """A report with nothing in it (for the figures' names)."""
    from tracker.engine.calibration.fit import Calibration
    from tracker.engine.calibration.marks import MarksCompared

    return Calibration(
        0, False, None, None, None, None, {}, None, MarksCompared(0, 0, ()), None, {}, ()
    )
