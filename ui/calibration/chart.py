"""The recorded values beside the default and the fitted official estimates, one point per day.

Recorded values are open rings; the default estimate is a grey line with squares; the fitted one
the accent blue with dots. Each has a word in the legend, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from tracker.engine.numbers import out4
from ui.small_chart import quiet_plot
from ui.theme import Theme
from ui.trend.series import DAY_SECONDS, to_x

if TYPE_CHECKING:
    from tracker.engine.calibration.fit import CalibrationPoint


def column(values: Iterable[Fraction | int | None]) -> np.ndarray:
    """Each value at 4 places, as `calibrate --json` writes it; None as NaN."""
    return np.array(
        [np.nan if v is None else out4(v) if isinstance(v, Fraction) else float(v) for v in values],
        dtype=float,
    )


class CalibrationChart(pg.PlotWidget):  # type: ignore[misc]
    """Three series over the snapshot days: recorded, default estimate, fitted estimate."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom", utcOffset=0)}
        )
        self.theme = theme
        self.points: tuple[CalibrationPoint, ...] = ()
        plot = quiet_plot(self, theme)
        plot.showGrid(x=False, y=True, alpha=0.12)
        self.default_curve = plot.plot(
            pen=pg.mkPen(theme.neutral_series, width=1.4),
            symbol="s",
            symbolSize=6,
            symbolPen=None,
            symbolBrush=pg.mkBrush(theme.neutral_series),
            connect="finite",
        )
        self.fit_curve = plot.plot(
            pen=pg.mkPen(theme.good, width=2),
            symbol="o",
            symbolSize=6,
            symbolPen=None,
            symbolBrush=pg.mkBrush(theme.good),
            connect="finite",
        )
        self.recorded_dots = pg.ScatterPlotItem(
            size=12, symbol="o", pen=pg.mkPen(theme.text, width=1.6), brush=None
        )
        plot.addItem(self.recorded_dots)
        plot.setYRange(60, 101, padding=0)

    def set_points(self, points: tuple[CalibrationPoint, ...]) -> None:
        """Draw the report's `points` (a fit of None leaves the fitted line out)."""
        self.points = points
        x = np.array([to_x(p.day) for p in points], dtype=float)
        recorded = column(p.recorded for p in points)
        default = column(p.default for p in points)
        fit = column(p.fit for p in points)
        self.recorded_dots.setData(x, recorded)
        self.default_curve.setData(x, default)
        if np.all(np.isnan(fit)):
            self.fit_curve.setData([], [])
        else:
            self.fit_curve.setData(x, fit)
        if not points:
            return
        values = np.concatenate([recorded, default, fit])
        values = values[~np.isnan(values)]
        low = float(values.min()) if values.size else 70.0
        self.getPlotItem().setYRange(max(0.0, min(65.0, low - 5.0)), 101, padding=0)
        pad = 20 * DAY_SECONDS
        self.getPlotItem().setXRange(float(x.min()) - pad, float(x.max()) + pad, padding=0)
