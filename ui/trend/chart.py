"""The trend chart: the estimate above, the events on the axis, invites and proposals below.

Three pyqtgraph plots share one date axis (their x is linked). Dragging with the left button marks a
span and emits `span_selected(start, end)` ("why did it move between these days?"); the wheel zooms
the dates, Shift+drag or the middle button pans. Every value is drawn as the engine gave it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont
from PySide6.QtWidgets import QToolTip, QWidget

import ui.small_chart  # noqa: F401  (pyqtgraph's options, set before the first chart)
from ui.theme import Theme
from ui.trend.marks import Mark, marks_on
from ui.trend.series import DAY_SECONDS, TrendSeries, from_x, to_x
from ui.wording import long_date

AXIS_WIDTH = 72


def _fmt(value: float, unit: str = "") -> str:
    return "\u2013" if np.isnan(value) else f"{value:.1f}{unit}"


class SpanViewBox(pg.ViewBox):  # type: ignore[misc]
    """A ViewBox where a plain left drag selects a span of days instead of panning."""

    def __init__(self, chart: TrendChart) -> None:
        super().__init__()
        self._chart = chart
        self.setMouseEnabled(x=True, y=False)

    def mouseDragEvent(self, ev: Any, axis: Any = None) -> None:
        plain_left = ev.button() == Qt.MouseButton.LeftButton and not (
            ev.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if not plain_left:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        start = self.mapSceneToView(ev.buttonDownScenePos()).x()
        here = self.mapSceneToView(ev.scenePos()).x()
        self._chart.show_span(start, here, final=ev.isFinish())


class TrendChart(pg.GraphicsLayoutWidget):  # type: ignore[misc]
    """Draws one TrendSeries and the Log's marks; reports hover text and selected spans."""

    span_selected = Signal(object, object)
    hovered = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.series: TrendSeries | None = None
        self.marks: list[Mark] = []
        self.hovered_day: date | None = None
        self.setBackground(theme.background)
        self.ci.layout.setSpacing(2)
        self.ci.setContentsMargins(4, 8, 12, 4)

        self.upper = self._plot(0, "estimate", height=None)
        self.strip = self._plot(1, "", height=72)
        self.lower = self._plot(2, "per week", height=None)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(2, 2)
        for plot in (self.strip, self.lower):
            plot.setXLink(self.upper)
        self.upper.getAxis("bottom").setStyle(showValues=False)
        self.strip.hideAxis("bottom")
        self.upper.setYRange(60, 101, padding=0)
        self.strip.setYRange(-0.7, 2.7, padding=0)
        self.strip.getAxis("left").setTicks([[(2, "ended"), (1, "feedback"), (0, "hold")]])
        self.strip.getAxis("left").setStyle(tickLength=0, textFillLimits=[(0, 0.95)])

        pen = pg.mkPen
        self.thresholds = []
        for value, label, colour in (
            (90, "90 · top", theme.good),
            (70, "70 · review", theme.attention),
        ):
            line = pg.InfiniteLine(
                pos=value,
                angle=0,
                pen=pen(colour, width=1, style=Qt.PenStyle.DashLine),
                label=label,
                labelOpts={"position": 0.02, "color": colour, "anchors": [(0, 1), (0, 1)]},
            )
            self.upper.addItem(line)
            self.thresholds.append(line)
        self.official_curve = pg.PlotDataItem(
            pen=pen(theme.neutral_series, width=1.5), stepMode="right", connect="finite"
        )
        self.live_curve = pg.PlotDataItem(pen=pen(theme.good, width=2.2), connect="finite")
        self.observed_dots = pg.ScatterPlotItem(
            size=9, symbol="o", pen=pen(theme.text, width=1.5), brush=pg.mkBrush(theme.background)
        )
        for item in (self.official_curve, self.live_curve, self.observed_dots):
            self.upper.addItem(item)
        for curve in (self.official_curve, self.live_curve):
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")

        self.ended_marks = pg.ScatterPlotItem(
            size=9, symbol="t1", pen=None, brush=pg.mkBrush(theme.text)
        )
        self.feedback_marks = pg.ScatterPlotItem(
            size=8, symbol="d", pen=None, brush=pg.mkBrush(theme.good)
        )
        self.hold_bars = pg.BarGraphItem(
            x0=[], x1=[], y0=[], y1=[], brush=pg.mkBrush(theme.attention), pen=None
        )
        for item in (self.hold_bars, self.ended_marks, self.feedback_marks):
            self.strip.addItem(item)

        self.invite_bars = pg.BarGraphItem(
            x=[], height=[], width=DAY_SECONDS * 5.5, brush=pg.mkBrush(theme.bars), pen=None
        )
        self.proposal_curve = pg.PlotDataItem(
            pen=pen(theme.neutral_series, width=1.6),
            symbol="o",
            symbolSize=3,
            symbolBrush=pg.mkBrush(theme.neutral_series),
            symbolPen=None,
        )
        self.lower.addItem(self.invite_bars)
        self.lower.addItem(self.proposal_curve)

        self.span = pg.LinearRegionItem(
            brush=pg.mkBrush(QColor(theme.good.red(), theme.good.green(), theme.good.blue(), 40)),
            pen=pen(theme.good),
            movable=False,
        )
        self.span.setZValue(-10)
        self.span.hide()
        self.upper.addItem(self.span)

        self.cursors = []
        for plot in (self.upper, self.strip, self.lower):
            cursor = pg.InfiniteLine(angle=90, movable=False, pen=pen(theme.muted, width=1))
            cursor.hide()
            plot.addItem(cursor, ignoreBounds=True)
            self.cursors.append(cursor)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def _plot(self, row: int, label: str, height: int | None) -> pg.PlotItem:
        axis = pg.DateAxisItem(orientation="bottom", utcOffset=0)
        plot = self.addPlot(row=row, col=0, viewBox=SpanViewBox(self), axisItems={"bottom": axis})
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=False, y=row != 1, alpha=0.12)
        left = plot.getAxis("left")
        left.setWidth(AXIS_WIDTH)
        if label:
            left.setLabel(label)
        font = QFont()
        font.setPointSizeF(self.theme.small_point_size)
        for name in ("left", "bottom"):
            plot.getAxis(name).setTickFont(font)
            plot.getAxis(name).setTextPen(self.theme.muted)
            plot.getAxis(name).setPen(self.theme.line)
        if height is not None:
            plot.setFixedHeight(height)
            plot.setMouseEnabled(x=True, y=False)
        return plot

    def set_data(self, series: TrendSeries, marks: list[Mark]) -> None:
        """Draw a new series and its marks, and show its whole span."""
        self.series = series
        self.marks = marks
        self.live_curve.setData(series.x, series.live)
        self.official_curve.setData(series.x, series.official)
        ox, oy = series.observed_points()
        self.observed_dots.setData(ox, oy)
        week_x, invites, proposals = series.weekly()
        self.invite_bars.setOpts(x=week_x, height=np.nan_to_num(invites), width=DAY_SECONDS * 5.5)
        self.proposal_curve.setData(week_x, proposals)
        self._draw_marks(series, marks)
        self.span.hide()
        # The pointer has not moved but the values under it have: read them again.
        if self.hovered_day is not None:
            self.hover(self.hovered_day)
        if series.is_empty:
            return
        values = np.concatenate([series.live, series.official, oy])
        values = values[~np.isnan(values)]
        low = float(values.min()) if values.size else 70.0
        self.upper.setYRange(max(0.0, min(65.0, low - 5.0)), 101, padding=0)
        top = np.nanmax(np.concatenate([invites, proposals, [1.0]]))
        self.lower.setYRange(0, float(top) * 1.15, padding=0)
        first, last = float(series.x[0]), float(series.x[-1]) + DAY_SECONDS
        for plot in (self.upper, self.strip, self.lower):
            plot.getViewBox().setLimits(xMin=first - DAY_SECONDS, xMax=last + DAY_SECONDS)
        self.upper.setXRange(first, last, padding=0.01)

    def _draw_marks(self, series: TrendSeries, marks: list[Mark]) -> None:
        ended = [to_x(m.day) for m in marks if m.kind == "ended"]
        feedback = [to_x(m.day) for m in marks if m.kind == "feedback"]
        self.ended_marks.setData(ended, [2.0] * len(ended))
        self.feedback_marks.setData(feedback, [1.0] * len(feedback))
        end_x = float(series.x[-1]) + DAY_SECONDS if not series.is_empty else 0.0
        holds = [m for m in marks if m.kind == "hold"]
        self.hold_bars.setOpts(
            x0=[to_x(m.day) for m in holds],
            x1=[to_x(m.until) + DAY_SECONDS if m.until else end_x for m in holds],
            y0=[-0.3] * len(holds),
            y1=[0.3] * len(holds),
        )

    def show_span(self, x_start: float, x_end: float, *, final: bool) -> None:
        """Shade the span being dragged; when the drag ends, emit the two days it covers."""
        low, high = sorted((x_start, x_end))
        self.span.setRegion((low, high))
        self.span.show()
        if final:
            first, last = from_x(low), from_x(high)
            if first < last:
                self.span_selected.emit(first, last)
            else:
                self.span.hide()

    def text_at(self, day: date) -> str:
        """Every value on a day, in words: what the hover shows."""
        series = self.series
        if series is None or series.is_empty:
            return ""
        index = series.index_near(to_x(day))
        assert index is not None
        shown = series.days[index]
        parts = [
            f"{shown:%a} {long_date(shown)}",
            f"estimate {_fmt(series.live[index])}",
            f"official {_fmt(series.official[index])}",
        ]
        if not np.isnan(series.observed[index]):
            parts.append(f"you recorded {series.observed[index]:.0f}")
        parts.append(f"invites {_fmt(series.invites[index], '/wk')}")
        parts.append(f"proposals {_fmt(series.proposals[index], '/wk')}")
        parts.extend(mark.text for mark in marks_on(self.marks, shown))
        return " · ".join(parts)

    def _mouse_moved(self, position: QPointF) -> None:
        series = self.series
        if series is None or series.is_empty:
            return
        view = None
        for plot in (self.upper, self.strip, self.lower):
            if plot.sceneBoundingRect().contains(position):
                view = plot.getViewBox()
        if view is None:
            for cursor in self.cursors:
                cursor.hide()
            return
        index = series.index_near(view.mapSceneToView(position).x())
        assert index is not None
        text = self.hover(series.days[index])
        QToolTip.showText(QCursor.pos(), text.replace(" · ", "\n"), self)

    def hover(self, day: date) -> str:
        """Put the cursor on the day nearest `day` and emit its values; '' when nothing is drawn."""
        self.hovered_day = day
        series = self.series
        index = None if series is None else series.index_near(to_x(day))
        if series is None or series.is_empty or index is None:
            for cursor in self.cursors:
                cursor.hide()
            self.hovered.emit("")
            return ""
        for cursor in self.cursors:
            cursor.setPos(series.x[index])
            cursor.show()
        text = self.text_at(series.days[index])
        self.hovered.emit(text)
        return text
