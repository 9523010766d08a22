"""What a page shows, as text: every visible label, button, field, table cell and chart readout.

Two windows on the same database must show the same text on every page (one edited step by step,
one freshly opened): that is how "incremental equals fresh" is tested.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.trend.chart import TrendChart


def plain(text: str) -> str:
    """A label's text as read: rich text without its markup, spaces as one."""
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return " ".join(text.replace("\u00a0", " ").split())


def table_text(view: QAbstractItemView) -> list[str]:
    """Every cell of a table as shown, headers first, one line per row."""
    model = view.model()
    if model is None:
        return []
    columns = range(model.columnCount())
    lines = [
        " | ".join(
            str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            for c in columns
        )
    ]
    for row in range(model.rowCount()):
        cells = (model.data(model.index(row, c), Qt.ItemDataRole.DisplayRole) for c in columns)
        lines.append(" | ".join("" if cell is None else str(cell) for cell in cells))
    return lines


def chart_text(chart: TrendChart) -> list[str]:
    """What the chart's readout says at its first and last day: the data it draws, in words."""
    series = chart.series
    if series is None or series.is_empty:
        return ["(no series)"]
    return [chart.text_at(series.days[0]), chart.text_at(series.days[-1])]


def visible_text(page: QWidget) -> list[str]:
    """The text a user can read on `page`, in the order the widgets were made."""
    lines: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        if isinstance(widget, QLabel):
            text = plain(widget.text())
            if text:
                lines.append(text)
        elif isinstance(widget, QAbstractButton):
            lines.append(f"[{plain(widget.text())}]")
        elif isinstance(widget, QLineEdit | QAbstractSpinBox):
            lines.append(f"<{widget.text()}>")
        elif isinstance(widget, QComboBox):
            lines.append(f"<{widget.currentText()}>")
        elif isinstance(widget, QAbstractItemView):
            lines.extend(table_text(widget))
        elif isinstance(widget, TrendChart):
            lines.extend(chart_text(widget))
    return lines
