"""The estimate with and without the sandbox's changes, on one date axis, with today marked.

The log's own estimate is the accent blue; the sandboxed one is orange and dashed, so the two
differ by colour and by line, and the legend names both in words.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.small_chart import quiet_plot
from ui.theme import Theme
from ui.trend.series import TrendSeries, to_x
from ui.wording import long_date, one_decimal


def value_words(value: float) -> str:
    return "hidden" if np.isnan(value) else one_decimal(float(value))


class SandboxChart(pg.PlotWidget):  # type: ignore[misc]
    """Two lines of the estimate (as logged, with the changes) and the 90 and 70 thresholds."""

    hovered = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        )
        self.theme = theme
        self.real: TrendSeries | None = None
        self.sandbox: TrendSeries | None = None
        plot = quiet_plot(self, theme)
        plot.showGrid(x=False, y=True, alpha=0.12)
        for value, colour in ((90, theme.good), (70, theme.attention)):
            plot.addItem(
                pg.InfiniteLine(
                    pos=value, angle=0, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DotLine)
                )
            )
        self.today = pg.InfiniteLine(
            angle=90,
            pen=pg.mkPen(theme.muted, width=1),
            label="today",
            labelOpts={"position": 0.06, "color": theme.muted, "anchors": [(0, 0), (0, 0)]},
        )
        plot.addItem(self.today)
        # The sandboxed line lies under the real one: it shows only where the two differ.
        self.sandbox_curve = plot.plot(
            pen=pg.mkPen(theme.attention, width=2.2, style=Qt.PenStyle.DashLine), connect="finite"
        )
        self.real_curve = plot.plot(pen=pg.mkPen(theme.good, width=2.2), connect="finite")
        self.cursor = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(theme.line, width=1))
        self.cursor.hide()
        plot.addItem(self.cursor, ignoreBounds=True)
        plot.setYRange(60, 101, padding=0)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    def set_series(self, real: TrendSeries, sandbox: TrendSeries | None, today: date) -> None:
        """Draw the log's estimate, and the sandboxed one when there are changes."""
        self.real, self.sandbox = real, sandbox
        self.real_curve.setData(real.x, real.live)
        if sandbox is None:
            self.sandbox_curve.setData([], [])
        else:
            self.sandbox_curve.setData(sandbox.x, sandbox.live)
        self.today.setPos(to_x(today))
        if real.is_empty:
            return
        values = real.live if sandbox is None else np.concatenate([real.live, sandbox.live])
        values = values[~np.isnan(values)]
        low = float(values.min()) if values.size else 70.0
        self.getPlotItem().setYRange(max(0.0, min(65.0, low - 5.0)), 101, padding=0)
        self.getPlotItem().setXRange(float(real.x[0]), float(real.x[-1]), padding=0.01)

    def text_at(self, index: int) -> str:
        """The day and both estimates on it, in words."""
        real = self.real
        assert real is not None
        day = real.days[index]
        parts = [long_date(day), f"as logged {value_words(real.live[index])}"]
        sandbox = self.sandbox
        if sandbox is not None and index < len(sandbox.days):
            parts.append(f"with the changes {value_words(sandbox.live[index])}")
        return " \u00b7 ".join(parts)

    def _mouse_moved(self, position: QPointF) -> None:
        real = self.real
        view = self.getPlotItem().getViewBox()
        if real is None or real.is_empty or not view.sceneBoundingRect().contains(position):
            self.cursor.hide()
            self.hovered.emit("")
            return
        index = real.index_near(view.mapSceneToView(position).x())
        assert index is not None
        self.cursor.setPos(real.x[index])
        self.cursor.show()
        self.hovered.emit(self.text_at(index))
