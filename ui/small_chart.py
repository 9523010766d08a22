"""The look shared by the small, still charts (dashboard, What if, calibration)."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont

from ui.theme import Theme


def quiet_plot(
    widget: pg.PlotWidget, theme: Theme, axes: Sequence[str] = ("left", "bottom")
) -> pg.PlotItem:
    """Style `widget` as a calm chart that does not pan or zoom; returns its plot item."""
    widget.setBackground(theme.background)
    widget.setMenuEnabled(False)
    widget.setMouseEnabled(x=False, y=False)
    widget.hideButtons()
    plot = widget.getPlotItem()
    font = QFont()
    font.setPointSizeF(theme.small_point_size)
    for name in axes:
        axis = plot.getAxis(name)
        axis.setTickFont(font)
        axis.setTextPen(theme.muted)
        axis.setPen(theme.line)
    plot.getAxis("left").setWidth(40)
    return plot
