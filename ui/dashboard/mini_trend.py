"""The dashboard's small trend: the last 12 months of the estimate over the invites per week."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from ui.pyside_defects import shielded
from ui.small_chart import quiet_plot
from ui.theme import Theme
from ui.trend.series import DAY_SECONDS, TrendSeries


class MiniTrend(pg.PlotWidget):  # type: ignore[misc]
    """A quiet picture of the year; a click opens the Trend page."""

    clicked = Signal()

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        )
        self.theme = theme
        self.series: TrendSeries | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Open the Trend page")
        plot = quiet_plot(self, theme, ("left", "bottom", "right"))
        plot.showAxis("right")
        plot.getAxis("right").setWidth(34)

        self.bars_view = pg.ViewBox()
        self.bars_view.setMouseEnabled(x=False, y=False)
        plot.scene().addItem(self.bars_view)
        plot.getAxis("right").linkToView(self.bars_view)
        self.bars_view.setXLink(plot)
        self.bars_view.setZValue(-5)
        plot.getViewBox().sigResized.connect(self._match_views)
        self.invite_bars = pg.BarGraphItem(
            x=[], height=[], width=DAY_SECONDS * 5, brush=pg.mkBrush(theme.bars), pen=None
        )
        self.bars_view.addItem(self.invite_bars)

        for value, colour in ((90, theme.good), (70, theme.attention)):
            plot.addItem(
                pg.InfiniteLine(
                    pos=value, angle=0, pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)
                )
            )
        self.live_curve = plot.plot(pen=pg.mkPen(theme.good, width=2), connect="finite")
        plot.setYRange(60, 101, padding=0)

    def _match_views(self) -> None:
        self.bars_view.setGeometry(self.getPlotItem().getViewBox().sceneBoundingRect())
        self.bars_view.linkedViewChanged(self.getPlotItem().getViewBox(), self.bars_view.XAxis)

    @shielded
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if getattr(self, "bars_view", None) is not None:
            self._match_views()

    def set_series(self, series: TrendSeries) -> None:
        self.series = series
        self._match_views()
        self.live_curve.setData(series.x, series.live)
        week_x, invites, _ = series.weekly()
        self.invite_bars.setOpts(x=week_x, height=np.nan_to_num(invites), width=DAY_SECONDS * 5)
        if series.is_empty:
            return
        live = series.live[~np.isnan(series.live)]
        low = float(live.min()) if live.size else 70.0
        self.getPlotItem().setYRange(max(0.0, min(65.0, low - 5.0)), 101, padding=0)
        top = float(np.nanmax(np.concatenate([invites, [1.0]])))
        self.bars_view.setYRange(0, top * 2.2, padding=0)
        self.getPlotItem().setXRange(float(series.x[0]), float(series.x[-1]), padding=0.01)

    @shielded
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
