"""Why it moved: two dates, the change in large type, then its causes, each naming its contract."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.results import Explained
from tracker.engine.texts import plural
from ui.dashboard.blocks import heading, link
from ui.operations import Changes, Operations
from ui.pyside_defects import shielded
from ui.scrolling import fill_with_scrolling
from ui.theme import Theme, set_role
from ui.why.causes import explanation, last_move

LOOK_BACK_DAYS = 730
QUICK_SPANS: tuple[tuple[str, int | None], ...] = (
    ("Last move", None),
    ("30 days", 30),
    ("90 days", 90),
    ("12 months", 365),
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class WhyPage(QWidget):
    """Explains the move of the estimate between two dates (by default its last move)."""

    contract_requested = Signal(str)

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self.report: Explained | None = None
        self._chosen = False
        self._dirty = True

        title = set_role(QLabel("Why it moved"), "title")
        self.since_field = self._date_field()
        self.until_field = self._date_field()
        explain = QPushButton("Explain")
        explain.setDefault(True)
        explain.clicked.connect(self._explain_fields)
        dates = QHBoxLayout()
        dates.setSpacing(10)
        dates.addWidget(QLabel("From"))
        dates.addWidget(self.since_field)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.until_field)
        dates.addWidget(explain)
        dates.addSpacing(24)
        for text, days in QUICK_SPANS:
            button = QToolButton()
            button.setText(text)
            set_role(button, "segment")
            button.clicked.connect(lambda _checked=False, days=days: self.explain_last(days))
            dates.addWidget(button)
        dates.addStretch(1)
        self.span_note = set_role(QLabel(), "small")

        self.change = set_role(QLabel("\u2013"), "big")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        set_role(self.summary, "medium")
        self.notes = set_role(QLabel(), "muted")
        self.notes.setWordWrap(True)
        self.causes = QGridLayout()
        self.causes.setHorizontalSpacing(22)
        self.causes.setVerticalSpacing(10)
        self.causes.setColumnStretch(1, 1)

        content = QWidget()
        content.setObjectName("PageContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(14)
        column.addWidget(title)
        column.addLayout(dates)
        column.addWidget(self.span_note)
        column.addSpacing(10)
        change_line = QHBoxLayout()
        change_line.setSpacing(20)
        change_line.addWidget(self.change, 0, Qt.AlignmentFlag.AlignVCenter)
        words = QVBoxLayout()
        words.addWidget(self.summary)
        words.addWidget(self.notes)
        change_line.addLayout(words, 1)
        column.addLayout(change_line)
        column.addSpacing(10)
        self.causes_heading = heading("Causes · largest first, adding up to the change")
        column.addWidget(self.causes_heading)
        column.addLayout(self.causes)
        column.addStretch(1)

        fill_with_scrolling(self, content)
        operations.changed.connect(self.on_changed)

    def _date_field(self) -> QDateEdit:
        field = QDateEdit()
        field.setCalendarPopup(True)
        field.setDisplayFormat("d MMM yyyy")
        field.setMinimumWidth(130)
        return field

    def on_changed(self, changes: Changes) -> None:
        if changes.reload:
            self._chosen = False
        self._dirty = True
        if self.isVisible():
            self.refresh()

    @shielded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def explain(self, since: date, until: date) -> None:
        """Explain the move between two dates the user chose (on the chart or in the fields)."""
        self._chosen = True
        self.span_note.hide()
        self.since_field.setDate(_qdate(since))
        self.until_field.setDate(_qdate(until))
        self.refresh()

    def explain_last(self, days: int | None) -> None:
        """Explain the last `days` days up to the evaluation day, or the score's last move."""
        if days is None:
            self._chosen = False
            self.refresh()
            return
        as_of = self.operations.as_of
        self.explain(as_of - timedelta(days=days), as_of)

    def default_dates(self) -> tuple[date, date]:
        """Around the last move of the score as the marketplace shows it; else two weeks."""
        as_of = self.operations.as_of
        report = self.operations.reports.trend_report(
            self.operations.log(), as_of - timedelta(days=LOOK_BACK_DAYS), as_of, "update"
        )
        found = last_move(report.points)
        if found is None:
            return as_of - timedelta(days=14), as_of
        return found

    def refresh(self) -> None:
        as_of = self.operations.as_of
        self.until_field.setMaximumDate(_qdate(as_of))
        self.since_field.setMaximumDate(_qdate(as_of - timedelta(days=1)))
        if not self._chosen:
            since, until = self.default_dates()
            self.since_field.setDate(_qdate(since))
            self.until_field.setDate(_qdate(until))
            self.span_note.setText(
                "The last time the score you see (a whole percent) moved; pick any two dates, "
                "or drag across the Trend chart."
            )
        self.span_note.setVisible(not self._chosen)
        self._dirty = False
        self._show()

    def _explain_fields(self) -> None:
        self._chosen = True
        self.span_note.hide()
        self._show()

    def _show(self) -> None:
        since, until = _pydate(self.since_field.date()), _pydate(self.until_field.date())
        self._clear_causes()
        if since >= until:
            self.report = None
            self.change.setText("\u2013")
            self.summary.setText("Pick a first date before the second.")
            self.notes.setText("")
            return
        self.report = self.operations.reports.explain_since_report(
            self.operations.log(), since, until
        )
        told = explanation(self.report)
        numbered = self.report.change is not None
        self.causes_heading.setText(
            ("Causes · largest first, adding up to the change" if numbered else "Causes").upper()
        )
        self.change.setText(told.change)
        set_role(
            self.change, {"good": "big", "attention": "big-attention"}.get(told.tone, "big-muted")
        )
        self.summary.setText(told.summary)
        self.notes.setText(" ".join(told.notes))
        self.notes.setVisible(bool(told.notes))
        if not told.causes and not told.quiet:
            self.causes.addWidget(
                set_role(QLabel("Nothing changed between these dates."), "muted"), 0, 0, 1, 2
            )
        for row, cause in enumerate(told.causes):
            colour = {"good": self.theme.good, "attention": self.theme.attention}.get(
                cause.tone, self.theme.muted
            )
            arrow = {"good": "▲", "attention": "▼"}.get(cause.tone, "•")
            delta = QLabel(
                f"<span style='color:{colour.name()}'>{arrow}</span>"
                f"&nbsp;<b>{escape(cause.delta)}</b>"
            )
            delta.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            opener = (
                "&nbsp;&nbsp;" + link(self.theme, cause.contract, "open") if cause.contract else ""
            )
            text = QLabel(f"{escape(cause.text)}{opener}")
            text.setWordWrap(True)
            text.linkActivated.connect(self.contract_requested)
            self.causes.addWidget(delta, row, 0)
            self.causes.addWidget(text, row, 1)
        if told.quiet:
            count = len(told.quiet)
            quiet = set_role(
                QLabel(
                    f"and {plural(count, 'more change')} that did not move "
                    "the estimate (they touched windows that did not decide it)"
                ),
                "muted",
            )
            quiet.setWordWrap(True)
            quiet.setToolTip("\n".join(c.text for c in told.quiet))
            self.causes.addWidget(quiet, len(told.causes), 1)

    def _clear_causes(self) -> None:
        while self.causes.count():
            item = self.causes.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def cause_texts(self) -> list[str]:
        """The causes as shown (for tests)."""
        return [c.text for c in explanation(self.report).causes] if self.report else []
