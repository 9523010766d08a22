"""The floor for opening the window: a bare window holding one pyqtgraph plot, painted and grabbed.

It does what `main.py --screenshot` must do at the least (start Python, import Qt and pyqtgraph,
show a window with a plot, paint it, save it as a PNG) and nothing else.

Usage: python bench/probe_bare_window.py OUT.png
"""

from __future__ import annotations

import sys

import pyqtgraph  # type: ignore[import-untyped]
from PySide6.QtWidgets import QApplication, QMainWindow


def main(out: str) -> int:
    """Show the bare window, let it paint, save it to `out`."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pyqtgraph.PlotWidget()
    plot.plot([0, 1, 2, 3], [93, 95, 85, 95])
    window.setCentralWidget(plot)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    saved = window.grab().save(out)
    window.close()
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
