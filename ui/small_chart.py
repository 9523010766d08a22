"""The look shared by the charts: smooth lines everywhere, and the small, still charts' style.

Every chart module imports this one, so pyqtgraph's options are set before any chart is made,
and not at start-up (the window paints its estimate before pyqtgraph is imported).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont

from ui.theme import Theme

pg.setConfigOptions(antialias=True)


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
